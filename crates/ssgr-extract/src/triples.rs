//! The triples of one document, without duplicates, in the order they were
//! first added.
//!
//! Two thirds of a document's triples are evidence: seven per statement,
//! all about its reifier. Hashing each of them into one set (the sentence
//! literal included) was most of the cost of recording a statement. The
//! reifier's IRI is made from the statement and its position, so a new
//! reifier brings seven new triples, and no triple outside evidence has a
//! reifier for subject: evidence is kept apart, deduplicated by reifier,
//! and only a reifier seen before has its triples compared one by one.

use std::hash::BuildHasher;

use indexmap::IndexSet;
use oxrdf::{NamedNode, NamedOrBlankNode, Triple};
use rustc_hash::{FxBuildHasher, FxHashMap};

/// Triples in order of first insertion, each once.
pub(crate) struct Triples {
    /// Every triple that is not evidence. FxHash: the keys are our own IRIs
    /// and literals, and SipHash cost a tenth of the extraction.
    statements: IndexSet<Triple, FxBuildHasher>,
    /// Triples about reifiers, in order.
    evidence: Vec<Triple>,
    /// By the hash of a reifier's IRI: the range of `evidence` its first
    /// triples took (two reifiers may share a hash: their triples differ).
    blocks: FxHashMap<u64, (usize, usize)>,
    /// Triples added later for a reifier already known (another rule, or
    /// another sentence end, for the same statement at the same place).
    later: FxHashMap<u64, Vec<usize>>,
    /// For each triple kept, in order: whether it went to `evidence`.
    from_evidence: Vec<bool>,
}

impl Triples {
    /// Room for about `capacity` triples, as documents of that size hold.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            statements: IndexSet::with_capacity_and_hasher(capacity / 3, FxBuildHasher),
            evidence: Vec::with_capacity(capacity * 2 / 3),
            // About one statement in eight triples.
            blocks: FxHashMap::with_capacity_and_hasher(capacity / 8, FxBuildHasher),
            later: FxHashMap::default(),
            from_evidence: Vec::with_capacity(capacity),
        }
    }

    /// Adds a triple whose subject is not a reifier.
    pub(crate) fn insert(&mut self, triple: Triple) {
        if self.statements.insert(triple) {
            self.from_evidence.push(false);
        }
    }

    /// Adds triples about `reifier` (their subject), the new ones in order.
    /// The triples of one call are distinct (they differ by predicate or
    /// object): only a reifier seen before has its triples compared.
    pub(crate) fn insert_evidence(&mut self, reifier: &NamedNode, triples: impl IntoIterator<Item = Triple>) {
        let key = FxBuildHasher.hash_one(reifier.as_str());
        let start = self.evidence.len();
        let Some(&(first, len)) = self.blocks.get(&key) else {
            for triple in triples {
                debug_assert!(matches!(&triple.subject, NamedOrBlankNode::NamedNode(s) if s == reifier));
                debug_assert!(!self.evidence[start..].contains(&triple), "a block repeats a triple");
                self.evidence.push(triple);
                self.from_evidence.push(true);
            }
            self.blocks.insert(key, (start, self.evidence.len() - start));
            return;
        };
        for triple in triples {
            let later = self.later.get(&key).map_or(&[][..], Vec::as_slice);
            let known = self.evidence[first..first + len].contains(&triple)
                || later.iter().any(|&i| self.evidence[i] == triple);
            if !known {
                self.later.entry(key).or_default().push(self.evidence.len());
                self.evidence.push(triple);
                self.from_evidence.push(true);
            }
        }
    }

    /// Every triple, in order of first insertion.
    pub(crate) fn into_vec(self) -> Vec<Triple> {
        let mut out = Vec::with_capacity(self.from_evidence.len());
        let (mut statements, mut evidence) = (self.statements.into_iter(), self.evidence.into_iter());
        for from_evidence in self.from_evidence {
            let next = if from_evidence { evidence.next() } else { statements.next() };
            out.extend(next);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::Literal;

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
