//! Statements read from single sentences: who is part of whom, who works
//! with whom, on what and where.
//!
//! Rules, each named in the evidence it produces:
//! - `unit-adjacent`: an organisation written right before a unit, joined by
//!   "/", "’s" or a space ("OSCE/ODIHR", "the OSCE’s Strategic Police
//!   Matters Unit", "OSCE Gender Section") is the unit's parent.
//! - `cooperation-cue`: "in co-operation with", "in partnership with",
//!   "with the support of", "jointly with", "together with": the sentence's
//!   first actor co-operates with each actor listed after the cue; actors
//!   listed together after "developed by" or "joint project by" co-operate
//!   with each other.
//! - `works-on-cue`: the sentence's subject (its first actor, or the page's
//!   organisation for "we"/"our"/"it") works on each topic named after a
//!   verb of work ("works on", "provides expertise", "supports", "focuses on").
//! - `active-in-cue`: the same subject is active in each country named after
//!   such a verb with "in".

use std::sync::LazyLock;

use ssgr_vocab::ssgr;

use crate::cues::Cue;
use crate::entity::Ent;
use crate::extract::{Found, Reader};
use crate::pattern::Pattern;

pub(crate) static COOPERATION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:in co-?operation with|in partnership with|in collaboration with|with the support of|jointly with|together with|co-?operation with|co-?operation between|co-?operates with|work(?:s|ed|ing)? (?:closely )?with)\b",
    )
});

pub(crate) static CO_AUTHORS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:developed|prepared|produced|written|published|drafted) (?:jointly )?by\b|\bjoint (?:project|initiative|publication) (?:by|of)\b",
    )
});

pub(crate) static WORK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:works? (?:on|in|with|towards)|working on|focus(?:es|ed)? on|provides? (?:\w+ )?(?:expertise|support|assistance|guidance|training)|promotes?|supports?|assists?|specialis(?:es|ed) in|deals? with|is mandated with|mandated to|responsible for|instrumental in|fights?|addresses|implements?|has implemented|helps?|engages? in|active in|operates? in)\b",
    )
});

static PRONOUN_SUBJECT: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(r"^(?:We|Our|It|Its)\b"));

static LIST_GAP: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(r"^(?:[\s,;/]|\band\b|&|\bas well as\b|\bthe\b|’s|'s)*$"));

impl Reader<'_> {
    /// Runs the sentence rules on sentence `i`.
    pub(crate) fn sentence_relations(&mut self, i: usize) {
        self.units_adjacent(i);
        self.cooperation(i);
        self.works_on(i);
    }

    fn units_adjacent(&mut self, i: usize) {
        // Lent out, not cloned: stating units reads no mention.
        let found = std::mem::take(&mut self.mentions[i]);
        let span = self.sentences[i].span();
        for pair in found.windows(2) {
            let (parent, unit) = (&pair[0], &pair[1]);
            let gap = self.text(parent.end, unit.start);
            let joined = matches!(gap, "/" | " " | "’s " | "'s " | "-/");
            if joined && unit.ent.class == ssgr::ORGANISATIONAL_UNIT && parent.ent.is_actor() && !parent.demonym {
                self.unit_of(&unit.ent, &parent.ent, span, "unit-adjacent");
            }
        }
        self.mentions[i] = found;
    }

    /// The actors listed right after byte `from` of the document: "A, B and
    /// the C" gives A, B and C.
    pub(crate) fn actors_after(&self, i: usize, from: usize) -> Vec<Found> {
        let mut out = Vec::new();
        let mut cursor = from;
        let found = &self.mentions[i];
        let first = found.partition_point(|f| f.start < from);
        for f in &found[first..] {
            if !LIST_GAP.is_match(self.text(cursor, f.start)) {
                break;
            }
            cursor = f.end;
            if f.ent.is_actor() && !f.demonym {
                out.push(f.clone());
            } else if !(f.demonym
                || f.ent.is_place() && self.doc.text.get(f.end..).is_some_and(|rest| rest.starts_with(['’', '\''])))
            {
                // A possessive place ("Tajikistan’s …") qualifies the next
                // name; any other thing ends the list.
                break;
            }
        }
        out
    }

    /// The sentence's subject: its first actor if it comes before `before`,
    /// else the page's organisation where the sentence starts with a pronoun.
    pub(crate) fn subject(&self, i: usize, before: usize) -> Option<Ent> {
        let first = self.mentions[i].iter().find(|f| f.ent.is_actor() && !f.demonym && f.end <= before);
        if let Some(f) = first {
            return Some(f.ent.clone());
        }
        PRONOUN_SUBJECT.is_match(self.sentence_text(i)).then(|| self.page_actor.clone()).flatten()
    }

    fn cooperation(&mut self, i: usize) {
        let s = self.sentences[i];
        let text = self.sentence_text(i);
        let span = s.span();
        let cues = self.cues_of(i);
        let found = |has: bool, pattern: &Pattern| if has { pattern.find_iter(text).collect() } else { Vec::new() };
        for cue in found(cues.has(Cue::Cooperation), &COOPERATION) {
            let partners = self.actors_after(i, s.start + cue.end());
            if let Some(subject) = self.subject(i, s.start + cue.start()) {
                for p in &partners {
                    self.cooperates(&subject, &p.ent, span, "cooperation-cue");
                }
            }
        }
        for cue in found(cues.has(Cue::CoAuthors), &CO_AUTHORS) {
            let authors = self.actors_after(i, s.start + cue.end());
            for (n, a) in authors.iter().enumerate() {
                for b in &authors[n + 1..] {
                    self.cooperates(&a.ent, &b.ent, span, "co-author-cue");
                }
            }
        }
    }

    fn cooperates(&mut self, a: &Ent, b: &Ent, span: crate::emit::Span, rule: &'static str) {
        if a.iri == b.iri || self.related_as_unit(a, b) {
            return;
        }
        self.declare_entity(a, span);
        self.declare_entity(b, span);
        self.em.fact(&a.iri, ssgr::COOPERATES_WITH, b.iri.clone(), span, rule);
        self.em.fact(&b.iri, ssgr::COOPERATES_WITH, a.iri.clone(), span, rule);
    }

    /// Whether one is a unit of the other: a body does not co-operate with itself.
    fn related_as_unit(&self, a: &Ent, b: &Ent) -> bool {
        let parent_of = |x: &Ent| self.local_parents.get(&x.iri).map(|p| p.iri.clone());
        parent_of(a).as_ref() == Some(&b.iri) || parent_of(b).as_ref() == Some(&a.iri)
    }

    fn works_on(&mut self, i: usize) {
        let s = self.sentences[i];
        let text = self.sentence_text(i);
        if !self.cues_of(i).has(Cue::Work) {
            return;
        }
        let Some(cue) = WORK.find(text) else { return };
        let Some(subject) = self.subject(i, s.start + cue.start()) else { return };
        let after = &text[cue.start()..];
        let span = s.span();
        let topics: Vec<_> = self.ex.topics.tag(after).into_iter().map(|(t, _, _)| t.iri.clone()).collect();
        // "A works with B on X": both work on X.
        let mut workers = vec![subject.clone()];
        if cue.as_str().ends_with("with") {
            workers.extend(self.actors_after(i, s.start + cue.end()).into_iter().map(|f| f.ent));
        }
        for worker in &workers {
            for topic in &topics {
                self.declare_entity(worker, span);
                self.em.fact(&worker.iri, ssgr::WORKS_ON, topic.clone(), span, "works-on-cue");
            }
        }
        let countries: Vec<Ent> = self.mentions[i]
            .iter()
            .filter(|f| f.start >= s.start + cue.start() && f.ent.class == ssgr::COUNTRY && !f.demonym)
            .filter(|f| {
                let before = self.text(s.start, f.start).trim_end();
                before.ends_with(" in") || before.ends_with(" to") || before.ends_with(" across")
            })
            .map(|f| f.ent.clone())
            .collect();
        for country in countries {
            if country.iri != subject.iri && subject.is_actor() {
                self.em.fact(&subject.iri, ssgr::ACTIVE_IN, country.iri.clone(), span, "active-in-cue");
            }
        }
    }
}
