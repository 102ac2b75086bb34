//! How well an item agrees with an entity, and what to do about it.
//!
//! score = name + type + country, clamped to [0, 1], where
//! - name: the best of the names that matched: the entity's label against
//!   the item's label 0.5, label against alias or alternative label against
//!   label 0.4, alternative label against alias 0.3; 0.05 less where only
//!   the case differs;
//! - type: +0.3 if the item is an instance of the class's Wikidata classes
//!   (or their subclasses), −0.3 if it has a type and it is not, 0 if it has
//!   none;
//! - country (only for classes with country context, and entities whose
//!   country is known): +0.2 if the item's country is the entity's, −0.4 if
//!   the item has countries and none is, 0 if it has none.
//!
//! An entity is linked (`owl:sameAs`) to its best item when that scores at
//! least [`CONFIDENT`] and leads every other by at least [`MARGIN`];
//! otherwise its items scoring at least [`CANDIDATE`] (at most
//! [`MAX_CANDIDATES`]) become `ssgr:candidate`s for a person to confirm.

use crate::entities::Entity;
use crate::query::Match;

/// The score from which a unique best item is linked.
pub const CONFIDENT: f64 = 0.8;
/// How far the best item must lead the second to be linked.
pub const MARGIN: f64 = 0.25;
/// The lowest score kept as a candidate.
pub const CANDIDATE: f64 = 0.3;
/// The most candidates kept per entity.
pub const MAX_CANDIDATES: usize = 5;

/// An item with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The item's Q-id.
    pub item: String,
    /// The item's English label, if it has one.
    pub item_label: Option<String>,
    /// The score, in [0, 1].
    pub score: f64,
}

/// What reconciliation decided for one entity.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// A confident, unique match.
    Link(Scored),
    /// Matches for a person to confirm, best first.
    Candidates(Vec<Scored>),
    /// Nothing worth keeping.
    Unmatched,
}

/// The score of one item for one entity (see the module documentation).
pub fn score(entity: &Entity, m: &Match) -> f64 {
    let name = m.names.iter().map(|(name, via_alias)| name_score(entity, name, *via_alias)).fold(0.0, f64::max);
    let kind = if m.typed {
        0.3
    } else if m.has_type {
        -0.3
    } else {
        0.0
    };
    let country = if entity.countries.is_empty() || m.countries.is_empty() {
        0.0
    } else if entity.countries.iter().any(|c| m.countries.contains(c)) {
        0.2
    } else {
        -0.4
    };
    round((name + kind + country).clamp(0.0, 1.0))
}

/// The name part of the score for a name that matched the item's label
/// (or alias, with `via_alias`).
fn name_score(entity: &Entity, matched: &str, via_alias: bool) -> f64 {
    let exact = |n: &String| n == matched;
    let folded = |n: &String| n.to_lowercase() == matched.to_lowercase();
    let (from_label, case_only) = if exact(&entity.label) {
        (true, false)
    } else if entity.alt_labels.iter().any(exact) {
        (false, false)
    } else if folded(&entity.label) {
        (true, true)
    } else if entity.alt_labels.iter().any(folded) {
        (false, true)
    } else {
        return 0.0;
    };
    let base = match (from_label, via_alias) {
        (true, false) => 0.5,
        (false, true) => 0.3,
        _ => 0.4,
    };
    if case_only { base - 0.05 } else { base }
}

/// Decides between a link, candidates and nothing.
pub fn decide(entity: &Entity, matches: &[Match]) -> Decision {
    let mut scored: Vec<Scored> = matches
        .iter()
        .map(|m| Scored { item: m.item.clone(), item_label: m.item_label.clone(), score: score(entity, m) })
        .filter(|s| s.score >= CANDIDATE)
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.item.cmp(&b.item)));
    let Some(best) = scored.first() else { return Decision::Unmatched };
    let runner_up = scored.get(1).map_or(0.0, |s| s.score);
    if best.score >= CONFIDENT && best.score - runner_up >= MARGIN - 1e-9 {
        return Decision::Link(best.clone());
    }
    scored.truncate(MAX_CANDIDATES);
    Decision::Candidates(scored)
}

/// Two decimals: scores are compared and written, and 0.30000000000000004
/// helps no one.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use oxigraph::model::NamedNode;

    use super::*;

    fn entity(label: &str, alts: &[&str], countries: &[&str]) -> Entity {
        Entity {
            iri: NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/x"),
            rule: 0,
            label: label.to_owned(),
            alt_labels: alts.iter().map(|a| (*a).to_owned()).collect(),
            countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn item(q: &str, names: &[(&str, bool)], typed: bool, has_type: bool, countries: &[&str]) -> Match {
        Match {
            item: q.to_owned(),
            item_label: None,
            names: names.iter().map(|(n, a)| ((*n).to_owned(), *a)).collect(),
            typed,
            has_type,
            countries: countries.iter().map(|c| (*c).to_owned()).collect::<BTreeSet<_>>(),
        }
    }

    #[test]
    fn name_kinds_rank_label_over_alias_and_exact_over_case() {
        let e = entity("Example Office", &["EXO"], &[]);
        assert_eq!(score(&e, &item("Q1", &[("Example Office", false)], false, false, &[])), 0.5);
        assert_eq!(score(&e, &item("Q1", &[("example office", false)], false, false, &[])), 0.45);
        assert_eq!(score(&e, &item("Q1", &[("Example Office", true)], false, false, &[])), 0.4);
        assert_eq!(score(&e, &item("Q1", &[("EXO", false)], false, false, &[])), 0.4);
        assert_eq!(score(&e, &item("Q1", &[("EXO", true)], false, false, &[])), 0.3);
        assert_eq!(score(&e, &item("Q1", &[("Something Else", false)], true, true, &[])), 0.3);
        let both = item("Q1", &[("EXO", true), ("Example Office", false)], false, false, &[]);
        assert_eq!(score(&e, &both), 0.5, "the best name counts");
    }

    #[test]
    fn type_and_country_agreement_add_and_disagreement_subtracts() {
        let e = entity("Example Office", &[], &["Q225"]);
        let name = [("Example Office", false)];
        assert_eq!(score(&e, &item("Q1", &name, true, true, &["Q225"])), 1.0);
        assert_eq!(score(&e, &item("Q1", &name, true, true, &[])), 0.8);
        assert_eq!(score(&e, &item("Q1", &name, true, true, &["Q403"])), 0.4);
        assert_eq!(score(&e, &item("Q1", &name, false, true, &[])), 0.2);
        assert_eq!(score(&e, &item("Q1", &name, false, true, &["Q403"])), 0.0);
        let no_country = entity("Example Office", &[], &[]);
        assert_eq!(score(&no_country, &item("Q1", &name, true, true, &["Q403"])), 0.8);
    }

    #[test]
    fn a_unique_confident_match_is_linked() {
        let e = entity("Example Office", &[], &[]);
        let good = item("Q1", &[("Example Office", false)], true, true, &[]);
        let weak = item("Q2", &[("Example Office", true)], false, false, &[]);
        let Decision::Link(best) = decide(&e, &[weak, good]) else { panic!("not linked") };
        assert_eq!(best.item, "Q1");
    }

    #[test]
    fn two_equally_good_items_become_candidates() {
        let e = entity("Example Office", &[], &[]);
        let a = item("Q2", &[("Example Office", false)], true, true, &[]);
        let b = item("Q1", &[("Example Office", false)], true, true, &[]);
        let Decision::Candidates(c) = decide(&e, &[a, b]) else { panic!("not candidates") };
        assert_eq!(c.iter().map(|s| s.item.as_str()).collect::<Vec<_>>(), ["Q1", "Q2"]);
        assert!(c.iter().all(|s| s.score == 0.8));
    }

    #[test]
    fn weak_matches_are_dropped() {
        let e = entity("Example Office", &[], &["Q225"]);
        let wrong = item("Q1", &[("Example Office", false)], false, true, &["Q403"]);
        assert_eq!(decide(&e, &[wrong]), Decision::Unmatched);
        assert_eq!(decide(&e, &[]), Decision::Unmatched);
    }
}
