//! Engagements: mandate entries, and named engagements in prose.
//!
//! Rules:
//! - `engagement-entry`: the title names the engagement (a trailing "in
//!   co-operation with <Actor>" becomes `ssgr:organisedBy`); the mandate
//!   line gives `dcterms:spatial` and `schema:startDate`/`endDate`.
//! - `role-cue`: in the entry's sentences, actors after "organised by",
//!   "led by" are `organisedBy`; after "supported by", "funded by",
//!   `supportedBy`; after "implemented by", "carried out by",
//!   `implementedBy`; after "support to", "assistance to", `beneficiary`;
//!   the actor before "requested" is `requestedBy`, and one whose support it
//!   requested (“requested X’s support”) is `supportedBy`.
//! - `engagement-in-prose`: "<Actor> implemented|led|conducted|launched|
//!   signed a <… Project|Programme|Agreement|Workshop|…>" names an
//!   engagement; the verb gives the actor's role, countries inside the
//!   phrase or its brackets give `dcterms:spatial`.
//! - `subject-tag`: an engagement's topics are those its own text names.

use std::sync::LazyLock;

use oxrdf::{Literal, NamedNode, NamedNodeRef};
use regex::Regex;
use ssgr_vocab::id::Kind;
use ssgr_vocab::{dcterms, schema, ssgr, xsd};

use super::Entry;
use crate::cues::Cue;
use crate::dates::find_dates;
use crate::entity::Ent;
use crate::extract::Reader;
use crate::names::ENGAGEMENT_HEADS;
use crate::pattern::Pattern;
use crate::text::name_key;

static PARTNER_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:in co-?operation with|in partnership with|in collaboration with|together with|with the support of)\s+(?P<partner>.+)$")
        .unwrap_or_else(|e| panic!("static regex: {e}"))
});

/// A cue and the role the actors it introduces play in an engagement.
pub(crate) struct RoleCue {
    pub(crate) pattern: Pattern,
    role: NamedNodeRef<'static>,
    /// The actors stand after the cue (else before it).
    after: bool,
}

pub(crate) static ROLE_CUES: LazyLock<Vec<RoleCue>> = LazyLock::new(|| {
    let cue = |p: &str, role, after| RoleCue { pattern: Pattern::fixed(p), role, after };
    vec![
        cue(r"(?i)\b(?:organi[sz]ed|co-organi[sz]ed|hosted|led|convened) by\b", ssgr::ORGANISED_BY, true),
        cue(r"(?i)\b(?:supported|funded|financed|sponsored) by\b", ssgr::SUPPORTED_BY, true),
        cue(r"(?i)\b(?:implemented|carried out|conducted|delivered|facilitated) by\b", ssgr::IMPLEMENTED_BY, true),
        cue(
            r"(?i)\b(?:support|assistance|training|help|services|oversight|expertise|advice|guidance|equipment) to\b",
            ssgr::BENEFICIARY,
            true,
        ),
        cue(r"(?i)\bat the request of\b", ssgr::REQUESTED_BY, true),
        cue(r"(?i)\b(?:has |have |had )?(?:requested|asked for|invited)\b", ssgr::REQUESTED_BY, false),
    ]
});

pub(crate) static REQUESTED_SUPPORT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(r"(?i)\brequested\s+(?:the\s+)?(?P<who>.+?)(?:’s|'s)?\s+(?:support|assistance|help|expertise)\b")
});

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:titled|entitled|called|named)\s+[“"]([^”"]{3,200})[”"]"#)
        .unwrap_or_else(|e| panic!("static regex: {e}"))
});

pub(crate) static PROSE_ENGAGEMENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"\b(?P<verb>has implemented|have implemented|implemented|implements|led|leads|launched|conducted|carried out|organi[sz]ed|signed|facilitated)\s+(?:a|an|the)\s+",
    )
});

impl Reader<'_> {
    pub(super) fn read_engagement(&mut self, entry: &Entry) {
        let Some((line_block, caps)) = self.mandate_line(entry) else { return };
        let place = caps.name("place").map(|m| (m.start(), m.end()));
        let dates = caps.name("dates").map(|m| m.as_str().to_owned());
        let title = self.block_text(entry.title).trim().to_owned();
        let Some(title_sentence) = self.first_sentence_of(entry.title) else { return };
        let span = self.sentences[title_sentence].span();
        let (label, partner) = match PARTNER_CLAUSE.captures(&title) {
            Some(c) => (
                title[..c.get(0).map_or(title.len(), |m| m.start())].to_owned(),
                c.name("partner").map(|m| m.as_str().to_owned()),
            ),
            None => (title.clone(), None),
        };
        let ent = engagement(&label);
        self.declare_entity(&ent, span);
        self.em.name(&ent.iri, &label, false);
        if label != title {
            self.em.name(&ent.iri, &title, false);
        }
        if partner.is_some() {
            let title_start = self.sentences[title_sentence].start;
            let partner_start = title_start + label.len();
            for actor in self.actors_after(title_sentence, partner_start) {
                self.role(&ent, ssgr::ORGANISED_BY, &actor.ent, span, "engagement-entry");
            }
        }
        let Some(line_sentence) = self.first_sentence_of(line_block) else { return };
        let line_span = self.sentences[line_sentence].span();
        if let Some((place_start, place_end)) = place {
            // The captures are relative to the trimmed line.
            let block = &self.doc.blocks[line_block];
            let line = self.doc.block_text(block);
            let offset = block.start + (line.len() - line.trim_start().len());
            let (from, to) = (offset + place_start, offset + place_end);
            let countries: Vec<Ent> = self.mentions[line_sentence]
                .iter()
                .filter(|f| f.ent.is_place() && f.start >= from && f.end <= to)
                .filter_map(|f| self.country_of(&f.ent))
                .collect();
            for country in countries {
                self.declare_entity(&country, line_span);
                self.em.fact(&ent.iri, dcterms::SPATIAL, country.iri.clone(), line_span, "engagement-entry");
            }
        }
        if let Some(dates) = dates {
            let found = find_dates(&dates, self.order);
            let (start, end) = (found.first().map(|d| d.2), found.get(1).map(|d| d.2));
            for (property, date) in [(schema::START_DATE, start), (schema::END_DATE, end)] {
                if let Some(date) = date {
                    let value = Literal::new_typed_literal(date.to_xsd_date(), xsd::DATE);
                    self.em.fact(&ent.iri, property, value, line_span, "engagement-entry");
                }
            }
        }
        let mut blocks = vec![entry.title];
        blocks.extend(&entry.body);
        for i in self.sentences_of(&entry.body) {
            self.role_cues(&ent, i);
        }
        self.tag_subjects(&ent.iri, &blocks);
    }

    /// The country an entity is or is in.
    pub(crate) fn country_of(&self, ent: &Ent) -> Option<Ent> {
        let iso = ent.country.clone()?;
        let name = self.ex.reference.country(&iso)?.name.clone();
        Some(Ent::country(iso, name))
    }

    fn role(
        &mut self,
        engagement: &Ent,
        role: NamedNodeRef<'_>,
        actor: &Ent,
        span: crate::emit::Span,
        rule: &'static str,
    ) {
        if actor.iri == engagement.iri {
            return;
        }
        self.declare_entity(actor, span);
        self.em.fact(&engagement.iri, role, actor.iri.clone(), span, rule);
    }

    /// Applies the role cues of sentence `i` to an engagement.
    fn role_cues(&mut self, engagement: &Ent, i: usize) {
        let s = self.sentences[i];
        let text = self.sentence_text(i);
        let span = s.span();
        let cues = self.cues_of(i);
        for (_, cue) in ROLE_CUES.iter().enumerate().filter(|(k, _)| cues.has(Cue::Role(*k))) {
            for m in cue.pattern.find_iter(text) {
                let actors = if cue.after {
                    self.actors_after(i, s.start + m.end())
                } else {
                    self.mentions[i]
                        .iter()
                        .rev()
                        .find(|f| f.end <= s.start + m.start() && f.ent.is_actor() && !f.demonym)
                        .cloned()
                        .into_iter()
                        .collect()
                };
                for actor in actors {
                    self.role(engagement, cue.role, &actor.ent, span, "role-cue");
                }
            }
        }
        if let Some(c) = cues.has(Cue::RequestedSupport).then(|| REQUESTED_SUPPORT.captures(text)).flatten() {
            if let Some(who) = c.name("who") {
                let helpers = self.actors_after(i, s.start + who.start());
                for actor in helpers {
                    self.role(engagement, ssgr::SUPPORTED_BY, &actor.ent, span, "role-cue");
                }
            }
        }
    }

    /// Tags an entity with the topics its blocks name (outside the names of
    /// organisations, which often contain topic words).
    pub(crate) fn tag_subjects(&mut self, iri: &NamedNode, blocks: &[usize]) {
        for i in self.sentences_of(blocks) {
            let span = self.sentences[i].span();
            for topic in self.sentence_topics(i) {
                self.em.fact(iri, dcterms::SUBJECT, topic, span, "subject-tag");
            }
        }
    }

    /// The topics sentence `i` names outside the names of actors. Entries
    /// share sentences (a page's intro, a list's heading), so each sentence
    /// is tagged once and its topics kept.
    fn sentence_topics(&mut self, i: usize) -> Vec<NamedNode> {
        if let Some(Some(known)) = self.topics_by_sentence.get(i) {
            return known.clone();
        }
        let s = self.sentences[i];
        let topics: Vec<NamedNode> = self
            .ex
            .topics
            .tag(self.sentence_text(i))
            .into_iter()
            .filter(|(_, a, b)| {
                !self.mentions[i].iter().any(|f| f.ent.is_actor() && f.start < s.start + b && s.start + a < f.end)
            })
            .map(|(t, _, _)| t.iri.clone())
            .collect();
        if self.topics_by_sentence.len() < self.sentences.len() {
            self.topics_by_sentence.resize(self.sentences.len(), None);
        }
        self.topics_by_sentence[i] = Some(topics.clone());
        topics
    }

    /// Named engagements in prose: "<Actor> implemented the <… Project>".
    pub(super) fn read_prose_engagements(&mut self) {
        for i in 0..self.sentences.len() {
            let s = self.sentences[i];
            let text = self.sentence_text(i);
            if !self.cues_of(i).has(Cue::ProseEngagement) {
                continue;
            }
            let Some(caps) = PROSE_ENGAGEMENT.captures(text) else { continue };
            let (Some(verb), Some(whole)) = (caps.name("verb"), caps.get(0)) else { continue };
            let Some(actor) = self.subject(i, s.start + verb.start()) else { continue };
            let Some(phrase_end) = engagement_phrase_end(&text[whole.end()..]) else { continue };
            let phrase = &text[whole.end()..whole.end() + phrase_end];
            let phrase_start = s.start + whole.end();
            let starts_with_actor = self.mentions[i].iter().any(|f| f.start == phrase_start && f.ent.is_actor());
            if starts_with_actor || phrase.split_whitespace().count() < 2 {
                continue;
            }
            // "a six-month project titled “X”": the engagement is X.
            let after = &text[whole.end() + phrase_end..];
            let label = match TITLED.captures(after).and_then(|c| c.get(1)) {
                Some(title) => title.as_str().to_owned(),
                None => capitalise(phrase.trim()),
            };
            let ent = engagement(&label);
            let span = s.span();
            self.declare_entity(&ent, span);
            self.em.name(&ent.iri, &label, false);
            let role = match verb.as_str() {
                v if v.contains("implement") || v == "carried out" || v == "conducted" => ssgr::IMPLEMENTED_BY,
                "supported" => ssgr::SUPPORTED_BY,
                _ => ssgr::ORGANISED_BY,
            };
            self.role(&ent, role, &actor, span, "engagement-in-prose");
            let phrase_range = (s.start + whole.end(), s.start + whole.end() + phrase_end);
            let countries: Vec<Ent> = self.mentions[i]
                .iter()
                .filter(|f| f.start >= phrase_range.0 && f.end <= phrase_range.1 && f.ent.is_place())
                .filter_map(|f| self.country_of(&f.ent))
                .collect();
            for country in countries {
                self.declare_entity(&country, span);
                self.em.fact(&ent.iri, dcterms::SPATIAL, country.iri.clone(), span, "engagement-in-prose");
            }
            self.role_cues(&ent, i);
            let topics: Vec<NamedNode> = self.ex.topics.tag(text).into_iter().map(|(t, _, _)| t.iri.clone()).collect();
            for topic in topics {
                self.em.fact(&ent.iri, dcterms::SUBJECT, topic, span, "subject-tag");
            }
        }
    }
}

/// The engagement named `label`. Names that differ only in small words
/// ("Workshop on X" and "Workshop X") are one engagement.
fn engagement(label: &str) -> Ent {
    const SMALL: &[&str] = &["a", "an", "the", "on", "of", "for", "in", "to", "and", "at", "by", "with"];
    let key: Vec<String> = name_key(label).split(' ').filter(|w| !SMALL.contains(w)).map(str::to_owned).collect();
    let mut ent = Ent::discovered(Kind::Engagement, ssgr::ENGAGEMENT, &key.join(" "), None);
    ent.label = label.to_owned();
    ent
}

/// Where an engagement phrase ends: after its head word (within ten words),
/// and after a bracket that follows it.
fn engagement_phrase_end(rest: &str) -> Option<usize> {
    let mut end = 0;
    for (n, word) in rest.split_inclusive(' ').enumerate() {
        if n >= 10 || word.contains([',', '.', ';', ':']) && !word.trim_end().ends_with(')') {
            let bare = word.trim_end().trim_end_matches([',', '.', ';', ':']);
            if ENGAGEMENT_HEADS.contains(&bare.to_lowercase().as_str()) {
                return Some(end + bare.len());
            }
            return None;
        }
        let bare = word.trim_end();
        end += word.len();
        if ENGAGEMENT_HEADS.contains(&bare.to_lowercase().as_str()) {
            let after = &rest[end..];
            if after.starts_with('(') {
                if let Some(close) = after.find(')') {
                    return Some(end + close + 1);
                }
            }
            return Some(end - (word.len() - bare.len()));
        }
    }
    None
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_at_their_head_word_and_bracket() {
        let rest = "post-conflict trilateral agreement (BiH, Serbia and Croatia) to reduce SALW";
        assert_eq!(
            engagement_phrase_end(rest).map(|e| &rest[..e]),
            Some("post-conflict trilateral agreement (BiH, Serbia and Croatia)")
        );
        let rest = "Tajikistan Anti-Personnel Demining Project providing support";
        assert_eq!(engagement_phrase_end(rest).map(|e| &rest[..e]), Some("Tajikistan Anti-Personnel Demining Project"));
        assert_eq!(engagement_phrase_end("way forward, and more"), None);
    }

    #[test]
    fn engagement_names_ignore_small_words() {
        assert_eq!(
            engagement("Workshop on \"SSR - from Theory to Practice\"").iri,
            engagement("Workshop \"SSR - from Theory to Practice\"").iri
        );
    }
}
