#!/usr/bin/env python3
"""Scores of a graph computed by NetworkX, for ssgr-analytics' comparison tests.

Reads a whitespace edge list (`source target weight`) or takes Zachary's
karate club from NetworkX itself, and prints one JSON object:

  pagerank, betweenness (exact, normalised), sampled_betweenness (from the
  sources listed in --sources, normalised, NetworkX's own k-sample scaling),
  closeness, eigenvector, degree, louvain_modularity (NetworkX's Louvain,
  seeded; undirected graphs), modularity_of_partition (of --partition),
  edges (karate only).

Exits 3 when NetworkX cannot be imported, so the caller can tell a missing
peer from a failure.
"""

import argparse
import json
import random
import sys

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed (pip install networkx scipy)", file=sys.stderr)
    sys.exit(3)


class FixedSample(random.Random):
    """A random source whose `sample` returns given nodes: lets NetworkX's
    public `betweenness_centrality(k=..., seed=...)` use the sources the Rust
    side drew."""

    def __init__(self, nodes):
        super().__init__(0)
        self.nodes = nodes

    def sample(self, population, k, **_):
        assert k == len(self.nodes), (k, len(self.nodes))
        return list(self.nodes)


def read_graph(path, directed, nodes):
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(str(i) for i in range(nodes))
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            fields = line.split("#")[0].split()
            if not fields:
                continue
            weight = float(fields[2]) if len(fields) > 2 else 1.0
            graph.add_edge(fields[0], fields[1], weight=weight)
    return graph


def karate():
    club = nx.karate_club_graph()
    graph = nx.Graph()
    for u, v, data in club.edges(data=True):
        graph.add_edge(str(u), str(v), weight=float(data.get("weight", 1.0)))
    return graph


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edges", help="edge list file")
    parser.add_argument("--karate", action="store_true", help="use nx.karate_club_graph()")
    parser.add_argument("--directed", action="store_true")
    parser.add_argument("--nodes", type=int, default=0, help="nodes 0..N-1 exist even without edges")
    parser.add_argument("--sources", help="file: one node per line, the sampled sources")
    parser.add_argument("--partition", help="file: `node community` per line")
    parser.add_argument("--seed", type=int, default=0, help="Louvain's seed")
    args = parser.parse_args()

    graph = karate() if args.karate else read_graph(args.edges, args.directed, args.nodes)
    out = {
        "pagerank": nx.pagerank(graph, alpha=0.85, tol=1e-13, max_iter=10000),
        "betweenness": nx.betweenness_centrality(graph, normalized=True),
        "closeness": nx.closeness_centrality(graph),
        "degree": dict(graph.degree()),
    }
    if not graph.is_directed():
        out["eigenvector"] = nx.eigenvector_centrality(graph, max_iter=10000, tol=1e-12, weight="weight")
        communities = nx.community.louvain_communities(graph, weight="weight", seed=args.seed)
        out["louvain_modularity"] = nx.community.modularity(graph, communities, weight="weight")
    if args.sources:
        with open(args.sources, encoding="utf-8") as lines:
            sources = [line.strip() for line in lines if line.strip()]
        out["sampled_betweenness"] = nx.betweenness_centrality(
            graph, k=len(sources), normalized=True, seed=FixedSample(sources)
        )
    if args.partition:
        groups = {}
        with open(args.partition, encoding="utf-8") as lines:
            for line in lines:
                node, community = line.split()
                groups.setdefault(community, set()).add(node)
        out["modularity_of_partition"] = nx.community.modularity(graph, list(groups.values()), weight="weight")
    if args.karate:
        out["edges"] = [[u, v, d["weight"]] for u, v, d in graph.edges(data=True)]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
