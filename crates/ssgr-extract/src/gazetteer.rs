//! Finds the names of reference entities in text with one Aho-Corasick pass.
//!
//! Acronyms and names of three letters or fewer match only in their exact
//! case ("US" but not "us"); longer names match in any case but must start
//! with a capital in the text, as proper names do. Matches stand as whole
//! words, and the longest match at a position wins, so "United Nations
//! Interim Administration Mission in Kosovo" is one mention, not three.
//!
//! Names are looked for only where a word starts with a byte some name can
//! start with, with an anchored search there: a scan of every byte through
//! the automaton of thousands of names cost a fifth of pass 2, most of it
//! waiting on memory. A match that fails the checks above (a lower-case
//! "bosnia and Herzegovina") hides nothing after it: the next word start
//! is tried.

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, BuildError, Input, MatchKind, StartKind,
};

use crate::few_names::{FewNames, MAX_FEW_NAMES};
use crate::reference::Reference;
use crate::text::{at_word_boundaries, is_word_char};

/// How deep the NFA's states keep a full transition table: the first
/// letters of names, where the search spends its time.
const DENSE_DEPTH: usize = 4;

/// What a name refers to: an index into the reference data's lists, or into
/// the names a document defined itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Target {
    /// A field operation.
    Mission(usize),
    /// An organisation or unit.
    Org(usize),
    /// A country, named as such.
    Country(usize),
    /// A city.
    City(usize),
    /// A country, by its adjective ("Austrian").
    Demonym(usize),
    /// A name defined in the document being read (see `discover`).
    Local(usize),
    /// An acronym another document of the corpus defines (see `lexicon`).
    Lexicon(usize),
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Byte offsets in the text searched.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// What the name refers to.
    pub(crate) target: Target,
}

struct Entry {
    target: Target,
    surface: String,
    exact_case: bool,
}

/// An automaton over a set of names.
pub(crate) struct Gazetteer {
    search: Search,
    entries: Vec<Entry>,
    /// Whether a kept match may start with this byte (see `first_bytes`).
    first: Box<[bool; 256]>,
}

/// How the names are looked for: both give the longest name at a
/// position, ASCII case folded.
enum Search {
    Automaton(AhoCorasick),
    /// A document's own names, or a corpus's few acronyms: cheaper to
    /// search one by one than to build an automaton for.
    Few(FewNames),
}

impl Gazetteer {
    /// The names of all reference entities.
    pub(crate) fn from_reference(reference: &Reference) -> Result<Self, BuildError> {
        let mut names = Vec::new();
        for (i, m) in reference.field_operations.iter().enumerate() {
            for name in std::iter::once(&m.label).chain(&m.variants) {
                names.push((Target::Mission(i), name.clone()));
            }
        }
        for (i, o) in reference.organisations.iter().enumerate() {
            for name in std::iter::once(&o.label).chain(&o.acronyms).chain(&o.variants) {
                names.push((Target::Org(i), name.clone()));
            }
        }
        for (i, c) in reference.countries.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.variants) {
                names.push((Target::Country(i), name.clone()));
            }
        }
        for (i, c) in reference.cities.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.variants) {
                names.push((Target::City(i), name.clone()));
            }
        }
        for (i, c) in reference.countries.iter().enumerate() {
            for name in &c.demonyms {
                names.push((Target::Demonym(i), name.clone()));
            }
        }
        Self::new(names)
    }

    /// An automaton over `(target, name)` pairs, built once and used on
    /// many documents (the crate chooses the kind: a DFA costs a quarter of
    /// a second to build over the reference names and is no faster on
    /// sentences). When two targets share a name, the one listed first
    /// keeps it.
    pub(crate) fn new(names: Vec<(Target, String)>) -> Result<Self, BuildError> {
        Self::build(names, None)
    }

    /// The names one document defines, used on that document only: most
    /// often a few (see `few_names`), else an NFA, quick to build.
    pub(crate) fn for_one_document(names: Vec<(Target, String)>) -> Result<Self, BuildError> {
        Self::build(names, Some(AhoCorasickKind::NoncontiguousNFA))
    }

    fn build(names: Vec<(Target, String)>, kind: Option<AhoCorasickKind>) -> Result<Self, BuildError> {
        let mut seen: HashMap<(String, bool), ()> = HashMap::new();
        let mut entries = Vec::new();
        let spelled = names.into_iter().flat_map(|(t, n)| spelling_variants(n.trim()).into_iter().map(move |v| (t, v)));
        for (target, surface) in spelled {
            if surface.chars().count() < 2 {
                continue;
            }
            let exact_case = is_acronym_like(&surface);
            let key = if exact_case { surface.clone() } else { surface.to_lowercase() };
            if seen.insert((key, exact_case), ()).is_none() {
                entries.push(Entry { target, surface, exact_case });
            }
        }
        let surfaces = entries.iter().map(|e| e.surface.as_str());
        let search = if entries.len() <= MAX_FEW_NAMES {
            Search::Few(FewNames::new(surfaces))
        } else {
            Search::Automaton(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .start_kind(StartKind::Anchored)
                    .kind(kind)
                    .dense_depth(DENSE_DEPTH)
                    .build(surfaces)?,
            )
        };
        let first = first_bytes(&entries);
        Ok(Self { search, entries, first })
    }

    /// The names in `text`, in order, none overlapping.
    pub(crate) fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.find_into(text, &mut out);
        out
    }

    /// Appends the names in `text`, in order, none overlapping, to `out`.
    pub(crate) fn find_into(&self, text: &str, out: &mut Vec<Mention>) {
        // A document that defines no name of its own: nothing to scan for.
        if self.entries.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        // The bytes that may start a name are rare (capitals, mostly): one
        // look-up per byte skips to the next, then the character before it
        // says whether a word starts there.
        while let Some(skipped) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| self.first[usize::from(b)]))
        {
            let start = at + skipped;
            let candidate =
                text.is_char_boundary(start) && !text[..start].chars().next_back().is_some_and(is_word_char);
            let found = if candidate { self.longest_at(text, start) } else { None };
            at = match found {
                Some((end, index)) if self.keep(text, start, end, index, out) => end,
                _ => start + 1,
            };
        }
    }

    /// The end and entry of the longest name at `start`, ASCII case folded.
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        match &self.search {
            Search::Automaton(a) => {
                let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                a.find(input).map(|m| (m.end(), m.pattern().as_usize()))
            }
            Search::Few(f) => f.longest_at(text.as_bytes(), start).map(|m| (m.end, m.name)),
        }
    }

    /// Appends the match of entry `index` at `start..end`, and says so, if
    /// it stands as whole words in the case its entry needs.
    fn keep(&self, text: &str, start: usize, end: usize, index: usize, out: &mut Vec<Mention>) -> bool {
        let entry = &self.entries[index];
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) || !at_word_boundaries(text, start, end) {
            return false;
        }
        let found = &text[start..end];
        let case_ok = if entry.exact_case {
            found == entry.surface
        } else {
            found.chars().next().is_some_and(|c| !c.is_lowercase())
        };
        if case_ok {
            out.push(Mention { start, end, target: entry.target });
        }
        case_ok
    }
}

/// The bytes a kept match can start with: an exact-case name's first byte;
/// for the others, their first byte in either ASCII case, but not a
/// lower-case letter (a name found in any case needs a capital).
fn first_bytes(entries: &[Entry]) -> Box<[bool; 256]> {
    let mut first = Box::new([false; 256]);
    for entry in entries {
        let Some(&byte) = entry.surface.as_bytes().first() else { continue };
        if entry.exact_case {
            first[usize::from(byte)] = true;
        } else {
            for b in [byte, byte.to_ascii_uppercase(), byte.to_ascii_lowercase()] {
                if !b.is_ascii_lowercase() {
                    first[usize::from(b)] = true;
                }
            }
        }
    }
    first
}

/// A name that must match in its exact case: an acronym ("OSCE", "BiH",
/// "HDC/MOD") or a name of three letters or fewer.
fn is_acronym_like(name: &str) -> bool {
    let upper = name.chars().filter(|c| c.is_uppercase()).count();
    (!name.contains(' ') && upper >= 2) || name.chars().count() <= 3
}

/// British and American spellings that documents mix: a name is looked for
/// in every combination of them.
const SPELLINGS: &[(&str, &str)] = &[
    ("Co-operation", "Cooperation"),
    ("co-operation", "cooperation"),
    ("Co-ordinator", "Coordinator"),
    ("co-ordinator", "coordinator"),
    ("Organisation", "Organization"),
    ("organisation", "organization"),
    ("Defence", "Defense"),
    ("Centre", "Center"),
    ("Programme", "Program"),
    ("Labour", "Labor"),
    ("defence", "defense"),
    ("centre", "center"),
    ("programme", "program"),
    ("isation", "ization"),
    ("ised", "ized"),
    ("ising", "izing"),
];

/// `name` in each combination of the spellings of [`SPELLINGS`].
pub(crate) fn spelling_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    for (british, american) in SPELLINGS {
        let mut more = Vec::new();
        for v in &out {
            if v.contains(british) {
                more.push(v.replace(british, american));
            } else if v.contains(american) {
                more.push(v.replace(american, british));
            }
        }
        out.extend(more);
        if out.len() > 16 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let g = Gazetteer::new(vec![
            (Target::Org(0), "OSCE".into()),
            (Target::Org(1), "Organization for Security and Co-operation in Europe".into()),
            (Target::Country(0), "US".into()),
            (Target::Country(1), "Bosnia and Herzegovina".into()),
            (Target::City(0), "Police".into()),
        ]);
        g.expect("a few names build an automaton")
    }

    #[test]
    fn acronyms_match_in_exact_case_only() {
        let g = gazetteer();
        let found = g.find("Tell us: the OSCE and the US, not osce.");
        assert_eq!(found.iter().map(|m| m.target).collect::<Vec<_>>(), [Target::Org(0), Target::Country(0)]);
    }

    /// The gazetteer of `names`, searched with an automaton when `padded`
    /// (names no text here contains fill it past `MAX_FEW_NAMES`).
    fn with_names(names: &[(Target, &str)], padded: bool) -> Gazetteer {
        let mut all: Vec<(Target, String)> = names.iter().map(|&(t, n)| (t, n.to_owned())).collect();
        if padded {
            all.extend((0..MAX_FEW_NAMES).map(|i| (Target::City(1000 + i), format!("Zzyzx Filler {i}"))));
        }
        let g = Gazetteer::new(all).expect("names build a gazetteer");
        assert_eq!(matches!(g.search, Search::Automaton(_)), padded);
        g
    }

    #[test]
    fn a_rejected_match_hides_no_name_after_it() {
        let names = [(Target::Country(1), "Bosnia and Herzegovina"), (Target::City(2), "Herzegovina Region")];
        for padded in [false, true] {
            let g = with_names(&names, padded);
            // Lower case: not the country; the region starts inside it.
            let found = g.find("northern bosnia and Herzegovina Region, and Bosnia and Herzegovina.");
            let targets: Vec<_> = found.iter().map(|m| m.target).collect();
            assert_eq!(targets, [Target::City(2), Target::Country(1)], "padded: {padded}");
        }
    }

    #[test]
    fn names_start_at_word_starts_only() {
        let names = [(Target::Org(3), "NATO"), (Target::City(4), "Ohrid"), (Target::Org(5), "(ODIHR)")];
        for padded in [false, true] {
            let g = with_names(&names, padded);
            let found = g.find("xNATO NATO-led, Ohrid's lake, OOhrid and (ODIHR) é(ODIHR)");
            let spans: Vec<_> = found.iter().map(|m| (m.start, m.end)).collect();
            assert_eq!(spans, [(6, 10), (16, 21), (41, 48)], "padded: {padded}");
        }
    }

    #[test]
    fn long_names_need_a_capital_and_whole_words() {
        let g = gazetteer();
        assert_eq!(g.find("the police in Bosnia and Herzegovina").len(), 1);
        assert!(g.find("OSCEs").is_empty());
        assert_eq!(g.find("Organisation for Security and Cooperation in Europe").len(), 1, "spelling variants match");
    }
}
