//! The entities of the store: their labels and classes, read from the
//! default graph (where the class hierarchy is already entailed).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::Term;
use ssgr_store::{Store, select};
use ssgr_vocab::ssgr;

use crate::error::AnalyticsError;
use crate::graph::Node;

/// The classes whose instances are entities: nodes of the projections.
/// Source documents and evidence records are provenance, not entities.
pub(crate) const ENTITY_CLASSES: &[&str] =
    &["Actor", "Country", "Place", "Topic", "Publication", "Engagement", "Vacancy"];

/// The `PREFIX` lines of the project's prefixes, for the queries.
pub(crate) fn prefixes() -> String {
    ssgr_vocab::PREFIXES.iter().map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n")).collect()
}

/// A term's text: an IRI's string, a literal's value.
pub(crate) fn text(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// Runs a SELECT and returns each row's values of `vars` as text; rows
/// missing one are left out.
pub(crate) fn rows(store: &Store, query: &str, vars: &[&str]) -> Result<Vec<Vec<String>>, AnalyticsError> {
    let query = format!("{}{query}", prefixes());
    let results = select(store, &query)?;
    Ok(results.iter().filter_map(|row| vars.iter().map(|v| text(row.get(*v))).collect::<Option<Vec<_>>>()).collect())
}

/// Every entity as a [`Node`], by IRI.
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    pub(crate) entities: BTreeMap<String, Node>,
}

impl Catalogue {
    /// Reads the entities of the store.
    pub(crate) fn read(store: &Store) -> Result<Self, AnalyticsError> {
        let ns = ssgr::NS;
        let typed = rows(
            store,
            &format!("SELECT ?e ?c WHERE {{ ?e a ?c . FILTER(isIRI(?e) && STRSTARTS(STR(?c), \"{ns}\")) }}"),
            &["e", "c"],
        )?;
        let mut classes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for row in typed {
            let local = row[1].trim_start_matches(ns).to_owned();
            classes.entry(row[0].clone()).or_default().insert(local);
        }
        let depth = class_depths(store)?;
        let mut labels: HashMap<String, String> = HashMap::new();
        for row in rows(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", &["e", "l"])? {
            let slot = labels.entry(row[0].clone()).or_insert_with(|| row[1].clone());
            if row[1] < *slot {
                slot.clone_from(&row[1]);
            }
        }
        let mut entities = BTreeMap::new();
        for (iri, classes) in classes {
            if !classes.iter().any(|c| ENTITY_CLASSES.contains(&c.as_str())) {
                continue;
            }
            let class = classes
                .iter()
                .max_by(|a, b| {
                    let (da, db) = (depth.get(*a).copied().unwrap_or(0), depth.get(*b).copied().unwrap_or(0));
                    da.cmp(&db).then(b.cmp(a))
                })
                .cloned()
                .unwrap_or_default();
            let label = labels.remove(&iri).unwrap_or_default();
            let node = Node { iri: iri.clone(), label, class, classes: classes.into_iter().collect() };
            entities.insert(iri, node);
        }
        Ok(Self { entities })
    }

    /// The entity with this IRI.
    pub(crate) fn get(&self, iri: &str) -> Option<&Node> {
        self.entities.get(iri)
    }
}

/// How many ontology classes each ontology class is under (its depth), from
/// `rdfs:subClassOf`, closed transitively.
fn class_depths(store: &Store) -> Result<HashMap<String, usize>, AnalyticsError> {
    let ns = ssgr::NS;
    let pairs = rows(
        store,
        &format!(
            "SELECT ?c ?d WHERE {{ ?c rdfs:subClassOf ?d . FILTER(STRSTARTS(STR(?c), \"{ns}\") && STRSTARTS(STR(?d), \"{ns}\")) }}"
        ),
        &["c", "d"],
    )?;
    let mut parents: HashMap<String, Vec<String>> = HashMap::new();
    for row in pairs {
        let (c, d) = (row[0].trim_start_matches(ns).to_owned(), row[1].trim_start_matches(ns).to_owned());
        if c != d {
            parents.entry(c).or_default().push(d);
        }
    }
    let mut depths = HashMap::new();
    for class in parents.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = vec![class.clone()];
        while let Some(c) = stack.pop() {
            for p in parents.get(&c).into_iter().flatten() {
                if seen.insert(p.clone()) {
                    stack.push(p.clone());
                }
            }
        }
        depths.insert(class.clone(), seen.len());
    }
    Ok(depths)
}
