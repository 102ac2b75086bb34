#!/usr/bin/env python3
"""ssgr-analytics against NetworkX and python-igraph, in one run (a benchmark,
not a test; keep it out of CI).

  pip install networkx python-igraph scipy
  cargo build --release -p ssgr-analytics --example bench
  python3 crates/ssgr-analytics/bench/compare.py [--nodes 100000 --per-node 10 --seed 1 --k 256]

Generates one preferential-attachment graph (100,000 nodes, about a million
edges by default), then runs each algorithm in a fresh process per tool:
PageRank, betweenness sampled from k sources, Louvain (and ssgr's Leiden),
connected components. ssgr runs on every core and on one (RAYON_NUM_THREADS=1).
Times are the algorithm's alone (loading is shown apart); peak RSS is the
whole process's, from wait4(2). Ratios are the peer's wall time over
ssgr's (all cores); CPU seconds are shown too, since a shared machine makes
wall times noisy.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def measure(command, env=None):
    """Runs a command; returns its JSON line, with its peak RSS in MB from wait4(2)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
        result = json.loads(out.read().decode().strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss / 1024  # Linux reports kB
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--per-node", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--k", type=int, default=256)
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "examples", "bench"))
    parser.add_argument("--skip", default="", help="comma-separated tool:algorithm pairs to leave out")
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        raise SystemExit(f"{args.bin} is missing: cargo build --release -p ssgr-analytics --example bench")
    skip = set(filter(None, args.skip.split(",")))

    with tempfile.TemporaryDirectory() as tmp:
        edges = os.path.join(tmp, "graph.txt")
        generate = [args.bin, "generate", "--nodes", str(args.nodes), "--per-node", str(args.per_node)]
        subprocess.run(generate + ["--seed", str(args.seed), "--out", edges], check=True, stdout=sys.stderr)
        common = ["--edges", edges, "--k", str(args.k), "--seed", str(args.seed)]
        one_thread = dict(os.environ, RAYON_NUM_THREADS="1")
        peers = [sys.executable, os.path.join(HERE, "peers.py")]
        results = {}
        for algorithm in ["pagerank", "betweenness", "louvain", "leiden", "components"]:
            runs = [
                ("ssgr", [args.bin, "run", "--algorithm", algorithm] + common, None),
                ("ssgr-1-thread", [args.bin, "run", "--algorithm", algorithm] + common, one_thread),
            ]
            if algorithm != "leiden":
                runs += [
                    ("igraph", peers + ["--tool", "igraph", "--algorithm", algorithm] + common, None),
                    ("networkx", peers + ["--tool", "networkx", "--algorithm", algorithm] + common, None),
                ]
            for tool, command, env in runs:
                if f"{tool}:{algorithm}" in skip:
                    continue
                print(f"running {tool} {algorithm} ...", file=sys.stderr, flush=True)
                results[(algorithm, tool)] = measure(command, env)

    tools = ["ssgr", "ssgr-1-thread", "igraph", "networkx"]
    header = f"{'algorithm':<12}" + "".join(f"{t + ' s':>16}{t + ' MB':>10}" for t in tools)
    print(f"graph: preferential attachment, {args.nodes} nodes, {args.per_node} edges per node, seed {args.seed}; k = {args.k}")
    print(header + f"{'nx/ssgr':>9}{'ig/ssgr':>9}")
    for algorithm in ["pagerank", "betweenness", "louvain", "leiden", "components"]:
        row = f"{algorithm:<12}"
        for tool in tools:
            r = results.get((algorithm, tool))
            row += f"{r['seconds']:>16.3f}{r['rss_mb']:>10.0f}" if r else f"{'-':>16}{'-':>10}"
        ours = results.get((algorithm, "ssgr"))
        for peer in ["networkx", "igraph"]:
            theirs = results.get((algorithm, peer))
            row += f"{theirs['seconds'] / ours['seconds']:>9.1f}" if ours and theirs else f"{'-':>9}"
        print(row)
    print("\nCPU seconds of the algorithm (user + system, all threads; 10 ms ticks for ssgr):")
    print(f"{'algorithm':<12}" + "".join(f"{t:>16}" for t in tools))
    for algorithm in ["pagerank", "betweenness", "louvain", "leiden", "components"]:
        cells = []
        for tool in tools:
            r = results.get((algorithm, tool))
            cells.append(f"{r['cpu_seconds']:>16.2f}" if r and r.get("cpu_seconds") is not None else f"{'-':>16}")
        print(f"{algorithm:<12}" + "".join(cells))
    print("\nload seconds (edge list to graph): " + ", ".join(
        f"{tool} {results[('pagerank', tool)]['load_seconds']:.2f}" for tool in tools if ("pagerank", tool) in results
    ))
    print("checks (max PageRank, max betweenness, modularity, components):")
    for (algorithm, tool), r in sorted(results.items()):
        print(f"  {algorithm:<12} {tool:<14} {r['check']:.6g}")


if __name__ == "__main__":
    main()
