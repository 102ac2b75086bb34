//! Extraction throughput on a corpus, as a build does it (not a test).
//!
//! ```text
//! cargo run --release -p ssgr-extract --example throughput -- DIR [--threads N] [--dump FILE]
//! ```
//!
//! Reads every file under `DIR` into memory first (so that disk reads are
//! not measured), then runs the build's two passes over them: the first
//! learns the acronyms the corpus defines, the second extracts each
//! document with them. Prints MB/s and documents/s of each pass and of
//! both, the triples, and the peak RSS. `--threads N` (default: all cores)
//! shares the documents between N threads. `--dump FILE` writes every
//! document's triples and links as N-Triples lines, in path order, to
//! compare the output of two versions of the extractor.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, bail};
use ssgr_extract::{Extraction, Extractor, Lexicon, format_of, parse_document};

/// The allocator of the `ssgr` binary, so that the figures are the build's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A document read from disk, not yet parsed.
struct Source {
    stem: String,
    path: PathBuf,
    bytes: Vec<u8>,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        bail!("usage: throughput DIR [--threads N] [--dump FILE]");
    };
    let threads = match option("--threads") {
        Some(n) => n.parse().with_context(|| format!("--threads {n}"))?,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let sources = read_sources(Path::new(dir))?;
    let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
    let extractor = Extractor::new()?;
    // The rules' regular expressions are compiled on first use: not measured.
    if let Some(doc) = sources.first().and_then(parse) {
        extractor.extract(&doc);
    }

    let (started, cpu) = (Instant::now(), cpu_seconds());
    let learned = parallel(&sources, threads, |s| parse(s).map(|doc| extractor.learn(&doc)));
    let mut lexicon = Lexicon::default();
    for l in learned.into_iter().flatten() {
        lexicon.merge(l);
    }
    lexicon.compile();
    let first = started.elapsed().as_secs_f64();
    let first_cpu = cpu_seconds() - cpu;

    let (started, cpu) = (Instant::now(), cpu_seconds());
    let dump = option("--dump");
    let extractions: Vec<Option<(usize, Option<Extraction>)>> = parallel(&sources, threads, |s| {
        let e = extractor.extract_with(&parse(s)?, &lexicon);
        // Keep the triples only for a dump, so that memory holds no corpus-sized graph.
        Some((e.triples.len() + e.links.len(), dump.is_some().then_some(e)))
    });
    let second = started.elapsed().as_secs_f64();
    let second_cpu = cpu_seconds() - cpu;

    let triples: usize = extractions.iter().flatten().map(|(n, _)| n).sum();
    let docs = sources.len();
    let mb = bytes as f64 / 1e6;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{docs} documents, {mb:.1} MB, {threads} thread(s), {} acronyms learned", lexicon.len())?;
    writeln!(out, "{:<18} {:>9} {:>13} {:>14} {:>9} {:>12}", "", "wall", "MB/s", "docs/s", "CPU", "MB/CPU-s")?;
    let passes = [
        ("pass 1 (learn)", first, first_cpu),
        ("pass 2 (extract)", second, second_cpu),
        ("both passes", first + second, first_cpu + second_cpu),
    ];
    for (name, seconds, cpu) in passes {
        writeln!(
            out,
            "{name:<18} {seconds:>7.2} s {:>8.1} MB/s {:>9.0} docs/s {cpu:>7.2} s {:>7.1} MB/s",
            mb / seconds,
            docs as f64 / seconds,
            mb / cpu.max(0.01),
        )?;
    }
    writeln!(out, "triples            {triples} ({:.0}/s over both passes)", triples as f64 / (first + second))?;
    if let Some(rss) = peak_rss_kib() {
        writeln!(out, "peak RSS           {:.0} MiB", rss as f64 / 1024.0)?;
    }
    if let Some(path) = dump {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).with_context(|| path.clone())?);
        for (_, e) in extractions.iter().flatten() {
            let Some(e) = e else { continue };
            for t in e.triples.iter().chain(&e.links) {
                writeln!(file, "{t} .")?;
            }
        }
        file.flush()?;
    }
    Ok(())
}

/// Every regular file under `dir`, sorted by path.
fn read_sources(dir: &Path) -> anyhow::Result<Vec<Source>> {
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| d.display().to_string())? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).with_context(|| path.display().to_string())?;
            let stem = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            Ok(Source { stem, path, bytes })
        })
        .collect()
}

fn parse(source: &Source) -> Option<ssgr_extract::Document> {
    parse_document(&source.stem, &source.path, &source.bytes, format_of(&source.path)).ok()
}

/// Runs `f` on every source with `threads` threads taking the next
/// document in turn; results in source order.
fn parallel<T: Send>(sources: &[Source], threads: usize, f: impl Fn(&Source) -> Option<T> + Sync) -> Vec<Option<T>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, Option<T>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(source) = sources.get(i) else { break };
                        mine.push((i, f(source)));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// User and system CPU seconds of the process so far (Linux; 0 elsewhere).
/// The machine may be shared: CPU time says more than wall time then.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // The fields after the command name, which is in brackets and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<u64>().ok()).sum();
    ticks as f64 / 100.0
}

/// The process's peak resident set (VmHWM), in KiB, on Linux.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
