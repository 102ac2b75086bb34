//! GEXF 1.3 (`http://gexf.net/1.3`) with the viz module: attributes
//! declared in `<attributes>`, `viz:color` by community, `viz:size` by
//! PageRank, `viz:position` from the layout. Parallel edges carry their
//! relation as `kind`, so that Gephi keeps them apart.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{attrs, clean, number};
use crate::error::ExportError;
use crate::network::{Network, NetworkNode};

/// Node attributes: id (also the title, which NetworkX uses as key), type.
const NODE_ATTRIBUTES: [(&str, &str); 7] = [
    ("class", "string"),
    ("classes", "string"),
    ("degree", "integer"),
    ("weighted_degree", "double"),
    ("pagerank", "double"),
    ("betweenness", "double"),
    ("community", "integer"),
];

/// Edge attributes.
const EDGE_ATTRIBUTES: [(&str, &str); 2] = [("relation", "string"), ("relation_name", "string")];

/// Writes the network as GEXF 1.3.
pub fn write_gexf(network: &Network, out: &mut (impl Write + ?Sized)) -> Result<(), ExportError> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator").write_text_content(BytesText::new("ssgr"))?;
                let description = clean(&format!("the {} network of the ssgr knowledge graph", network.name));
                w.create_element("description").write_text_content(BytesText::new(&description))?;
                Ok(())
            })?;
            let edge_type = if network.directed { "directed" } else { "undirected" };
            w.create_element("graph")
                .with_attributes([("defaultedgetype", edge_type), ("mode", "static")])
                .write_inner_content(|w| body(network, w))?;
            Ok(())
        })?;
    Ok(())
}

fn body<W: Write>(network: &Network, w: &mut Writer<W>) -> std::io::Result<()> {
    declarations(w, "node", &NODE_ATTRIBUTES)?;
    declarations(w, "edge", &EDGE_ATTRIBUTES)?;
    w.create_element("nodes").write_inner_content(|w| {
        for node in &network.nodes {
            let pairs = [("id", clean(&node.id)), ("label", clean(&node.label))];
            w.create_element("node").with_attributes(attrs(&pairs)).write_inner_content(|w| node_body(node, w))?;
        }
        Ok(())
    })?;
    w.create_element("edges").write_inner_content(|w| {
        for edge in &network.edges {
            let pairs = [
                ("id", edge.id.clone()),
                ("source", clean(&network.nodes[edge.source].id)),
                ("target", clean(&network.nodes[edge.target].id)),
                ("weight", number(edge.weight)),
                ("kind", clean(&edge.relation_name)),
                ("label", clean(&edge.relation_name)),
            ];
            w.create_element("edge").with_attributes(attrs(&pairs)).write_inner_content(|w| {
                attvalues(w, &[("relation", clean(&edge.relation)), ("relation_name", clean(&edge.relation_name))])
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn node_body<W: Write>(node: &NetworkNode, w: &mut Writer<W>) -> std::io::Result<()> {
    attvalues(
        w,
        &[
            ("class", clean(&node.class)),
            ("classes", clean(&node.classes)),
            ("degree", node.degree.to_string()),
            ("weighted_degree", number(node.weighted_degree)),
            ("pagerank", number(node.page_rank)),
            ("betweenness", number(node.betweenness)),
            ("community", node.community.to_string()),
        ],
    )?;
    let c = node.colour;
    let colour = [("r", c.r.to_string()), ("g", c.g.to_string()), ("b", c.b.to_string())];
    w.create_element("viz:color").with_attributes(attrs(&colour)).write_empty()?;
    // GEXF's y grows upwards, the layout's downwards (as in SVG).
    let position = [("x", number(node.position.x)), ("y", number(-node.position.y)), ("z", "0".to_owned())];
    w.create_element("viz:position").with_attributes(attrs(&position)).write_empty()?;
    w.create_element("viz:size").with_attribute(("value", number(node.size).as_str())).write_empty()?;
    Ok(())
}

fn declarations<W: Write>(w: &mut Writer<W>, class: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
    w.create_element("attributes").with_attribute(("class", class)).write_inner_content(|w| {
        for (id, kind) in attributes {
            w.create_element("attribute")
                .with_attributes([("id", *id), ("title", *id), ("type", *kind)])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn attvalues<W: Write>(w: &mut Writer<W>, values: &[(&str, String)]) -> std::io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (key, value) in values {
            w.create_element("attvalue").with_attributes([("for", *key), ("value", value.as_str())]).write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}
