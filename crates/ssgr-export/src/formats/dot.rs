//! Graphviz DOT. Every id and value is a quoted string, escaped by
//! [`quoted`]. Positions are pinned (`pos="x,y!"`, in points) so that
//! `neato -n2` draws the layout as computed; `dot` or `sfdp` lay it out
//! again. Unknown attributes (`degree`, `pagerank`, …) are kept by
//! Graphviz and read by pydot and NetworkX.

use std::io::Write;

use super::number;
use crate::error::ExportError;
use crate::layout::EXTENT;
use crate::network::Network;

/// The drawing's half-width in points: the layout's extent maps to it.
const HALF_WIDTH_POINTS: f64 = 500.0;

/// Writes the network as DOT.
pub fn write_dot(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    let (keyword, arrow) = if network.directed { ("digraph", "->") } else { ("graph", "--") };
    writeln!(out, "{keyword} {} {{", quoted(&network.name))?;
    writeln!(out, "  graph [layout=\"neato\", overlap=\"false\", outputorder=\"edgesfirst\"];")?;
    writeln!(out, "  node [shape=\"circle\", style=\"filled\", fixedsize=\"true\", fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [color=\"#9e9e9e80\"];")?;
    let scale = HALF_WIDTH_POINTS / EXTENT;
    for node in &network.nodes {
        // Graphviz's y grows upwards, the layout's downwards.
        let pos = format!("{},{}!", number(node.position.x * scale), number(-node.position.y * scale));
        let attributes = [
            ("label", node.label.clone()),
            ("class", node.class.clone()),
            ("classes", node.classes.clone()),
            ("degree", node.degree.to_string()),
            ("weighted_degree", number(node.weighted_degree)),
            ("pagerank", number(node.page_rank)),
            ("betweenness", number(node.betweenness)),
            ("community", node.community.to_string()),
            ("fillcolor", node.colour.hex()),
            // Graphviz sizes are inches; the layout's sizes are points.
            ("width", number((node.size / 72.0 * 100.0).round() / 100.0)),
            ("pos", pos),
        ];
        writeln!(out, "  {} [{}];", quoted(&node.id), attribute_list(&attributes))?;
    }
    for edge in &network.edges {
        let attributes = [
            ("id", edge.id.clone()),
            ("weight", number(edge.weight)),
            ("relation", edge.relation.clone()),
            ("relation_name", edge.relation_name.clone()),
        ];
        let (source, target) = (&network.nodes[edge.source].id, &network.nodes[edge.target].id);
        writeln!(out, "  {} {arrow} {} [{}];", quoted(source), quoted(target), attribute_list(&attributes))?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

fn attribute_list(attributes: &[(&str, String)]) -> String {
    attributes.iter().map(|(k, v)| format!("{k}={}", quoted(v))).collect::<Vec<_>>().join(", ")
}

/// A DOT double-quoted string. DOT itself only unescapes `\"`; labels read
/// `\\` as one backslash and `\n` as a line break, so backslashes are
/// doubled (a value can then never end in a lone `\` that would swallow
/// the closing quote) and line breaks written as `\n`. Other control
/// characters are dropped.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quoted("ends in \\"), "\"ends in \\\\\"");
        assert_eq!(quoted("two\nlines\r\u{7}"), "\"two\\nlines\"");
        assert_eq!(quoted("https://w3id.org/ssgr/id/org/osce"), "\"https://w3id.org/ssgr/id/org/osce\"");
    }
}
