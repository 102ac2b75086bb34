//! Publications: a title, then a blurb.
//!
//! Rules (`publication-entry`): the title is `dcterms:title` and the label;
//! the first paragraph of the body, without its "… read more", is the
//! abstract; "To access the full report, <Title>, …" adds the title written
//! there as a name; actors after "developed by", "prepared by", "written
//! by" are creators, after "published by" the publisher, after "with the
//! support of" contributors; persons after "Editor(s):" are editors, and the
//! organisation, year and ISBN after them are publisher, `dcterms:issued`
//! and `schema:isbn`; "<Person>’s thesis" makes the person a creator;
//! countries the title or blurb names (not as adjectives) are
//! `dcterms:spatial`.

use std::sync::LazyLock;

use oxrdf::{Literal, NamedNodeRef};
use regex::Regex;
use ssgr_vocab::id::Kind;
use ssgr_vocab::{dcterms, schema, ssgr, xsd};

use super::Entry;
use crate::cues::Cue;
use crate::entity::Ent;
use crate::extract::Reader;
use crate::pattern::Pattern;

pub(crate) static CREDIT_CUES: LazyLock<Vec<(Pattern, NamedNodeRef<'static>)>> = LazyLock::new(|| {
    let cue = |p: &str, property| (Pattern::fixed(p), property);
    vec![
        cue(
            r"(?i)\b(?:developed|prepared|written|authored|produced|drafted|compiled) (?:jointly )?by\b",
            dcterms::CREATOR,
        ),
        cue(r"(?i)\bjoint (?:project|initiative) (?:by|of)\b", dcterms::CREATOR),
        cue(r"(?i)\b(?:published|issued) by\b", dcterms::PUBLISHER),
        cue(r"(?i)\bwith the (?:support|assistance|contribution) of\b", dcterms::CONTRIBUTOR),
    ]
});

pub(crate) static EDITORS: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(r"(?i)\beditors?(?:\(s\))?\s*:|\bedited by\b"));

static ISBN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ISBN(?:-1[03])?\s*:?\s*((?:97[89][-\s]?)?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?[\dX])")
        .unwrap_or_else(|e| panic!("static regex: {e}"))
});

static YEAR: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(r"\b(19[5-9]\d|20\d\d)\b"));

/// "To access the full report, <Title>, kindly …", in three parts: the
/// words before the title, its first character, and the words after it.
const FULL_TITLE_HEAD: &str = r"(?i)\bto (?:have )?(?:access|read)(?: to)? (?:to )?(?:the )?(?:full )?(?:\w+ )?(?:report|publication|paper|document|guide|toolkit|handbook|vacancy|study|tool)?,?\s+";
const TITLE_START: &str = r"(?i)[A-Z“\x22]";
const FULL_TITLE_TAIL: &str = r"(?i),?\s+(?:kindly|please)\b";

pub(crate) static FULL_TITLE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(&format!("{FULL_TITLE_HEAD}(?P<title>{TITLE_START}.+?){FULL_TITLE_TAIL}")));

static HEAD: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(FULL_TITLE_HEAD));

static START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{TITLE_START}$")).unwrap_or_else(|e| panic!("static regex: {e}")));

static TAIL: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(FULL_TITLE_TAIL));

/// The title group of [`FULL_TITLE`] in `text`, if it matches.
///
/// Reporting the group took the backtracker over the whole sentence (some
/// fifty thousand instructions; a third of reading a publication), where
/// finding the match takes a few thousand. So the match is found, and the
/// title read off it: where the head's first way of matching ends, the
/// title starts (its first character being one it may start with), and
/// it ends where the tail first matches after a second character (the
/// lazy `.+?`), unless a line break comes first. That is the path the
/// backtracker takes whenever the head's first way leads to a match; in
/// any other case (none in the corpus) the groups are asked for.
fn full_title(text: &str) -> Option<&str> {
    let whole = FULL_TITLE.find(text)?;
    let read_off = || {
        let start = HEAD.find_at(text, whole.start())?.end();
        let mut chars = text[start..].chars();
        let (first, second) = (chars.next()?, chars.next()?);
        let first_end = start + first.len_utf8();
        if !START.is_match(&text[start..first_end]) || second == '\n' {
            return None;
        }
        let tail = TAIL.find_at(text, first_end + second.len_utf8())?;
        let unbroken = !text[first_end..tail.start()].contains('\n');
        (unbroken && tail.end() == whole.end()).then(|| &text[start..tail.start()])
    };
    let title = read_off().or_else(|| FULL_TITLE.captures(text)?.name("title").map(|t| t.as_str()));
    debug_assert_eq!(title, FULL_TITLE.captures(text).and_then(|c| c.name("title")).map(|t| t.as_str()));
    title
}

static AUTHOR_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:’s|'s|'|’)\s+(?:\p{Ll}+\s+)?(?:thesis|dissertation|study|paper|book|article|research)")
        .unwrap_or_else(|e| panic!("static regex: {e}"))
});

impl Reader<'_> {
    pub(super) fn read_publication(&mut self, entry: &Entry) {
        let title = self.block_text(entry.title).trim().to_owned();
        let Some(title_sentence) = self.first_sentence_of(entry.title) else { return };
        let span = self.sentences[title_sentence].span();
        let ent = Ent::discovered(Kind::Publication, ssgr::PUBLICATION, &title, None);
        self.declare_entity(&ent, span);
        self.em.name(&ent.iri, &title, false);
        self.em.fact(&ent.iri, dcterms::TITLE, Literal::new_simple_literal(&title), span, "publication-entry");
        // More than eight words: counted up to the ninth only.
        if let Some(&first) = entry.body.iter().find(|&&b| self.block_text(b).split_whitespace().nth(8).is_some()) {
            let blurb = self.block_text(first).trim_end_matches("read more").trim_end_matches([' ', '…', '.']).trim();
            if let Some(i) = self.first_sentence_of(first) {
                let abstract_ = Literal::new_simple_literal(blurb);
                self.em.fact(&ent.iri, dcterms::ABSTRACT, abstract_, self.sentences[i].span(), "publication-entry");
            }
        }
        for i in self.sentences_of(&entry.body) {
            self.credits(&ent, i);
        }
        let mut blocks = vec![entry.title];
        blocks.extend(&entry.body);
        for i in self.sentences_of(&blocks) {
            let countries: Vec<Ent> = self.mentions[i]
                .iter()
                .filter(|f| f.ent.class == ssgr::COUNTRY && !f.demonym)
                .map(|f| f.ent.clone())
                .collect();
            for c in countries {
                self.em.fact(&ent.iri, dcterms::SPATIAL, c.iri.clone(), self.sentences[i].span(), "publication-entry");
            }
        }
        self.tag_subjects(&ent.iri, &blocks);
    }

    fn credits(&mut self, publication: &Ent, i: usize) {
        let s = self.sentences[i];
        let text = self.sentence_text(i);
        let span = s.span();
        let cues = self.cues_of(i);
        for (_, (cue, property)) in CREDIT_CUES.iter().enumerate().filter(|(k, _)| cues.has(Cue::Credit(*k))) {
            for m in cue.find_iter(text) {
                for actor in self.actors_after(i, s.start + m.end()) {
                    self.declare_entity(&actor.ent, span);
                    self.em.fact(&publication.iri, *property, actor.ent.iri.clone(), span, "publication-entry");
                }
            }
        }
        if let Some(t) = cues.has(Cue::FullTitle).then(|| full_title(text)).flatten() {
            self.em.name(&publication.iri, t.trim_matches(['“', '”', '"']), false);
        }
        let persons: Vec<_> = self.mentions[i].iter().filter(|f| f.ent.class == ssgr::PERSON).cloned().collect();
        for p in persons {
            if AUTHOR_POSSESSIVE.is_match(&self.doc.text[p.end..s.end]) {
                self.em.fact(&publication.iri, dcterms::CREATOR, p.ent.iri.clone(), span, "publication-entry");
            }
        }
        let Some(editors) = cues.has(Cue::Editors).then(|| EDITORS.find(text)).flatten() else { return };
        let after = s.start + editors.end();
        let listed: Vec<_> = self.actors_after(i, after);
        for actor in &listed {
            if actor.ent.class == ssgr::PERSON {
                self.em.fact(&publication.iri, schema::EDITOR, actor.ent.iri.clone(), span, "publication-entry");
            } else {
                self.em.fact(&publication.iri, dcterms::PUBLISHER, actor.ent.iri.clone(), span, "publication-entry");
            }
        }
        let imprint_from = listed.last().map_or(after, |a| a.end) - s.start;
        let imprint = &text[imprint_from..];
        if let Some(year) = YEAR.find(imprint) {
            let year = Literal::new_typed_literal(year.as_str(), xsd::G_YEAR);
            self.em.fact(&publication.iri, dcterms::ISSUED, year, span, "publication-entry");
        }
        if let Some(isbn) = ISBN.captures(text).and_then(|c| c.get(1)) {
            let isbn = Literal::new_simple_literal(isbn.as_str().replace(' ', "-"));
            self.em.fact(&publication.iri, schema::ISBN, isbn, span, "publication-entry");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_titles_are_read_off_the_match() {
        let texts = [
            "To read the full report The OSCE Approach to SSG/R (SSG/R), please follow the link provided.",
            "To have access to the full report, Report by the Secretary General, kindly follow the link.",
            "To access the Security Sector Governance and Reform: Guidelines, kindly follow the link.",
            "To access to the full publication, “Police Reform in Côte d’Ivoire”, kindly follow the link.",
            "Then, to read the full guide, Ab,  please, kindly see it.",
            "to read the report X\nY, please see",
            "to read the report Xy\n, please see",
            "to read the report, report, kindly do",
            "to read the full study ſtudy, kindly do",
            "To access the full report, kindly follow the link.",
            "No title here.",
        ];
        for text in texts {
            let groups = FULL_TITLE.captures(text).and_then(|c| c.name("title")).map(|t| t.as_str());
            assert_eq!(full_title(text), groups, "{text}");
        }
    }
}
