//! Reading a file into a [`Document`]: size limit, encoding and binary checks,
//! then layout into blocks.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::document::{Document, Format};
use crate::error::InputError;
use crate::html::layout_html;
use crate::layout::layout_text;
use crate::swar;

/// How [`read_document`] reads files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Files larger than this many bytes are refused without being read.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    /// A limit of 20 MB.
    fn default() -> Self {
        Self { max_bytes: 20 * 1024 * 1024 }
    }
}

/// The format of a file, from its extension (case-insensitive): `.html`,
/// `.htm`, `.xhtml` are HTML, `.md`, `.markdown` Markdown, anything else plain
/// text.
pub fn format_of(path: &Path) -> Format {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Format::Text;
    };
    let is = |name: &str| ext.eq_ignore_ascii_case(name);
    if is("html") || is("htm") || is("xhtml") {
        Format::Html
    } else if is("md") || is("markdown") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Reads the file at `path` as a document of the format its extension names
/// (see [`format_of`]) and lays it out into blocks.
///
/// A file over `options.max_bytes` is refused before it is read; the read
/// itself stops one byte past the limit, so a file that grows meanwhile (or a
/// device that never ends) is refused too. The document's stem is the file
/// stem (`000_bc394d3136965277` for `seeds/000_bc394d3136965277.txt`).
///
/// # Errors
///
/// [`InputError`] when the file cannot be read, is too large, is empty, looks
/// binary, is not UTF-8, or has no text (see [`parse_document`]).
pub fn read_document(path: &Path, options: &ReadOptions) -> Result<Document, InputError> {
    let io = |source| InputError::Io { path: path.to_path_buf(), source };
    let limit = options.max_bytes;
    let file = File::open(path).map_err(io)?;
    let declared = file.metadata().map_err(io)?.len();
    if declared > limit {
        return Err(InputError::TooLarge { path: path.to_path_buf(), size: declared, limit });
    }
    let capacity = usize::try_from(declared.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    let mut file = file;
    file.by_ref().take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        // The file grew while being read; report the larger of what we saw.
        let now = file.metadata().map(|m| m.len()).unwrap_or(read);
        return Err(InputError::TooLarge { path: path.to_path_buf(), size: now.max(read), limit });
    }
    let stem = stem_of(path);
    parse_document(&stem, path, &bytes, format_of(path))
}

/// The file stem of `path`, or its whole name if it has none.
fn stem_of(path: &Path) -> String {
    path.file_stem()
        .or_else(|| path.file_name())
        .map_or_else(|| path.to_string_lossy().into_owned(), |s| s.to_string_lossy().into_owned())
}

/// Makes a document of the bytes of a file already read: `stem` names it,
/// `path` is only used in messages and kept in [`Document::path`].
///
/// Strips a UTF-8 byte-order mark, refuses binary content and anything not
/// UTF-8, turns `\r\n` and lone `\r` into `\n`, a form feed into `\n` and other
/// control characters into spaces, then lays the text out as `format` says.
///
/// # Errors
///
/// [`InputError::Empty`], [`InputError::Utf16`], [`InputError::Binary`],
/// [`InputError::NotUtf8`], or [`InputError::NoText`] when the layout finds no
/// block of text.
pub fn parse_document(stem: &str, path: &Path, bytes: &[u8], format: Format) -> Result<Document, InputError> {
    let path_buf = || path.to_path_buf();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16 { path: path_buf() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(InputError::Empty { path: path_buf() });
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(InputError::Binary { path: path_buf(), offset });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let (line, column) = line_column(&bytes[..err.valid_up_to()]);
            return Err(InputError::NotUtf8 { path: path_buf(), line, column });
        }
    };
    let text = normalise(text).into_owned();
    let (text, blocks) = match format {
        Format::Html => layout_html(&text),
        Format::Text | Format::Markdown => layout_text(text, format),
    };
    if blocks.is_empty() {
        return Err(InputError::NoText { path: path_buf() });
    }
    Ok(Document { stem: stem.to_owned(), path: path_buf(), text, blocks })
}

/// Whether `b` is a C0 control character that text files do not hold.
fn is_binary_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// The offset that shows `bytes` are binary: the first NUL byte, or the first
/// control character if more than a tenth of the bytes are control characters.
fn binary_offset(bytes: &[u8]) -> Option<u64> {
    let to_u64 = |i: usize| u64::try_from(i).unwrap_or(u64::MAX);
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Some(to_u64(nul));
    }
    if binary_controls(bytes).saturating_mul(10) > bytes.len() {
        return bytes.iter().position(|&b| is_binary_control(b)).map(to_u64);
    }
    None
}

/// The number of bytes of `bytes` that [`is_binary_control`] holds for.
/// Every document is counted so, in both passes: eight bytes are tested
/// at a time, and only the words with a byte below `0x20` (a newline, most
/// often) byte by byte.
fn binary_controls(bytes: &[u8]) -> usize {
    // High bit of a byte set where it is below 0x20: adding 0x60 to its low
    // seven bits carries into the high bit from 0x20 up (never into the next
    // byte), and a byte from 0x80 up has it set already.
    let any_below_0x20 = |word: u64| !(((word & !swar::HIGH) + swar::ONES * 0x60) | word) & swar::HIGH != 0;
    swar::count(bytes, any_below_0x20, is_binary_control)
}

/// Line and column (both from 1, the column in characters) of the position
/// just past `before`, which is valid UTF-8. `\r\n`, `\r` and `\n` end lines.
fn line_column(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let mut line = 1;
    let mut column = 1;
    let mut after_cr = false;
    for c in text.chars() {
        match c {
            '\n' if after_cr => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
        after_cr = c == '\r';
    }
    (line, column)
}

/// Whether `c` is replaced by [`normalise`].
fn needs_normalising(c: char) -> bool {
    c != '\n' && c != '\t' && c != ' ' && (c.is_control() || c.is_whitespace())
}

/// The next character at or after byte `from` that [`normalise`] replaces,
/// with its offset. Bytes, not characters: only the non-ASCII ones are
/// decoded, and most text has few.
fn next_to_normalise(text: &str, mut from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    while let Some(offset) = bytes.get(from..).and_then(first_not_printable_ascii) {
        from += offset;
        let c = text.get(from..).and_then(|rest| rest.chars().next())?;
        if needs_normalising(c) {
            return Some((from, c));
        }
        from += c.len_utf8();
    }
    None
}

/// The offset of the first byte of `bytes` outside printable ASCII
/// (`0x20..0x7F`): a control character (a newline, most often) or a byte of
/// a non-ASCII character. Every document is scanned so, in both passes:
/// eight bytes are tested at a time.
fn first_not_printable_ascii(bytes: &[u8]) -> Option<usize> {
    // High bit of a byte set where it is below 0x20, at or above 0x7F
    // (adding 1 carries into the high bit), or at or above 0x80; exact for
    // bytes below 0x80, and a high byte is flagged in any case.
    let any_outside = |word: u64| {
        let below = word.wrapping_sub(swar::ONES * 0x20) & !word;
        let above = word.wrapping_add(swar::ONES) | word;
        (below | above) & swar::HIGH != 0
    };
    swar::position(bytes, any_outside, |b| !(0x20..0x7F).contains(&b))
}

/// `\r\n` and lone `\r` become `\n`, a form feed (a page break) `\n`, and the
/// other control characters (C0 but tab and newline, DEL, C1) and Unicode
/// spaces (no-break, em, thin, …) a space. Each replaced character is one
/// character, so character offsets into the result are offsets into the
/// file's text with its line ends normalised.
fn normalise(text: &str) -> Cow<'_, str> {
    let Some(mut next) = next_to_normalise(text, 0) else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len());
    // The text between replaced characters is copied as it is, in one piece.
    let mut copied = 0;
    loop {
        let (at, c) = next;
        out.push_str(&text[copied..at]);
        copied = at + c.len_utf8();
        match c {
            '\r' if text[copied..].starts_with('\n') => {}
            '\r' | '\u{0C}' => out.push('\n'),
            _ => out.push(' '),
        }
        match next_to_normalise(text, copied) {
            Some(found) => next = found,
            None => break,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    /// Runs of 'a' around word sizes with every byte value planted at the
    /// start, middle or end: the bytes, where the byte is, and a label.
    fn planted() -> impl Iterator<Item = (Vec<u8>, usize, String)> {
        (0..=255u8).flat_map(|byte| {
            [1, 7, 8, 9, 17, 24].into_iter().flat_map(move |len: usize| {
                [0, len / 2, len - 1].into_iter().map(move |at| {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    (bytes, at, format!("byte {byte:#x} at {at} of {len}"))
                })
            })
        })
    }

    #[test]
    fn finds_the_first_byte_outside_printable_ascii() {
        for (bytes, _, label) in planted() {
            let expected = bytes.iter().position(|b| !(0x20..0x7F).contains(b));
            assert_eq!(first_not_printable_ascii(&bytes), expected, "{label}");
        }
    }

    #[test]
    fn counts_the_binary_controls() {
        for (mut bytes, at, label) in planted() {
            let mirror = bytes.len() - 1 - at;
            bytes[mirror] = 0x1F;
            let expected = bytes.iter().filter(|&&b| is_binary_control(b)).count();
            assert_eq!(binary_controls(&bytes), expected, "{label}");
        }
    }

    fn parse(bytes: &[u8], format: Format) -> Result<Document, InputError> {
        parse_document("doc", Path::new("dir/doc.txt"), bytes, format)
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a/b.HTML")), Format::Html);
        assert_eq!(format_of(Path::new("b.htm")), Format::Html);
        assert_eq!(format_of(Path::new("b.xhtml")), Format::Html);
        assert_eq!(format_of(Path::new("b.Md")), Format::Markdown);
        assert_eq!(format_of(Path::new("b.markdown")), Format::Markdown);
        assert_eq!(format_of(Path::new("b.txt")), Format::Text);
        assert_eq!(format_of(Path::new("b.pdf")), Format::Text);
        assert_eq!(format_of(Path::new("README")), Format::Text);
        assert_eq!(format_of(Path::new(".html")), Format::Text);
    }

    #[test]
    fn stems() {
        assert_eq!(stem_of(Path::new("seeds/000_bc394d3136965277.txt")), "000_bc394d3136965277");
        assert_eq!(stem_of(Path::new("a/page.en.html")), "page.en");
        assert_eq!(stem_of(Path::new("a/README")), "README");
    }

    #[test]
    fn newlines_and_controls_are_normalised() -> Result<(), InputError> {
        let doc = parse(b"one\r\ntwo\rthree\x0cfour\x07five\x7f", Format::Text)?;
        assert_eq!(doc.text, "one\ntwo\nthree\nfour five ");
        let texts: Vec<_> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
        assert_eq!(texts, ["one", "two", "three", "four five"]);
        Ok(())
    }

    #[test]
    fn bom_is_stripped() -> Result<(), InputError> {
        let doc = parse(b"\xEF\xBB\xBFTitle\n", Format::Text)?;
        assert_eq!(doc.text, "Title\n");
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
        Ok(())
    }

    #[test]
    fn bad_inputs() {
        assert!(matches!(parse(b"", Format::Text), Err(InputError::Empty { .. })));
        assert!(matches!(parse(b"\xEF\xBB\xBF", Format::Text), Err(InputError::Empty { .. })));
        assert!(matches!(parse(b"\xFF\xFEa\0", Format::Text), Err(InputError::Utf16 { .. })));
        assert!(matches!(parse(b"abc\0def", Format::Text), Err(InputError::Binary { offset: 3, .. })));
        assert!(matches!(parse(b"ab\x01\x02\x03cdefgh", Format::Text), Err(InputError::Binary { offset: 2, .. })));
        assert!(matches!(parse(b"  \n\t\n", Format::Text), Err(InputError::NoText { .. })));
        assert!(matches!(parse(b"<p> </p><script>x</script>", Format::Html), Err(InputError::NoText { .. })));
    }

    #[test]
    fn one_control_in_a_long_line_is_not_binary() -> Result<(), InputError> {
        let doc = parse(b"a sentence with a stray \x1b escape in it", Format::Text)?;
        assert_eq!(doc.blocks.len(), 1);
        Ok(())
    }

    #[test]
    fn not_utf8_position() {
        let err = parse(b"first line\r\nsecond \xE9t\xE9", Format::Text);
        assert!(matches!(err, Err(InputError::NotUtf8 { line: 2, column: 8, .. })), "{err:?}");
        let err = parse(
            "caf\u{e9}\n\u{2003}x \u{201c}".as_bytes().split_last().map_or(&[][..], |(_, rest)| rest),
            Format::Text,
        );
        assert!(matches!(err, Err(InputError::NotUtf8 { line: 2, column: 4, .. })), "{err:?}");
    }

    #[test]
    fn only_punctuation_still_has_blocks() -> Result<(), InputError> {
        let doc = parse(b"...\n---\n\xE2\x80\xA2\n", Format::Text)?;
        let texts: Vec<_> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
        assert_eq!(texts, ["...", "---", "\u{2022}"]);
        Ok(())
    }
}
