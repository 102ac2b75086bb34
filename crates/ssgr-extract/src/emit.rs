//! Collects the triples of one document, each extracted statement with the
//! RDF 1.2 reifier that records where it was read.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;

use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::id::{self, Kind};
use ssgr_vocab::{nif, prov, rdf, rdfs, skos, ssgr, xsd};

use crate::triples::Triples;

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
    /// order is too, and no sort is needed.
    triples: Triples,
    /// `ssgrid:evidence/<stem slug>-`: every reifier's IRI but its hash,
    /// where the stem's slug leaves room for the hash.
    /// Made on first use, as `char_index` is: a reader that only learns
    /// acronyms (a build's first pass) records no statement.
    evidence_prefix: OnceCell<String>,
    /// Every name each entity was written with, and how often; the canonical
    /// name first where reference data gives one.
    names: BTreeMap<NamedNode, Names>,
    /// Entry `k`: the number of characters that start before byte
    /// `k * CHAR_INDEX_STEP`, for every such byte up to the text's end, so
    /// that a byte offset becomes a character offset without rescanning
    /// the document.
    char_index: OnceCell<Vec<usize>>,
}

/// Small enough that the characters counted per offset cost little next
/// to the evidence's other work (at 4 KiB, they cost a fiftieth of pass 2).
const CHAR_INDEX_STEP: usize = 256;

impl<'a> Emitter<'a> {
    pub(crate) fn new(stem: &'a str, text: &'a str) -> Self {
        Self {
            text,
            doc: id::entity(Kind::Doc, stem),
            stem,
            // About a triple per 8.5 bytes of text: room for more, as growing
            // moves every triple.
            triples: Triples::with_capacity((text.len() / 6).min(1 << 15)),
            evidence_prefix: OnceCell::new(),
            names: BTreeMap::new(),
            char_index: OnceCell::new(),
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
            ev(nif::BEGIN_INDEX, Literal::new_typed_literal(decimal(begin), xsd::NON_NEGATIVE_INTEGER).into()),
            ev(nif::END_INDEX, Literal::new_typed_literal(decimal(end), xsd::NON_NEGATIVE_INTEGER).into()),
            ev(ssgr::RULE, Literal::new_simple_literal(rule).into()),
        ];
        self.triples.insert_evidence(&reifier, evidence);
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
        self.triples.into_vec()
    }

    /// The IRI of the evidence of the statement with this fingerprint.
    fn reifier(&self, fingerprint: u64) -> NamedNode {
        let prefix = self.evidence_prefix.get_or_init(|| id::evidence_prefix(self.stem));
        // Written by hand: the formatter cost a tenth of a statement.
        let mut iri = String::with_capacity(prefix.len() + 16);
        iri.push_str(prefix);
        push_hex(&mut iri, fingerprint);
        NamedNode::new_unchecked(iri)
    }

    /// The character offset of `byte`, a character boundary of the text:
    /// the number of characters before it, `text[..byte].chars().count()`.
    /// The index gives the characters before the start of `byte`'s block;
    /// only the block's bytes before `byte` are counted.
    fn char_offset(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte), "byte {byte} is not a character boundary");
        let block = byte / CHAR_INDEX_STEP;
        let char_index = self.char_index.get_or_init(|| char_index(self.text));
        char_index[block] + char_starts(&self.text.as_bytes()[block * CHAR_INDEX_STEP..byte])
    }
}

/// Entry `k`: the characters of `text` that start before byte
/// `k * CHAR_INDEX_STEP` (see `Emitter::char_index`).
fn char_index(text: &str) -> Vec<usize> {
    let mut index = Vec::with_capacity(text.len() / CHAR_INDEX_STEP + 2);
    let mut chars = 0;
    index.push(chars);
    for block in text.as_bytes().chunks(CHAR_INDEX_STEP) {
        chars += char_starts(block);
        index.push(chars);
    }
    index
}

/// `n` in decimal, as `n.to_string()` writes it, without the formatter.
fn decimal(mut n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[at..].iter().map(|&d| char::from(d)).collect()
}

/// Appends `n` as 16 lower-case hexadecimal digits, as `{n:016x}` does.
fn push_hex(out: &mut String, n: u64) {
    for shift in (0..16).rev() {
        let digit = (n >> (shift * 4)) & 0xF;
        out.push(char::from(b"0123456789abcdef"[digit as usize]));
    }
}

/// The number of characters that start in `bytes`, a run of UTF-8 that may
/// begin or end inside a character: its bytes that are not continuation
/// bytes (`10xxxxxx`).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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

/// FNV-1a over the statement and its position: a stable name for its
/// evidence that does not depend on the order of extraction.
fn fingerprint(triple: &Triple, begin: usize) -> u64 {
    use std::fmt::Write;
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    // The statement's N-Triples form, hashed as it is written: no string.
    // Between IRIs it is `<s> <p> <o>`, fed here without the formatter; so
    // is a literal that needs no escape, written as oxrdf writes it.
    match (&triple.subject, &triple.object) {
        (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
            for part in ["<", s.as_str(), "> <", triple.predicate.as_str(), "> <", o.as_str(), ">"] {
                hash.add(part.as_bytes());
            }
        }
        (NamedOrBlankNode::NamedNode(s), Term::Literal(o)) if o.direction().is_none() && !needs_escape(o.value()) => {
            for part in ["<", s.as_str(), "> <", triple.predicate.as_str(), "> \"", o.value(), "\""] {
                hash.add(part.as_bytes());
            }
            if let Some(language) = o.language() {
                hash.add(b"@");
                hash.add(language.as_bytes());
            } else if o.datatype() != oxrdf::vocab::xsd::STRING {
                for part in ["^^<", o.datatype().as_str(), ">"] {
                    hash.add(part.as_bytes());
                }
            }
        }
        _ => {
            let _ = write!(hash, "{triple}");
        }
    }
    hash.add(&begin.to_le_bytes());
    hash.0
}

/// Whether N-Triples writes `value` with an escape (see oxrdf's
/// `print_quoted_str`): control characters, quote, backslash, U+FFFE, U+FFFF.
fn needs_escape(value: &str) -> bool {
    value.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F) || value.contains(['\u{FFFE}', '\u{FFFF}'])
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
    fn a_long_file_name_keeps_one_evidence_per_statement() {
        let stem = "a report with a file name far longer than any slug may be ".repeat(3);
        let text = "The OSCE works on policing. The OSCE works on border management.";
        let mut emitter = Emitter::new(&stem, text);
        let s = NamedNode::new_unchecked("https://example.org/s");
        let o = NamedNode::new_unchecked("https://example.org/o");
        emitter.fact(&s, ssgr::WORKS_ON, s.clone(), Span { start: 0, end: 27 }, "test");
        emitter.fact(&s, ssgr::WORKS_ON, o, Span { start: 28, end: text.len() }, "test");
        let triples = emitter.into_triples();
        let reifiers: std::collections::BTreeSet<_> =
            triples.iter().filter(|t| t.predicate == rdf::REIFIES).map(|t| t.subject.to_string()).collect();
        assert_eq!(reifiers.len(), 2, "{reifiers:?}");
    }

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        for n in [0, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX] {
            let mut hex = String::new();
            push_hex(&mut hex, n);
            assert_eq!(hex, format!("{n:016x}"));
        }
    }

    #[test]
    fn fingerprints_hash_the_n_triples_form() {
        use std::fmt::Write;
        let s = NamedNode::new_unchecked("https://example.org/s");
        let literals = [
            Literal::new_simple_literal("a \"quoted\" name"),
            Literal::new_simple_literal("Priština’s plain name"),
            Literal::new_simple_literal("tab\tand\u{7f}and\u{FFFF}"),
            Literal::new_language_tagged_literal_unchecked("Défense", "en"),
            Literal::new_typed_literal("12", xsd::NON_NEGATIVE_INTEGER),
            Literal::new_typed_literal("typed string", oxrdf::vocab::xsd::STRING),
            Literal::new_directional_language_tagged_literal_unchecked("name", "ar", oxrdf::BaseDirection::Rtl),
        ];
        let with_literals = literals.into_iter().map(|l| Triple::new(s.clone(), rdfs::LABEL, l));
        for triple in std::iter::once(Triple::new(s.clone(), rdfs::COMMENT, s.clone())).chain(with_literals) {
            let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
            let _ = write!(hash, "{triple}");
            hash.add(&7usize.to_le_bytes());
            assert_eq!(fingerprint(&triple, 7), hash.0);
        }
    }

    /// Texts of 1-, 2-, 3- and 4-byte characters in random runs, from a
    /// few bytes to three times 4 KiB (the step of an earlier index):
    /// blocks start inside characters of every length.
    fn mixed_texts() -> Vec<String> {
        const CHARS: [&[char]; 4] = [
            &['a', 'Z', ' ', '.', '\n'],
            &['é', 'ë', 'ș', 'ă', 'Ж'],
            &['–', '’', '€', '中', '\u{feff}'],
            &['😀', '𝔸', '\u{10ffff}', '🇦'],
        ];
        // xorshift64: the same texts on every run, no dependency.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % below as u64).unwrap_or(0)
        };
        let mut texts = vec![String::new(), "é".into(), "a".repeat(CHAR_INDEX_STEP), "é".repeat(CHAR_INDEX_STEP)];
        for n in 0..48 {
            let len = if n < 8 { next(3 * CHAR_INDEX_STEP) } else { 4096 + next(2 * 4096) };
            let mut text = String::with_capacity(len + 4);
            while text.len() < len {
                // Runs of one width, so that the text is not uniformly mixed.
                let width = next(4);
                for _ in 0..=next(12) {
                    text.push(CHARS[width][next(CHARS[width].len())]);
                }
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn character_offsets_count_the_characters_before() {
        let texts = mixed_texts();
        let mut straddled = [0; 5];
        for (n, text) in texts.iter().enumerate() {
            let emitter = Emitter::new("d", text);
            for byte in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                let chars = text[..byte].chars().count();
                assert_eq!(emitter.char_offset(byte), chars, "text {n} ({} bytes), byte {byte}", text.len());
            }
            for start in (0..text.len()).step_by(CHAR_INDEX_STEP) {
                if let Some((at, c)) = text.char_indices().take_while(|&(at, _)| at <= start).last() {
                    if at < start {
                        straddled[c.len_utf8()] += 1;
                    }
                }
            }
        }
        // The texts test what they are meant to: blocks that start inside
        // characters of 2, 3 and 4 bytes.
        assert!(straddled[2..].iter().all(|&n| n > 20), "blocks starting inside characters: {straddled:?}");
    }
}
