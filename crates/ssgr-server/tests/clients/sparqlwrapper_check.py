#!/usr/bin/env python3
"""A client no one here wrote: SPARQLWrapper asks every competency query of
queries/ of a running `ssgr serve` and must get what `ssgr query` prints.

Usage: sparqlwrapper_check.py PATH/TO/ssgr [REPO_ROOT]

Starts `ssgr serve --bind 127.0.0.1:0` in REPO_ROOT (so it builds ./seeds),
asks each query by GET and by POST in JSON, and in CSV, compares with
`ssgr query --format json|csv`, then stops the server with SIGTERM and
checks it exits cleanly within its grace period. Ends with the line
'N passed, M failed' and exits non-zero on any failure. Bounded in time.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from SPARQLWrapper import CSV, GET, JSON, POST, SPARQLWrapper

START_TIMEOUT_S = 180
QUERY_TIMEOUT_S = 60
STOP_TIMEOUT_S = 20


def start_server(ssgr, root):
    process = subprocess.Popen(
        [ssgr, "serve", "--bind", "127.0.0.1:0", "--timeout", "30", "--shutdown-grace", "5"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    base = None
    while base is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        found = re.search(r"listening on (http://[0-9.:]+)/sparql", line)
        if found:
            base = found.group(1)
    if base is None:
        process.kill()
        raise SystemExit("ssgr serve did not say where it listens")
    # Keep draining stderr (request logs) so the server never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=5) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("ssgr serve did not become ready in time")


def cli_answer(ssgr, root, path, fmt):
    out = subprocess.run(
        [ssgr, "query", "--file", str(path), "--format", fmt],
        cwd=root,
        capture_output=True,
        timeout=QUERY_TIMEOUT_S,
        check=True,
    )
    # Bytes, decoded without newline translation: CSV lines end in CRLF.
    return out.stdout.decode("utf-8")


def endpoint_answer(base, query, method, fmt):
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setMethod(method)
    client.setReturnFormat(fmt)
    client.setTimeout(QUERY_TIMEOUT_S)
    result = client.query().convert()
    return result.decode("utf-8") if isinstance(result, bytes) else result


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    ssgr = os.path.abspath(sys.argv[1])
    root = Path(sys.argv[2] if len(sys.argv) > 2 else ".").resolve()
    queries = sorted((root / "queries").glob("*.rq"))
    if not queries:
        raise SystemExit(f"no queries under {root / 'queries'}")
    process, base = start_server(ssgr, root)
    passed, failed = 0, 0
    try:
        for path in queries:
            query = path.read_text(encoding="utf-8")
            expected_json = json.loads(cli_answer(ssgr, root, path, "json"))
            expected_csv = cli_answer(ssgr, root, path, "csv")
            checks = [
                ("GET json", endpoint_answer(base, query, GET, JSON), expected_json),
                ("POST json", endpoint_answer(base, query, POST, JSON), expected_json),
                ("GET csv", endpoint_answer(base, query, GET, CSV), expected_csv),
            ]
            for label, got, expected in checks:
                if got == expected:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {path.name} ({label}):\n  got      {str(got)[:400]}\n  expected {str(expected)[:400]}")
            print(f"ok {path.name}")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            code = None
    if code == 0:
        passed += 1
    else:
        failed += 1
        print(f"FAIL shutdown: exit status {code} after SIGTERM")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
