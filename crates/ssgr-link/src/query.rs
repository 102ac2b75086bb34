//! The reconciliation query, one per batch of entities of one class, and
//! the reading of its results into matches.
//!
//! The query asks for items whose English `rdfs:label` or `skos:altLabel`
//! is one of the entity's names, in a few casings (as written, lower, upper,
//! title case): exact matching on literals is what a large endpoint indexes,
//! and the casings make it case-insensitive for the names that occur.
//! Type and country come back with each item, for the score.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::classes::{ClassRule, is_qid};
use crate::entities::{Entity, WIKIDATA_ENTITY};

/// At most this many names of one entity are asked for (its label first).
const MAX_NAMES: usize = 6;
/// At most this many result rows per query, against very common names.
const ROW_LIMIT: usize = 5000;

/// One item that matched one entity of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    /// The Q-id of the item.
    pub item: String,
    /// The item's English label, if it has one.
    pub item_label: Option<String>,
    /// The names that matched, each with whether it matched the item's
    /// alias (`skos:altLabel`) rather than its label.
    pub names: BTreeSet<(String, bool)>,
    /// Whether the item is an instance of the class's Wikidata classes.
    pub typed: bool,
    /// Whether the item has any `wdt:P31` at all.
    pub has_type: bool,
    /// The Q-ids of the item's countries (`wdt:P17`).
    pub countries: BTreeSet<String>,
}

/// The SPARQL query for a batch of entities that share `rule`. The key of
/// each entity in the results is its position in `batch`.
pub fn build_query(batch: &[&Entity], rule: &ClassRule) -> String {
    let mut values = String::new();
    for (key, entity) in batch.iter().enumerate() {
        for name in entity_names(entity) {
            for variant in casings(&name) {
                values.push_str(&format!("    (\"{key}\" {}@en)\n", string_literal(&variant)));
            }
        }
    }
    let wanted: Vec<String> = rule.wikidata_classes.iter().filter(|q| is_qid(q)).map(|q| format!("wd:{q}")).collect();
    format!(
        "PREFIX wd: <{WIKIDATA_ENTITY}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?key ?name ?item ?via ?typed ?hasType ?country ?itemLabel WHERE {{
  VALUES (?key ?name) {{
{values}  }}
  {{ ?item rdfs:label ?name . BIND(\"label\" AS ?via) }} UNION {{ ?item skos:altLabel ?name . BIND(\"alias\" AS ?via) }}
  FILTER(STRSTARTS(STR(?item), \"{WIKIDATA_ENTITY}Q\"))
  BIND(EXISTS {{ VALUES ?want {{ {wanted} }} ?item wdt:P31/wdt:P279* ?want }} AS ?typed)
  BIND(EXISTS {{ ?item wdt:P31 ?anyType }} AS ?hasType)
  OPTIONAL {{ ?item wdt:P17 ?country }}
  OPTIONAL {{ ?item rdfs:label ?itemLabel FILTER(LANG(?itemLabel) = \"en\") }}
}}
LIMIT {ROW_LIMIT}
",
        wanted = wanted.join(" ")
    )
}

/// The names of an entity that are asked for: its label, then its
/// alternative labels, without repeats that differ only by case.
pub fn entity_names(entity: &Entity) -> Vec<String> {
    let mut seen = BTreeSet::new();
    std::iter::once(&entity.label)
        .chain(&entity.alt_labels)
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty() && seen.insert(n.to_lowercase()))
        .take(MAX_NAMES)
        .collect()
}

/// The casings a name is asked in: as written, lower, upper, title case.
pub fn casings(name: &str) -> Vec<String> {
    let title = name
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut out: Vec<String> = Vec::new();
    for v in [name.to_owned(), name.to_lowercase(), name.to_uppercase(), title] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// A SPARQL string literal with the characters that need it escaped.
fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads SPARQL 1.1 JSON results of [`build_query`] into the matches of
/// each entity (by its key), items sorted by Q-id.
pub fn parse_results(json: &str) -> Result<BTreeMap<usize, Vec<Match>>, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let bindings = value.pointer("/results/bindings").and_then(Value::as_array).ok_or("no results.bindings array")?;
    let mut by_key: BTreeMap<usize, BTreeMap<String, Match>> = BTreeMap::new();
    for row in bindings {
        let text = |var: &str| row.pointer(&format!("/{var}/value")).and_then(Value::as_str);
        let (Some(key), Some(item), Some(name)) = (text("key"), text("item"), text("name")) else {
            return Err(format!("a row lacks key, item or name: {row}"));
        };
        let key: usize = key.parse().map_err(|_| format!("key {key:?} is not a number"))?;
        let Some(q) = item.strip_prefix(WIKIDATA_ENTITY).filter(|q| is_qid(q)) else { continue };
        let m = by_key.entry(key).or_default().entry(q.to_owned()).or_default();
        m.item = q.to_owned();
        m.names.insert((name.to_owned(), text("via") == Some("alias")));
        m.typed |= is_true(text("typed"));
        m.has_type |= is_true(text("hasType"));
        if let Some(c) = text("country").and_then(|c| c.strip_prefix(WIKIDATA_ENTITY)) {
            m.countries.insert(c.to_owned());
        }
        if let Some(label) = text("itemLabel") {
            m.item_label.get_or_insert_with(|| label.to_owned());
        }
    }
    Ok(by_key.into_iter().map(|(k, items)| (k, items.into_values().collect())).collect())
}

fn is_true(value: Option<&str>) -> bool {
    matches!(value, Some("true" | "1"))
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;

    fn entity(label: &str, alts: &[&str]) -> Entity {
        Entity {
            iri: NamedNode::new_unchecked("https://w3id.org/ssgr/id/org/x"),
            rule: 0,
            label: label.to_owned(),
            alt_labels: alts.iter().map(|a| (*a).to_owned()).collect(),
            countries: Vec::new(),
        }
    }

    fn rule() -> ClassRule {
        ClassRule { ssgr_class: "Organisation".into(), wikidata_classes: vec!["Q43229".into()], country_context: true }
    }

    #[test]
    fn casings_cover_the_forms_a_label_takes() {
        assert_eq!(casings("Geneva Centre"), ["Geneva Centre", "geneva centre", "GENEVA CENTRE"]);
        assert_eq!(casings("OSCE"), ["OSCE", "osce", "Osce"]);
        assert_eq!(casings("the hague"), ["the hague", "THE HAGUE", "The Hague"]);
    }

    #[test]
    fn names_drop_case_repeats_and_keep_the_label_first() {
        let e = entity("Geneva  Centre", &["GENEVA CENTRE", "DCAF"]);
        assert_eq!(entity_names(&e), ["Geneva Centre", "DCAF"]);
    }

    #[test]
    fn the_query_asks_every_casing_under_the_entity_key_with_the_type() {
        let a = entity("Bar \"Quoted\" Office", &[]);
        let b = entity("Foo", &["FB"]);
        let query = build_query(&[&a, &b], &rule());
        assert!(query.contains(r#"("0" "Bar \"Quoted\" Office"@en)"#), "{query}");
        assert!(query.contains(r#"("1" "FB"@en)"#));
        assert!(query.contains(r#"("1" "fb"@en)"#));
        assert!(query.contains("VALUES ?want { wd:Q43229 }"));
        assert!(query.contains("wdt:P17"));
        if let Err(e) = oxigraph::sparql::SparqlEvaluator::new().parse_query(&query) {
            panic!("the query does not parse: {e}\n{query}");
        }
    }

    #[test]
    fn results_group_by_entity_and_item() {
        let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/test-results.json"))
            .expect("test setup");
        let matches = parse_results(&json).expect("test setup");
        let first = &matches[&0];
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].item, "Q900000001");
        assert!(first[0].typed && first[0].has_type);
        assert_eq!(first[0].countries.iter().collect::<Vec<_>>(), ["Q225", "Q403"]);
        assert_eq!(first[0].names.len(), 2);
        assert!(!first[1].typed);
        assert_eq!(matches[&1][0].item_label.as_deref(), Some("Example Person"));
    }

    #[test]
    fn bad_results_are_an_error_not_a_panic() {
        assert!(parse_results("<html>").is_err());
        assert!(parse_results("{}").is_err());
        assert!(parse_results(r#"{"results":{"bindings":[{"item":{"value":"x"}}]}}"#).is_err());
    }
}
