//! A document as the extractor sees it: its text and the blocks of that text.

use std::path::PathBuf;

/// The formats the extractor reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt` and files without a known extension: one block per line.
    Text,
    /// `.md`, `.markdown`: `#` headings and `-`, `*`, `1.` list items.
    Markdown,
    /// `.html`, `.htm`: headings, list items and paragraphs of the DOM.
    Html,
}

/// What a block is in the layout of its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading marked up as one (`<h1>`…`<h6>`, `#` in Markdown), with its level.
    Heading(u8),
    /// A paragraph, or one line of a plain-text page.
    Paragraph,
    /// An item of a bulleted or numbered list.
    ListItem,
}

/// A run of the document's text: a heading, a paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte offset of the block's first character in [`Document::text`].
    pub start: usize,
    /// Byte offset just past the block's last character.
    pub end: usize,
}

/// A document read and laid out as blocks, ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file stem: names the document's IRI and its named graph.
    pub stem: String,
    /// Where the document was read from (for messages).
    pub path: PathBuf,
    /// The document's text. For HTML, the text of its blocks joined by blank
    /// lines; evidence offsets refer to this text.
    pub text: String,
    /// The blocks, in reading order, none empty, each trimmed of surrounding
    /// white space and bullet markers.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.start..block.end]
    }
}

/// Expected blocks, written briefly, for the layout tests.
#[cfg(test)]
pub(crate) mod expect {
    use super::BlockKind;

    /// A paragraph with this text.
    pub(crate) fn para(s: &str) -> (BlockKind, String) {
        (BlockKind::Paragraph, s.to_owned())
    }

    /// A list item with this text.
    pub(crate) fn item(s: &str) -> (BlockKind, String) {
        (BlockKind::ListItem, s.to_owned())
    }

    /// A heading of this level with this text.
    pub(crate) fn heading(level: u8, s: &str) -> (BlockKind, String) {
        (BlockKind::Heading(level), s.to_owned())
    }
}
