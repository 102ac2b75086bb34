//! Entries: the items a page lists (a mandate, a vacancy, a publication),
//! each a title block followed by its body.
//!
//! A title is a heading, or a short line with no closing full stop. An entry
//! is a mandate (`engagement-entry`) when a line "[<Party>] mandate in
//! <Place> [<start> - [<end>]]" follows its title; a vacancy
//! (`vacancy-entry`) when "Location:" and "Deadline:" fields follow it; a
//! publication (`publication-entry`) when its body links to "the full
//! report", ends in "read more", gives editors or an ISBN, its title has a
//! publication head noun (Handbook, Toolkit, Guide, Report, …), or a label
//! next to it says so ("Paper", "Tool"). Furniture blocks are skipped.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::BlockKind;
use crate::extract::Reader;
use crate::furniture::EntryKind;
use crate::pattern::Pattern;

pub(crate) mod engagement;
pub(crate) mod publication;
mod vacancy;

/// The kinds of engagement a mandate line names.
const ENGAGEMENT_KINDS: &str = "mandate|assessment|training|project|programme|mission|workshop|course";

/// The party of a mandate line: up to four capitalised words.
const PARTY: &str = r"\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,3}";

/// A mandate line whose kind is one of `kinds`. `is_mandate_line` relies
/// on three facts of this pattern: no digit outside its dates, the party's
/// words capitalised, the kinds in lower case; keep them when changing it.
/// And on its start being [`mandate_head`].
fn mandate_pattern(kinds: &str) -> String {
    format!(
        r"^(?:(?P<party>{PARTY})\s+)?(?P<kind>{kinds})\s+(?:in|to)\s+(?P<place>[^\d]+?)\s*(?P<dates>\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\s*[-–—]\s*(?:\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})?)?\s*$"
    )
}

/// The start of [`mandate_pattern`] up to the space after "in" or "to":
/// every mandate line starts so.
fn mandate_head(kinds: &str) -> String {
    format!(r"^(?:{PARTY}\s+)?(?:{kinds})\s+(?:in|to)\s")
}

static MANDATE_LINE: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(&mandate_pattern(ENGAGEMENT_KINDS)));

/// [`mandate_head`] of every kind. Anchored at the start, it fails within
/// the first words of a block that is no mandate line (most blocks are
/// paragraphs), where the search for a digit ran over the whole block: it
/// took nine tenths of the time of telling mandate lines.
static MANDATE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&mandate_head(ENGAGEMENT_KINDS)).unwrap_or_else(|e| panic!("static regex: {e}")));

/// [`MANDATE_LINE`] with the kind "mandate" only.
static MANDATE_WORD_LINE: LazyLock<Pattern> = LazyLock::new(|| Pattern::fixed(&mandate_pattern("mandate")));

static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d").unwrap_or_else(|e| panic!("static regex: {e}")));

/// Whether a block is a mandate line: the word "mandate", or another kind
/// of engagement followed by dates, written in lower case after at most a
/// short party name ("Austria mandate in Armenia 09/11/2015 - 13/11/2015").
fn mandate_captures(text: &str) -> Option<regex::Captures<'_>> {
    MANDATE_LINE
        .captures(text.trim())
        .filter(|c| c.name("kind").is_some_and(|k| k.as_str() == "mandate") || c.name("dates").is_some())
}

/// Whether [`mandate_captures`] finds a mandate line, without the groups
/// (reporting them is most of the cost of a match). Only the dates group
/// can hold a digit, so it takes part in a match exactly when the line has
/// one. And the kind is the same in every way the line matches: it is the
/// first word after the capitalised words of the party, and starts in lower
/// case; so the kind is "mandate" exactly when the pattern with that kind
/// alone matches.
fn is_mandate_line(text: &str) -> bool {
    let text = text.trim();
    MANDATE_HEAD.is_match(text)
        && (MANDATE_WORD_LINE.is_match(text) || (DIGIT.is_match(text) && MANDATE_LINE.is_match(text)))
}

static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<key>[A-Z][A-Za-z()]*(?: [A-Za-z()]+){0,3})\s*:\s*(?P<value>\S.*)$")
        .unwrap_or_else(|e| panic!("static regex: {e}"))
});

static PUBLICATION_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\bto (?:have )?(?:access|read)(?: to)? (?:to )?(?:the )?full\b|read more\s*$|\bISBN\b|\beditor(?:s|\(s\))?:|\bauthor(?:s|\(s\))?:",
    )
});

static PUBLICATION_HEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:handbook|toolkit|tool|guide|guidebook|guidelines|guidance note|report|glossary|almanac|manual|sourcebook|kit|paper|study|book|compendium|brief|primer|textbook|yearbook|series|proceedings|compilation|commentary|checklist)s?\b",
    )
});

/// The labels of the fields that entries on such pages carry ("Location:",
/// "Application Deadline:"). A line "OECD Glossaries: Corruption" is a
/// title, not a field.
const FIELD_KEYS: &[&str] = &[
    "location",
    "duty station",
    "place of assignment",
    "deadline",
    "application deadline",
    "closing date",
    "date",
    "dates",
    "editor",
    "editors",
    "editor(s)",
    "author",
    "authors",
    "author(s)",
    "publisher",
    "isbn",
    "year",
    "published",
    "type",
    "grade",
    "contract",
    "contract type",
    "duration",
    "language",
    "languages",
    "source",
    "organisation",
    "organization",
    "country",
    "region",
    "category",
    "tags",
    "topic",
    "topics",
    "theme",
    "level",
    "start date",
    "end date",
    "reference",
    "vacancy number",
    "number of posts",
];

/// Whether a line is "<known field>: value".
fn is_field_line(text: &str) -> bool {
    field_line(text).is_some_and(|(key, _)| FIELD_KEYS.iter().any(|k| is_lower_case_of(k, key)))
}

/// The key and value of a line "Key: value". Most blocks have no colon:
/// they are ruled out before the pattern runs.
fn field_line(text: &str) -> Option<(&str, &str)> {
    memchr::memchr(b':', text.as_bytes())?;
    let caps = FIELD_LINE.captures(text)?;
    Some((caps.name("key")?.as_str(), caps.name("value").map_or("", |v| v.as_str())))
}

/// Whether `lower` is `key` in lower case. Keys are ASCII (see
/// [`FIELD_LINE`]): compared byte by byte, with no lower-case copy.
fn is_lower_case_of(lower: &str, key: &str) -> bool {
    lower.len() == key.len() && lower.bytes().zip(key.bytes()).all(|(l, k)| l == k.to_ascii_lowercase())
}

/// An entry: its title block and the blocks of its body.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) title: usize,
    pub(crate) body: Vec<usize>,
    /// The entry kind that a furniture label next to it names.
    pub(crate) label: Option<EntryKind>,
    /// Its mandate line: the first of its first two body blocks that is one.
    pub(crate) mandate: Option<usize>,
}

impl Reader<'_> {
    /// Finds the entries and reads each by its kind.
    pub(crate) fn read_entries(&mut self) {
        for entry in self.entries() {
            if entry.mandate.is_some() {
                self.read_engagement(&entry);
            } else if self.field(&entry, &["location", "duty station", "place of assignment"]).is_some()
                && self.field(&entry, &["deadline", "application deadline", "closing date"]).is_some()
            {
                self.read_vacancy(&entry);
            } else if self.is_publication(&entry) {
                self.read_publication(&entry);
            }
        }
        self.read_prose_engagements();
    }

    fn block_text(&self, block: usize) -> &str {
        self.doc.block_text(&self.doc.blocks[block])
    }

    /// Whether a block has the shape of a title, given whether it is a
    /// mandate line (which is never a title).
    fn is_title(&self, block: usize, mandate: bool) -> bool {
        let b = &self.doc.blocks[block];
        if let BlockKind::Heading(_) = b.kind {
            return true;
        }
        if b.kind == BlockKind::ListItem {
            return false;
        }
        let text = self.block_text(block).trim();
        let starts_well = text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
        let ends_open = !text.ends_with(['.', ':', ';', ',']) || text.ends_with("...");
        // Words counted up to one past the limit: paragraphs are long.
        let short = || (1..=25).contains(&text.split_whitespace().take(26).count());
        starts_well && ends_open && short() && !is_field_line(text) && !mandate
    }

    /// Groups the content blocks into entries.
    fn entries(&self) -> Vec<Entry> {
        let content: Vec<usize> = (0..self.doc.blocks.len()).filter(|&b| self.furniture[b].is_none()).collect();
        // Each block's shape, decided once: a title looks back over them.
        let mut mandate = vec![false; self.doc.blocks.len()];
        let mut title = vec![false; self.doc.blocks.len()];
        for &b in &content {
            mandate[b] = is_mandate_line(self.block_text(b));
            debug_assert_eq!(mandate[b], mandate_captures(self.block_text(b)).is_some(), "{}", self.block_text(b));
            title[b] = self.is_title(b, mandate[b]);
        }
        let mut entries: Vec<Entry> = Vec::new();
        let mut previous_title = false;
        for (n, &block) in content.iter().enumerate() {
            let next_is_mandate = content.get(n + 1).is_some_and(|&b| mandate[b]);
            if title[block] && (!previous_title || next_is_mandate) {
                let label = self.adjacent_label(block, &title);
                entries.push(Entry { title: block, body: Vec::new(), label, mandate: None });
            } else if let Some(current) = entries.last_mut() {
                current.body.push(block);
            }
            previous_title = title[block] && !next_is_mandate;
        }
        // Known from the shapes: the line's groups are read again only
        // when the entry is read.
        for entry in &mut entries {
            entry.mandate = entry.body.iter().take(2).copied().find(|&b| mandate[b]);
        }
        entries
    }

    /// The entry kind named by the furniture label just before or after a
    /// title, or by the section label above it.
    fn adjacent_label(&self, block: usize, title: &[bool]) -> Option<EntryKind> {
        let before = (0..block).rev().find(|&b| self.furniture[b].is_some() || title[b]);
        before.and_then(|b| self.furniture[b].flatten())
    }

    /// The mandate line of an entry (its first or second body block), with
    /// its groups.
    pub(crate) fn mandate_line(&self, entry: &Entry) -> Option<(usize, regex::Captures<'_>)> {
        entry.mandate.and_then(|b| mandate_captures(self.block_text(b)).map(|c| (b, c)))
    }

    /// The value of the first field of the entry with one of `keys`
    /// (case-insensitive), with its block.
    pub(crate) fn field(&self, entry: &Entry, keys: &[&str]) -> Option<(usize, String)> {
        entry.body.iter().find_map(|&b| {
            let (key, value) = field_line(self.block_text(b).trim())?;
            keys.iter().any(|k| is_lower_case_of(k, key)).then(|| (b, value.to_owned()))
        })
    }

    fn is_publication(&self, entry: &Entry) -> bool {
        let title = self.block_text(entry.title);
        entry.label == Some(EntryKind::Publication)
            || PUBLICATION_HEAD.is_match(title)
            || entry.body.iter().any(|&b| PUBLICATION_CUE.is_match(self.block_text(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mandate_lines_are_told_without_their_groups() {
        let lines = [
            "Austria mandate in Armenia 09/11/2015 - 13/11/2015",
            "Austria mandate in Armenia",
            "Austria training in Armenia",
            "Austria training in Armenia 09/11/2015 – ",
            "Mission mandate to Kosovo",
            "mission to Kosovo 1/2/2020 - 3/4/2021",
            "mission to Kosovo",
            "Swiss Federal Department Of Defence mandate in Mali",
            "Swiss Federal Department Of Defence Now mandate in Mali",
            "  DCAF  assessment   in  Tunisia  01.02.2019-  ",
            "DCAF mandates in Tunisia",
            "DCAF mandate in Tunisia ٣/٣/٢٠٢٠ - ",
            "DCAF project in Tunisia 12 people",
            "ÉCOLE mandate in Côte d’Ivoire",
            "",
        ];
        for line in lines {
            assert_eq!(is_mandate_line(line), mandate_captures(line).is_some(), "{line}");
        }
    }

    #[test]
    fn field_lines_have_a_known_key_in_any_case() {
        assert_eq!(field_line("Application Deadline: 05/12/2019"), Some(("Application Deadline", "05/12/2019")));
        assert!(is_field_line("DUTY STATION : Vienna") && is_field_line("Editor(s): Jane Doe"));
        assert!(!is_field_line("OECD Glossaries: Corruption") && !is_field_line("Location Vienna"));
        assert!(is_lower_case_of("closing date", "Closing Date") && !is_lower_case_of("date", "Dates"));
    }
}
