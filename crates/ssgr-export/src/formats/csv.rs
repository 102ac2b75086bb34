//! Gephi's spreadsheet import: a nodes table (`Id,Label,…`) and an edges
//! table (`Source,Target,Type,Id,Label,Weight,…`), comma-separated, a
//! header row each, fields quoted when they hold a comma, quote or line
//! break (RFC 4180).

use std::io::Write;

use super::number;
use crate::error::ExportError;
use crate::network::Network;

/// The nodes table's header.
pub const NODE_HEADER: [&str; 13] = [
    "Id",
    "Label",
    "Class",
    "Classes",
    "Degree",
    "Weighted Degree",
    "PageRank",
    "Betweenness",
    "Community",
    "X",
    "Y",
    "Size",
    "Color",
];

/// The edges table's header.
pub const EDGE_HEADER: [&str; 7] = ["Source", "Target", "Type", "Id", "Label", "Weight", "Relation"];

/// Writes the nodes table.
pub fn write_nodes_csv(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    row(out, NODE_HEADER.iter().map(|h| (*h).to_owned()))?;
    for n in &network.nodes {
        row(
            out,
            [
                n.id.clone(),
                n.label.clone(),
                n.class.clone(),
                n.classes.clone(),
                n.degree.to_string(),
                number(n.weighted_degree),
                number(n.page_rank),
                number(n.betweenness),
                n.community.to_string(),
                number(n.position.x),
                number(n.position.y),
                number(n.size),
                n.colour.hex(),
            ],
        )?;
    }
    Ok(())
}

/// Writes the edges table.
pub fn write_edges_csv(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    row(out, EDGE_HEADER.iter().map(|h| (*h).to_owned()))?;
    let kind = if network.directed { "Directed" } else { "Undirected" };
    for e in &network.edges {
        row(
            out,
            [
                network.nodes[e.source].id.clone(),
                network.nodes[e.target].id.clone(),
                kind.to_owned(),
                e.id.clone(),
                e.relation_name.clone(),
                number(e.weight),
                e.relation.clone(),
            ],
        )?;
    }
    Ok(())
}

fn row(out: &mut (impl Write + ?Sized), fields: impl IntoIterator<Item = String>) -> std::io::Result<()> {
    let line: Vec<String> = fields.into_iter().map(|f| field(&f)).collect();
    writeln!(out, "{}", line.join(","))
}

/// One field, quoted when it must be, quotes doubled.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
