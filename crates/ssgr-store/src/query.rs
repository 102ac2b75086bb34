//! SPARQL queries and their results in the standard formats.

use std::collections::BTreeMap;
use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::error::StoreError;

/// The formats results can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// Turtle.
    Turtle,
    /// N-Triples.
    NTriples,
    /// N-Quads.
    NQuads,
    /// TriG.
    TriG,
    /// JSON-LD (expanded).
    JsonLd,
    /// RDF/XML.
    RdfXml,
}

impl OutputFormat {
    fn results_format(self) -> Option<QueryResultsFormat> {
        match self {
            Self::Json => Some(QueryResultsFormat::Json),
            Self::Xml => Some(QueryResultsFormat::Xml),
            Self::Csv => Some(QueryResultsFormat::Csv),
            Self::Tsv => Some(QueryResultsFormat::Tsv),
            _ => None,
        }
    }

    /// The RDF syntax, for graph results.
    pub fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            Self::Turtle => Some(RdfFormat::Turtle),
            Self::NTriples => Some(RdfFormat::NTriples),
            Self::NQuads => Some(RdfFormat::NQuads),
            Self::TriG => Some(RdfFormat::TriG),
            Self::JsonLd => Some(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }),
            Self::RdfXml => Some(RdfFormat::RdfXml),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Xml => "xml",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
            Self::JsonLd => "jsonld",
            Self::RdfXml => "rdfxml",
        }
    }
}

/// What a query returned, for the caller's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutcome {
    /// SELECT: the number of rows.
    Solutions(usize),
    /// ASK: the answer.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE: the number of triples.
    Graph(usize),
}

/// Runs a query and writes its results. With no format, SELECT and ASK
/// results are JSON and graphs are Turtle.
pub fn run_query(
    store: &Store,
    query: &str,
    format: Option<OutputFormat>,
    out: impl Write,
) -> Result<QueryOutcome, StoreError> {
    let results = SparqlEvaluator::new().parse_query(query)?.on_store(store).execute()?;
    match results {
        QueryResults::Solutions(solutions) => {
            let format = format.unwrap_or(OutputFormat::Json);
            let results_format =
                format.results_format().ok_or(StoreError::Format { format: format.name(), kind: "SELECT" })?;
            let mut writer = QueryResultsSerializer::from_format(results_format)
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                .map_err(StoreError::Write)?;
            let mut rows = 0;
            for solution in solutions {
                writer.serialize(&solution?).map_err(StoreError::Write)?;
                rows += 1;
            }
            writer.finish().map_err(StoreError::Write)?;
            Ok(QueryOutcome::Solutions(rows))
        }
        QueryResults::Boolean(value) => {
            let format = format.unwrap_or(OutputFormat::Json);
            let results_format =
                format.results_format().ok_or(StoreError::Format { format: format.name(), kind: "ASK" })?;
            QueryResultsSerializer::from_format(results_format)
                .serialize_boolean_to_writer(out, value)
                .map_err(StoreError::Write)?;
            Ok(QueryOutcome::Boolean(value))
        }
        QueryResults::Graph(triples) => {
            let format = format.unwrap_or(OutputFormat::Turtle);
            let rdf_format = format.rdf_format().ok_or(StoreError::Format { format: format.name(), kind: "graph" })?;
            let mut serializer = with_prefixes(RdfSerializer::from_format(rdf_format)).for_writer(out);
            let mut count = 0;
            let plain = !supports_triple_terms(rdf_format);
            for triple in triples {
                let triple = triple?;
                let written = if plain { without_triple_terms(triple) } else { vec![triple] };
                for t in &written {
                    serializer.serialize_triple(t).map_err(StoreError::Write)?;
                }
                count += 1;
            }
            serializer.finish().map_err(StoreError::Write)?;
            Ok(QueryOutcome::Graph(count))
        }
    }
}

/// Whether a syntax can write RDF 1.2 triple terms; JSON-LD and RDF/XML
/// cannot yet.
pub fn supports_triple_terms(format: RdfFormat) -> bool {
    !matches!(format, RdfFormat::JsonLd { .. } | RdfFormat::RdfXml)
}

/// A triple in a form every RDF 1.1 syntax can write: an evidence reifier's
/// `rdf:reifies <<( s p o )>>` becomes the RDF 1.1 reification
/// `rdf:subject s; rdf:predicate p; rdf:object o`. Other triples are kept.
pub fn without_triple_terms(triple: Triple) -> Vec<Triple> {
    match &triple.object {
        Term::Triple(inner) => {
            let inner = (**inner).clone();
            vec![
                Triple::new(triple.subject.clone(), rdf_term("subject"), inner.subject),
                Triple::new(triple.subject.clone(), rdf_term("predicate"), inner.predicate),
                Triple::new(triple.subject, rdf_term("object"), inner.object),
            ]
        }
        _ => vec![triple],
    }
}

fn rdf_term(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", ssgr_vocab::rdf::NS))
}

/// The project's prefixes on a serializer.
pub(crate) fn with_prefixes(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, iri) in ssgr_vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).expect("the project's prefixes are valid IRIs");
    }
    serializer
}

/// Runs a SELECT query and returns its rows as variable → term maps.
pub fn select(store: &Store, query: &str) -> Result<Vec<BTreeMap<String, Term>>, StoreError> {
    let results = SparqlEvaluator::new().parse_query(query)?.on_store(store).execute()?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(StoreError::Format { format: "rows", kind: "non-SELECT" });
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(solution.iter().map(|(v, t)| (v.as_str().to_owned(), t.clone())).collect());
    }
    Ok(rows)
}

/// The whole dataset as N-Quads, graph by graph in [`graph_names`] order and
/// each graph's lines sorted ([`canonical_graph`]): the same dataset always
/// gives the same text (the graph has no blank nodes to relabel).
pub fn canonical_nquads(store: &Store) -> Result<String, StoreError> {
    let mut out = String::new();
    for graph in graph_names(store)? {
        for quad in canonical_graph(store, graph.as_ref())? {
            out.push_str(&nquads_line(quad.as_ref()));
            out.push('\n');
        }
    }
    Ok(out)
}

/// The graphs of the dataset in canonical order: the default graph first,
/// then the named graphs sorted by IRI.
pub fn graph_names(store: &Store) -> Result<Vec<GraphName>, StoreError> {
    let mut named = store.named_graphs().collect::<Result<Vec<_>, _>>()?;
    // By the IRI itself (`<a/b>` sorts before `<a>` as text, after `a` as an
    // IRI); blank-node graphs, if any, after the named ones.
    named.sort_by_cached_key(|g| match g {
        NamedOrBlankNode::NamedNode(n) => (false, n.as_str().to_owned()),
        other => (true, other.to_string()),
    });
    let mut named: Vec<GraphName> = named.into_iter().map(GraphName::from).collect();
    named.insert(0, GraphName::DefaultGraph);
    Ok(named)
}

/// One graph's quads sorted by their N-Quads line ([`nquads_line`]). Only
/// this graph is held in memory.
pub fn canonical_graph(store: &Store, graph: GraphNameRef<'_>) -> Result<Vec<Quad>, StoreError> {
    let mut quads = store.quads_for_pattern(None, None, None, Some(graph)).collect::<Result<Vec<_>, _>>()?;
    quads.sort_by_cached_key(|q| nquads_line(q.as_ref()));
    Ok(quads)
}

/// A quad as one N-Quads line, without the line break; the graph name is
/// left out for the default graph.
pub fn nquads_line(quad: QuadRef<'_>) -> String {
    if quad.graph_name.is_default_graph() {
        format!("{} {} {} .", quad.subject, quad.predicate, quad.object)
    } else {
        format!("{} {} {} {} .", quad.subject, quad.predicate, quad.object, quad.graph_name)
    }
}
