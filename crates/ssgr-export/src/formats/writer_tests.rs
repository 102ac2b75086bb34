//! Every writer on a small network whose labels and relations hold what
//! must be escaped: XML parses, values read back unchanged, counts hold.

use quick_xml::Reader;
use quick_xml::events::Event;
use ssgr_analytics::{Graph, Node};

use super::*;
use crate::network::NetworkOptions;

/// Three nodes, three edges (two parallel), hostile text.
fn hostile() -> Network {
    let mut g = Graph::new(false);
    let node = |iri: &str, label: &str| Node {
        iri: iri.to_owned(),
        label: label.to_owned(),
        class: "Organisation".to_owned(),
        classes: vec!["Actor".to_owned(), "Organisation".to_owned()],
    };
    let a = g.add_node(node("http://example.org/a", "Smith & \"Sons\" <Ltd> 'x' \\"));
    let b = g.add_node(node("http://example.org/b?x=1&y=2", "line\nbreak\u{1}, comma"));
    let c = g.add_node(node("http://example.org/c", ""));
    g.add_edge(a, b, 2.0, "http://example.org/p#rel");
    g.add_edge(a, b, 1.0, "shares 1 topic, 2 \"things\"");
    g.add_edge(b, c, 1.0, "http://example.org/q");
    Network::from_graph(&g, "test", &NetworkOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn written(network: &Network, format: NetworkFormat) -> String {
    let mut out = Vec::new();
    write_network(network, format, &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

/// Every element's name and unescaped attributes; panics if the XML is
/// not well formed.
fn elements(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position())) {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap_or_else(|e| panic!("{e}"));
                        let value = a.unescape_value().unwrap_or_else(|e| panic!("{e}")).into_owned();
                        (String::from_utf8_lossy(a.key.as_ref()).into_owned(), value)
                    })
                    .collect();
                out.push((name, attributes));
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn attribute<'a>(element: &'a (String, Vec<(String, String)>), key: &str) -> &'a str {
    element.1.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

#[test]
fn gexf_escapes_every_string_and_declares_its_attributes() {
    let network = hostile();
    let xml = written(&network, NetworkFormat::Gexf);
    let elements = elements(&xml);
    let labels: Vec<&str> = elements.iter().filter(|e| e.0 == "node").map(|e| attribute(e, "label")).collect();
    assert_eq!(labels, ["Smith & \"Sons\" <Ltd> 'x' \\", "line\nbreak, comma", "http://example.org/c"]);
    let ids: Vec<&str> = elements.iter().filter(|e| e.0 == "node").map(|e| attribute(e, "id")).collect();
    assert!(ids.contains(&"http://example.org/b?x=1&y=2"));
    assert_eq!(elements.iter().filter(|e| e.0 == "edge").count(), 3);
    let declared: Vec<&str> = elements.iter().filter(|e| e.0 == "attribute").map(|e| attribute(e, "id")).collect();
    for used in elements.iter().filter(|e| e.0 == "attvalue").map(|e| attribute(e, "for")) {
        assert!(declared.contains(&used), "{used} is not declared");
    }
    assert_eq!(elements.iter().filter(|e| e.0 == "viz:position").count(), 3);
}

#[test]
fn graphml_declares_a_key_for_every_data() {
    let xml = written(&hostile(), NetworkFormat::GraphMl);
    let elements = elements(&xml);
    let keys: Vec<&str> = elements.iter().filter(|e| e.0 == "key").map(|e| attribute(e, "id")).collect();
    let data: Vec<&str> = elements.iter().filter(|e| e.0 == "data").map(|e| attribute(e, "key")).collect();
    assert!(!data.is_empty());
    assert!(data.iter().all(|d| keys.contains(d)), "undeclared keys in {data:?}");
    assert_eq!(elements.iter().filter(|e| e.0 == "edge").count(), 3);
    assert!(xml.contains("Smith &amp; &quot;Sons&quot; &lt;Ltd&gt;"), "escaped text");
}

#[test]
fn svg_has_one_circle_per_node_and_parses() {
    let network = hostile();
    let xml = written(&network, NetworkFormat::Svg);
    let elements = elements(&xml);
    assert_eq!(elements.iter().filter(|e| e.0 == "circle").count(), network.nodes.len());
    assert_eq!(elements.iter().filter(|e| e.0 == "line").count(), network.edges.len());
    assert!(!xml.contains("http-equiv") && !xml.contains("<script") && !xml.contains("href"));
}

#[test]
fn cytoscape_json_holds_every_element() {
    let text = written(&hostile(), NetworkFormat::CytoscapeJson);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let nodes = value["elements"]["nodes"].as_array().map_or(0, Vec::len);
    let edges = value["elements"]["edges"].as_array().map_or(0, Vec::len);
    assert_eq!((nodes, edges), (3, 3));
    assert_eq!(value["elements"]["nodes"][0]["data"]["label"], "Smith & \"Sons\" <Ltd> 'x' \\");
    assert!(value["elements"]["nodes"][0]["position"]["x"].is_number());
}

#[test]
fn dot_and_csv_quote_what_they_must() {
    let network = hostile();
    let dot = written(&network, NetworkFormat::Dot);
    assert!(dot.starts_with("graph \"test\" {"));
    assert!(dot.contains("label=\"Smith & \\\"Sons\\\" <Ltd> 'x' \\\\\""), "{dot}");
    assert_eq!(dot.matches(" -- ").count(), 3);
    let csv = written(&network, NetworkFormat::Csv);
    let (nodes, edges) = csv.split_once("\n\n").unwrap_or_else(|| panic!("two tables: {csv}"));
    assert!(nodes.starts_with("Id,Label,Class,"));
    assert!(edges.starts_with("Source,Target,Type,"));
    assert!(nodes.contains("\"Smith & \"\"Sons\"\" <Ltd> 'x' \\\""));
    assert!(edges.contains("\"shares 1 topic, 2 \"\"things\"\"\""));
}
