//! Regular expressions with a twin compiled for the characters most text
//! is written in.
//!
//! A class such as `\p{L}` compiles to hundreds of NFA states, and every
//! search that reports capture groups (the bounded backtracker) clears a
//! table of states times haystack bytes: a tenth of a millisecond for one
//! short line. Most sentences hold only ASCII and a few typographic marks
//! (quotes, dashes). On such a text a class matches exactly what its part
//! within those characters matches, so a twin whose every class is cut
//! down to them, and whose Unicode word boundaries are ASCII ones (the
//! marks are no word characters), answers exactly as the pattern does: a
//! [`Pattern`](crate::pattern::Pattern) uses it wherever the text allows.

use regex::Regex;
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

/// The characters, besides ASCII, that a narrow text may hold: punctuation
/// that is neither a letter, a digit, a space nor a word character.
const MARKS: &[char] = &['«', '»', '–', '—', '‘', '’', '‚', '“', '”', '„', '•', '…'];

/// The narrow twin of `pattern`.
pub(crate) fn twin(pattern: &str) -> Result<Regex, regex::Error> {
    let hir = regex_syntax::parse(pattern).map_err(|e| regex::Error::Syntax(e.to_string()))?;
    Regex::new(&narrowed(&hir, &narrow_class()).to_string())
}

/// Whether `c` is one of [`MARKS`]: text is narrow where every character
/// is ASCII or such a mark.
pub(crate) fn is_mark(c: char) -> bool {
    MARKS.contains(&c)
}

/// ASCII and the marks.
fn narrow_class() -> ClassUnicode {
    let ranges = std::iter::once(ClassUnicodeRange::new('\0', '\x7F'))
        .chain(MARKS.iter().map(|&c| ClassUnicodeRange::new(c, c)));
    ClassUnicode::new(ranges)
}

/// `hir` with every class cut down to `within` and every Unicode word
/// boundary made an ASCII one.
fn narrowed(hir: &Hir, within: &ClassUnicode) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) => hir.clone(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(within);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        HirKind::Repetition(rep) => {
            Hir::repetition(Repetition { sub: Box::new(narrowed(&rep.sub, within)), ..rep.clone() })
        }
        HirKind::Capture(cap) => Hir::capture(Capture { sub: Box::new(narrowed(&cap.sub, within)), ..cap.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| narrowed(s, within)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|s| narrowed(s, within)).collect()),
    }
}

/// The ASCII form of a word-boundary assertion; others unchanged.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use regex::{CaptureMatches, Captures};

    use super::*;
    use crate::pattern::Pattern;

    #[test]
    fn marks_are_no_letters_digits_spaces_or_word_characters() {
        let classes = Regex::new(r"[\p{L}\p{N}\s\w]").unwrap_or_else(|e| panic!("{e}"));
        for &c in MARKS {
            assert!(!classes.is_match(&c.to_string()) && !regex_syntax::is_word_character(c), "{c}");
        }
        let is_narrow = |text: &str| crate::pattern::non_ascii_chars(text).all(is_mark);
        assert!(is_narrow("Austria’s mandate – 09/11/2015 “x”") && !is_narrow("Priština") && is_narrow(""));
    }

    #[test]
    fn the_twin_answers_as_the_pattern_does() {
        let patterns = [
            r"\(\s*([\p{L}][\p{L}\d/&\-]{1,14})\s*\)",
            r"^(?:(?P<party>\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,3})\s+)?(?P<kind>mandate|mission)\s+(?:in|to)\s+(?P<place>[^\d]+?)\s*(?P<dates>\d{1,2}[/.]\d{4}\s*[-–—]\s*)?\s*$",
            r"(?i)\bworks? on\b|\w+’s",
            r"(?i)k.s",
        ];
        let texts = [
            "The Kosovo Academy (KAPS) and the Centre (DCAF–ISSAT) met.",
            "Austria mandate in Armenia 09/2015 – ",
            "Austria mandate in Armenia 09/2015 – x",
            "Mission to “Serbia” 1/2015 — ",
            "It works on SSR; Serbia’s police, KÅS, k’s and the K\u{212A}s",
            "Priština (PRIŠ) Česká mandate in Brno 1/2015 - ",
            "( ab ) (a) (abcdefghijklmnopq) works onx",
        ];
        for pattern in patterns {
            let twin = Pattern::fixed(pattern);
            let full = Regex::new(pattern).unwrap_or_else(|e| panic!("{e}"));
            for text in texts {
                let spans = |matches: CaptureMatches<'_, '_>| -> Vec<Vec<Option<(usize, usize)>>> {
                    matches.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
                };
                assert_eq!(spans(twin.captures_iter(text)), spans(full.captures_iter(text)), "{pattern} on {text}");
                let named = |c: Captures<'_>| c.name("kind").map(|m| m.as_str().to_owned());
                assert_eq!(twin.captures(text).map(named), full.captures(text).map(named), "{pattern} on {text}");
            }
        }
    }
}
