//! The entities of the local store that reconciliation is about: those of
//! the mapped classes with no Wikidata `owl:sameAs` and no `ssgr:candidate`.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, Term};
use oxigraph::store::Store;
use ssgr_store::select;
use ssgr_vocab::ssgr;

use crate::classes::ClassRule;
use crate::error::LinkError;

/// The namespace of Wikidata items, as `owl:sameAs` targets use it.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// An entity to reconcile, with what the query and the score need.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Its IRI in the local graph.
    pub iri: NamedNode,
    /// The index of its class's rule (its most specific mapped class).
    pub rule: usize,
    /// Its `rdfs:label`.
    pub label: String,
    /// Its `skos:altLabel`s: acronyms and variants.
    pub alt_labels: Vec<String>,
    /// Wikidata Q-ids of its country (host country, or the country it is in).
    pub countries: Vec<String>,
}

/// The entities of the store split into those still to reconcile and the
/// number already decided (linked to Wikidata or with candidates).
#[derive(Debug, Default)]
pub struct Selection {
    /// Entities with neither a Wikidata link nor candidates, by IRI.
    pub todo: Vec<Entity>,
    /// Entities skipped because they have a Wikidata link or candidates.
    pub decided: usize,
}

/// Finds the entities of the store's default graph to reconcile.
pub fn select_entities(store: &Store, rules: &[ClassRule]) -> Result<Selection, LinkError> {
    let values = rules.iter().map(|r| format!("<{}{}>", ssgr::NS, r.ssgr_class)).collect::<Vec<_>>().join(" ");
    let prologue = format!(
        "PREFIX ssgr: <{ssgr}>
         PREFIX owl: <http://www.w3.org/2002/07/owl#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         PREFIX skos: <http://www.w3.org/2004/02/skos/core#>",
        ssgr = ssgr::NS
    );
    let wikidata = format!("FILTER(STRSTARTS(STR(?w), \"{WIKIDATA_ENTITY}\"))");
    let entities = select(
        store,
        &format!(
            "{prologue} SELECT ?e ?class ?label ?decided WHERE {{
               VALUES ?class {{ {values} }}
               ?e a ?class . FILTER(isIRI(?e))
               OPTIONAL {{ ?e rdfs:label ?label }}
               BIND(EXISTS {{ {{ ?e owl:sameAs ?w {wikidata} }} UNION {{ ?e ssgr:candidate ?c }} }} AS ?decided)
             }}"
        ),
    )?;
    let alt_labels = select(
        store,
        &format!("{prologue} SELECT ?e ?alt WHERE {{ VALUES ?class {{ {values} }} ?e a ?class ; skos:altLabel ?alt }}"),
    )?;
    let countries = select(
        store,
        &format!(
            "{prologue} SELECT DISTINCT ?e ?w WHERE {{
               VALUES ?class {{ {values} }}
               ?e a ?class ; (ssgr:hostCountry|ssgr:locatedIn)/ssgr:locatedIn* ?c .
               ?c a ssgr:Country ; owl:sameAs ?w {wikidata}
             }}"
        ),
    )?;
    let class_rank: BTreeMap<String, usize> =
        rules.iter().enumerate().map(|(i, r)| (format!("{}{}", ssgr::NS, r.ssgr_class), i)).collect();
    let mut found: BTreeMap<NamedNode, Found> = BTreeMap::new();
    for row in &entities {
        let (Some(Term::NamedNode(e)), Some(Term::NamedNode(class))) = (row.get("e"), row.get("class")) else {
            continue;
        };
        let Some(&rank) = class_rank.get(class.as_str()) else { continue };
        let entry = found.entry(e.clone()).or_default();
        entry.rule = Some(entry.rule.map_or(rank, |r| r.min(rank)));
        if let Some(Term::Literal(label)) = row.get("label") {
            let label = label.value().to_owned();
            if entry.label.as_ref().is_none_or(|l| label < *l) {
                entry.label = Some(label);
            }
        }
        entry.decided |= matches!(row.get("decided"), Some(Term::Literal(b)) if b.value() == "true");
    }
    for row in &alt_labels {
        if let (Some(Term::NamedNode(e)), Some(Term::Literal(alt))) = (row.get("e"), row.get("alt")) {
            found.entry(e.clone()).or_default().alt_labels.insert(alt.value().to_owned());
        }
    }
    for row in &countries {
        if let (Some(Term::NamedNode(e)), Some(Term::NamedNode(w))) = (row.get("e"), row.get("w")) {
            let q = w.as_str().trim_start_matches(WIKIDATA_ENTITY).to_owned();
            found.entry(e.clone()).or_default().countries.insert(q);
        }
    }
    let mut selection = Selection::default();
    for (iri, f) in found {
        let (Some(rule), Some(label)) = (f.rule, f.label) else { continue };
        if f.decided {
            selection.decided += 1;
            continue;
        }
        let countries = if rules[rule].country_context { f.countries.into_iter().collect() } else { Vec::new() };
        let alt_labels = f.alt_labels.into_iter().filter(|a| *a != label).collect();
        selection.todo.push(Entity { iri, rule, label, alt_labels, countries });
    }
    Ok(selection)
}

#[derive(Default)]
struct Found {
    rule: Option<usize>,
    label: Option<String>,
    alt_labels: BTreeSet<String>,
    countries: BTreeSet<String>,
    decided: bool,
}
