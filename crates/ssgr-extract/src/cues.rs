//! The cue phrases that rules look for in every sentence ("in co-operation
//! with", "works on", "organised by", "Editor(s):", …), sifted in one pass.
//!
//! Each rule's own pattern finds where its cue is; but most sentences hold
//! none of the cues, and a pass of each pattern over each sentence cost a
//! tenth of the extraction. One regex set over all of them says which cues
//! a sentence holds; a rule runs its pattern only there. The set is made of
//! the very patterns the rules use, so it answers as they would.

use std::sync::LazyLock;

use crate::discover::{NATIONAL_ABBREVIATION, PERSON_CUE};
use crate::entries::engagement::{PROSE_ENGAGEMENT, REQUESTED_SUPPORT, ROLE_CUES};
use crate::entries::publication::{CREDIT_CUES, EDITORS, FULL_TITLE};
use crate::pattern::{Pattern, SieveSet};
use crate::relations::{CO_AUTHORS, COOPERATION, WORK};

/// A cue, by the rule that reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cue {
    /// `relations`: "in co-operation with", "together with", …
    Cooperation,
    /// `relations`: "developed by", "joint project of", …
    CoAuthors,
    /// `relations`: "works on", "supports", …
    Work,
    /// `discover`: "Editor(s):", "instructors:", …
    Person,
    /// `discover`: "Austrian MoD".
    NationalAbbreviation,
    /// `engagement`: "<Actor> implemented the …".
    ProseEngagement,
    /// `engagement`: "requested X’s support".
    RequestedSupport,
    /// `engagement`: the role cue of this index in `ROLE_CUES`.
    Role(usize),
    /// `publication`: the credit cue of this index in `CREDIT_CUES`.
    Credit(usize),
    /// `publication`: "To access the full report, <Title>, please …".
    FullTitle,
    /// `publication`: "Editor(s):", "edited by".
    Editors,
}

/// The patterns of the set, in the order of [`index`].
fn patterns() -> Vec<&'static Pattern> {
    let mut all: Vec<&'static Pattern> = vec![
        &COOPERATION,
        &CO_AUTHORS,
        &WORK,
        &PERSON_CUE,
        &NATIONAL_ABBREVIATION,
        &PROSE_ENGAGEMENT,
        &REQUESTED_SUPPORT,
        &FULL_TITLE,
        &EDITORS,
    ];
    all.extend(ROLE_CUES.iter().map(|c| &c.pattern));
    all.extend(CREDIT_CUES.iter().map(|(p, _)| p));
    all
}

/// The position of a cue's pattern in the set.
fn index(cue: Cue) -> usize {
    match cue {
        Cue::Cooperation => 0,
        Cue::CoAuthors => 1,
        Cue::Work => 2,
        Cue::Person => 3,
        Cue::NationalAbbreviation => 4,
        Cue::ProseEngagement => 5,
        Cue::RequestedSupport => 6,
        Cue::FullTitle => 7,
        Cue::Editors => 8,
        Cue::Role(k) => 9 + k,
        Cue::Credit(k) => 9 + ROLE_CUES.len() + k,
    }
}

static SIEVE: LazyLock<SieveSet> =
    LazyLock::new(|| SieveSet::of(&patterns()).unwrap_or_else(|e| panic!("static regex: {e}")));

/// The cues a sentence holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cues(u64);

impl Cues {
    /// Sifts `text`.
    pub(crate) fn of(text: &str) -> Self {
        Self(SIEVE.candidate_bits(text))
    }

    /// Any cue may be there: for text that was not sifted.
    pub(crate) fn all() -> Self {
        Self(u64::MAX)
    }

    /// Whether the sentence may hold `cue` (it does, if the set has more
    /// than 64 patterns and the cue is past them).
    pub(crate) fn has(self, cue: Cue) -> bool {
        let i = index(cue);
        i >= 64 || self.0 & (1 << i) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_holds_the_cues_its_patterns_find() {
        let cues = Cues::of("The OSCE works on police reform in co-operation with DCAF. Editors: Jane Doe");
        assert!(cues.has(Cue::Work) && cues.has(Cue::Cooperation) && cues.has(Cue::Editors));
        assert!(!cues.has(Cue::CoAuthors) && !cues.has(Cue::ProseEngagement) && !cues.has(Cue::Role(0)));
        assert!(Cues::of("organised by the OSCE").has(Cue::Role(0)));
        assert!(Cues::of("published by DCAF").has(Cue::Credit(2)));
        assert!(patterns().len() <= 64);
    }
}
