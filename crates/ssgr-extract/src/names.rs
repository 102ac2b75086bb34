//! Proper-name runs in a sentence: capitalised words joined by connectors
//! ("Ministry of Defence and Sports"), the raw material for discovering
//! organisations and persons that no reference file lists.

use std::sync::LazyLock;

use crate::text::{NAME_CONNECTORS, is_capitalised};

/// A word of a sentence, by byte range within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The letters and digits of a word: `[\p{L}\p{N}]` in the `regex` crate's
/// Unicode tables, as sorted ranges.
static NAME_CHARS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let hir = regex_syntax::Parser::new().parse(r"[\p{L}\p{N}]").unwrap_or_else(|e| panic!("static class: {e}"));
    match hir.kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
            class.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => panic!("static class: {other:?}"),
    }
});

/// Whether `c` is a letter or a digit (`[\p{L}\p{N}]`).
fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let ranges = &*NAME_CHARS;
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// The character at byte `i` of `text`, if `i` is within it.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The end of the run of letters and digits that starts at byte `i`.
/// ASCII bytes are tested as bytes; only the others are decoded.
fn skip_name_chars(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b.is_ascii() {
            return i;
        } else {
            match char_at(text, i) {
                Some(c) if is_name_char(c) => i += c.len_utf8(),
                _ => return i,
            }
        }
    }
    i
}

/// The next letter or digit at or after byte `i`, by its offset.
fn next_name_char(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            return Some(i);
        } else if b.is_ascii() {
            i += 1;
        } else {
            let c = char_at(text, i)?;
            if is_name_char(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The words of `text`: what `[\p{L}\p{N}]+(?:[-’'/.][\p{L}\p{N}]+)*(?:[’']s?)?`
/// matches, scanned by hand because the regular expression's two passes
/// (forward for the end, backward for the start) cost ten times more.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while let Some(start) = next_name_char(text, i) {
        i = skip_name_chars(text, start);
        // Joined parts: "Co-operation", "HDC/MOD", "U.S", "ISSAT’s".
        while let Some(sep) = char_at(text, i).filter(|c| matches!(c, '-' | '’' | '\'' | '/' | '.')) {
            let next = i + sep.len_utf8();
            if !char_at(text, next).is_some_and(is_name_char) {
                break;
            }
            i = skip_name_chars(text, next);
        }
        // A trailing possessive apostrophe: "Altes’".
        if let Some(quote) = char_at(text, i).filter(|c| matches!(c, '’' | '\'')) {
            i += quote.len_utf8();
            if text.as_bytes().get(i) == Some(&b's') {
                i += 1;
            }
        }
        out.push(Token { start, end: i });
    }
    out
}

/// Whether a word ends in a possessive ("Tajikistan’s", "Altes'").
pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s") || word.ends_with('\'') || word.ends_with('’')
}

/// Strips a possessive ending.
pub(crate) fn strip_possessive(word: &str) -> &str {
    // `trim_end_matches` with a `&str` sets up a substring searcher on
    // every call; stripping suffixes in a loop does the same work for less.
    let mut word = word;
    for suffix in ["’s", "'s"] {
        while let Some(rest) = word.strip_suffix(suffix) {
            word = rest;
        }
    }
    word.trim_end_matches(['\'', '’'])
}

/// Whether `word` starts a sentence or a clause without being part of a
/// name. A `match`, not a list searched word by word: it is asked of the
/// first word of every run.
fn is_leading_function_word(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "This"
            | "These"
            | "That"
            | "Those"
            | "Its"
            | "Their"
            | "Our"
            | "In"
            | "On"
            | "At"
            | "By"
            | "For"
            | "With"
            | "From"
            | "To"
            | "Of"
            | "And"
            | "Under"
            | "According"
            | "Since"
            | "While"
            | "Although"
            | "As"
            | "Moreover"
            | "Additionally"
            | "Therefore"
            | "However"
            | "Both"
            | "Each"
            | "All"
            | "Many"
            | "Some"
            | "Having"
            | "Designed"
            | "Developed"
            | "Following"
    )
}

/// Maximal runs of capitalised words in `text`, joined by single spaces and
/// lower-case connectors, cut at punctuation, with leading function words and
/// trailing connectors removed. A possessive word ends a run ("Tajikistan’s
/// National Mine Action Centre" gives "Tajikistan’s" and "National Mine
/// Action Centre").
pub(crate) fn capitalised_runs(text: &str) -> Vec<Vec<Token>> {
    let words = tokens(text);
    let mut runs = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let flush = |current: &mut Vec<Token>, runs: &mut Vec<Vec<Token>>| {
        while current.last().is_some_and(|t| !is_capitalised(&text[t.start..t.end])) {
            current.pop();
        }
        while current.first().is_some_and(|t| is_leading_function_word(&text[t.start..t.end])) {
            current.remove(0);
        }
        if !current.is_empty() {
            runs.push(std::mem::take(current));
        }
        current.clear();
    };
    for (i, token) in words.iter().enumerate() {
        let word = &text[token.start..token.end];
        // Most words are apart by one space: tested as bytes before as characters.
        let joined = current.last().is_some_and(|prev| {
            let gap = &text[prev.end..token.start];
            gap.bytes().all(|b| b == b' ') || gap.chars().all(|c| c == ' ' || c == '\u{a0}')
        });
        // Flushing an empty run does nothing: most words are not in one.
        if !joined && !current.is_empty() {
            flush(&mut current, &mut runs);
        }
        if is_capitalised(word) {
            current.push(*token);
            if is_possessive(word) {
                flush(&mut current, &mut runs);
            }
        } else if !current.is_empty() && joins_name(text, &words, i) {
            current.push(*token);
        } else if !current.is_empty() {
            flush(&mut current, &mut runs);
        }
    }
    flush(&mut current, &mut runs);
    runs
}

/// Whether the lower-case word at `i` joins the name around it: a connector
/// followed by a capitalised word ("Ministry of Defence", "Defence and
/// Sports"), or "the" after "of", "for", "on", "to", "in" ("Head of the
/// Mission"). "and the" never joins: it lists two names.
fn joins_name(text: &str, words: &[Token], i: usize) -> bool {
    let word = |k: usize| words.get(k).map(|t| &text[t.start..t.end]);
    let spaced =
        |k: usize| words.get(k + 1).is_some_and(|next| text[words[k].end..next.start].chars().all(|c| c == ' '));
    let Some(current) = word(i) else { return false };
    if !NAME_CONNECTORS.contains(&current) || !spaced(i) {
        return false;
    }
    let next = word(i + 1).unwrap_or("");
    if current == "the" {
        let previous = i.checked_sub(1).and_then(word).unwrap_or("");
        return ["of", "for", "on", "to", "in", "against"].contains(&previous) && is_capitalised(next);
    }
    if is_capitalised(next) {
        return true;
    }
    next == "the" && current != "and" && current != "&" && spaced(i + 1) && word(i + 2).is_some_and(is_capitalised)
}

/// Head words that make a capitalised run the name of an organisation.
pub(crate) const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Centre",
    "Center",
    "Academy",
    "Agency",
    "Office",
    "Department",
    "Unit",
    "Institute",
    "Forum",
    "Mission",
    "Section",
    "Company",
    "Council",
    "Commission",
    "Service",
    "School",
    "College",
    "University",
    "Foundation",
    "Association",
    "Committee",
    "Bureau",
    "Directorate",
    "Authority",
    "Court",
    "Parliament",
    "Assembly",
    "Government",
    "Secretariat",
    "Inspectorate",
    "Ombudsman",
    "Administration",
    "Corps",
    "Guard",
    "Organization",
    "Organisation",
    "Network",
    "Division",
    "Police",
    "Army",
    "Forces",
    "Federation",
    "Union",
    "Alliance",
    "Institution",
    "Programme Office",
    "Presence",
    "Team",
    "Group",
    "Bank",
    "Fund",
    "Tribunal",
    "Prosecutor",
    "Initiative",
];

/// Words that name a role, not a body: a run starting with one ("Head of
/// Mission", "Deputy Director") is not an organisation.
pub(crate) const ROLE_WORDS: &[&str] = &[
    "Head",
    "Deputy",
    "Chief",
    "Director",
    "Minister",
    "Secretary",
    "Representative",
    "Chairperson",
    "Chair",
    "Ambassador",
    "Advisor",
    "Adviser",
    "Officer",
    "Assistant",
    "Manager",
    "Coordinator",
    "Co-ordinator",
    "President",
    "Member",
    "Members",
    "Staff",
    "Expert",
    "Experts",
    "Special",
    "Rapporteur",
    "Commissioner",
];

/// Head words of named engagements.
pub(crate) const ENGAGEMENT_HEADS: &[&str] = &[
    "project",
    "programme",
    "program",
    "initiative",
    "agreement",
    "workshop",
    "training",
    "assessment",
    "conference",
    "seminar",
    "course",
    "exercise",
    "mandate",
    "operation",
    "roundtable",
    "campaign",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<String> {
        capitalised_runs(text).into_iter().map(|r| text[r[0].start..r[r.len() - 1].end].to_owned()).collect()
    }

    #[test]
    fn tokens_are_what_the_word_pattern_matches() {
        let word =
            regex::Regex::new(r"[\p{L}\p{N}]+(?:[-’'/.][\p{L}\p{N}]+)*(?:[’']s?)?").unwrap_or_else(|e| panic!("{e}"));
        let texts = [
            "The Austrian Ministry of Defence and Sports has requested ISSAT’s support.",
            "Altes’ thesis, HDC/MOD, U.S. and co-operation; O'Neill's 2015-2017 plan…",
            "Prishtinë/Priština, Łódź – Chișinău ١٢٣ Ⅻ x\u{345}y ’s ' -a- .b. 'tis",
            "",
            "’’’---///",
        ];
        for text in texts {
            let expected: Vec<Token> = word.find_iter(text).map(|m| Token { start: m.start(), end: m.end() }).collect();
            assert_eq!(tokens(text), expected, "{text}");
        }
    }

    #[test]
    fn runs_join_connectors_and_stop_at_punctuation() {
        assert_eq!(
            runs("The Austrian Ministry of Defence and Sports has requested ISSAT’s support."),
            ["Austrian Ministry of Defence and Sports", "ISSAT’s"]
        );
        assert_eq!(
            runs("support to Tajikistan’s National Mine Action Centre (TNMAC), which"),
            ["Tajikistan’s", "National Mine Action Centre", "TNMAC"]
        );
        assert_eq!(runs("the Head of the Mission and the"), ["Head of the Mission"]);
    }
}
