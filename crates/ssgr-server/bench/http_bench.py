#!/usr/bin/env python3
"""Benchmark (not a test): `ssgr serve` against `oxigraph serve-read-only`
on the same generated graph, same client (wrk), same query mix, one run.

Usage: http_bench.py --ssgr target/release/ssgr [--oxigraph oxigraph]
                     [--triples-scale 1.0] [--seconds 20] [--workdir DIR]

Needs wrk (Debian) and the oxigraph CLI (`pip install oxigraph`, the same
0.5 storage format as ssgr's). Build ssgr with the compiler settings of
oxigraph's own release binary, so that the comparison is of the servers
and not of the optimiser:

    CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
        cargo build --release -p ssgr-cli

(Oxigraph's release binary is also built with `panic = "abort"`; ssgr
cannot be, its interrupt probe unwinds.) Generates an SSG/R-shaped graph of about
1.2 million triples, loads it once into a RocksDB store with `oxigraph
load`, lays it out as an ssgr store directory (DIR/current -> gen-1), then
serves it with each server in turn on 127.0.0.1 and runs the mix at
concurrency 1 and 16. Prints a Markdown table: QPS, p50 and p99.
"""

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
B = "http://bench.example/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SSGR = "https://w3id.org/ssgr/ontology#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def generate(path, scale):
    """About 1.2 million triples at scale 1: countries, organisations,
    units (field missions), people, publications, a topic hierarchy."""
    rng = random.Random(42)
    n = {k: int(v * scale) for k, v in dict(country=200, org=20000, unit=50000, person=100000, pub=100000, topic=500).items()}
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        def t(s, p, o):
            nonlocal count
            out.write(f"<{s}> <{p}> {o} .\n")
            count += 1
        for i in range(n["topic"]):
            t(f"{B}topic{i}", RDF_TYPE, f"<{SKOS}Concept>")
            t(f"{B}topic{i}", LABEL, f'"Topic {i}"')
            if i > 0:
                t(f"{B}topic{i}", f"{SKOS}broader", f"<{B}topic{(i - 1) // 4}>")
        for i in range(n["country"]):
            t(f"{B}country{i}", RDF_TYPE, f"<{SSGR}Country>")
            t(f"{B}country{i}", LABEL, f'"Country {i}"')
            t(f"{B}country{i}", f"{SSGR}iso3166", f'"C{i:03d}"')
        for i in range(n["org"]):
            t(f"{B}org{i}", RDF_TYPE, f"<{SSGR}Organisation>")
            t(f"{B}org{i}", LABEL, f'"Organisation {i}"')
            t(f"{B}org{i}", f"{SSGR}headquarteredIn", f"<{B}country{rng.randrange(n['country'])}>")
        for i in range(n["unit"]):
            org = rng.randrange(n["org"])
            t(f"{B}unit{i}", RDF_TYPE, f"<{SSGR}FieldMission>")
            t(f"{B}unit{i}", LABEL, f'"Mission {i}"')
            t(f"{B}unit{i}", f"{ORG}unitOf", f"<{B}org{org}>")
            t(f"{B}org{org}", f"{ORG}hasUnit", f"<{B}unit{i}>")
            t(f"{B}unit{i}", f"{SSGR}hostCountry", f"<{B}country{rng.randrange(n['country'])}>")
        for i in range(n["person"]):
            t(f"{B}person{i}", RDF_TYPE, f"<{SSGR}Person>")
            t(f"{B}person{i}", LABEL, f'"Person {i}"')
            t(f"{B}person{i}", f"{ORG}memberOf", f"<{B}unit{rng.randrange(n['unit'])}>")
            t(f"{B}person{i}", f"{SSGR}role", f'"Role {rng.randrange(50)}"')
        for i in range(n["pub"]):
            t(f"{B}pub{i}", RDF_TYPE, f"<{SSGR}Publication>")
            t(f"{B}pub{i}", f"{DCT}title", f'"Publication {i} on security sector reform"')
            t(f"{B}pub{i}", f"{DCT}creator", f"<{B}org{rng.randrange(n['org'])}>")
            t(f"{B}pub{i}", f"{DCT}subject", f"<{B}topic{rng.randrange(n['topic'])}>")
            t(f"{B}pub{i}", f"{DCT}date", f'"{2000 + rng.randrange(25)}-01-01"^^<http://www.w3.org/2001/XMLSchema#date>')
    return count


def wait_ready(url, process, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early: {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{url} not ready")


TEMPLATES = ["lookup", "2 hops", "3 hops", "aggregate", "property path", "count over a join"]


def run_wrk(base, connections, seconds, seed, template=0):
    threads = min(connections, 2)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
               "-s", str(HERE / "mix.lua"), base + "/query", "--", str(seed), str(template)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120).stdout
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"wrk printed no result:\n{out}")


def bench(name, command, base, ready_path, seconds, per_query):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(base + ready_path, process)
        run_wrk(base, 4, 5, 99)  # warm-up
        rows = {}
        for connections in (1, 16):
            rows[connections] = run_wrk(base, connections, seconds, 7)
            print(f"{name} c={connections}: {rows[connections]}", file=sys.stderr)
        # Each query shape alone at concurrency 1: where a gap comes from.
        for template in range(1, len(TEMPLATES) + 1) if per_query else ():
            rows[f"q{template}"] = run_wrk(base, 1, max(seconds // 3, 3), 7, template)
        return rows
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ssgr", required=True)
    parser.add_argument("--oxigraph", default=shutil.which("oxigraph") or "oxigraph")
    parser.add_argument("--triples-scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workdir")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--oxigraph-mode", choices=["serve-read-only", "serve"], default="serve-read-only",
                        help="how the oxigraph CLI serves the store (serve opens it read-write)")
    parser.add_argument("--ssgr-writable", action="store_true",
                        help="give ssgr an update token: it then opens the store read-write, as oxigraph serve does "
                             "(without one, ssgr serves a store read-only)")
    parser.add_argument("--per-query", action="store_true", help="also each query shape alone at concurrency 1")
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="ssgr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "graph.nt"
    store = work / "store"
    if not (store / "current").exists():
        started = time.monotonic()
        triples = generate(data, args.triples_scale)
        print(f"generated {triples} triples in {time.monotonic() - started:.1f} s", file=sys.stderr)
        store.mkdir(parents=True, exist_ok=True)
        location = str(store / "gen-1")
        subprocess.run([args.oxigraph, "load", "--location", location, "--file", str(data)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([args.oxigraph, "optimize", "--location", location],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (store / "current").symlink_to("gen-1")
        print(f"loaded in {time.monotonic() - started:.1f} s", file=sys.stderr)
    oxigraph = f"oxigraph {args.oxigraph_mode}"
    # ssgr opens the store read-write only when writes are enabled.
    writable = ["--update-token", "bench-token"] if args.ssgr_writable else []
    servers = {
        "ssgr serve": ([args.ssgr, "serve", "--store", str(store), "--bind", "127.0.0.1:7891", *writable],
                       "http://127.0.0.1:7891", "/health/ready"),
        oxigraph: ([args.oxigraph, args.oxigraph_mode, "--location", str(store / "gen-1"),
                    "--bind", "127.0.0.1:7892"], "http://127.0.0.1:7892", "/query"),
    }
    # Rounds alternate the order; each server keeps its best round, so a
    # burst of background load hurts neither more than the other.
    results = {}
    names = list(servers)
    for round_number in range(args.rounds):
        for name in names if round_number % 2 == 0 else names[::-1]:
            rows = bench(name, *servers[name], args.seconds, args.per_query)
            best = results.setdefault(name, rows)
            for connections, row in rows.items():
                if row["qps"] > best[connections]["qps"]:
                    best[connections] = row
    print("| server | concurrency | QPS | p50 (ms) | p99 (ms) | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    for connections in (1, 16):
        for name, rows in results.items():
            r = rows[connections]
            print(f"| {name} | {connections} | {r['qps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors'] + r['non200']} |")
    if args.per_query:
        print()
        print("| query (concurrency 1) | ssgr QPS | oxigraph QPS | ratio | ssgr p50 (ms) | oxigraph p50 (ms) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for number, label in enumerate(TEMPLATES, start=1):
            s, o = results["ssgr serve"][f"q{number}"], results[oxigraph][f"q{number}"]
            print(f"| {label} | {s['qps']:.0f} | {o['qps']:.0f} | {s['qps'] / o['qps']:.2f} | {s['p50_ms']:.3f} | {o['p50_ms']:.3f} |")
        print()
    for connections in (1, 16):
        ratio = results["ssgr serve"][connections]["qps"] / results[oxigraph][connections]["qps"]
        print(f"QPS ratio ssgr/oxigraph at concurrency {connections}: {ratio:.2f}")


if __name__ == "__main__":
    main()
