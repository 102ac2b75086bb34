//! Plain text and Markdown into blocks.
//!
//! The text is kept as it is: blocks are byte ranges of it, trimmed of white
//! space and of list markers and Markdown heading marks.

use crate::document::{Block, BlockKind, Format};

/// Lays out plain text or Markdown (any other format is read as plain text).
///
/// Plain text: each non-blank line is a block, a list item if it starts with
/// a bullet or a number marker followed by a space, else a paragraph; never a
/// heading. Markdown: `#` headings (and `===`/`---` underlined ones), `-`,
/// `*`, `+` and `1.` list items, other lines paragraphs; fenced code lines are
/// paragraphs; thematic breaks and fences are not blocks.
///
/// The text is returned unchanged; the blocks' offsets point into it.
pub(crate) fn layout_text(text: String, format: Format) -> (String, Vec<Block>) {
    let blocks = match format {
        Format::Markdown => markdown_blocks(&text),
        Format::Text | Format::Html => text_blocks(&text),
    };
    (text, blocks)
}

/// White space for trimming: Unicode white space (U+00A0, U+2003, …) and the
/// invisible zero-width characters that pages use as spacing.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// Bullets that start a list item in plain text when a space follows.
const BULLETS: &[char] =
    &['•', '·', '▪', '◦', '-', '*', '–', '‣', '●', '○', '■', '□', '▸', '►', '➢', '⁃', '∙', '\u{F0B7}'];

/// The lines of `text` as `(start, end)` byte ranges, without the `\n`.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let range = (start, start + line.len());
        start += line.len() + 1;
        range
    })
}

/// `(start, end)` trimmed of [`is_space`] on both sides.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let left = s.len() - s.trim_start_matches(is_space).len();
    let right = s.trim_end_matches(is_space).len();
    if right <= left { (start, start) } else { (start + left, start + right) }
}

/// The length of leading white space of `s`, if there is at least one.
fn space_after(s: &str) -> Option<usize> {
    let n = s.len() - s.trim_start_matches(is_space).len();
    (n > 0).then_some(n)
}

/// If trimmed line `s` starts with a bullet and a space, the byte length of
/// the bullet.
fn bullet_len(s: &str, bullets: &[char]) -> Option<usize> {
    let c = s.chars().next()?;
    bullets.contains(&c).then_some(c.len_utf8())
}

/// If `s` starts with a number marker — `1.`, `12)`, `1.)`, `a)`, `(a)`,
/// `(iv)`, `(3)` — its byte length. `roman_and_letters` allows letter markers.
fn number_marker_len(s: &str, roman_and_letters: bool) -> Option<usize> {
    let b = s.as_bytes();
    let paren = b.first() == Some(&b'(');
    let from = usize::from(paren);
    let digits = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let token_end = if (1..=3).contains(&digits) {
        from + digits
    } else if digits == 0 && roman_and_letters {
        let letters = b[from..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let token = &s[from..from + letters];
        let single = letters == 1;
        let roman = (1..=5).contains(&letters) && token.bytes().all(|c| b"ivxlc".contains(&c));
        if !(single || roman) {
            return None;
        }
        // Letter markers need a closing parenthesis: "a)" or "(a)", never "a.".
        if b.get(from + letters) != Some(&b')') {
            return None;
        }
        from + letters
    } else {
        return None;
    };
    match (paren, b.get(token_end)) {
        (true, Some(b')')) => Some(token_end + 1),
        (false, Some(b')')) => Some(token_end + 1),
        (false, Some(b'.')) if b.get(token_end + 1) == Some(&b')') => Some(token_end + 2),
        (false, Some(b'.')) => Some(token_end + 1),
        _ => None,
    }
}

/// If trimmed line `s` is a list item, the offset where its text starts.
fn list_item_text(s: &str, bullets: &[char], letters: bool) -> Option<usize> {
    let marker = bullet_len(s, bullets).or_else(|| number_marker_len(s, letters))?;
    let space = space_after(&s[marker..])?;
    let start = marker + space;
    (start < s.len()).then_some(start)
}

fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (start, end) in lines(text) {
        let (start, end) = trim(text, start, end);
        if start == end {
            continue;
        }
        let block = match list_item_text(&text[start..end], BULLETS, true) {
            Some(offset) => Block { kind: BlockKind::ListItem, start: start + offset, end },
            None => Block { kind: BlockKind::Paragraph, start, end },
        };
        blocks.push(block);
    }
    blocks
}

/// A Markdown code fence: its character and length.
fn fence(s: &str) -> Option<(u8, usize)> {
    let c = *s.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = s.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// Whether trimmed line `s` is a thematic break (`---`, `* * *`, `___`).
fn is_thematic_break(s: &str) -> bool {
    let Some(c) = s.chars().next() else { return false };
    matches!(c, '-' | '*' | '_') && s.chars().all(|x| x == c || x == ' ' || x == '\t') && s.matches(c).count() >= 3
}

/// The level of a setext underline (`===` → 1, `---` → 2).
fn setext_level(s: &str) -> Option<u8> {
    let c = s.chars().next()?;
    let level = match c {
        '=' => 1,
        '-' => 2,
        _ => return None,
    };
    s.chars().all(|x| x == c).then_some(level)
}

/// An ATX heading `## Title ##` in trimmed line `s`: level and the text range.
fn atx_heading(s: &str) -> Option<(u8, usize, usize)> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &s[hashes..];
    if !rest.is_empty() && space_after(rest).is_none() {
        return None;
    }
    let level = u8::try_from(hashes).ok()?;
    let (mut start, mut end) = trim(s, hashes, s.len());
    // A closing run of `#` preceded by a space is not part of the title.
    let closing = s[start..end].trim_end_matches('#');
    if closing.len() < end - start && (closing.is_empty() || closing.ends_with(is_space)) {
        (start, end) = trim(s, start, start + closing.len());
    }
    Some((level, start, end))
}

/// Narrows a block wrapped whole in `**`, `__`, `*` or `_` to its inside.
fn unwrap_emphasis(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    for mark in ["**", "__", "*", "_"] {
        if s.len() > 2 * mark.len() && s.starts_with(mark) && s.ends_with(mark) {
            let inner = &s[mark.len()..s.len() - mark.len()];
            if !inner.contains(mark) && !inner.starts_with(is_space) && !inner.ends_with(is_space) {
                return (start + mark.len(), end - mark.len());
            }
        }
    }
    (start, end)
}

fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open_fence: Option<(u8, usize)> = None;
    // Whether the previous line was a paragraph line (a setext underline may follow).
    let mut after_paragraph = false;
    for (line_start, line_end) in lines(text) {
        let (mut start, end) = trim(text, line_start, line_end);
        let was_after_paragraph = std::mem::take(&mut after_paragraph);
        if let Some((c, n)) = open_fence {
            if fence(&text[start..end])
                .is_some_and(|(c2, n2)| c2 == c && n2 >= n && text[start..end].bytes().all(|b| b == c))
            {
                open_fence = None;
            } else if start < end {
                blocks.push(Block { kind: BlockKind::Paragraph, start, end });
            }
            continue;
        }
        // Block quote markers.
        while text[start..end].starts_with('>') {
            (start, _) = trim(text, start + 1, end);
        }
        if start == end {
            continue;
        }
        let s = &text[start..end];
        if let Some(f) = fence(s) {
            open_fence = Some(f);
            continue;
        }
        if let Some(level) = setext_level(s).filter(|_| was_after_paragraph) {
            if let Some(last) = blocks.last_mut() {
                last.kind = BlockKind::Heading(level);
            }
            continue;
        }
        if is_thematic_break(s) {
            continue;
        }
        let (kind, from, to) = if let Some((level, a, b)) = atx_heading(s) {
            (BlockKind::Heading(level), start + a, start + b)
        } else if let Some(offset) = list_item_text(s, &['-', '*', '+'], false) {
            (BlockKind::ListItem, start + offset, end)
        } else {
            after_paragraph = true;
            (BlockKind::Paragraph, start, end)
        };
        let (from, to) = unwrap_emphasis(text, from, to);
        if from < to {
            blocks.push(Block { kind, start: from, end: to });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::expect::{heading, item, para};

    fn layout(text: &str, format: Format) -> Vec<(BlockKind, String)> {
        let (out, blocks) = layout_text(text.to_owned(), format);
        assert_eq!(out, text);
        blocks.iter().map(|b| (b.kind, out[b.start..b.end].to_owned())).collect()
    }

    #[test]
    fn text_lines_are_blocks() {
        let text = "Title\n\n  First paragraph.  \n\n\nSecond\n";
        assert_eq!(layout(text, Format::Text), [para("Title"), para("First paragraph."), para("Second")]);
    }

    #[test]
    fn text_list_markers() {
        let text = "  • expert talks;\n  1. Assists in design;\n12) twelve\n1.) one\na) first\n(iv) fourth\n(3) third\n- dash\n* star\n\u{2013} en dash\n\u{b7} middle dot\n\u{25aa} square\n\u{25e6} ring\n";
        assert_eq!(
            layout(text, Format::Text),
            [
                item("expert talks;"),
                item("Assists in design;"),
                item("twelve"),
                item("one"),
                item("first"),
                item("fourth"),
                item("third"),
                item("dash"),
                item("star"),
                item("en dash"),
                item("middle dot"),
                item("square"),
                item("ring"),
            ]
        );
    }

    #[test]
    fn text_not_list_markers() {
        let text = "-5 degrees\n2019. A year\n1.1 Scope\nA. Smith\nab) no\n•\n- \n--- \n*emphasis*\n";
        assert_eq!(
            layout(text, Format::Text),
            [
                para("-5 degrees"),
                para("2019. A year"),
                para("1.1 Scope"),
                para("A. Smith"),
                para("ab) no"),
                para("\u{2022}"),
                para("-"),
                para("---"),
                para("*emphasis*"),
            ]
        );
    }

    #[test]
    fn unicode_spaces_are_trimmed() {
        let text = "\u{2003}\u{a0}Main objectives:\u{a0}\n-\u{a0}\u{a0} \u{a0}Taking a comprehensive approach\u{2003}\n\u{a0}\u{2003}\u{200b}\n\u{feff}Zero\u{200b}\n";
        assert_eq!(
            layout(text, Format::Text),
            [para("Main objectives:"), item("Taking a comprehensive approach"), para("Zero")]
        );
    }

    #[test]
    fn crlf_offsets_stay_in_the_text() {
        // layout_text gets normalised text, but must not break on a stray \r.
        let text = "one\r\ntwo\r\n";
        assert_eq!(layout(text, Format::Text), [para("one"), para("two")]);
    }

    #[test]
    fn text_never_has_headings() {
        let text = "# Not a heading in plain text\n";
        assert_eq!(layout(text, Format::Text), [para("# Not a heading in plain text")]);
    }

    #[test]
    fn markdown_structure() {
        let text = "# Title #\n\nIntro *text* with [a link](http://x).\n\n## Section\n\n- one\n* two\n+ three\n  1. nested\n2) other\n\n---\n\n> quoted\n> - quoted item\n\nSetext\n======\n\nSub\n---\n\n**Bold title**\n\n```rust\nlet x = 1;\n# not heading\n```\n#hashtag\n####### seven\n#\n";
        assert_eq!(
            layout(text, Format::Markdown),
            [
                heading(1, "Title"),
                para("Intro *text* with [a link](http://x)."),
                heading(2, "Section"),
                item("one"),
                item("two"),
                item("three"),
                item("nested"),
                item("other"),
                para("quoted"),
                item("quoted item"),
                heading(1, "Setext"),
                heading(2, "Sub"),
                para("Bold title"),
                para("let x = 1;"),
                para("# not heading"),
                para("#hashtag"),
                para("####### seven"),
            ]
        );
    }

    #[test]
    fn markdown_heading_with_hashes_inside() {
        assert_eq!(layout("### C# and F#\n", Format::Markdown), [heading(3, "C# and F#")]);
        assert_eq!(layout("## Title ##   \n", Format::Markdown), [heading(2, "Title")]);
    }

    #[test]
    fn long_line_and_punctuation() {
        let long = "a".repeat(1_000_000);
        assert_eq!(layout(&long, Format::Text).len(), 1);
        assert_eq!(layout(&long, Format::Markdown).len(), 1);
        let dots = ".".repeat(100_000);
        assert_eq!(layout(&dots, Format::Markdown), [para(&dots)]);
    }
}
