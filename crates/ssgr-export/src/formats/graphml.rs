//! GraphML with a `<key>` for every attribute, as Cytoscape desktop,
//! NetworkX (`read_graphml`) and yEd read it.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{attrs, clean, number};
use crate::error::ExportError;
use crate::network::{Network, NetworkEdge, NetworkNode};

/// Node keys: name (also the id), type.
const NODE_KEYS: [(&str, &str); 13] = [
    ("label", "string"),
    ("class", "string"),
    ("classes", "string"),
    ("degree", "int"),
    ("weighted_degree", "double"),
    ("pagerank", "double"),
    ("betweenness", "double"),
    ("community", "int"),
    ("x", "double"),
    ("y", "double"),
    ("size", "double"),
    ("color", "string"),
    ("iri", "string"),
];

/// Edge keys.
const EDGE_KEYS: [(&str, &str); 3] = [("weight", "double"), ("relation", "string"), ("relation_name", "string")];

/// Writes the network as GraphML.
pub fn write_graphml(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ])
        .write_inner_content(|w| {
            keys(w, "node", &NODE_KEYS)?;
            keys(w, "edge", &EDGE_KEYS)?;
            let direction = if network.directed { "directed" } else { "undirected" };
            let graph = [("id", clean(&network.name)), ("edgedefault", direction.to_owned())];
            w.create_element("graph").with_attributes(attrs(&graph)).write_inner_content(|w| {
                for node in &network.nodes {
                    write_node(w, node)?;
                }
                for edge in &network.edges {
                    write_edge(w, network, edge)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn keys<W: Write>(w: &mut Writer<W>, domain: &str, keys: &[(&str, &str)]) -> std::io::Result<()> {
    for (name, kind) in keys {
        let id = format!("{domain}_{name}");
        w.create_element("key")
            .with_attributes([("id", id.as_str()), ("for", domain), ("attr.name", name), ("attr.type", kind)])
            .write_empty()?;
    }
    Ok(())
}

fn data<W: Write>(w: &mut Writer<W>, domain: &str, values: &[(&str, String)]) -> std::io::Result<()> {
    for (name, value) in values {
        let key = format!("{domain}_{name}");
        w.create_element("data").with_attribute(("key", key.as_str())).write_text_content(BytesText::new(value))?;
    }
    Ok(())
}

fn write_node<W: Write>(w: &mut Writer<W>, node: &NetworkNode) -> std::io::Result<()> {
    let id = clean(&node.id);
    w.create_element("node").with_attribute(("id", id.as_str())).write_inner_content(|w| {
        data(
            w,
            "node",
            &[
                ("label", clean(&node.label)),
                ("class", clean(&node.class)),
                ("classes", clean(&node.classes)),
                ("degree", node.degree.to_string()),
                ("weighted_degree", number(node.weighted_degree)),
                ("pagerank", number(node.page_rank)),
                ("betweenness", number(node.betweenness)),
                ("community", node.community.to_string()),
                ("x", number(node.position.x)),
                ("y", number(node.position.y)),
                ("size", number(node.size)),
                ("color", node.colour.hex()),
                ("iri", id.clone()),
            ],
        )
    })?;
    Ok(())
}

fn write_edge<W: Write>(w: &mut Writer<W>, network: &Network, edge: &NetworkEdge) -> std::io::Result<()> {
    let pairs = [
        ("id", edge.id.clone()),
        ("source", clean(&network.nodes[edge.source].id)),
        ("target", clean(&network.nodes[edge.target].id)),
    ];
    w.create_element("edge").with_attributes(attrs(&pairs)).write_inner_content(|w| {
        data(
            w,
            "edge",
            &[
                ("weight", number(edge.weight)),
                ("relation", clean(&edge.relation)),
                ("relation_name", clean(&edge.relation_name)),
            ],
        )
    })?;
    Ok(())
}
