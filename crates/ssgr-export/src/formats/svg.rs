//! A picture of the laid-out network for reports: one circle per node,
//! its area by PageRank and its colour by community; light straight edges;
//! labels on the most central nodes; a legend of the largest communities.
//! Plain SVG 1.1, no scripts, fonts or external assets; the `viewBox`
//! fits the drawing, so it scales to any width.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{attrs, clean, number};
use crate::error::ExportError;
use crate::network::Network;
use crate::style::{PALETTE, community_colour};

/// Units of the drawing (the layout's ±1000) per pixel at the default width.
const WIDTH_PX: f64 = 1200.0;
const MARGIN: f64 = 60.0;
const LEGEND_WIDTH: f64 = 640.0;
const FONT: f64 = 22.0;
const LINE: f64 = 34.0;

/// What the picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgOptions {
    /// Label this many of the most central nodes (15).
    pub labels: usize,
    /// List this many communities in the legend (at most the palette's 12;
    /// 8).
    pub legend: usize,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self { labels: 15, legend: 8 }
    }
}

/// Writes the picture.
pub fn write_svg(network: &Network, options: &SvgOptions, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    let placed = place_labels(network, options.labels);
    let (min_x, min_y, max_x, max_y) = bounds(network, &placed);
    let graph_width = max_x - min_x;
    let legend_height = LINE * (4 + options.legend.min(network.communities).min(PALETTE.len())) as f64;
    let width = graph_width + LEGEND_WIDTH;
    let height = (max_y - min_y).max(legend_height);
    let view_box = format!("{} {} {} {}", number(min_x), number(min_y), number(width), number(height));
    let pixels = [("width", number(WIDTH_PX)), ("height", number((WIDTH_PX * height / width).round()))];
    let mut w = Writer::new_with_indent(out, b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("svg")
        .with_attributes([("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("viewBox", &view_box)])
        .with_attributes(attrs(&pixels))
        .with_attributes([("font-family", "Helvetica, Arial, sans-serif"), ("font-size", &number(FONT))])
        .write_inner_content(|w| {
            let title = clean(&format!("The {} network of the ssgr knowledge graph", network.name));
            w.create_element("title").write_text_content(BytesText::new(&title))?;
            let background = [
                ("x", number(min_x)),
                ("y", number(min_y)),
                ("width", number(width)),
                ("height", number(height)),
                ("fill", "#ffffff".to_owned()),
            ];
            w.create_element("rect").with_attributes(attrs(&background)).write_empty()?;
            edges(network, w)?;
            nodes(network, w)?;
            labels(&placed, w)?;
            legend(network, options, max_x + MARGIN, min_y + MARGIN, w)
        })?;
    Ok(())
}

/// The drawing's extent: every node's circle, every label, and a margin.
fn bounds(network: &Network, labels: &[Label]) -> (f64, f64, f64, f64) {
    let mut b = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for n in &network.nodes {
        let (x, y, r) = (n.position.x, n.position.y, n.size);
        b = (b.0.min(x - r), b.1.min(y - r), b.2.max(x + r), b.3.max(y + r));
    }
    for l in labels {
        b = (b.0.min(l.x), b.1.min(l.y - FONT), b.2.max(l.x + l.width), b.3.max(l.y + FONT / 2.0));
    }
    if network.nodes.is_empty() {
        b = (0.0, 0.0, 0.0, 0.0);
    }
    ((b.0 - MARGIN).floor(), (b.1 - MARGIN).floor(), (b.2 + MARGIN).ceil(), (b.3 + MARGIN).ceil())
}

/// A label to draw: where its box starts, its baseline, its estimated
/// width, whether it is drawn left of its node (anchored at its end), its
/// text.
struct Label {
    x: f64,
    y: f64,
    width: f64,
    left: bool,
    text: String,
}

/// Labels for up to `count` nodes, the most central first, right of the
/// circle or, when that would overlap a label already placed, left of it;
/// a label that fits on neither side is left out (at most `3 × count`
/// nodes are tried).
fn place_labels(network: &Network, count: usize) -> Vec<Label> {
    let mut placed: Vec<Label> = Vec::new();
    for v in network.by_centrality().into_iter().take(count.saturating_mul(3)) {
        if placed.len() == count {
            break;
        }
        let n = &network.nodes[v];
        let text = clean(&clip(&n.label, 40));
        // An average glyph of Helvetica is a little over half the font size.
        let width = text.chars().count() as f64 * FONT * 0.52;
        let y = n.position.y + FONT / 3.0;
        let right = n.position.x + n.size + 6.0;
        let left = n.position.x - n.size - 6.0 - width;
        let free =
            |x: f64| !placed.iter().any(|p| x < p.x + p.width && p.x < x + width && (y - p.y).abs() < FONT * 1.1);
        if let Some(x) = [right, left].into_iter().find(|&x| free(x)) {
            placed.push(Label { x, y, width, left: x == left, text });
        }
    }
    placed
}

fn edges<W: Write>(network: &Network, w: &mut Writer<W>) -> std::io::Result<()> {
    let group = [("stroke", "#8a8a8a"), ("stroke-opacity", "0.35"), ("stroke-linecap", "round")];
    w.create_element("g").with_attributes(group).with_attribute(("class", "edges")).write_inner_content(|w| {
        for e in &network.edges {
            let (a, b) = (network.nodes[e.source].position, network.nodes[e.target].position);
            let line = [
                ("x1", number(a.x)),
                ("y1", number(a.y)),
                ("x2", number(b.x)),
                ("y2", number(b.y)),
                ("stroke-width", number((1.5 * e.weight.max(1.0).sqrt() * 100.0).round() / 100.0)),
            ];
            w.create_element("line").with_attributes(attrs(&line)).write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn nodes<W: Write>(network: &Network, w: &mut Writer<W>) -> std::io::Result<()> {
    // Small nodes first, so that central ones are drawn on top.
    let mut order = network.by_centrality();
    order.reverse();
    let group = [("class", "nodes"), ("stroke", "#ffffff"), ("stroke-width", "2")];
    w.create_element("g").with_attributes(group).write_inner_content(|w| {
        for v in order {
            let n = &network.nodes[v];
            let circle = [
                ("cx", number(n.position.x)),
                ("cy", number(n.position.y)),
                ("r", number(n.size)),
                ("fill", n.colour.hex()),
            ];
            let tip = clean(&format!(
                "{} ({}), PageRank {:.4}, degree {}, community {}",
                n.label, n.class, n.page_rank, n.degree, n.community
            ));
            w.create_element("circle").with_attributes(attrs(&circle)).write_inner_content(|w| {
                w.create_element("title").write_text_content(BytesText::new(&tip))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn labels<W: Write>(placed: &[Label], w: &mut Writer<W>) -> std::io::Result<()> {
    let group = [
        ("class", "labels"),
        ("fill", "#222222"),
        ("stroke", "#ffffff"),
        ("stroke-width", "5"),
        ("stroke-linejoin", "round"),
        ("paint-order", "stroke"),
    ];
    w.create_element("g").with_attributes(group).write_inner_content(|w| {
        for label in placed {
            let element = w.create_element("text");
            let element = if label.left {
                let at = [("x", coordinate(label.x + label.width)), ("y", coordinate(label.y))];
                element.with_attributes(attrs(&at)).with_attribute(("text-anchor", "end"))
            } else {
                let at = [("x", coordinate(label.x)), ("y", coordinate(label.y))];
                element.with_attributes(attrs(&at))
            };
            element.write_text_content(BytesText::new(&label.text))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn legend<W: Write>(network: &Network, options: &SvgOptions, x: f64, y: f64, w: &mut Writer<W>) -> std::io::Result<()> {
    // The most central member names each community.
    let mut leaders: Vec<Option<usize>> = vec![None; network.communities];
    for v in network.by_centrality().into_iter().rev() {
        leaders[network.nodes[v].community] = Some(v);
    }
    let shown = options.legend.min(network.communities).min(PALETTE.len());
    let mut lines = vec![
        (None, format!("{} network", network.name)),
        (
            None,
            format!(
                "{} nodes, {} edges, {} communities",
                network.nodes.len(),
                network.edges.len(),
                network.communities
            ),
        ),
        (None, "area: PageRank; colour: community".to_owned()),
    ];
    for (c, leader) in leaders.iter().enumerate().take(shown) {
        let size = network.nodes.iter().filter(|n| n.community == c).count();
        let name = leader.map_or_else(String::new, |v| clip(&network.nodes[v].label, 30));
        lines.push((Some(c), format!("{name} (+{})", size.saturating_sub(1))));
    }
    w.create_element("g").with_attribute(("class", "legend")).write_inner_content(|w| {
        for (i, (community, text)) in lines.iter().enumerate() {
            let baseline = y + LINE * i as f64;
            let mut text_x = x;
            if let Some(c) = community {
                let swatch = [
                    ("x", number(x)),
                    ("y", coordinate(baseline - FONT * 0.8)),
                    ("width", number(FONT)),
                    ("height", number(FONT)),
                    ("fill", community_colour(*c).hex()),
                ];
                w.create_element("rect").with_attributes(attrs(&swatch)).write_empty()?;
                text_x += FONT * 1.5;
            }
            let at = [("x", coordinate(text_x)), ("y", coordinate(baseline))];
            let weight = if i == 0 { "bold" } else { "normal" };
            w.create_element("text")
                .with_attributes(attrs(&at))
                .with_attribute(("font-weight", weight))
                .write_text_content(BytesText::new(&clean(text)))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A coordinate to a hundredth of a unit (a thousandth of a pixel at most).
fn coordinate(x: f64) -> String {
    number((x * 100.0).round() / 100.0)
}

/// At most `width` characters, an ellipsis marking a cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
