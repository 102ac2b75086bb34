#!/usr/bin/env python3
"""Bounded load test of `ssgr serve` on 127.0.0.1 with wrk (Debian's).

Usage: load_test.py PATH/TO/ssgr [REPO_ROOT] [--seconds 30] [--timeout 5]

64 connections for --seconds: 56 run the competency queries of queries/,
4 send malformed queries, 4 send slow queries that must hit the time limit.
Passes when valid queries got only 200 (no 5xx, no socket error),
malformed ones only 400, every slow one a 503 naming the time limit, the
resident memory after is within bounds of the memory before (after a
warm-up with the same mix), and the server stops cleanly on SIGTERM. Prints the figures and
'N passed, M failed'. Every loop is bounded; only 127.0.0.1 is contacted.
"""

import argparse
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARM_UP_S = 10
SEPARATOR = "\n#----\n"
MALFORMED = [
    "SELECT ?s WHERE { ?s ?p }",
    "SELEC * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s <not an iri> ?o }",
    "PREFIX x: <http://e/> SELECT * WHERE { ?s y:p ?o }",
    "ASK { FILTER( }",
]
SLOW = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(CONTAINS(STR(?f), STR(?c))) }",
]


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start_server(ssgr, root, timeout):
    process = subprocess.Popen(
        [ssgr, "serve", "--bind", "127.0.0.1:0", "--timeout", str(timeout), "--shutdown-grace", "5"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 180
    base = None
    while base is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        found = re.search(r"listening on (http://127\.0\.0\.1:[0-9]+)/sparql", line)
        if found:
            base = found.group(1)
    # Keep draining stderr so the server never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
    while base and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=5) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("ssgr serve did not become ready")


def wrk(base, script_args, connections, threads, seconds):
    command = [
        "wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
        "-s", str(HERE / "queries.lua"), base + "/sparql", "--", *script_args,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def mixed_run(base, files, seconds):
    """64 connections: 56 valid, 4 malformed, 4 slow."""
    return {
        "valid": wrk(base, [str(files["valid"]), "valid"], 56, 2, seconds),
        "malformed": wrk(base, [str(files["malformed"]), "malformed"], 4, 1, seconds),
        "slow": wrk(base, [str(files["slow"]), "slow"], 4, 1, seconds),
    }


def result_of(process, seconds):
    out, _ = process.communicate(timeout=seconds + 120)
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"wrk printed no result:\n{out}")


def metric(base, name):
    with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
        for line in response.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[-1])
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ssgr")
    parser.add_argument("root", nargs="?", default=".")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--timeout", type=int, default=5)
    args = parser.parse_args()
    root = Path(args.root).resolve()
    valid = [p.read_text(encoding="utf-8") for p in sorted((root / "queries").glob("*.rq"))]
    work = Path(tempfile.mkdtemp(prefix="ssgr-load-"))
    files = {}
    for name, queries in (("valid", valid), ("malformed", MALFORMED), ("slow", SLOW)):
        files[name] = work / f"{name}.txt"
        files[name].write_text(SEPARATOR.join(queries), encoding="utf-8")

    process, base = start_server(args.ssgr, root, args.timeout)
    checks = []
    try:
        # A warm-up of the same mix, so that "before" is the memory of a
        # server that has seen this load (allocator arenas, caches).
        warm = mixed_run(base, files, WARM_UP_S)
        {name: result_of(run, WARM_UP_S) for name, run in warm.items()}
        time.sleep(args.timeout + 2)
        before = rss_kib(process.pid)
        runs = mixed_run(base, files, args.seconds)
        results = {name: result_of(run, args.seconds) for name, run in runs.items()}
        # Let the last slow queries reach their time limit before measuring.
        time.sleep(args.timeout + 2)
        after = rss_kib(process.pid)
        server_timeouts = metric(base, "ssgr_query_timeouts_total")
        for name, result in results.items():
            print(f"{name:10} {json.dumps(result)}")
        print(f"RSS before {before / 1024:.1f} MiB, after {after / 1024:.1f} MiB")
        print(f"server-side timeouts: {server_timeouts:.0f}")

        valid_r, bad_r, slow_r = results["valid"], results["malformed"], results["slow"]
        five_xx = sum(n for status, n in valid_r["statuses"].items() if status.startswith("5"))
        print(f"valid queries: {valid_r['requests']} requests, {five_xx} 5xx")
        checks += [
            ("valid queries all 200", set(valid_r["statuses"]) == {"200"} and valid_r["requests"] > 0),
            ("valid queries: no 5xx", five_xx == 0),
            ("valid queries: no socket error", valid_r["socket_errors"] == 0),
            ("malformed queries all 400", set(bad_r["statuses"]) == {"400"} and bad_r["requests"] > 0),
            ("slow queries all 503 timeouts", slow_r["requests"] > 0 and slow_r["timeouts_503"] == slow_r["requests"]),
            ("slow queries: no socket error", slow_r["socket_errors"] == 0),
            ("every timeout counted by the server", server_timeouts >= slow_r["timeouts_503"]),
            ("memory flat (at most +25% and 32 MiB over the warmed-up server)", after <= before * 1.25 + 32 * 1024),
        ]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            code = None
        shutil.rmtree(work, ignore_errors=True)
    checks.append(("clean stop on SIGTERM", code == 0))
    failed = [name for name, ok in checks if not ok]
    for name, ok in checks:
        print(("ok   " if ok else "FAIL ") + name)
    print(f"{len(checks) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
