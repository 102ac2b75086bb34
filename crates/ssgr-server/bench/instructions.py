#!/usr/bin/env python3
"""Benchmark (not a test): instructions per request, `ssgr serve` against
`oxigraph serve-read-only`, counted by valgrind's callgrind.

Wall-clock figures on a shared 2-core machine move by about 5 % from run
to run; instruction counts do not (same binary, same data, same requests:
same count). This tells whether a gap in QPS is work the server does or
noise and scheduling.

Usage: instructions.py --ssgr target/release/ssgr [--oxigraph oxigraph]
                       --workdir DIR [--requests 300]

DIR is http_bench.py's work directory (its store is reused). Each server
runs under callgrind with instrumentation off; for each query shape of
mix.lua (its templates, with ids drawn by Python's random from a fixed
seed: the same ids for both servers, not wrk's), 30 warm-up requests, then instrumentation on for N requests on one keep-alive
connection, then off and a dump. Prints the instructions per request.

Under callgrind everything runs ~50 times slower, so ssgr's 5 ms inline
budget is, in native terms, about 0.1 ms: queries that natively answer
inline can give way and be evaluated twice (the counts of such shapes are
then an upper bound for ssgr).
"""

import argparse
import http.client
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from http_bench import TEMPLATES, wait_ready  # the sibling script; run from any directory

PREFIXES = """PREFIX ssgr: <https://w3id.org/ssgr/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX b: <http://bench.example/>
"""

# The query templates of mix.lua, in its order (wrk scripts are Lua, so
# their text is repeated here); their names are http_bench.py's.
QUERIES = [
    lambda r: f"SELECT ?p ?o WHERE {{ b:unit{r.randint(0, 49999)} ?p ?o }}",
    lambda r: f"SELECT ?person ?name WHERE {{ ?unit org:unitOf b:org{r.randint(0, 19999)} . "
              "?person org:memberOf ?unit ; rdfs:label ?name }",
    lambda r: f"SELECT ?pub ?title WHERE {{ ?unit ssgr:hostCountry b:country{r.randint(0, 199)} ; "
              "org:unitOf ?org . ?pub dcterms:creator ?org ; dcterms:title ?title } LIMIT 100",
    lambda r: f"SELECT ?topic (COUNT(?pub) AS ?n) WHERE {{ ?pub dcterms:creator b:org{r.randint(0, 19999)} ; "
              "dcterms:subject ?topic } GROUP BY ?topic ORDER BY DESC(?n)",
    lambda r: f"SELECT ?broader WHERE {{ b:topic{r.randint(0, 499)} skos:broader+ ?broader }}",
    lambda r: f"SELECT (COUNT(*) AS ?n) WHERE {{ ?unit ssgr:hostCountry b:country{r.randint(0, 199)} . "
              "?person org:memberOf ?unit }",
]
SHAPES = list(zip(TEMPLATES, QUERIES, strict=True))


def send(port, shape, count, seed):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for _ in range(count):
        connection.request("POST", "/query", body=(PREFIXES + shape(rng)).encode(),
                           headers={"Content-Type": "application/sparql-query",
                                    "Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status}: {body[:300]!r}")
    connection.close()


def control(*args):
    subprocess.run(["callgrind_control", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def count(command, port, requests, scratch):
    """Instructions per request for each shape, `command` under callgrind."""
    out = scratch / "callgrind.out"
    process = subprocess.Popen(["valgrind", "--tool=callgrind", "--instr-atstart=no",
                                f"--callgrind-out-file={out}", *command],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pid = str(process.pid)
    per_request = {}
    try:
        # Under callgrind a server takes minutes to open the store.
        wait_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, seconds=900)
        for number, (name, shape) in enumerate(SHAPES, start=1):
            send(port, shape, 30, 99)
            control("-z", pid)
            control("-i", "on", pid)
            send(port, shape, requests, 7)
            control("-i", "off", pid)
            control("-d", f"shape{number}", pid)
            dump = scratch / f"callgrind.out.{number}"
            totals = next(line for line in dump.read_text().splitlines() if line.startswith("totals:"))
            per_request[name] = int(totals.split()[1]) / requests
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return per_request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ssgr", required=True)
    parser.add_argument("--oxigraph", default=shutil.which("oxigraph") or "oxigraph")
    parser.add_argument("--workdir", required=True, help="http_bench.py's work directory, with its store")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    store = Path(args.workdir) / "store"
    if not (store / "current").exists():
        raise SystemExit(f"no store in {store}: run http_bench.py with --workdir {args.workdir} first")
    servers = {
        "ssgr serve": [args.ssgr, "serve", "--store", str(store), "--bind", "127.0.0.1:7893"],
        "oxigraph serve-read-only": [args.oxigraph, "serve-read-only", "--location", str(store / "current"),
                                     "--bind", "127.0.0.1:7893"],
    }
    counts = {}
    for name, command in servers.items():
        with tempfile.TemporaryDirectory(prefix="ssgr-callgrind-") as scratch:
            counts[name] = count(command, 7893, args.requests, Path(scratch))
    print("| query | ssgr instructions/request | oxigraph instructions/request | ratio |")
    print("| --- | --- | --- | --- |")
    for name, _ in SHAPES:
        s, o = counts["ssgr serve"][name], counts["oxigraph serve-read-only"][name]
        print(f"| {name} | {s:,.0f} | {o:,.0f} | {s / o:.3f} |")


if __name__ == "__main__":
    main()
