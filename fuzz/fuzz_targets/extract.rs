//! Any bytes, read as text, Markdown or HTML, then extracted: no panic, and
//! bounded time (libFuzzer's -timeout flags a slow input).

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ssgr_extract::{Extractor, Format, parse_document};

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::new().expect("the built-in reference data loads"));
    let (format, bytes) = match data.split_first() {
        Some((selector, rest)) => (
            match selector % 3 {
                0 => Format::Text,
                1 => Format::Markdown,
                _ => Format::Html,
            },
            rest,
        ),
        None => (Format::Text, data),
    };
    if let Ok(doc) = parse_document("fuzz", Path::new("fuzz.txt"), bytes, format) {
        let _ = extractor.extract(&doc);
    }
});
