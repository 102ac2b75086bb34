//! Pathological input: the extractor reads it without panicking. (Time is
//! bounded by the algorithms — linear scans and automata — and checked by
//! the fuzz target's timeout, not by a timed test.)

use std::path::Path;

use ssgr_extract::{Extractor, Format, InputError, parse_document};

fn extract(bytes: &[u8], format: Format) -> Result<usize, InputError> {
    let extractor = Extractor::new().unwrap_or_else(|e| panic!("{e}"));
    let doc = parse_document("input", Path::new("input"), bytes, format)?;
    Ok(extractor.extract(&doc).triples.len())
}

#[test]
fn a_ten_megabyte_line_without_a_newline() {
    let line = "The OSCE Mission to Serbia works on police reform, ".repeat(10 * 1024 * 1024 / 52);
    assert!(extract(line.as_bytes(), Format::Text).is_ok_and(|n| n > 0));
}

#[test]
fn control_characters_and_truncated_utf8() {
    let mut bytes = b"OSCE Mission\x07 to \x1bSerbia\x0c works\x00".to_vec();
    assert!(matches!(extract(&bytes, Format::Text), Err(InputError::Binary { .. }) | Ok(_)));
    bytes = "Mission à Skopje".as_bytes().to_vec();
    bytes.truncate("Mission ".len() + 1); // half of the two bytes of "à"
    assert!(matches!(extract(&bytes, Format::Text), Err(InputError::NotUtf8 { .. })));
    let controls = "Title\u{7}\n\nThe OSCE\u{1b} Mission to Serbia works.\n";
    assert!(extract(controls.as_bytes(), Format::Text).is_ok());
}

#[test]
fn deeply_nested_html() {
    let depth = 20_000;
    let html = format!("{}<p>The OSCE Mission to Serbia</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
    assert!(extract(html.as_bytes(), Format::Html).is_ok());
}

#[test]
fn only_punctuation_and_odd_structure() {
    for text in [
        "...!!!???;;;::,,,",
        "(((((((((((",
        "))))) ((( ACR ) ) (",
        "“”‘’«»",
        "1.\n2.\n3.\n-\n•\n",
        "Mandate\nVacancy\nTool\n",
    ] {
        let result = extract(text.as_bytes(), Format::Text);
        assert!(matches!(result, Ok(_) | Err(InputError::NoText { .. })), "{text:?}: {result:?}");
    }
}

#[test]
fn markdown_with_every_kind_of_block() {
    let md =
        "# OSCE Mission to Serbia\n\n- **Location:** Belgrade, Serbia\n1. [link](http://x)\n> quote\n```\ncode\n```\n";
    assert!(extract(md.as_bytes(), Format::Markdown).is_ok());
}

/// Inputs on which the fuzz target once found a panic; the first byte
/// chooses the format, as in `fuzz/fuzz_targets/extract.rs`.
#[test]
fn inputs_the_fuzzer_found() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")).filter_map(Result::ok) {
        let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        let (format, rest) = match bytes.split_first() {
            Some((s, rest)) => ([Format::Text, Format::Markdown, Format::Html][usize::from(*s) % 3], rest),
            None => (Format::Text, &bytes[..]),
        };
        let _ = extract(rest, format);
        seen += 1;
    }
    assert!(seen >= 1);
}
