//! Collects the triples of one document, each extracted statement with the
//! RDF 1.2 reifier that records where it was read.

use std::borrow::Cow;
use std::collections::BTreeMap;

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;

use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::id::{self, Kind};
use ssgr_vocab::{nif, prov, rdf, rdfs, skos, ssgr, xsd};

/// Where in the document a statement was read: a sentence, by character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offsets of the sentence in the document text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The triples of one document, kept sorted and without duplicates so that
/// the same input always gives the same output.
pub(crate) struct Emitter<'a> {
    text: &'a str,
    doc: NamedNode,
    stem: &'a str,
    /// In the order they were found: extraction is deterministic, so this
    /// order is too, and no sort is needed. FxHash: the keys are our own
    /// IRIs and literals, and SipHash cost a tenth of the extraction.
    triples: IndexSet<Triple, FxBuildHasher>,
    /// `ssgrid:evidence/<stem slug>-`: every reifier's IRI but its hash,
    /// where the stem's slug leaves room for the hash.
    evidence_prefix: Option<String>,
    /// Every name each entity was written with, and how often; the canonical
    /// name first where reference data gives one.
    names: BTreeMap<NamedNode, Names>,
    /// The number of characters that start before every 256th byte, so
    /// that a byte offset becomes a character offset without rescanning
    /// the document.
    char_index: Vec<usize>,
}

/// Small enough that the characters counted per offset cost little next
/// to the evidence's other work (at 4 KiB, they cost a fiftieth of pass 2).
const CHAR_INDEX_STEP: usize = 256;

/// The step of the index before: see [`Emitter::char_offset`].
const OLD_CHAR_INDEX_STEP: usize = 4096;

impl<'a> Emitter<'a> {
    pub(crate) fn new(stem: &'a str, text: &'a str) -> Self {
        let mut char_index = Vec::with_capacity(text.len() / CHAR_INDEX_STEP + 1);
        let mut next = 0;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            while byte >= next {
                char_index.push(chars);
                next += CHAR_INDEX_STEP;
            }
        }
        // The slug of "<stem>-<hash>" is the slug of the stem, a hyphen and
        // the hash, unless the slug is cut for length: then ask every time.
        let prefix = |hash: &str| {
            let probe = id::entity(Kind::Evidence, &format!("{stem}-{hash}"));
            probe.as_str().strip_suffix(hash).map(str::to_owned)
        };
        let (zeros, effs) = ("0".repeat(16), "f".repeat(16));
        let evidence_prefix = prefix(&zeros).filter(|p| prefix(&effs).as_ref() == Some(p));
        Self {
            text,
            doc: id::entity(Kind::Doc, stem),
            stem,
            triples: IndexSet::with_capacity_and_hasher((text.len() / 8).min(1 << 14), FxBuildHasher),
            evidence_prefix,
            names: BTreeMap::new(),
            char_index,
        }
    }

    /// The IRI of the document being extracted.
    pub(crate) fn doc(&self) -> &NamedNode {
        &self.doc
    }

    /// Adds a triple that needs no evidence (types, labels, document metadata).
    pub(crate) fn plain(&mut self, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: impl Into<Term>) {
        self.triples.insert(Triple::new(s.clone(), p.into_owned(), o));
    }

    /// Adds an extracted statement and its evidence: the sentence it was read
    /// in, with character offsets, and the rule that read it.
    pub(crate) fn fact(
        &mut self,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: impl Into<Term>,
        span: Span,
        rule: &'static str,
    ) {
        let triple = Triple::new(s.clone(), p.into_owned(), o);
        let begin = self.char_offset(span.start);
        let end = self.char_offset(span.end);
        let reifier = self.reifier(fingerprint(&triple, begin));
        let sentence = self.text[span.start..span.end].to_owned();
        let ev = |p: oxrdf::NamedNodeRef<'_>, o: Term| Triple::new(reifier.clone(), p.into_owned(), o);
        let evidence = [
            ev(rdf::REIFIES, Term::Triple(Box::new(triple.clone()))),
            ev(rdf::TYPE, ssgr::EVIDENCE.into_owned().into()),
            ev(prov::WAS_DERIVED_FROM, self.doc.clone().into()),
            ev(ssgr::SENTENCE, Literal::new_simple_literal(sentence).into()),
            ev(nif::BEGIN_INDEX, Literal::new_typed_literal(begin.to_string(), xsd::NON_NEGATIVE_INTEGER).into()),
            ev(nif::END_INDEX, Literal::new_typed_literal(end.to_string(), xsd::NON_NEGATIVE_INTEGER).into()),
            ev(ssgr::RULE, Literal::new_simple_literal(rule).into()),
        ];
        self.triples.extend(evidence);
        self.triples.insert(triple);
    }

    /// Declares an entity found in this document: its type, the document it
    /// was derived from and the document's mention of it.
    pub(crate) fn entity(&mut self, iri: &NamedNode, class: oxrdf::NamedNodeRef<'_>) {
        self.plain(iri, rdf::TYPE, class.into_owned());
        self.plain(iri, prov::WAS_DERIVED_FROM, self.doc.clone());
        let doc = self.doc.clone();
        self.plain(&doc, ssgr::MENTIONS, iri.clone());
    }

    /// Records a name an entity goes by. At the end, each entity gets one
    /// `rdfs:label` (the canonical name, else the most frequent, then the
    /// shortest) and its other names as `skos:altLabel`.
    pub(crate) fn name(&mut self, iri: &NamedNode, name: &str, canonical: bool) {
        let name = single_spaced(name);
        if name.is_empty() {
            return;
        }
        // Looked up before an IRI is cloned for the key: most calls name
        // an entity already named.
        let names = match self.names.get_mut(iri) {
            Some(names) => names,
            None => self.names.entry(iri.clone()).or_default(),
        };
        if canonical {
            if names.canonical.is_none() {
                names.canonical = Some(name.clone().into_owned());
            }
            count(&mut names.counts, &name, 1);
            return;
        }
        // Labels are British English; the spelling the text used stays as
        // an alternative label.
        match british_spelling(&name) {
            Some(british) => {
                count(&mut names.counts, &name, 0);
                count(&mut names.counts, &british, 1);
            }
            None => count(&mut names.counts, &name, 1),
        }
    }

    pub(crate) fn into_triples(mut self) -> Vec<Triple> {
        for (iri, names) in std::mem::take(&mut self.names) {
            let label = names.canonical.clone().or_else(|| choose_label(&names.counts));
            for (name, _) in names.counts {
                if Some(&name) != label.as_ref() {
                    self.plain(&iri, skos::ALT_LABEL, Literal::new_language_tagged_literal_unchecked(name, "en"));
                }
            }
            if let Some(label) = label {
                self.plain(&iri, rdfs::LABEL, Literal::new_language_tagged_literal_unchecked(label, "en"));
            }
        }
        self.triples.into_iter().collect()
    }

    /// The IRI of the evidence of the statement with this fingerprint.
    fn reifier(&self, fingerprint: u64) -> NamedNode {
        match &self.evidence_prefix {
            Some(prefix) => NamedNode::new_unchecked(format!("{prefix}{fingerprint:016x}")),
            None => id::entity(Kind::Evidence, &format!("{}-{fingerprint:016x}", self.stem)),
        }
    }

    /// The character offset of a byte offset, as the evidence has always
    /// given it: one too many where a character straddles the 4 KiB
    /// boundary at or before `byte` (the index had a 4 KiB step, counted
    /// from the character before such a boundary and the character after).
    /// Kept so that the evidence's IRIs and offsets do not change.
    fn char_offset(&self, byte: usize) -> usize {
        let old_slots = self.char_index.len().div_ceil(OLD_CHAR_INDEX_STEP / CHAR_INDEX_STEP);
        let old_slot_start = (byte / OLD_CHAR_INDEX_STEP).min(old_slots.saturating_sub(1)) * OLD_CHAR_INDEX_STEP;
        self.chars_before(byte) + usize::from(!self.text.is_char_boundary(old_slot_start))
    }

    /// The number of characters before `byte`, a character boundary.
    fn chars_before(&self, byte: usize) -> usize {
        let slot = (byte / CHAR_INDEX_STEP).min(self.char_index.len().saturating_sub(1));
        let base = self.char_index.get(slot).copied().unwrap_or(0);
        let from = ceil_char_boundary(self.text, slot * CHAR_INDEX_STEP);
        base + self.text.get(from..byte).map_or(0, |s| s.chars().count())
    }
}

#[derive(Default)]
struct Names {
    canonical: Option<String>,
    counts: BTreeMap<String, usize>,
}

/// `name` with its words separated by single spaces.
fn single_spaced(name: &str) -> Cow<'_, str> {
    let clean = !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ');
    if clean { Cow::Borrowed(name) } else { Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" ")) }
}

/// Adds `by` to the count of `name`, which is copied only when new.
fn count(counts: &mut BTreeMap<String, usize>, name: &str, by: usize) {
    match counts.get_mut(name) {
        Some(n) => *n += by,
        None => {
            counts.insert(name.to_owned(), by);
        }
    }
}

/// `name` with American spellings of name words made British, if it has any.
fn british_spelling(name: &str) -> Option<String> {
    const WORDS: &[(&str, &str)] =
        &[("Defense", "Defence"), ("Center", "Centre"), ("Labor", "Labour"), ("Program ", "Programme ")];
    if !name.ends_with("Program") && !WORDS.iter().any(|(american, _)| name.contains(american)) {
        return None;
    }
    let mut out = name.to_owned();
    for (american, british) in WORDS {
        out = out.replace(american, british);
    }
    if out.ends_with("Program") {
        out.push_str("me");
    }
    (out != name).then_some(out)
}

/// The most frequent name, then the shortest, then the first in order.
pub(crate) fn choose_label(counts: &BTreeMap<String, usize>) -> Option<String> {
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(a.0))).map(|(n, _)| n.clone())
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// FNV-1a over the statement and its position: a stable name for its
/// evidence that does not depend on the order of extraction.
fn fingerprint(triple: &Triple, begin: usize) -> u64 {
    use std::fmt::Write;
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    // The statement's N-Triples form, hashed as it is written: no string.
    // Between IRIs it is `<s> <p> <o>`, fed here without the formatter.
    match (&triple.subject, &triple.object) {
        (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
            for part in ["<", s.as_str(), "> <", triple.predicate.as_str(), "> <", o.as_str(), ">"] {
                hash.add(part.as_bytes());
            }
        }
        _ => {
            let _ = write!(hash, "{triple}");
        }
    }
    hash.add(&begin.to_le_bytes());
    hash.0
}

/// FNV-1a, fed by `write!`.
struct Fnv(u64);

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.add(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_carry_their_sentence_with_character_offsets() {
        let text = "É. The OSCE works on policing.";
        let mut emitter = Emitter::new("d", text);
        let s = NamedNode::new_unchecked("https://example.org/s");
        emitter.fact(&s, ssgr::WORKS_ON, s.clone(), Span { start: 4, end: text.len() }, "test");
        let triples = emitter.into_triples();
        let begin = triples.iter().find(|t| t.predicate == nif::BEGIN_INDEX).map(|t| t.object.to_string());
        // "É" is two bytes but one character: byte 4 is character 3.
        assert_eq!(begin.as_deref(), Some("\"3\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"));
        assert!(triples.iter().any(|t| t.predicate == rdf::REIFIES));
    }

    #[test]
    fn fingerprints_hash_the_n_triples_form() {
        use std::fmt::Write;
        let s = NamedNode::new_unchecked("https://example.org/s");
        let literal = Literal::new_simple_literal("a \"quoted\" name");
        for triple in [Triple::new(s.clone(), rdfs::COMMENT, s.clone()), Triple::new(s.clone(), rdfs::LABEL, literal)] {
            let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
            let _ = write!(hash, "{triple}");
            hash.add(&7usize.to_le_bytes());
            assert_eq!(fingerprint(&triple, 7), hash.0);
        }
    }

    /// The offsets of the 4 KiB index this one replaced, straddling
    /// characters and all, of every byte of `text`.
    fn old_char_offsets(text: &str) -> Vec<usize> {
        let mut index = Vec::new();
        let mut next = 0;
        for (chars, (b, _)) in text.char_indices().enumerate() {
            while b >= next {
                index.push(chars);
                next += OLD_CHAR_INDEX_STEP;
            }
        }
        let offset = |byte: usize| {
            let slot = (byte / OLD_CHAR_INDEX_STEP).min(index.len().saturating_sub(1));
            let mut from = slot * OLD_CHAR_INDEX_STEP;
            while from > 0 && !text.is_char_boundary(from) {
                from -= 1;
            }
            index.get(slot).copied().unwrap_or(0) + text.get(from..byte).map_or(0, |s| s.chars().count())
        };
        (0..=text.len()).map(offset).collect()
    }

    #[test]
    fn character_offsets_are_those_of_the_old_index() {
        for shift in 0..4 {
            let text = format!("{}{}", "a".repeat(shift), "x’é ".repeat(1100));
            let emitter = Emitter::new("d", &text);
            let old = old_char_offsets(&text);
            for byte in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                assert_eq!(emitter.char_offset(byte), old[byte], "shift {shift}, byte {byte}");
            }
        }
        assert_eq!(Emitter::new("d", "").char_offset(0), 0);
    }
}
