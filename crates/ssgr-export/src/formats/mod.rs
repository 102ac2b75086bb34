//! The network formats: GEXF, GraphML, Cytoscape.js JSON, DOT, CSV and SVG.
//! Each writer takes a [`Network`] and a `Write`; XML goes through
//! quick-xml, whose attribute and text escaping every string passes
//! through, after [`xml_text`] drops the characters XML 1.0 cannot hold.

mod csv;
mod cytoscape;
mod dot;
mod gexf;
mod graphml;
mod svg;

use std::borrow::Cow;
use std::io::Write;

pub use csv::{EDGE_HEADER, NODE_HEADER, write_edges_csv, write_nodes_csv};
pub use cytoscape::{cytoscape_value, write_cytoscape};
pub use dot::write_dot;
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use svg::{SvgOptions, write_svg};

use crate::error::ExportError;
use crate::network::Network;

/// The network formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFormat {
    /// GEXF 1.3 with the viz module (Gephi).
    Gexf,
    /// GraphML (Cytoscape desktop, NetworkX, yEd).
    GraphMl,
    /// Cytoscape.js JSON (`elements`), as `networkx.cytoscape_graph` reads.
    CytoscapeJson,
    /// Graphviz DOT, positions pinned for `neato -n`.
    Dot,
    /// Gephi's spreadsheet import: a nodes table and an edges table.
    Csv,
    /// A picture of the laid-out network.
    Svg,
}

/// Writes a network in a format. CSV to a single writer is the nodes table,
/// one empty line, then the edges table.
pub fn write_network(
    network: &Network,
    format: NetworkFormat,
    out: &mut (impl Write + ?Sized),
) -> Result<(), ExportError> {
    match format {
        NetworkFormat::Gexf => write_gexf(network, out),
        NetworkFormat::GraphMl => write_graphml(network, out),
        NetworkFormat::CytoscapeJson => write_cytoscape(network, out),
        NetworkFormat::Dot => write_dot(network, out),
        NetworkFormat::Csv => {
            write_nodes_csv(network, out)?;
            writeln!(out)?;
            write_edges_csv(network, out)
        }
        NetworkFormat::Svg => write_svg(network, &SvgOptions::default(), out),
    }
}

/// A text without the characters XML 1.0 forbids even escaped (control
/// characters other than tab and line breaks, lone surrogates cannot occur
/// in a `str`, U+FFFE and U+FFFF).
pub(crate) fn xml_text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

/// Attribute pairs as quick-xml takes them; quick-xml escapes the values.
pub(crate) fn attrs<'a>(pairs: &'a [(&'a str, String)]) -> impl Iterator<Item = (&'a str, &'a str)> {
    pairs.iter().map(|(key, value)| (*key, value.as_str()))
}

/// [`xml_text`], owned.
pub(crate) fn clean(text: &str) -> String {
    xml_text(text).into_owned()
}

/// A number as every reader here parses it: the shortest text that reads
/// back as the same `f64`, never in exponent form; 0 for NaN or infinity.
pub(crate) fn number(x: f64) -> String {
    if x.is_finite() { format!("{x}") } else { "0".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_numbers_round_trip() {
        assert_eq!(xml_text("a\u{0}b\u{1b}c\td"), "abc\td");
        assert!(matches!(xml_text("plain"), Cow::Borrowed(_)));
        assert_eq!(number(2.0), "2");
        assert_eq!(number(f64::NAN), "0");
        let x = 0.012_345_678_901_234_567;
        assert_eq!(number(x).parse::<f64>().ok(), Some(x));
        assert!(!number(1e-20).contains('e'));
    }
}

#[cfg(test)]
mod writer_tests;
