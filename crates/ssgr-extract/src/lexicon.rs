//! The names a corpus defines for itself: an acronym defined in one document
//! ("Kosovo Academy for Public Safety (KAPS)") names the same body when
//! another document writes only "KAPS".

use std::collections::BTreeMap;

use crate::entity::Ent;
use crate::gazetteer::{Gazetteer, Mention, Target};

/// Acronyms defined in the documents of a corpus, with the entity each names.
#[derive(Default)]
pub struct Lexicon {
    /// `None` where documents define the acronym differently: then it is not
    /// used across documents.
    acronyms: BTreeMap<String, Option<Ent>>,
    /// The unambiguous definitions and an automaton over them, made once by
    /// [`Lexicon::compile`] for the second pass.
    compiled: Option<(Vec<Ent>, Gazetteer)>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("acronyms", &self.acronyms.len())
            .field("compiled", &self.compiled.is_some())
            .finish()
    }
}

impl Lexicon {
    /// Builds the automaton that finds the corpus's acronyms in a document.
    /// Call it once, after the last [`Lexicon::merge`].
    pub fn compile(&mut self) {
        let entries: Vec<(String, Ent)> = self.definitions().map(|(a, e)| (a.to_owned(), e.clone())).collect();
        let names = entries.iter().enumerate().map(|(i, (a, _))| (Target::Lexicon(i), a.clone())).collect();
        self.compiled = Gazetteer::new(names).ok().map(|g| (entries.into_iter().map(|(_, e)| e).collect(), g));
    }

    /// Appends the corpus acronyms in `text` to `out` (none until compiled).
    pub(crate) fn find_into(&self, text: &str, out: &mut Vec<Mention>) {
        if let Some((_, g)) = &self.compiled {
            g.find_into(text, out);
        }
    }

    /// The entity of a `Target::Lexicon` mention.
    pub(crate) fn entity(&self, index: usize) -> Option<&Ent> {
        self.compiled.as_ref().and_then(|(entries, _)| entries.get(index))
    }

    /// Adds one definition.
    pub(crate) fn define(&mut self, acronym: &str, ent: &Ent) {
        self.compiled = None;
        self.acronyms
            .entry(acronym.to_owned())
            .and_modify(|known| {
                if known.as_ref().is_some_and(|k| k.iri != ent.iri) {
                    *known = None;
                }
            })
            .or_insert_with(|| Some(ent.clone()));
    }

    /// Adds every definition of another lexicon.
    pub fn merge(&mut self, other: Lexicon) {
        self.compiled = None;
        for (acronym, ent) in other.acronyms {
            match ent {
                Some(ent) => self.define(&acronym, &ent),
                None => {
                    self.acronyms.insert(acronym, None);
                }
            }
        }
    }

    /// The unambiguous definitions.
    pub(crate) fn definitions(&self) -> impl Iterator<Item = (&str, &Ent)> {
        self.acronyms.iter().filter_map(|(a, e)| e.as_ref().map(|e| (a.as_str(), e)))
    }

    /// How many acronyms it defines unambiguously.
    pub fn len(&self) -> usize {
        self.definitions().count()
    }

    /// Whether it defines nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssgr_vocab::id::Kind;
    use ssgr_vocab::ssgr;

    #[test]
    fn conflicting_definitions_cancel_out() {
        let a = Ent::discovered(Kind::Org, ssgr::ORGANISATION, "Kosovo Academy for Public Safety", None);
        let b = Ent::discovered(Kind::Org, ssgr::ORGANISATION, "Kazakh Agency for Public Service", None);
        let mut lexicon = Lexicon::default();
        lexicon.define("KAPS", &a);
        lexicon.define("KAPS", &a);
        assert_eq!(lexicon.len(), 1);
        let mut other = Lexicon::default();
        other.define("KAPS", &b);
        lexicon.merge(other);
        assert!(lexicon.is_empty());
    }
}
