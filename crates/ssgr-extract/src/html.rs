//! HTML into blocks.
//!
//! The page is parsed with `scraper` (html5ever) and its tree walked without
//! recursion: headings, list items and paragraph-like elements become blocks,
//! inline elements join their block, and navigation, scripts, forms and hidden
//! elements are dropped. html5ever's tree builder takes time quadratic in the
//! nesting depth, so a linear pre-pass ([`bound_nesting`]) first removes the
//! tags nested deeper than [`MAX_DEPTH`] (keeping their text).

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::node::Element;
use scraper::{Html, Node};

use crate::document::{Block, BlockKind};

/// Elements nested deeper than this lose their tags (not their text) before
/// parsing. Real pages rarely go past 60; browsers stop nesting at 512.
const MAX_DEPTH: usize = 256;

/// Lays out an HTML page: returns the text of its blocks joined by blank
/// lines, and the blocks with offsets into that text.
pub(crate) fn layout_html(html: &str) -> (String, Vec<Block>) {
    let bounded = bound_nesting(html);
    let page = Html::parse_document(&bounded);
    let mut walker = Walker::default();
    // Depth-first, without recursion: `enter` says whether to go into a node,
    // `leave` is called for each node gone into, after its children.
    let mut node = page.tree.root();
    let mut depth = 0_usize;
    'walk: loop {
        if walker.enter(node.value(), depth) {
            if let Some(child) = node.first_child() {
                node = child;
                depth += 1;
                continue;
            }
            walker.leave(node.value(), depth);
        }
        loop {
            if depth == 0 {
                break 'walk;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                continue 'walk;
            }
            let Some(parent) = node.parent() else { break 'walk };
            node = parent;
            depth -= 1;
            walker.leave(node.value(), depth);
        }
    }
    walker.out.flush(walker.kind());
    (walker.out.text, walker.out.blocks)
}

/// The state of the walk of [`layout_html`].
#[derive(Default)]
struct Walker {
    /// The blocks so far.
    out: Writer,
    /// The open headings and list items with their depth, innermost last:
    /// they give the kind of the text being collected.
    kinds: Vec<(usize, BlockKind)>,
    /// How many article, main and section elements are open.
    sectioning: usize,
}

impl Walker {
    /// The kind of text collected now: the innermost open heading or list
    /// item, else a paragraph.
    fn kind(&self) -> BlockKind {
        self.kinds.last().map_or(BlockKind::Paragraph, |&(_, kind)| kind)
    }

    /// Reads a node before its children; says whether to go into them.
    fn enter(&mut self, node: &Node, depth: usize) -> bool {
        let element = match node {
            Node::Text(text) => {
                self.out.text(text);
                return false;
            }
            Node::Element(element) => element,
            Node::Document | Node::Fragment => return true,
            _ => return false,
        };
        let name = element.name();
        if is_dropped(element, self.sectioning) {
            if !is_inline(element) && !INVISIBLE.contains(&name) {
                self.out.flush(self.kind());
            }
            return false;
        }
        if name == "br" && is_html(element) {
            self.out.space();
            return false;
        }
        if !is_inline(element) {
            self.out.flush(self.kind());
            if let Some(kind) = element_kind(element) {
                self.kinds.push((depth, kind));
            }
            if SECTIONING.contains(&name) {
                self.sectioning += 1;
            }
        }
        true
    }

    /// Ends a node gone into, after its children.
    fn leave(&mut self, node: &Node, depth: usize) {
        let Node::Element(element) = node else { return };
        if is_inline(element) {
            return;
        }
        self.out.flush(self.kind());
        if self.kinds.last().is_some_and(|&(d, _)| d == depth) {
            self.kinds.pop();
        }
        if SECTIONING.contains(&element.name()) {
            self.sectioning = self.sectioning.saturating_sub(1);
        }
    }
}

/// Collects the blocks' text.
#[derive(Default)]
struct Writer {
    /// The blocks' text so far, joined by blank lines.
    text: String,
    /// The blocks so far.
    blocks: Vec<Block>,
    /// The text of the block being collected, white space collapsed.
    current: String,
    /// Whether a space is due before the next character of `current`.
    space_due: bool,
}

impl Writer {
    /// Adds the text of a text node: white space runs become one space,
    /// invisible characters (soft hyphen, zero-width space) go.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() {
                self.space();
            } else if !matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}') {
                if std::mem::take(&mut self.space_due) {
                    self.current.push(' ');
                }
                self.current.push(c);
            }
        }
    }

    /// A space before the next character, unless at the start of a block.
    fn space(&mut self) {
        self.space_due = !self.current.is_empty();
    }

    /// Ends the current block, if it has text, as a block of `kind`.
    fn flush(&mut self, kind: BlockKind) {
        self.space_due = false;
        if self.current.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&self.current);
        self.blocks.push(Block { kind, start, end: self.text.len() });
        self.current.clear();
    }
}

/// Elements dropped with all their content.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "svg", "iframe", "head", "title", "button",
    "select", "textarea", "datalist", "canvas", "object", "embed", "audio", "video", "map", "dialog", "frameset",
    "noembed", "noframes",
];

/// Dropped elements that are never displayed: dropping them does not end a block.
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// ARIA roles of page furniture.
const DROPPED_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "search", "menu", "menubar"];

/// Elements whose `header` and `footer` belong to the content.
const SECTIONING: &[&str] = &["article", "main", "section"];

/// Elements whose text joins the block around them.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "meter", "nobr", "output", "picture", "progress", "q", "rb", "rp", "rt", "rtc",
    "ruby", "s", "samp", "slot", "small", "source", "span", "strike", "strong", "sub", "sup", "time", "track", "tt",
    "u", "var", "wbr",
];

/// Whether `element` is in the HTML namespace (not SVG or MathML).
fn is_html(element: &Element) -> bool {
    &*element.name.ns == "http://www.w3.org/1999/xhtml"
}

/// Whether `element` joins the block around it: HTML inline elements, Office
/// elements such as `<o:p>`, and anything outside the HTML namespace (MathML).
fn is_inline(element: &Element) -> bool {
    let name = element.name();
    !is_html(element) || INLINE.contains(&name) || name.contains(':')
}

/// Whether `element` is dropped with its content: scripts, styles, navigation,
/// forms, hidden elements, and headers and footers of the page (not those of
/// an article or section).
fn is_dropped(element: &Element, sectioning: usize) -> bool {
    let name = element.name();
    if !is_html(element) {
        return name == "svg";
    }
    if DROPPED.contains(&name) || (matches!(name, "header" | "footer") && sectioning == 0) {
        return true;
    }
    if element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if element.attr("role").is_some_and(|v| DROPPED_ROLES.iter().any(|r| v.trim().eq_ignore_ascii_case(r))) {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// The block kind an element gives its text, if it is a heading or list item.
fn element_kind(element: &Element) -> Option<BlockKind> {
    let name = element.name();
    if let [b'h', level @ b'1'..=b'6'] = name.as_bytes() {
        return Some(BlockKind::Heading(level - b'0'));
    }
    if name == "li" {
        return Some(BlockKind::ListItem);
    }
    match element.attr("role").map(str::trim) {
        Some("heading") => {
            let level = element.attr("aria-level").and_then(|l| l.trim().parse::<u8>().ok()).unwrap_or(2);
            Some(BlockKind::Heading(level.clamp(1, 6)))
        }
        Some("listitem") => Some(BlockKind::ListItem),
        _ => None,
    }
}

/// Elements without content: they never nest.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext"];

/// Start tags that close an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "plaintext",
    "listing",
    "xmp",
    "search",
];

/// An element open in [`Bounder`]'s estimate of the tree.
struct Open {
    /// Its tag name, lower case.
    name: String,
    /// Its start tag was removed, so its end tag goes too.
    removed: bool,
    /// It starts a run of input removed whole (with its content).
    removes_content: bool,
}

/// Removes the tags nested deeper than [`MAX_DEPTH`], and the elements that
/// [`layout_html`] drops anyway (scripts, navigation, …) whole, in one pass.
/// Input within the limit comes back borrowed and unchanged.
///
/// The depth is estimated from a light tokenizer (comments, raw text, quoted
/// attributes) and the common implied end tags (`p`, `li`, `td`, …); the
/// estimate errs on the deep side, so a real page within the limit is kept.
fn bound_nesting(html: &str) -> Cow<'_, str> {
    let mut bounder =
        Bounder { src: html, out: None, copied: 0, stack: Vec::new(), counts: HashMap::new(), removing_from: None };
    bounder.run();
    bounder.finish()
}

/// The state of [`bound_nesting`].
struct Bounder<'a> {
    /// The page.
    src: &'a str,
    /// The page without the removed parts, once something was removed.
    out: Option<String>,
    /// `src[..copied]` has been copied to `out` or removed.
    copied: usize,
    /// The open elements.
    stack: Vec<Open>,
    /// How many elements of each name are open.
    counts: HashMap<String, usize>,
    /// Where the element being removed whole began.
    removing_from: Option<usize>,
}

/// A tag read by [`Bounder::tag`].
struct Tag {
    /// Tag name, lower case.
    name: String,
    /// Ends in `/>`.
    self_closing: bool,
    /// Byte offset just past the `>`.
    end: usize,
}

fn is_html_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

impl<'a> Bounder<'a> {
    /// Offset of the first `needle` at or after `from`, if any.
    fn find(&self, from: usize, needle: &str) -> Option<usize> {
        self.src.get(from..)?.find(needle).map(|i| from + i)
    }

    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut i = 0;
        while let Some(lt) = self.find(i, "<") {
            let next = bytes.get(lt + 1).copied();
            i = match next {
                Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                    if bytes[lt + 4..].starts_with(b">") {
                        lt + 5
                    } else if bytes[lt + 4..].starts_with(b"->") {
                        lt + 6
                    } else {
                        self.find(lt + 4, "-->").map_or(len, |e| e + 3)
                    }
                }
                Some(b'!' | b'?') => self.find(lt, ">").map_or(len, |e| e + 1),
                Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    let Some(tag) = self.tag(lt + 2) else { break };
                    self.end_tag(&tag.name, lt, tag.end);
                    tag.end
                }
                Some(b'/') => self.find(lt, ">").map_or(len, |e| e + 1),
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = self.tag(lt + 1) else { break };
                    self.start_tag(&tag, lt);
                    if RAW_TEXT.contains(&tag.name.as_str()) && self.stack.last().is_some_and(|o| o.name == tag.name) {
                        if tag.name == "plaintext" {
                            break;
                        }
                        self.raw_text_end(tag.end, &tag.name)
                    } else {
                        tag.end
                    }
                }
                _ => lt + 1,
            };
        }
    }

    /// Reads a tag whose name starts at `from`; `None` at the end of input.
    fn tag(&self, from: usize) -> Option<Tag> {
        let bytes = self.src.as_bytes();
        let mut j = from;
        while j < bytes.len() && !is_html_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
            j += 1;
        }
        let name = self.src[from..j].to_ascii_lowercase();
        loop {
            match *bytes.get(j)? {
                b'>' => return Some(Tag { name, self_closing: false, end: j + 1 }),
                b'/' if bytes.get(j + 1) == Some(&b'>') => return Some(Tag { name, self_closing: true, end: j + 2 }),
                b'/' => j += 1,
                b if is_html_space(b) => j += 1,
                _ => {
                    // An attribute name (it may begin with `=`), then maybe a value.
                    j += 1;
                    while j < bytes.len() && !is_html_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
                        j += 1;
                    }
                    while bytes.get(j).copied().is_some_and(is_html_space) {
                        j += 1;
                    }
                    if bytes.get(j) == Some(&b'=') {
                        j += 1;
                        while bytes.get(j).copied().is_some_and(is_html_space) {
                            j += 1;
                        }
                        match *bytes.get(j)? {
                            q @ (b'"' | b'\'') => {
                                let close = bytes[j + 1..].iter().position(|&b| b == q)?;
                                j += close + 2;
                            }
                            _ => {
                                while j < bytes.len() && !is_html_space(bytes[j]) && bytes[j] != b'>' {
                                    j += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Where the raw text of element `name`, starting at `from`, ends: at its
    /// end tag (which is then read), or at the end of input.
    fn raw_text_end(&mut self, from: usize, name: &str) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut at = from;
        while let Some(lt) = self.find(at, "</") {
            let name_end = lt + 2 + name.len();
            let matches = bytes.get(lt + 2..name_end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            let boundary = bytes.get(name_end).is_some_and(|&b| is_html_space(b) || b == b'/' || b == b'>');
            if matches && boundary {
                let Some(tag) = self.tag(lt + 2) else { return bytes.len() };
                self.end_tag(&tag.name, lt, tag.end);
                return tag.end;
            }
            at = lt + 2;
        }
        bytes.len()
    }

    /// The name of the innermost open element.
    fn top(&self) -> Option<&str> {
        self.stack.last().map(|o| o.name.as_str())
    }

    fn count(&self, name: &str) -> usize {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// Opens `name` in the estimate.
    fn push(&mut self, open: Open) {
        *self.counts.entry(open.name.clone()).or_insert(0) += 1;
        self.stack.push(open);
    }

    /// Closes the innermost element; `at` is where the input removed with it
    /// (if it is removed whole) ends.
    fn pop(&mut self, at: usize) -> Option<Open> {
        let open = self.stack.pop()?;
        if let Some(n) = self.counts.get_mut(&open.name) {
            *n = n.saturating_sub(1);
        }
        if open.removes_content {
            if let Some(from) = self.removing_from.take() {
                self.remove(from, at);
            }
        }
        Some(open)
    }

    /// Closes the innermost element while its name is one of `names`.
    fn pop_while(&mut self, names: &[&str], at: usize) {
        while self.top().is_some_and(|t| names.contains(&t)) {
            self.pop(at);
        }
    }

    /// Removes `src[from..to]` from the output.
    fn remove(&mut self, from: usize, to: usize) {
        let from = from.max(self.copied);
        if to <= from {
            return;
        }
        let out = self.out.get_or_insert_with(|| String::with_capacity(self.src.len()));
        out.push_str(&self.src[self.copied..from]);
        self.copied = to;
    }

    fn start_tag(&mut self, tag: &Tag, at: usize) {
        let name = tag.name.as_str();
        // The implied end tags that matter for the depth.
        if CLOSES_P.contains(&name) {
            self.pop_while(&["p"], at);
        }
        match name {
            "li" => self.pop_while(&["li"], at),
            "dd" | "dt" => self.pop_while(&["dd", "dt"], at),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.pop_while(&["h1", "h2", "h3", "h4", "h5", "h6"], at),
            "td" | "th" => self.pop_while(&["td", "th"], at),
            "tr" => self.pop_while(&["td", "th", "tr"], at),
            "tbody" | "thead" | "tfoot" => self.pop_while(&["td", "th", "tr", "tbody", "thead", "tfoot"], at),
            "option" => self.pop_while(&["option"], at),
            "optgroup" => self.pop_while(&["option", "optgroup"], at),
            _ => {}
        }
        let foreign = self.count("svg") + self.count("math") > 0;
        if VOID.contains(&name) || (foreign && tag.self_closing) || matches!(name, "html" | "head" | "body") {
            return;
        }
        let mut open = Open { name: tag.name.clone(), removed: false, removes_content: false };
        if self.removing_from.is_none() && self.stack.len() >= MAX_DEPTH {
            if DROPPED.contains(&name) || RAW_TEXT.contains(&name) {
                // Too deep to keep, and dropped anyway: remove it whole so
                // that its content does not show as text.
                self.removing_from = Some(at);
                open.removes_content = true;
            } else {
                self.remove(at, tag.end);
                open.removed = true;
            }
        }
        self.push(open);
    }

    fn end_tag(&mut self, name: &str, at: usize, end: usize) {
        if self.count(name) == 0 {
            return;
        }
        while let Some(open) = self.pop(at) {
            if open.name == name {
                if open.removes_content {
                    // The end tag goes with the element.
                    self.remove(at, end);
                } else if open.removed {
                    self.remove(at, end);
                }
                return;
            }
        }
    }

    fn finish(mut self) -> Cow<'a, str> {
        if let Some(from) = self.removing_from.take() {
            self.remove(from, self.src.len());
        }
        match self.out {
            None => Cow::Borrowed(self.src),
            Some(mut out) => {
                out.push_str(&self.src[self.copied..]);
                Cow::Owned(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::expect::{heading, item, para};

    fn layout(html: &str) -> Vec<(BlockKind, String)> {
        let (text, blocks) = layout_html(html);
        let joined: Vec<_> = blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert_eq!(text, joined.join("\n\n"));
        blocks.iter().map(|b| (b.kind, text[b.start..b.end].to_owned())).collect()
    }

    #[test]
    fn structure() {
        let html = "<!DOCTYPE html><html><head><title>Page title</title></head><body>\
            <h1>Security Sector Reform</h1><p>First   paragraph\n  spans lines.</p>\
            <h2>Activities</h2><ul><li>One</li><li><p>Two</p></li><li>Three<ul><li>Three a</li></ul></li></ul>\
            <ol><li>Numbered</ol><table><tr><th>Head</th><td>Cell</td></tr></table>\
            <dl><dt>Term</dt><dd>Definition</dd></dl><div>Loose text<div>inner</div>after</div></body></html>";
        assert_eq!(
            layout(html),
            [
                heading(1, "Security Sector Reform"),
                para("First paragraph spans lines."),
                heading(2, "Activities"),
                item("One"),
                item("Two"),
                item("Three"),
                item("Three a"),
                item("Numbered"),
                para("Head"),
                para("Cell"),
                para("Term"),
                para("Definition"),
                para("Loose text"),
                para("inner"),
                para("after"),
            ]
        );
    }

    #[test]
    fn furniture_is_dropped() {
        let html = "<body><header><a href='/'>Home</a></header><nav><ul><li>Menu</li></ul></nav>\
            <script>var x = '<p>not text</p>';</script><style>p { color: red }</style>\
            <noscript>Enable JS</noscript><template><p>tpl</p></template>\
            <div role=navigation>Crumbs</div><span aria-hidden=\"true\">icon</span>\
            <main><article><header><h1>Kept title</h1></header><p>Body</p><footer>Article footer</footer></article></main>\
            <aside>Related</aside><form><label>Search</label><input></form><p hidden>Hidden</p>\
            <p style='display: none'>Invisible</p><svg><text>Chart</text></svg><iframe src=x>frame</iframe>\
            <footer>Copyright</footer></body>";
        assert_eq!(layout(html), [heading(1, "Kept title"), para("Body"), para("Article footer")]);
    }

    #[test]
    fn entities_and_inline() {
        let html = "<p>Ministry of <b>Defence &amp; <i>Interior</i></b>&nbsp;of&#160;Serbia&#x2019;s <a href='#'>police</a>\
            <br>reform&shy;s</p><h3> Caf&eacute;  <span>talks</span> </h3><p>a<script>x</script>b</p>";
        assert_eq!(
            layout(html),
            [
                para("Ministry of Defence & Interior of Serbia\u{2019}s police reforms"),
                heading(3, "Caf\u{e9} talks"),
                para("ab")
            ]
        );
    }

    #[test]
    fn unclosed_and_odd_markup() {
        let html = "<p>One<p>Two<ul><li>A<li>B</ul><h2>Head<p>in head</h2>text after <o:p></o:p>joined";
        assert_eq!(
            layout(html),
            [
                para("One"),
                para("Two"),
                item("A"),
                item("B"),
                heading(2, "Head"),
                heading(2, "in head"),
                para("text after joined")
            ]
        );
        assert_eq!(layout("plain text, no tags"), [para("plain text, no tags")]);
        assert_eq!(layout("<div role='heading' aria-level='3'>Aria</div>"), [heading(3, "Aria")]);
        assert!(layout("").is_empty());
        assert!(layout("<p>  \u{a0} </p><!-- comment -->").is_empty());
        assert_eq!(layout("<p>&lt;&gt;!!</p>"), [para("<>!!")]);
    }

    #[test]
    fn shallow_pages_are_not_rewritten() {
        let html = "<div><p>x</p><!-- <div> --><script>'</div>'</script><a title='>'>y</a></div>";
        assert!(matches!(bound_nesting(html), Cow::Borrowed(_)));
        let many_paragraphs = "<p>unclosed paragraph ".repeat(10_000);
        assert!(matches!(bound_nesting(&many_paragraphs), Cow::Borrowed(_)));
        let many_items = format!("<ul>{}</ul>", "<li>item ".repeat(10_000));
        assert!(matches!(bound_nesting(&many_items), Cow::Borrowed(_)));
        let rows = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(10_000));
        assert!(matches!(bound_nesting(&rows), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let n = 5_000;
        let html = format!(
            "{}<h2>Deep</h2><script>hidden()</script><br>text{}<p>after</p>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_nesting(&html);
        assert!(bounded.len() < 4_000, "{}", bounded.len());
        // Too deep for the heading to be kept: its text joins the paragraph.
        assert_eq!(layout(&html), [para("Deep text"), para("after")]);
        let unclosed = format!("{}deep", "<span><b>".repeat(n));
        assert_eq!(layout(&unclosed), [para("deep")]);
    }

    #[test]
    fn deep_dropped_elements_go_whole() {
        let html = format!("{}<nav><div>menu</div></nav><p>kept</p>", "<div>".repeat(MAX_DEPTH + 10));
        assert_eq!(layout(&html), [para("kept")]);
        let html = format!("{}<style>p {{}}", "<section>".repeat(MAX_DEPTH + 10));
        assert!(layout(&html).is_empty());
    }
}
