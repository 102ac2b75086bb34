#!/usr/bin/env python3
"""Reads a network written by `ssgr export` back with NetworkX (and the csv
module), and prints what it found as JSON, for tests/export.rs to compare
with what the projection itself reports.

    export_readback.py FORMAT PATH [EDGES_PATH]

FORMAT is gexf, graphml, cytoscape-json, dot or csv (PATH the nodes table,
EDGES_PATH the edges table). The output:

    {"nodes": N, "edges": M,
     "node": {id: {"label", "class", "degree", "pagerank", "community", "x", "y"}},
     "edge_list": [[source, target, weight, relation_name], ...]}

Positions are in the layout's units, y growing downwards: GEXF's and DOT's
y axes point up and are turned back, and DOT's points are scaled back to
layout units. Exits 3, with the reason on stderr, when NetworkX (or pydot,
for DOT) is missing, so that the caller can tell a missing peer from a
failure.
"""

import csv
import json
import sys

# The layout's extent (1000) over DOT's half-width in points (500).
DOT_SCALE = 2.0


def missing(what):
    print(f"{what} is not installed (pip install networkx pydot)", file=sys.stderr)
    sys.exit(3)


try:
    import networkx as nx
except ImportError:
    missing("networkx")


def node_record(data, x, y):
    return {
        "label": data.get("label"),
        "class": data.get("class"),
        "degree": int(data["degree"]),
        "pagerank": float(data["pagerank"]),
        "community": int(data["community"]),
        "x": x,
        "y": y,
    }


def edges_of(graph, relation_key):
    out = []
    for u, v, data in graph.edges(data=True):
        out.append([u, v, float(data["weight"]), data.get(relation_key)])
    return out


def read_gexf(path):
    graph = nx.read_gexf(path, version="1.3")
    nodes = {}
    for n, d in graph.nodes(data=True):
        position = d["viz"]["position"]
        nodes[n] = node_record(d, position["x"], -position["y"])
    return graph, nodes, edges_of(graph, "relation_name")


def read_graphml(path):
    graph = nx.read_graphml(path)
    nodes = {n: node_record(d, float(d["x"]), float(d["y"])) for n, d in graph.nodes(data=True)}
    return graph, nodes, edges_of(graph, "relation_name")


def read_cytoscape(path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    graph = nx.cytoscape_graph(document)
    # NetworkX keeps `data`; Cytoscape.js keeps the position beside it.
    positions = {d["data"]["id"]: d["position"] for d in document["elements"]["nodes"]}
    nodes = {
        n: node_record(d, float(positions[n]["x"]), float(positions[n]["y"])) for n, d in graph.nodes(data=True)
    }
    return graph, nodes, edges_of(graph, "relation_name")


def unquote(value):
    """A DOT value as pydot gives it, without its quotes and escapes."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
        out, i = [], 0
        while i < len(value):
            if value[i] == "\\" and i + 1 < len(value):
                nxt = value[i + 1]
                out.append({"n": "\n", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
                i += 2
            else:
                out.append(value[i])
                i += 1
        return "".join(out)
    return value


def read_dot(path):
    try:
        import pydot  # noqa: F401  (nx_pydot needs it)
    except ImportError:
        missing("pydot")
    graph = nx.nx_pydot.read_dot(path)
    nodes = {}
    for n, raw in graph.nodes(data=True):
        d = {k: unquote(v) for k, v in raw.items()}
        x, y = d["pos"].rstrip("!").split(",")
        nodes[unquote('"' + n + '"')] = node_record(d, float(x) * DOT_SCALE, -float(y) * DOT_SCALE)
    edges = []
    for u, v, raw in graph.edges(data=True):
        d = {k: unquote(v) for k, v in raw.items()}
        edges.append([u, v, float(d["weight"]), d.get("relation_name")])
    return graph, nodes, edges


def read_csv(nodes_path, edges_path):
    nodes, edges = {}, []
    with open(nodes_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            nodes[row["Id"]] = {
                "label": row["Label"],
                "class": row["Class"],
                "degree": int(row["Degree"]),
                "pagerank": float(row["PageRank"]),
                "community": int(row["Community"]),
                "x": float(row["X"]),
                "y": float(row["Y"]),
            }
    with open(edges_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            edges.append([row["Source"], row["Target"], float(row["Weight"]), row["Label"]])
    return None, nodes, edges


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    fmt, path = sys.argv[1], sys.argv[2]
    readers = {"gexf": read_gexf, "graphml": read_graphml, "cytoscape-json": read_cytoscape, "dot": read_dot}
    if fmt == "csv":
        graph, nodes, edges = read_csv(path, sys.argv[3])
    elif fmt in readers:
        graph, nodes, edges = readers[fmt](path)
    else:
        print(f"unknown format {fmt}", file=sys.stderr)
        sys.exit(2)
    result = {
        "nodes": graph.number_of_nodes() if graph is not None else len(nodes),
        "edges": graph.number_of_edges() if graph is not None else len(edges),
        "node": nodes,
        "edge_list": edges,
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
