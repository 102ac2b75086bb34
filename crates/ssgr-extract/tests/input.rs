//! Reading documents from files: the fixtures under `tests/data/input/` and
//! bad inputs made on the fly.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use ssgr_extract::{BlockKind, Document, Format, InputError, ReadOptions, format_of, read_document};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/input").join(name)
}

/// Writes `bytes` to a fresh file named `name` under Cargo's scratch directory.
fn scratch(name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ssgr-extract-input");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path)
}

fn blocks(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect()
}

/// Reads `path`, which must fail; checks the message names the file.
fn read_err(path: &Path, options: &ReadOptions) -> Result<InputError> {
    match read_document(path, options) {
        Ok(doc) => bail!("{} was read: {:?}", path.display(), blocks(&doc)),
        Err(err) => {
            let message = err.to_string();
            let shown = path.display().to_string();
            if !message.contains(&shown) {
                bail!("message {message:?} does not name {shown}");
            }
            Ok(err)
        }
    }
}

const P: BlockKind = BlockKind::Paragraph;
const LI: BlockKind = BlockKind::ListItem;

#[test]
fn html_page() -> Result<()> {
    let path = fixture("page.html");
    assert_eq!(format_of(&path), Format::Html);
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(doc.stem, "page");
    assert_eq!(doc.path, path);
    assert_eq!(
        blocks(&doc),
        [
            (BlockKind::Heading(1), "Police Reform Programme"),
            (P, "The Example Centre supports the Ministry of Interior of Moldova in reforming its police service."),
            (BlockKind::Heading(2), "Activities"),
            (LI, "Training on community policing for 40 officers;"),
            (LI, "Review of the draft Law on Police & Gendarmerie;"),
            (LI, "Support to parliamentary oversight committees."),
            (BlockKind::Heading(2), "Partners"),
            (P, "The programme is implemented in co-operation with the OSCE Mission to Moldova. It runs until 2027."),
        ]
    );
    for gone in
        ["Home", "analytics", "not text", "Share", "Search", "Related", "rights", "font-family", "Example Centre |"]
    {
        assert!(!doc.text.contains(gone), "{gone:?} is in {:?}", doc.text);
    }
    let joined: Vec<_> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert_eq!(doc.text, joined.join("\n\n"));
    Ok(())
}

#[test]
fn markdown_file() -> Result<()> {
    let path = fixture("notes.md");
    assert_eq!(format_of(&path), Format::Markdown);
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(doc.stem, "notes");
    assert_eq!(
        blocks(&doc),
        [
            (BlockKind::Heading(1), "Gender and Security Toolkit"),
            (P, "Notes on the **toolkit** for [security sector](https://example.org/ssr) institutions."),
            (BlockKind::Heading(2), "Tools"),
            (LI, "Police and gender"),
            (LI, "Defence and gender"),
            (LI, "Justice and gender"),
            (LI, "Parliamentary oversight"),
            (LI, "Civil society oversight"),
            (BlockKind::Heading(2), "Oversight bodies"),
            (P, "The toolkit was developed in co-operation with partner institutions."),
            (P, "# a comment inside code"),
        ]
    );
    Ok(())
}

#[test]
fn text_with_bom_and_crlf() -> Result<()> {
    let path = fixture("bom.txt");
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(doc.stem, "bom");
    assert!(doc.text.starts_with("Programme Manager"), "{:?}", doc.text);
    assert!(!doc.text.contains('\r'));
    assert_eq!(
        blocks(&doc),
        [
            (P, "Programme Manager, Security Co-operation"),
            (P, "Location: Podgorica, Montenegro"),
            (LI, "first duty;"),
            (LI, "second duty;"),
        ]
    );
    Ok(())
}

#[test]
fn binary_file() -> Result<()> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend([0x00, 0x01, 0xFF, 0xFE, 0x00, 0x10]);
    let path = scratch("report.pdf", &bytes)?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Binary { offset: 9, .. }), "{err:?}");

    let controls: Vec<u8> = (0..200).map(|i| if i % 4 == 0 { 0x1B } else { b'x' }).collect();
    let path = scratch("controls.txt", &controls)?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Binary { offset: 0, .. }), "{err:?}");
    Ok(())
}

#[test]
fn latin1_file() -> Result<()> {
    let path = scratch("latin1.txt", b"Security sector\nR\xe9forme du secteur de la s\xe9curit\xe9\n")?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::NotUtf8 { line: 2, column: 2, .. }), "{err:?}");
    Ok(())
}

#[test]
fn truncated_utf8() -> Result<()> {
    // "Co-operation – OSCE" cut inside the en dash.
    let text = "Co-operation \u{2013} OSCE".as_bytes();
    let path = scratch("truncated.txt", &text[..14])?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::NotUtf8 { line: 1, column: 14, .. }), "{err:?}");
    Ok(())
}

#[test]
fn utf16_file() -> Result<()> {
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("OSCE".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = scratch("utf16.txt", &bytes)?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Utf16 { .. }), "{err:?}");
    Ok(())
}

#[test]
fn empty_and_blank_files() -> Result<()> {
    let path = scratch("empty.txt", b"")?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Empty { .. }), "{err:?}");

    let path = scratch("blank.txt", " \n\u{a0}\n\t\r\n".as_bytes())?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::NoText { .. }), "{err:?}");

    let path = scratch(
        "scripts.html",
        b"<html><head><title>Only a title</title></head><body><script>x()</script></body></html>",
    )?;
    let err = read_err(&path, &ReadOptions::default())?;
    assert!(matches!(err, InputError::NoText { .. }), "{err:?}");

    let path = scratch("punctuation.txt", b"...\n;;\n")?;
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(blocks(&doc), [(P, "..."), (P, ";;")]);
    Ok(())
}

#[test]
fn over_the_limit() -> Result<()> {
    let options = ReadOptions { max_bytes: 100 };
    let path = scratch("large.txt", &[b'a'; 101])?;
    let err = read_err(&path, &options)?;
    assert!(matches!(err, InputError::TooLarge { size: 101, limit: 100, .. }), "{err:?}");
    assert!(err.to_string().contains("over the 100 bytes limit"), "{err}");

    let path = scratch("at-limit.txt", &[b'a'; 100])?;
    assert_eq!(read_document(&path, &options)?.blocks.len(), 1);
    assert_eq!(ReadOptions::default().max_bytes, 20 * 1024 * 1024);
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn endless_file_is_cut_at_the_limit() -> Result<()> {
    // /dev/zero says it is empty and never ends: the read stops past the limit.
    let path = Path::new("/dev/zero");
    if !path.exists() {
        return Ok(());
    }
    let err = read_err(path, &ReadOptions { max_bytes: 1000 })?;
    assert!(matches!(err, InputError::TooLarge { size: 1001, limit: 1000, .. }), "{err:?}");
    Ok(())
}

#[test]
fn missing_file_and_directory() -> Result<()> {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-document.txt");
    let err = read_err(&missing, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Io { .. }), "{err:?}");

    let dir = scratch("placeholder.txt", b"x")?.parent().context("scratch has a parent")?.to_path_buf();
    let err = read_err(&dir, &ReadOptions::default())?;
    assert!(matches!(err, InputError::Io { .. }), "{err:?}");
    Ok(())
}

#[test]
fn ten_megabyte_line() -> Result<()> {
    let line = "security sector reform ".repeat(10 * 1024 * 1024 / 23 + 1);
    let path = scratch("long-line.txt", line.as_bytes())?;
    let started = Instant::now();
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.block_text(&doc.blocks[0]), line.trim_end());
    let md = scratch("long-line.md", format!("- {line}").as_bytes())?;
    assert_eq!(read_document(&md, &ReadOptions::default())?.blocks[0].kind, LI);
    let html = scratch("long-line.html", format!("<p>{line}</p>").as_bytes())?;
    assert_eq!(read_document(&html, &ReadOptions::default())?.blocks.len(), 1);
    assert!(started.elapsed().as_secs() < 120, "took {:?}", started.elapsed());
    Ok(())
}

#[test]
fn deeply_nested_html() -> Result<()> {
    let n = 100_000;
    let started = Instant::now();
    let closed = format!("<html><body>{}deep text{}<p>after</p></body></html>", "<div>".repeat(n), "</div>".repeat(n));
    let path = scratch("nested.html", closed.as_bytes())?;
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(blocks(&doc), [(P, "deep text"), (P, "after")]);

    let unclosed = format!("{}<li>deep item", "<div><ul><span>".repeat(n));
    let path = scratch("unclosed.html", unclosed.as_bytes())?;
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(blocks(&doc), [(P, "deep item")]);
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
    Ok(())
}

#[test]
fn control_characters_are_spaces() -> Result<()> {
    let path = scratch("controls-few.txt", b"Mission\x07 to Serbia\x0cPage two\r\n")?;
    let doc = read_document(&path, &ReadOptions::default())?;
    assert_eq!(blocks(&doc), [(P, "Mission  to Serbia"), (P, "Page two")]);
    Ok(())
}
