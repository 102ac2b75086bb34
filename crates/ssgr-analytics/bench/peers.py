#!/usr/bin/env python3
"""The benchmark's peer side: NetworkX or python-igraph on an edge list.

  peers.py --tool networkx|igraph --algorithm pagerank|betweenness|louvain|components --edges FILE [--k 256 --seed 1]

Loads the graph, times one algorithm with the tool's defaults and prints one
JSON line: tool, algorithm, seconds, cpu_seconds, load_seconds, check,
maxrss_kb.
"""

import argparse
import json
import random
import resource
import time


def read_edges(path):
    edges = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if len(fields) >= 2:
                edges.append((int(fields[0]), int(fields[1])))
    return edges


def networkx(algorithm, edges, k, seed):
    import networkx as nx

    started = time.perf_counter()
    graph = nx.Graph()
    graph.add_edges_from(edges)
    load = time.perf_counter() - started
    started = time.perf_counter()
    cpu = time.process_time()
    if algorithm == "pagerank":
        check = max(nx.pagerank(graph).values())
    elif algorithm == "betweenness":
        check = max(nx.betweenness_centrality(graph, k=k, seed=seed).values())
    elif algorithm == "louvain":
        found = nx.community.louvain_communities(graph, seed=seed)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        return seconds, cpu, load, nx.community.modularity(graph, found)
    elif algorithm == "components":
        check = len(list(nx.connected_components(graph)))
    else:
        raise SystemExit(f"networkx has no {algorithm} here")
    return time.perf_counter() - started, time.process_time() - cpu, load, check


def igraph(algorithm, edges, k, seed):
    import igraph as ig

    started = time.perf_counter()
    graph = ig.Graph(n=1 + max(max(e) for e in edges), edges=edges, directed=False)
    load = time.perf_counter() - started
    random.seed(seed)
    started = time.perf_counter()
    cpu = time.process_time()
    if algorithm == "pagerank":
        check = max(graph.pagerank())
    elif algorithm == "betweenness":
        sources = random.sample(range(graph.vcount()), k)
        check = max(graph.betweenness(sources=sources))
    elif algorithm == "louvain":
        found = graph.community_multilevel()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        return seconds, cpu, load, found.modularity
    elif algorithm == "components":
        check = len(graph.connected_components())
    else:
        raise SystemExit(f"igraph has no {algorithm} here")
    return time.perf_counter() - started, time.process_time() - cpu, load, check


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", choices=["networkx", "igraph"], required=True)
    parser.add_argument("--algorithm", required=True)
    parser.add_argument("--edges", required=True)
    parser.add_argument("--k", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    edges = read_edges(args.edges)
    run = networkx if args.tool == "networkx" else igraph
    seconds, cpu, load, check = run(args.algorithm, edges, args.k, args.seed)
    print(
        json.dumps(
            {
                "tool": args.tool,
                "algorithm": args.algorithm,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "load_seconds": load,
                "check": float(check),
                "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main()
