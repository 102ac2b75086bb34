//! Leftmost-longest search for a handful of names, without an automaton.
//!
//! A document defines six names on average, and building an Aho-Corasick
//! automaton over them (trie, failure links, prefilter) cost more than
//! searching with it: a tenth of pass 2 went to the per-document name
//! automaton. [`FewNames::longest_at`] answers exactly as an anchored search
//! of an automaton built with `MatchKind::LeftmostLongest` and
//! `ascii_case_insensitive(true)` would: the longest name at a position,
//! the name added first among equals. A position whose two first bytes
//! (ASCII case folded) begin no name is ruled out with two table look-ups.

/// At most this many names go to [`FewNames`]; more go to an automaton,
/// whose search does not grow with their number.
pub(crate) const MAX_FEW_NAMES: usize = 64;

/// A match: byte offsets and the index of the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FewMatch {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) name: usize,
}

/// A small set of names, searched byte by byte.
pub(crate) struct FewNames {
    names: Vec<Box<[u8]>>,
    /// Each name's pair key (see `pairs`), or `None` for a name of one
    /// byte: a position is compared only with the names its pair begins.
    keys: Vec<Option<usize>>,
    /// The two first bytes of the names.
    pairs: Pairs,
    /// Whether some name is a single byte long (it then has no pair).
    any_single_byte: bool,
}

impl FewNames {
    /// The names, in order (the first wins among equal matches).
    pub(crate) fn new<'n>(names: impl IntoIterator<Item = &'n str>) -> Self {
        let names: Vec<Box<[u8]>> = names.into_iter().map(|n| n.as_bytes().into()).collect();
        let keys = names.iter().map(|name| if let [a, b, ..] = **name { Some(pair_key(a, b)) } else { None }).collect();
        let pairs = Pairs::of(names.iter().map(|n| &**n));
        let any_single_byte = names.iter().any(|n| n.len() == 1);
        Self { names, keys, pairs, any_single_byte }
    }

    /// The longest name at `s`, ASCII case folded (the first added among
    /// names as long), as an automaton's anchored search finds it.
    pub(crate) fn longest_at(&self, bytes: &[u8], s: usize) -> Option<FewMatch> {
        // One look-up rules out most positions before the names are.
        if !self.any_single_byte && !self.pairs.contains(bytes, s) {
            return None;
        }
        let rest = bytes.get(s..)?;
        let key = match *rest {
            [a, b, ..] => Some(pair_key(a, b)),
            _ => None,
        };
        let mut best: Option<FewMatch> = None;
        for (i, name) in self.names.iter().enumerate() {
            // A name of two bytes or more matches only where its pair is.
            if self.keys[i].is_some_and(|k| Some(k) != key) {
                continue;
            }
            let longer = best.is_none_or(|b| name.len() > b.end - b.start);
            if !name.is_empty() && longer && rest.get(..name.len()).is_some_and(|r| r.eq_ignore_ascii_case(name)) {
                best = Some(FewMatch { start: s, end: s + name.len(), name: i });
            }
        }
        best
    }
}

/// A set of byte pairs, ASCII case folded.
struct Pairs(Box<[u64; 1024]>);

impl Pairs {
    /// The pairs that begin `names` (a name shorter than two bytes has none).
    fn of<'n>(names: impl IntoIterator<Item = &'n [u8]>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        for name in names {
            if let [a, b, ..] = *name {
                let key = pair_key(a, b);
                bits[key / 64] |= 1 << (key % 64);
            }
        }
        Self(bits)
    }

    /// Whether the two bytes at `at` are a pair of the set.
    fn contains(&self, bytes: &[u8], at: usize) -> bool {
        match bytes.get(at..) {
            Some([a, b, ..]) => {
                let key = pair_key(*a, *b);
                self.0[key / 64] & (1 << (key % 64)) != 0
            }
            _ => false,
        }
    }
}

fn pair_key(a: u8, b: u8) -> usize {
    (usize::from(a.to_ascii_lowercase()) << 8) | usize::from(b.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

    /// The longest name at each position of `text`, by an automaton built
    /// as the gazetteer builds it, and by `FewNames`.
    fn both(names: &[&str], text: &str) -> (Vec<Option<FewMatch>>, Vec<Option<FewMatch>>) {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .build(names)
            .unwrap_or_else(|e| panic!("{e}"));
        let few = FewNames::new(names.iter().copied());
        (0..=text.len())
            .map(|s| {
                let input = Input::new(text).range(s..).anchored(Anchored::Yes);
                let expected =
                    ac.find(input).map(|m| FewMatch { start: m.start(), end: m.end(), name: m.pattern().as_usize() });
                (expected, few.longest_at(text.as_bytes(), s))
            })
            .unzip()
    }

    #[test]
    fn matches_as_the_automaton_does() {
        let names = ["KAPS", "Kaps", "Kosovo Academy", "Kosovo Academy for Public Safety", "ko", "Ë", "Academy"];
        let texts = [
            "The Kosovo Academy for Public Safety (KAPS) trains police; kaps, KAPSO and Kosovo Academy.",
            "kosovo academy for public safetyKAPS Ëko kkaps",
            "",
            "k",
            "Academy for Kosovo Academy for Public",
        ];
        for text in texts {
            let (expected, found) = both(&names, text);
            assert!(found.iter().any(Option::is_some) || text.len() < 2, "{text}");
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn matches_as_the_automaton_does_on_many_texts() {
        // Texts and names over a few letters, so that names overlap a lot.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let letters = ["a", "A", "b", "B", " ", "é"];
        for _ in 0..300 {
            let mut word = |len: u64| (0..len).map(|_| letters[next(6) as usize]).collect::<String>();
            let names: Vec<String> = (0..8).map(|k| word(1 + k % 4)).collect();
            let text = word(40);
            let names: Vec<&str> = names.iter().map(String::as_str).take(1 + text.len() % 8).collect();
            let (expected, found) = both(&names, &text);
            assert_eq!(found, expected, "{names:?} in {text:?}");
        }
    }
}
