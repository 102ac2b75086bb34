//! Entities named by label, alternative label, code or IRI.

use ssgr_store::Store;

use crate::error::AnalyticsError;
use crate::projection::catalogue::{Catalogue, rows};

/// Lower case, letters and digits only: how names are compared.
pub(crate) fn normalise(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Expands `prefix:local` with the project's prefixes; anything else as is.
pub(crate) fn expand(name: &str) -> String {
    if let Some((prefix, local)) = name.split_once(':') {
        if let Some((_, ns)) = ssgr_vocab::PREFIXES.iter().find(|(p, _)| *p == prefix) {
            return format!("{ns}{local}");
        }
    }
    name.to_owned()
}

/// The IRI of the entity a name stands for: a full IRI (`https://…`), a
/// prefixed one (`ssgrid:org/dcaf`), or a name compared letters and digits
/// only, case aside, with labels (`rdfs:label`, `skos:prefLabel`) first and
/// then alternative labels and ISO 3166 codes ("DCAF", "TJ").
pub fn resolve(store: &Store, name: &str) -> Result<String, AnalyticsError> {
    resolve_in(store, &Catalogue::read(store)?, name)
}

pub(crate) fn resolve_in(store: &Store, catalogue: &Catalogue, name: &str) -> Result<String, AnalyticsError> {
    let iri = expand(name.trim());
    if catalogue.get(&iri).is_some() {
        return Ok(iri);
    }
    let wanted = normalise(name);
    if wanted.is_empty() {
        return Err(AnalyticsError::UnknownEntity(name.to_owned()));
    }
    let names = rows(
        store,
        "SELECT ?e ?n ?rank WHERE {
           { ?e rdfs:label|skos:prefLabel ?n BIND(0 AS ?rank) }
           UNION { ?e skos:altLabel|ssgr:iso3166 ?n BIND(1 AS ?rank) }
         }",
        &["e", "n", "rank"],
    )?;
    for rank in ["0", "1"] {
        let mut found: Vec<String> = names
            .iter()
            .filter(|r| r[2] == rank && catalogue.get(&r[0]).is_some() && normalise(&r[1]) == wanted)
            .map(|r| r[0].clone())
            .collect();
        found.sort();
        found.dedup();
        match found.len() {
            0 => {}
            1 => return Ok(found.remove(0)),
            _ => return Err(AnalyticsError::AmbiguousName { name: name.to_owned(), candidates: found }),
        }
    }
    Err(AnalyticsError::UnknownEntity(name.to_owned()))
}

/// The IRI of a source document: its IRI, `ssgrid:doc/<stem>`, or the
/// document's file name or stem ("001_91a6ed8e20fdf61f.txt").
pub(crate) fn resolve_document(store: &Store, name: &str) -> Result<String, AnalyticsError> {
    let expanded = expand(name.trim());
    let candidates = if expanded.contains("://") {
        vec![expanded]
    } else {
        let file = name.trim().rsplit('/').next().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        vec![format!("{}doc/{file}", ssgr_vocab::ssgrid::NS), format!("{}doc/{stem}", ssgr_vocab::ssgrid::NS)]
    };
    for iri in candidates {
        if oxigraph::model::NamedNode::new(&iri).is_err() {
            continue;
        }
        let query = format!("SELECT ?d WHERE {{ BIND(<{iri}> AS ?d) FILTER EXISTS {{ ?d a ssgr:SourceDocument }} }}");
        if !rows(store, &query, &["d"])?.is_empty() {
            return Ok(iri);
        }
    }
    Err(AnalyticsError::UnknownEntity(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_by_letters_and_digits() {
        assert_eq!(normalise("DCAF – Geneva Centre"), "dcafgenevacentre");
        assert_eq!(expand("ssgrid:org/dcaf"), "https://w3id.org/ssgr/id/org/dcaf");
        assert_eq!(expand("DCAF"), "DCAF");
    }
}
