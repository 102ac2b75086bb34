//! Cytoscape.js JSON: `{"data":{…},"directed":…,"multigraph":…,
//! "elements":{"nodes":[{"data":{…},"position":{…}}],"edges":[{"data":{…}}]}}`.
//! Cytoscape.js reads `elements`; `networkx.cytoscape_graph` reads the
//! same document, taking each node's `value` as its name and each edge's
//! `key` to keep parallel edges apart.

use std::io::Write;

use serde_json::{Value, json};

use crate::error::ExportError;
use crate::network::Network;

/// The network as a Cytoscape.js JSON value.
pub fn cytoscape_value(network: &Network) -> Value {
    let nodes: Vec<Value> = network
        .nodes
        .iter()
        .map(|n| {
            json!({
                "data": {
                    "id": n.id,
                    "value": n.id,
                    "name": n.label,
                    "label": n.label,
                    "class": n.class,
                    "classes": n.classes,
                    "degree": n.degree,
                    "weighted_degree": n.weighted_degree,
                    "pagerank": n.page_rank,
                    "betweenness": n.betweenness,
                    "community": n.community,
                    "size": n.size,
                    "color": n.colour.hex(),
                },
                "position": { "x": n.position.x, "y": n.position.y },
            })
        })
        .collect();
    let edges: Vec<Value> = network
        .edges
        .iter()
        .enumerate()
        .map(|(key, e)| {
            json!({
                "data": {
                    "id": e.id,
                    "key": key,
                    "source": network.nodes[e.source].id,
                    "target": network.nodes[e.target].id,
                    "weight": e.weight,
                    "relation": e.relation,
                    "relation_name": e.relation_name,
                }
            })
        })
        .collect();
    json!({
        "data": {
            "name": network.name,
            "communities": network.communities,
            "modularity": network.modularity,
        },
        "directed": network.directed,
        "multigraph": true,
        "elements": { "nodes": nodes, "edges": edges },
    })
}

/// Writes the network as Cytoscape.js JSON.
pub fn write_cytoscape(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, &cytoscape_value(network)).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
