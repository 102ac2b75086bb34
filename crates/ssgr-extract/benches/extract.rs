//! Extraction throughput on one thread: the seed documents, read from
//! memory (no I/O), laid out and extracted. Criterion reports MB/s.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ssgr_extract::{Extractor, Format, parse_document};

/// The allocator of the `ssgr` binary, so that the figures are the build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read(e.path()).ok().map(|b| (e.file_name().to_string_lossy().into_owned(), b)))
        .collect();
    out.sort();
    out
}

fn extraction(c: &mut Criterion) {
    let extractor = Extractor::new().unwrap_or_else(|e| panic!("{e}"));
    let docs = seeds();
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("seeds, one thread", |b| {
        b.iter(|| {
            let mut triples = 0;
            for (name, text) in &docs {
                if let Ok(doc) = parse_document(name, Path::new(name), text, Format::Text) {
                    triples += extractor.extract(&doc).triples.len();
                }
            }
            triples
        });
    });
    group.finish();
}

fn setup(c: &mut Criterion) {
    c.bench_function("extractor setup (reference data, automata)", |b| b.iter(Extractor::new));
}

criterion_group!(benches, extraction, setup);
criterion_main!(benches);
