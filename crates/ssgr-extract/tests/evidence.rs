//! The evidence of extracted statements, end to end: its offsets point at
//! the sentence it quotes, counted in characters of the document's text.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use oxrdf::Term;
use ssgr_extract::{Extractor, ReadOptions, read_document};
use ssgr_vocab::{nif, ssgr};

/// What one evidence records: where its sentence begins and ends, and the
/// sentence.
#[derive(Debug, Default)]
struct Evidence {
    begin: Option<usize>,
    end: Option<usize>,
    sentence: Option<String>,
}

fn literal(term: &Term) -> Result<&str> {
    match term {
        Term::Literal(l) => Ok(l.value()),
        other => bail!("not a literal: {other}"),
    }
}

/// The document `offsets.txt` is written with non-ASCII characters from its
/// first line ("Kosovë", "Tiraspol – Chișinău", "Bălți") and statements
/// well past its first 4 KiB, with a multi-byte character ("ë") across
/// byte 4096, where a 256-byte block (and a 4 KiB one) starts.
#[test]
fn evidence_offsets_slice_the_text_to_the_sentence() -> Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/input/offsets.txt");
    let doc = read_document(&path, &ReadOptions::default())?;
    let extraction = Extractor::new()?.extract(&doc);

    let mut evidence: BTreeMap<String, Evidence> = BTreeMap::new();
    for t in &extraction.triples {
        let number = || -> Result<usize> { Ok(literal(&t.object)?.parse()?) };
        if t.predicate == nif::BEGIN_INDEX {
            evidence.entry(t.subject.to_string()).or_default().begin = Some(number()?);
        } else if t.predicate == nif::END_INDEX {
            evidence.entry(t.subject.to_string()).or_default().end = Some(number()?);
        } else if t.predicate == ssgr::SENTENCE {
            evidence.entry(t.subject.to_string()).or_default().sentence = Some(literal(&t.object)?.to_owned());
        }
    }

    let chars: Vec<char> = doc.text.chars().collect();
    let mut past_4k = 0;
    for (iri, e) in &evidence {
        let (Some(begin), Some(end), Some(sentence)) = (e.begin, e.end, e.sentence.as_deref()) else {
            bail!("{iri} lacks an offset or its sentence: {e:?}");
        };
        let slice: String = chars
            .get(begin..end)
            .with_context(|| format!("{iri}: {begin}..{end} is out of the text"))?
            .iter()
            .collect();
        assert_eq!(slice, sentence, "{iri}: characters {begin}..{end}");
        // The same, counted the other way: the sentence's byte offset in
        // the text, as characters.
        let byte = doc.text.find(sentence).with_context(|| format!("{iri}: {sentence:?} is not in the text"))?;
        if doc.text.matches(sentence).count() == 1 {
            assert_eq!(begin, doc.text[..byte].chars().count(), "{iri}: {sentence:?}");
        }
        if byte > 4096 {
            past_4k += 1;
        }
    }

    // The fixture tests what it is meant to: many statements, some read
    // after a block that starts inside a character. Edits before byte 4096
    // must keep a multi-byte character across it.
    let straddled: Vec<usize> = (256..doc.text.len()).step_by(256).filter(|&b| !doc.text.is_char_boundary(b)).collect();
    assert!(straddled.contains(&4096), "blocks starting inside a character: {straddled:?}");
    assert!(evidence.len() >= 10, "{} evidence", evidence.len());
    assert!(past_4k >= 3, "{past_4k} evidence past 4 KiB of {}", evidence.len());
    Ok(())
}
