//! `ssgr extract`: the graph of some files on stdout, no store.

use std::io::Write;

use anyhow::Context;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use ssgr_extract::{Extractor, read_document};
use ssgr_store::{supports_triple_terms, without_triple_terms};

use super::{Status, read_options};
use crate::cli::{ExtractArgs, GraphFormat};

pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<Status> {
    let extractor = Extractor::new().context("setting up the extractor")?;
    let options = read_options(args.max_size);
    let mut extractions = Vec::new();
    let mut status = Status::Success;
    for path in &args.files {
        match read_document(path, &options) {
            Ok(doc) => extractions.push(extractor.extract(&doc)),
            Err(e) => {
                eprintln!("error: {e}");
                status = Status::SomeFailed;
            }
        }
    }
    let format = match args.format {
        GraphFormat::Turtle => RdfFormat::Turtle,
        GraphFormat::Ntriples => RdfFormat::NTriples,
        GraphFormat::Nquads => RdfFormat::NQuads,
        GraphFormat::Trig => RdfFormat::TriG,
        GraphFormat::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
    };
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in ssgr_vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).context("registering a prefix")?;
    }
    let mut writer = serializer.for_writer(std::io::stdout().lock());
    let writable = |t: &Triple| {
        if supports_triple_terms(format) { vec![t.clone()] } else { without_triple_terms(t.clone()) }
    };
    if format.supports_datasets() {
        for e in &extractions {
            for t in e.triples.iter().chain(&e.links).flat_map(writable) {
                writer.serialize_quad(&t.in_graph(e.graph.clone())).context("writing the graph")?;
            }
        }
    } else {
        let merged: Vec<Triple> = ssgr_extract::merge(extractions.iter().map(|e| e.triples.as_slice()));
        for t in merged.iter().chain(extractions.iter().flat_map(|e| &e.links)).flat_map(writable) {
            writer.serialize_triple(&t).context("writing the graph")?;
        }
    }
    writer.finish().context("writing the graph")?.flush().context("writing the graph")?;
    Ok(status)
}
