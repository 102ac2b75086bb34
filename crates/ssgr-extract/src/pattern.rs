//! Regular expressions with word boundaries that stay on the fast path.
//!
//! The `regex` crate's lazy DFA cannot decide a Unicode word boundary (`\b`)
//! next to a non-ASCII character: it gives up and the search falls back to
//! a backtracker or the PikeVM, ten times slower. Pages are full of
//! typographic quotes and dashes (`’`, `–`), so most sentences would take
//! the slow path. An ASCII boundary `(?-u:\b)` says the same as a Unicode
//! one wherever both neighbours are ASCII or one is a non-word character
//! (a quote, a dash, a space of any kind); they differ only next to a
//! non-ASCII *word* character (`ë`, `ș`). A [`Pattern`] therefore keeps both
//! forms and uses the ASCII one unless the text holds such a character:
//! the results are those of the Unicode pattern, always. Where the text is
//! narrow (see [`crate::narrow`]), a third form, with its classes cut down
//! as well, is used: it gives the same answers, and reporting groups costs
//! less with the smaller classes.

use regex::{CaptureMatches, Captures, Match, Matches, Regex, RegexSet};

use crate::{narrow, swar};

/// A regular expression and two faster twins that answer as it does on the
/// texts they fit: one with classes cut down to what most text is written
/// in (see [`crate::narrow`]), one with ASCII word boundaries.
pub(crate) struct Pattern {
    /// For narrow text: ASCII and [`narrow::is_mark`] characters only.
    narrow: Regex,
    /// For text without a non-ASCII word character ([`needs_unicode`]).
    ascii: Regex,
    full: Regex,
}

/// Whether `text` has a non-ASCII character that `\w` matches: only then
/// may a Unicode `\b` differ from an ASCII one.
pub(crate) fn needs_unicode(text: &str) -> bool {
    non_ascii_chars(text).any(regex_syntax::is_word_character)
}

/// The non-ASCII characters of `text`, in order; only they are decoded.
pub(crate) fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        i += first_non_ascii(text.as_bytes().get(i..)?)?;
        let c = text.get(i..)?.chars().next()?;
        i += c.len_utf8();
        Some(c)
    })
}

/// The offset of the first byte of `bytes` that is not ASCII. Every
/// sentence is scanned so, by the sieve and by each pattern run on it:
/// eight bytes are tested at a time, most sentences being mostly ASCII.
pub(crate) fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    swar::position(bytes, |word| word & swar::HIGH != 0, |b| !b.is_ascii())
}

/// `pattern` with every `\b` made an ASCII word boundary.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

impl Pattern {
    /// Compiles `pattern` (with Unicode semantics) and its twins.
    pub(crate) fn new(pattern: &str) -> Result<Self, regex::Error> {
        Ok(Self {
            narrow: narrow::twin(pattern)?,
            ascii: Regex::new(&ascii_boundaries(pattern))?,
            full: Regex::new(pattern)?,
        })
    }

    /// Compiles a pattern written in the source: a bad one is a bug, found
    /// by the first test that reaches it.
    pub(crate) fn fixed(pattern: &str) -> Self {
        Self::new(pattern).unwrap_or_else(|e| panic!("static regex: {e}"))
    }

    /// The pattern as written.
    pub(crate) fn source(&self) -> &str {
        self.full.as_str()
    }

    /// The compiled form that gives the pattern's answers on `text`, found
    /// in one walk over its non-ASCII characters.
    fn on(&self, text: &str) -> &Regex {
        let mut narrow = true;
        for c in non_ascii_chars(text) {
            if !narrow::is_mark(c) {
                if regex_syntax::is_word_character(c) {
                    return &self.full;
                }
                narrow = false;
            }
        }
        if narrow { &self.narrow } else { &self.ascii }
    }

    /// See [`Regex::find`].
    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.on(text).find(text)
    }

    /// See [`Regex::find_at`].
    pub(crate) fn find_at<'h>(&self, text: &'h str, start: usize) -> Option<Match<'h>> {
        self.on(text).find_at(text, start)
    }

    /// See [`Regex::find_iter`].
    pub(crate) fn find_iter<'r, 'h>(&'r self, text: &'h str) -> Matches<'r, 'h> {
        self.on(text).find_iter(text)
    }

    /// See [`Regex::is_match`].
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.on(text).is_match(text)
    }

    /// See [`Regex::captures`].
    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.on(text).captures(text)
    }

    /// See [`Regex::captures_iter`].
    pub(crate) fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> CaptureMatches<'r, 'h> {
        self.on(text).captures_iter(text)
    }
}

/// A [`RegexSet`] kept in both forms, like [`Pattern`].
pub(crate) struct PatternSet {
    ascii: RegexSet,
    unicode: RegexSet,
}

impl PatternSet {
    /// Compiles the patterns (with Unicode semantics).
    pub(crate) fn new(patterns: &[String]) -> Result<Self, regex::Error> {
        Ok(Self {
            ascii: RegexSet::new(patterns.iter().map(|p| ascii_boundaries(p)))?,
            unicode: RegexSet::new(patterns)?,
        })
    }

    /// Whether any pattern matches `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if needs_unicode(text) { self.unicode.is_match(text) } else { self.ascii.is_match(text) }
    }
}

/// A regex set that says which patterns *may* match a text, for a sieve:
/// exactly those that match, unless the text has a non-ASCII word
/// character, then a few more.
///
/// [`PatternSet`] answers such text with its Unicode form, which the lazy
/// DFA cannot run: the PikeVM then took a hundred times as long, and half
/// the sieve's time went to the few sentences with an "ë" or an "ș". The
/// loose form drops every `\b`; an assertion only ever rules matches out,
/// so it matches wherever the Unicode pattern does, and stays on the DFA.
pub(crate) struct SieveSet {
    ascii: RegexSet,
    loose: RegexSet,
}

impl SieveSet {
    /// The sieve of `patterns`, in order.
    pub(crate) fn of(patterns: &[&Pattern]) -> Result<Self, regex::Error> {
        let sources: Vec<&str> = patterns.iter().map(|p| p.source()).collect();
        Ok(Self {
            ascii: RegexSet::new(sources.iter().map(|p| ascii_boundaries(p)))?,
            loose: RegexSet::new(sources.iter().map(|p| p.replace(r"\b", "")))?,
        })
    }

    /// The patterns (of the first 64) that may match `text`, as bits.
    pub(crate) fn candidate_bits(&self, text: &str) -> u64 {
        let set = if needs_unicode(text) { &self.loose } else { &self.ascii };
        set.matches(text).iter().filter(|&i| i < 64).fold(0, |bits, i| bits | 1 << i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_non_ascii_byte() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0xC3;
                }
                let expected = (at < len).then_some(at);
                assert_eq!(first_non_ascii(&bytes), expected, "{len} bytes, non-ASCII at {at}");
            }
        }
    }

    #[test]
    fn boundaries_agree_with_unicode_ones() {
        let p = Pattern::fixed(r"(?i)\bworks? on\b");
        // A typographic quote is no word character: the ASCII form is used.
        assert!(!needs_unicode("ISSAT’s staff works on SSR"));
        assert_eq!(p.find("ISSAT’s staff works on SSR").map(|m| m.as_str()), Some("works on"));
        // Next to "é" only the Unicode form is right: "éworks" is one word.
        assert!(needs_unicode("éworks on") && needs_unicode("’’ Priština") && !needs_unicode("“a” – b’"));
        assert!(p.find("éworks on").is_none());
        assert!(p.find("é works on").is_some());
        let set = PatternSet::new(&[r"(?i)^designed by\b".to_owned()]).unwrap_or_else(|e| panic!("{e}"));
        assert!(set.is_match("Designed by Studio"));
        assert!(!set.is_match("Designed byé"));
    }

    #[test]
    fn each_text_gets_the_form_that_fits_it() {
        let p = Pattern::fixed(r"(?i)\b(\w+) works? on\b");
        let full = Regex::new(p.source()).unwrap_or_else(|e| panic!("{e}"));
        // Narrow; ASCII boundaries only (a no-break space is no mark); Unicode.
        let texts = ["ISSAT’s staff works on SSR", "ISSAT\u{A0}staff works on SSR", "Ödön works on SSR"];
        let forms = [&p.narrow, &p.ascii, &p.full];
        for (text, form) in texts.into_iter().zip(forms) {
            assert!(std::ptr::eq(p.on(text), form), "{text}");
            let groups = |c: Option<Captures<'_>>| c.and_then(|c| c.get(1)).map(|m| m.range());
            assert_eq!(groups(p.captures(text)), groups(full.captures(text)), "{text}");
        }
    }

    #[test]
    fn a_sieve_keeps_every_match_of_the_unicode_patterns() {
        let patterns =
            [Pattern::fixed(r"\b(\p{Lu}\p{Ll}+)\s+(M[oO]?[A-Z][A-Za-z]?)\b"), Pattern::fixed(r"(?i)\bled by\b")];
        let sieve = SieveSet::of(&patterns.iter().collect::<Vec<_>>()).unwrap_or_else(|e| panic!("{e}"));
        // The ASCII boundary before "Č" would not hold; the Unicode one does.
        assert_eq!(sieve.candidate_bits("the Česká MoD said"), 1);
        assert_eq!(sieve.candidate_bits("Led by the Austrian MoD"), 0b11);
        assert_eq!(sieve.candidate_bits("called by the minister"), 0);
    }
}
