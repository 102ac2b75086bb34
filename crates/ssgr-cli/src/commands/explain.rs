//! `ssgr explain`: the evidence behind what the graph says of an entity.

use std::io::Write;

use anyhow::{Context, bail};
use oxigraph::model::Term;
use ssgr_store::select;

use super::Status;
use super::query::open_source;
use crate::cli::ExplainArgs;

pub(crate) fn run(args: &ExplainArgs) -> anyhow::Result<Status> {
    let (store, status) = open_source(&args.source)?;
    let iri = resolve(&store, &args.entity)?;
    let filter = match &args.property {
        Some(p) => format!("FILTER(STRENDS(STR(?p), \"{}\"))", p.replace(['"', '\\'], "")),
        None => String::new(),
    };
    let query = format!(
        "PREFIX ssgr: <https://w3id.org/ssgr/ontology#>
         PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         PREFIX prov: <http://www.w3.org/ns/prov#>
         PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
         SELECT ?p ?o ?doc ?begin ?end ?sentence ?rule WHERE {{
           {{ ?e rdf:reifies <<( <{iri}> ?p ?o )>> }} UNION {{ ?e rdf:reifies <<( ?o ?p <{iri}> )>> }}
           ?e prov:wasDerivedFrom ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end ; ssgr:sentence ?sentence ; ssgr:rule ?rule .
           {filter}
         }} ORDER BY ?doc ?begin ?p"
    );
    let rows = select(&store, &query).context("querying the evidence")?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{iri}")?;
    if rows.is_empty() {
        writeln!(out, "  no extracted statement")?;
    }
    for row in rows {
        let text = |k: &str| row.get(k).map_or_else(String::new, short);
        writeln!(out, "  {} {}  [{}]", text("p"), text("o"), text("rule"))?;
        writeln!(out, "    {} chars {}-{}: {}", text("doc"), text("begin"), text("end"), text("sentence"))?;
    }
    Ok(status)
}

/// The entity's IRI: the argument itself, or the entity with that label.
fn resolve(store: &ssgr_store::Store, entity: &str) -> anyhow::Result<String> {
    if entity.starts_with("http://") || entity.starts_with("https://") {
        return Ok(entity.to_owned());
    }
    let label = entity.replace(['"', '\\'], "");
    let query = format!(
        "SELECT DISTINCT ?x WHERE {{ ?x <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?l
           FILTER(LCASE(STR(?l)) = LCASE(\"{label}\")) }} ORDER BY ?x"
    );
    let rows = select(store, &query).context("looking up the label")?;
    match rows.as_slice() {
        [] => bail!("no entity is called {entity:?}"),
        [one] => match one.get("x") {
            Some(Term::NamedNode(n)) => Ok(n.as_str().to_owned()),
            _ => bail!("no entity is called {entity:?}"),
        },
        many => bail!("{} entities are called {entity:?}; give an IRI", many.len()),
    }
}

/// A term as a person reads it: local names for IRIs, values for literals.
fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().rsplit(['#', '/']).next().unwrap_or(n.as_str()).to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}
