//! The whole dataset in an RDF syntax, streamed and canonical: written
//! graph by graph (the default graph, then the named graphs by IRI), each
//! graph's quads sorted by their N-Quads line, so that the same store gives
//! the same bytes. Only one graph is held in memory at a time; the largest
//! is the default graph (the materialised union of all the others).
//!
//! N-Quads and TriG carry the RDF 1.2 triple terms of the evidence
//! reifiers as they are. Turtle holds the default graph only (a Turtle
//! document has no named graphs). JSON-LD cannot hold triple terms yet: an
//! `r rdf:reifies <<( s p o )>>` is written as the RDF 1.1 reification
//! `r rdf:subject s; rdf:predicate p; rdf:object o`.

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::GraphName;
use ssgr_store::{Store, canonical_graph, graph_names, nquads_line, without_triple_terms};

use crate::error::ExportError;

/// The dataset formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetFormat {
    /// N-Quads 1.2: every graph, one line per quad.
    NQuads,
    /// TriG 1.2: every graph, with the project's prefixes.
    TriG,
    /// Turtle 1.2: the default graph only.
    Turtle,
    /// JSON-LD 1.1 (expanded, with a prefix context): every graph, triple
    /// terms as RDF 1.1 reification.
    JsonLd,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DatasetSummary {
    /// Graphs written (the default graph counts as one).
    pub graphs: usize,
    /// Quads read from the store and written.
    pub quads: usize,
}

/// Writes the dataset.
pub fn write_dataset(
    store: &Store,
    format: DatasetFormat,
    out: &mut (impl Write + ?Sized),
) -> Result<DatasetSummary, ExportError> {
    let graphs = match format {
        DatasetFormat::Turtle => vec![GraphName::DefaultGraph],
        _ => graph_names(store)?,
    };
    let mut summary = DatasetSummary { graphs: graphs.len(), quads: 0 };
    if format == DatasetFormat::NQuads {
        // The lines ssgr_store::canonical_nquads writes, in its order: only
        // the lines of one graph are held, not its quads as well.
        for graph in &graphs {
            let mut lines = Vec::new();
            for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
                lines.push(nquads_line(quad.map_err(ssgr_store::StoreError::from)?.as_ref()));
            }
            lines.sort_unstable();
            for line in &lines {
                writeln!(out, "{line}")?;
            }
            summary.quads += lines.len();
        }
        return Ok(summary);
    }
    let rdf_format = match format {
        DatasetFormat::TriG => RdfFormat::TriG,
        DatasetFormat::Turtle => RdfFormat::Turtle,
        _ => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
    };
    let mut serializer = with_prefixes(RdfSerializer::from_format(rdf_format))?.for_writer(&mut *out);
    let plain = format == DatasetFormat::JsonLd;
    for graph in &graphs {
        for quad in canonical_graph(store, graph.as_ref())? {
            summary.quads += 1;
            if plain {
                let graph_name = quad.graph_name.clone();
                for triple in without_triple_terms(quad.into()) {
                    serializer.serialize_quad(triple.in_graph(graph_name.clone()).as_ref())?;
                }
            } else {
                serializer.serialize_quad(quad.as_ref())?;
            }
        }
    }
    serializer.finish()?;
    if format != DatasetFormat::NQuads {
        writeln!(out)?;
    }
    Ok(summary)
}

fn with_prefixes(mut serializer: RdfSerializer) -> Result<RdfSerializer, ExportError> {
    for (prefix, iri) in ssgr_vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|e| ExportError::InvalidParameter(format!("prefix {prefix}: {e}")))?;
    }
    Ok(serializer)
}
