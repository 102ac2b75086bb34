//! Vacancies: a title, then "Location:" and "Deadline:" fields.
//!
//! Rules (`vacancy-entry`): the location field's place is
//! `schema:jobLocation`; the deadline is `schema:validThrough`; the hiring
//! organisation is the organisation or field operation the title names,
//! else the one the body says is recruiting ("X is seeking"), else, where
//! the body speaks of "the Mission" or "the Office", the field operation of
//! the page's organisation in the location's country.

use std::sync::LazyLock;

use oxrdf::Literal;
use ssgr_vocab::id::Kind;
use ssgr_vocab::{schema, ssgr, xsd};

use super::Entry;
use crate::dates::find_dates;
use crate::entity::Ent;
use crate::extract::Reader;
use crate::gazetteer::Target;
use crate::pattern::Pattern;

static RECRUITING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(r"(?i)\b(?:is|are) (?:seeking|looking for|recruiting|inviting)\b|\binvites applications\b")
});

static ANAPHOR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(r"\b(?:the|of) (Mission|Office|Presence|Centre|Programme Office|Project Co-ordinator)\b")
});

impl Reader<'_> {
    pub(super) fn read_vacancy(&mut self, entry: &Entry) {
        let title = self.block_text(entry.title).trim().to_owned();
        let Some(title_sentence) = self.first_sentence_of(entry.title) else { return };
        let span = self.sentences[title_sentence].span();
        let ent = Ent::discovered(Kind::Vacancy, ssgr::VACANCY, &title, None);
        self.declare_entity(&ent, span);
        self.em.name(&ent.iri, &title, false);

        let mut location_country = None;
        if let Some((block, _)) = self.field(entry, &["location", "duty station", "place of assignment"]) {
            if let Some(i) = self.first_sentence_of(block) {
                let places: Vec<Ent> =
                    self.mentions[i].iter().filter(|f| f.ent.is_place()).map(|f| f.ent.clone()).collect();
                let place = places.iter().find(|p| p.class == ssgr::PLACE).or(places.first());
                if let Some(place) = place {
                    let line = self.sentences[i].span();
                    self.declare_entity(place, line);
                    self.em.fact(&ent.iri, schema::JOB_LOCATION, place.iri.clone(), line, "vacancy-entry");
                    location_country = place.country.clone();
                }
            }
        }
        if let Some((block, value)) = self.field(entry, &["deadline", "application deadline", "closing date"]) {
            if let (Some(i), Some((_, _, date))) =
                (self.first_sentence_of(block), find_dates(&value, self.order).first())
            {
                let value = Literal::new_typed_literal(date.to_xsd_date_time(), xsd::DATE_TIME);
                self.em.fact(&ent.iri, schema::VALID_THROUGH, value, self.sentences[i].span(), "vacancy-entry");
            }
        }
        if let Some((employer, i)) = self.hiring_organisation(entry, title_sentence, location_country.as_deref()) {
            let evidence = self.sentences[i].span();
            self.declare_entity(&employer, evidence);
            self.em.fact(&ent.iri, schema::HIRING_ORGANIZATION, employer.iri.clone(), evidence, "vacancy-entry");
        }
        let mut blocks = vec![entry.title];
        blocks.extend(&entry.body);
        self.tag_subjects(&ent.iri, &blocks);
    }

    /// The employer and the sentence that says so.
    fn hiring_organisation(&self, entry: &Entry, title_sentence: usize, country: Option<&str>) -> Option<(Ent, usize)> {
        let organisation = |i: usize| {
            let found = &self.mentions[i];
            found
                .iter()
                .find(|f| f.ent.class == ssgr::FIELD_MISSION)
                .or_else(|| found.iter().find(|f| f.ent.is_actor() && f.ent.class != ssgr::PERSON))
                .map(|f| f.ent.clone())
        };
        if let Some(e) = organisation(title_sentence) {
            return Some((e, title_sentence));
        }
        let body = self.sentences_of(&entry.body);
        for &i in &body {
            let text = self.sentence_text(i);
            if let Some(cue) = RECRUITING.find(text) {
                let before = self.sentences[i].start + cue.start();
                if let Some(f) = self.mentions[i].iter().rev().find(|f| f.end <= before && f.ent.is_actor()) {
                    return Some((f.ent.clone(), i));
                }
            }
        }
        let country = country?;
        // Looked up at the first anaphor, once for all.
        let mut page_org = None;
        for &i in &body {
            let Some(caps) = ANAPHOR.captures(self.sentence_text(i)) else { continue };
            let family = caps.get(1).map_or("", |m| m.as_str());
            let page_org =
                *page_org.get_or_insert_with(|| self.page_actor.as_ref().and_then(|a| self.ex.org_id(&a.iri)));
            if let Some(e) = self.operation_of(page_org, country, family) {
                return Some((e, i));
            }
        }
        None
    }

    /// The field operation in `country` of the page's organisation (or of
    /// any organisation, where the page has none), if there is one.
    fn operation_of(&self, page_org: Option<&str>, country: &str, kind: &str) -> Option<Ent> {
        let operations: Vec<usize> = self
            .ex
            .reference
            .field_operations
            .iter()
            .enumerate()
            .filter(|(_, m)| m.country == country && page_org.is_none_or(|o| m.org == o))
            .filter(|(_, m)| m.label.contains(kind))
            .map(|(i, _)| i)
            .collect();
        match operations.as_slice() {
            [only] => self.ex.entity(Target::Mission(*only)),
            _ => None,
        }
    }
}
