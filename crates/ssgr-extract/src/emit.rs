//! Collects the triples of one document, each extracted statement with the
//! RDF 1.2 reifier that records where it was read.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;

use oxrdf::{Literal, NamedNode, Term, Triple};
use rustc_hash::FxHashMap;
use ssgr_vocab::id::{self, Kind};
use ssgr_vocab::{nif, prov, rdf, rdfs, skos, ssgr, xsd};

use crate::swar;
use crate::triples::Triples;

mod fingerprint;

use fingerprint::fingerprint;

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
    /// name first where reference data gives one. Hashed, as every mention
    /// looks its entity up; sorted by IRI at the end.
    names: FxHashMap<NamedNode, Names>,
    /// Entry `k`: the number of characters that start before byte
    /// `k * CHAR_INDEX_STEP`, for every such byte up to the text's end, so
    /// that a byte offset becomes a character offset without rescanning
    /// the document.
    char_index: OnceCell<Vec<usize>>,
    /// The last span a fact was read in, with its character offsets: a
    /// sentence often carries several facts in a row.
    last_offsets: Option<(Span, (usize, usize))>,
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
            names: FxHashMap::default(),
            char_index: OnceCell::new(),
            last_offsets: None,
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
        let (begin, end) = self.offsets(span);
        let fingerprint = fingerprint(&triple, begin);
        let reifier = self.reifier(fingerprint);
        let sentence = self.text[span.start..span.end].to_owned();
        let ev = |p: oxrdf::NamedNodeRef<'_>, o: Term| Triple::new(reifier.clone(), p.into_owned(), o);
        let evidence = [
            ev(rdf::REIFIES, Term::Triple(Box::new(triple.clone()))),
            ev(rdf::TYPE, ssgr::EVIDENCE.into_owned().into()),
            ev(prov::WAS_DERIVED_FROM, self.doc.clone().into()),
            ev(ssgr::SENTENCE, Literal::new_simple_literal(sentence).into()),
            ev(nif::BEGIN_INDEX, Literal::new_typed_literal(decimal(begin), xsd::NON_NEGATIVE_INTEGER).into()),
            ev(nif::END_INDEX, Literal::new_typed_literal(decimal(end), xsd::NON_NEGATIVE_INTEGER).into()),
            // The last takes the IRI itself, not a copy.
            Triple::new(reifier, ssgr::RULE.into_owned(), Literal::new_simple_literal(rule)),
        ];
        // Within one document the fingerprint names the reifier: it is the key.
        self.triples.insert_evidence_keyed(fingerprint, evidence);
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
        // Most calls give a reference entity's canonical name again, at each
        // mention: it was recorded single-spaced, so it needs no cleaning.
        if let Some(names) = self.names.get_mut(iri).filter(|n| canonical && n.canonical.as_deref() == Some(name)) {
            count(&mut names.counts, name, 1);
            return;
        }
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
        let mut by_iri: Vec<(NamedNode, Names)> = std::mem::take(&mut self.names).into_iter().collect();
        by_iri.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (iri, names) in by_iri {
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

    /// The character offsets of the start and end of `span`.
    fn offsets(&mut self, span: Span) -> (usize, usize) {
        match self.last_offsets {
            Some((last, offsets)) if last == span => offsets,
            _ => {
                let offsets = (self.char_offset(span.start), self.char_offset(span.end));
                self.last_offsets = Some((span, offsets));
                offsets
            }
        }
    }

    /// The character offset of `byte`, a character boundary of the text:
    /// the number of characters before it, `text[..byte].chars().count()`.
    /// The index gives the characters before the start of `byte`'s block;
    /// only the block's bytes before `byte` are counted.
    fn char_offset(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte), "byte {byte} is not a character boundary");
        let block = byte / CHAR_INDEX_STEP;
        let from = block * CHAR_INDEX_STEP;
        let char_index = self.char_index.get_or_init(|| char_index(self.text));
        let before = char_index[block];
        // A block with as many characters as bytes has no continuation
        // byte: each of its bytes starts a character, nothing to count.
        // Most blocks of most documents are such (plain ASCII).
        let block_len = (self.text.len() - from).min(CHAR_INDEX_STEP);
        if char_index.get(block + 1).is_some_and(|&next| next - before == block_len) {
            return before + (byte - from);
        }
        before + char_starts(&self.text.as_bytes()[from..byte])
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
    // One copy of the digits, not a push per character.
    std::str::from_utf8(&digits[at..]).map_or_else(|_| String::new(), str::to_owned)
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
///
/// Eight bytes at a time: in a word, a byte's top bit and its next bit,
/// shifted up to the top, mark a continuation byte; the rest byte by byte.
fn char_starts(bytes: &[u8]) -> usize {
    let (words, rest) = swar::words(bytes);
    let in_words: usize = words.map(|(w, _)| (w & !(w << 1) & swar::HIGH).count_ones() as usize).sum();
    bytes.len() - in_words - rest.iter().filter(|&&b| (b & 0xC0) == 0x80).count()
}

#[derive(Default)]
struct Names {
    canonical: Option<String>,
    counts: BTreeMap<String, usize>,
}

/// `name` with its words separated by single spaces.
fn single_spaced(name: &str) -> Cow<'_, str> {
    if is_single_spaced(name) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Whether `name` has no white space but single spaces between words.
/// One pass over the bytes (names are written on every mention); only a
/// name with other characters than ASCII has its characters decoded.
fn is_single_spaced(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut ascii = true;
    let mut previous = 0;
    for &b in bytes {
        // ASCII white space: tab, line feed, vertical tab, form feed, return.
        if (b == b' ' && previous == b' ') || (0x09..=0x0D).contains(&b) {
            return false;
        }
        ascii &= b.is_ascii();
        previous = b;
    }
    ascii || !name.contains(|c: char| c.is_whitespace() && c != ' ')
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

#[cfg(test)]
mod tests {
    use super::fingerprint::needs_escape;
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
    fn escapes_and_spacing_are_found_as_the_characters_say() {
        let texts = [
            "",
            "plain",
            "a \"quoted\" name",
            "back\\slash",
            "tab\t",
            "del\u{7f}",
            "\u{FFFE}",
            "x\u{FFFF}y",
            "\u{FFFD}",
            "\u{EFFF}",
            "Priština’s",
            " lead",
            "trail ",
            "two  spaces",
            "one space",
            "nbsp\u{a0}here",
            "line\nfeed",
            "\u{2003}em",
            "\u{85}",
            "é é",
        ];
        for text in texts {
            let escaped = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F)
                || text.contains(['\u{FFFE}', '\u{FFFF}']);
            assert_eq!(needs_escape(text), escaped, "{text:?}");
            let clean = !text.starts_with(' ')
                && !text.ends_with(' ')
                && !text.contains("  ")
                && !text.contains(|c: char| c.is_whitespace() && c != ' ');
            assert_eq!(is_single_spaced(text), clean, "{text:?}");
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
            for start in 0..text.len().min(40) {
                let bytes = &text.as_bytes()[start..];
                let naive = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
                assert_eq!(char_starts(bytes), naive, "text {n}, from byte {start}");
            }
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
