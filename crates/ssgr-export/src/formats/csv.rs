//! Gephi's spreadsheet import: a nodes table (`Id,Label,…`) and an edges
//! table (`Source,Target,Type,Id,Label,Weight,…`), comma-separated, a
//! header row each, written by the `csv` crate: fields quoted only when
//! they must be (RFC 4180), lines ending in `\n`.

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
    let mut table = csv::Writer::from_writer(out);
    table.write_record(NODE_HEADER)?;
    for n in &network.nodes {
        table.write_record([
            &n.id,
            &n.label,
            &n.class,
            &n.classes,
            &n.degree.to_string(),
            &number(n.weighted_degree),
            &number(n.page_rank),
            &number(n.betweenness),
            &n.community.to_string(),
            &number(n.position.x),
            &number(n.position.y),
            &number(n.size),
            &n.colour.hex(),
        ])?;
    }
    table.flush()?;
    Ok(())
}

/// Writes the edges table.
pub fn write_edges_csv(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    let mut table = csv::Writer::from_writer(out);
    table.write_record(EDGE_HEADER)?;
    let kind = if network.directed { "Directed" } else { "Undirected" };
    for e in &network.edges {
        table.write_record([
            network.nodes[e.source].id.as_str(),
            &network.nodes[e.target].id,
            kind,
            &e.id,
            &e.relation_name,
            &number(e.weight),
            &e.relation,
        ])?;
    }
    table.flush()?;
    Ok(())
}
