//! Proper-name runs in a sentence: capitalised words joined by connectors
//! ("Ministry of Defence and Sports"), the raw material for discovering
//! organisations and persons that no reference file lists.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{NAME_CONNECTORS, is_capitalised};

/// A word of a sentence, by byte range within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}]+(?:[-’'/.][\p{L}\p{N}]+)*(?:[’']s?)?").unwrap_or_else(|e| panic!("static regex: {e}"))
});

/// The words of `text`.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    WORD.find_iter(text).map(|m| Token { start: m.start(), end: m.end() }).collect()
}

/// Whether a word ends in a possessive ("Tajikistan’s", "Altes'").
pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s") || word.ends_with('\'') || word.ends_with('’')
}

/// Strips a possessive ending.
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.trim_end_matches("’s").trim_end_matches("'s").trim_end_matches(['\'', '’'])
}

/// Words that start a sentence or a clause without being part of a name.
const LEADING_FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "These",
    "That",
    "Those",
    "Its",
    "Their",
    "Our",
    "In",
    "On",
    "At",
    "By",
    "For",
    "With",
    "From",
    "To",
    "Of",
    "And",
    "Under",
    "According",
    "Since",
    "While",
    "Although",
    "As",
    "Moreover",
    "Additionally",
    "Therefore",
    "However",
    "Both",
    "Each",
    "All",
    "Many",
    "Some",
    "Having",
    "Designed",
    "Developed",
    "Following",
];

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
        while current.first().is_some_and(|t| LEADING_FUNCTION_WORDS.contains(&&text[t.start..t.end])) {
            current.remove(0);
        }
        if !current.is_empty() {
            runs.push(std::mem::take(current));
        }
        current.clear();
    };
    for (i, token) in words.iter().enumerate() {
        let word = &text[token.start..token.end];
        let joined =
            current.last().is_some_and(|prev| text[prev.end..token.start].chars().all(|c| c == ' ' || c == '\u{a0}'));
        if !joined {
            flush(&mut current, &mut runs);
        }
        if is_capitalised(word) {
            current.push(*token);
            if is_possessive(word) {
                flush(&mut current, &mut runs);
            }
        } else if !current.is_empty() && joins_name(text, &words, i) {
            current.push(*token);
        } else {
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
