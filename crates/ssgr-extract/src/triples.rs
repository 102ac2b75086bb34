//! The triples of one document, without duplicates, in the order they were
//! first added.
//!
//! Two thirds of a document's triples are evidence: seven per statement,
//! all about its reifier. Hashing each of them into one set (the sentence
//! literal included) was most of the cost of recording a statement. The
//! reifier's IRI is made from the statement and its position, so a new
//! reifier brings seven new triples, and no triple outside evidence has a
//! reifier for subject: evidence is deduplicated by reifier apart from the
//! other triples, and only a reifier seen before has its triples compared
//! one by one.

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use oxrdf::{NamedOrBlankNode, Triple};
use rustc_hash::{FxBuildHasher, FxHashMap};

/// Triples in order of first insertion, each once.
///
/// One vector holds them all, in the order they are returned: no set holds
/// triples of its own to be moved out at the end. Statements are found by
/// their 64-bit hash; the rare triples that share a hash with an earlier,
/// different one are listed apart.
pub(crate) struct Triples {
    all: Vec<Triple>,
    /// By the FxHash of a triple that is not evidence: its index in `all`.
    /// FxHash: the keys are our own IRIs and literals, and SipHash cost a
    /// tenth of the extraction.
    statements: FxHashMap<u64, usize>,
    /// Further statements whose hash an earlier, different one had.
    same_hash: FxHashMap<u64, Vec<usize>>,
    /// By the hash of a reifier's IRI: the range of `all` its first
    /// triples took (two reifiers may share a hash: their triples differ).
    blocks: FxHashMap<u64, (usize, usize)>,
    /// Triples added later for a reifier already known (another rule, or
    /// another sentence end, for the same statement at the same place).
    later: FxHashMap<u64, Vec<usize>>,
}

impl Triples {
    /// Room for about `capacity` triples, as documents of that size hold.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            all: Vec::with_capacity(capacity),
            statements: FxHashMap::with_capacity_and_hasher(capacity / 3, FxBuildHasher),
            same_hash: FxHashMap::default(),
            // About one statement in eight triples.
            blocks: FxHashMap::with_capacity_and_hasher(capacity / 8, FxBuildHasher),
            later: FxHashMap::default(),
        }
    }

    /// Adds a triple whose subject is not a reifier.
    pub(crate) fn insert(&mut self, triple: Triple) {
        // A reifier's triples are deduplicated by `insert_evidence` alone.
        debug_assert!(
            !matches!(&triple.subject, NamedOrBlankNode::NamedNode(s) if s.as_str().contains("/id/evidence/")),
            "a reifier's triple goes through insert_evidence: {triple}"
        );
        self.insert_hashed(FxBuildHasher.hash_one(&triple), triple);
    }

    fn insert_hashed(&mut self, hash: u64, triple: Triple) {
        match self.statements.entry(hash) {
            Entry::Vacant(entry) => {
                entry.insert(self.all.len());
            }
            Entry::Occupied(entry) => {
                let same = self.same_hash.get(&hash).map_or(&[][..], Vec::as_slice);
                if self.all[*entry.get()] == triple || same.iter().any(|&i| self.all[i] == triple) {
                    return;
                }
                self.same_hash.entry(hash).or_default().push(self.all.len());
            }
        }
        self.all.push(triple);
    }

    /// [`Triples::insert_evidence_keyed`], keyed by the hash of the IRI.
    #[cfg(test)]
    pub(crate) fn insert_evidence(&mut self, reifier: &oxrdf::NamedNode, triples: impl IntoIterator<Item = Triple>) {
        self.insert_evidence_keyed(FxBuildHasher.hash_one(reifier.as_str()), triples);
    }

    /// Adds triples about one reifier (their subject), the new ones in order.
    /// The triples of one call are distinct (they differ by predicate or
    /// object): only a reifier seen before has its triples compared.
    ///
    /// `key` stands for the reifier: a number that it always gets and few
    /// others share (for one document, the fingerprint its IRI is made of),
    /// so that the caller may move the IRI itself into the last triple.
    pub(crate) fn insert_evidence_keyed(&mut self, key: u64, triples: impl IntoIterator<Item = Triple>) {
        let start = self.all.len();
        let Some(&(first, len)) = self.blocks.get(&key) else {
            for triple in triples {
                debug_assert!(self.all.len() == start || self.all[start].subject == triple.subject, "one reifier");
                debug_assert!(!self.all[start..].contains(&triple), "a block repeats a triple");
                self.all.push(triple);
            }
            self.blocks.insert(key, (start, self.all.len() - start));
            return;
        };
        for triple in triples {
            let later = self.later.get(&key).map_or(&[][..], Vec::as_slice);
            let known = self.all[first..first + len].contains(&triple) || later.iter().any(|&i| self.all[i] == triple);
            if !known {
                self.later.entry(key).or_default().push(self.all.len());
                self.all.push(triple);
            }
        }
    }

    /// Every triple, in order of first insertion.
    pub(crate) fn into_vec(self) -> Vec<Triple> {
        self.all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexSet;
    use oxrdf::{Literal, NamedNode};

    fn iri(name: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{name}"))
    }

    fn triple(s: &NamedNode, p: &str, o: &str) -> Triple {
        Triple::new(s.clone(), iri(p), Literal::new_simple_literal(o))
    }

    #[test]
    fn keeps_the_order_of_first_insertion_across_both_kinds() {
        let (a, r1, r2) = (iri("a"), iri("r1"), iri("r2"));
        let mut triples = Triples::with_capacity(4);
        triples.insert(triple(&a, "p", "1"));
        triples.insert_evidence(&r1, [triple(&r1, "q", "x"), triple(&r1, "rule", "one")]);
        triples.insert(triple(&a, "p", "2"));
        triples.insert(triple(&a, "p", "1"));
        // The same statement read again by another rule: only the new rule is added.
        triples.insert_evidence(&r1, [triple(&r1, "q", "x"), triple(&r1, "rule", "two")]);
        triples.insert_evidence(&r2, [triple(&r2, "q", "y")]);
        triples.insert_evidence(&r1, [triple(&r1, "rule", "two"), triple(&r1, "rule", "one")]);
        let expected = [
            triple(&a, "p", "1"),
            triple(&r1, "q", "x"),
            triple(&r1, "rule", "one"),
            triple(&a, "p", "2"),
            triple(&r1, "rule", "two"),
            triple(&r2, "q", "y"),
        ];
        assert_eq!(triples.into_vec(), expected);
    }

    #[test]
    fn statements_that_share_a_hash_are_told_apart() {
        let a = iri("a");
        let mut triples = Triples::with_capacity(0);
        for object in ["1", "2", "1", "3", "2"] {
            triples.insert_hashed(7, triple(&a, "p", object));
        }
        assert_eq!(triples.into_vec(), [triple(&a, "p", "1"), triple(&a, "p", "2"), triple(&a, "p", "3")]);
    }

    #[test]
    fn gives_what_one_ordered_set_gives() {
        // Random insertions over few reifiers and statements, against an IndexSet.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut triples = Triples::with_capacity(0);
        let mut set: IndexSet<Triple> = IndexSet::new();
        for _ in 0..2000 {
            if next(3) == 0 {
                let t = triple(&iri(&format!("s{}", next(5))), "p", &next(7).to_string());
                triples.insert(t.clone());
                set.insert(t);
            } else {
                let r = iri(&format!("r{}", next(20)));
                let object = next(3).to_string();
                let block: Vec<Triple> = (0..1 + next(4)).map(|k| triple(&r, &format!("q{k}"), &object)).collect();
                set.extend(block.iter().cloned());
                triples.insert_evidence(&r, block);
            }
        }
        assert_eq!(triples.into_vec(), set.into_iter().collect::<Vec<_>>());
    }
}
