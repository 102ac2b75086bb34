#!/usr/bin/env python3
"""Generate a large corpus in the seeds' structure, for benchmarks.

Each generated document is one of the seed documents with its names
substituted: every country, city, field operation and organisation the
reference data knows is replaced by another of the same kind, and dates are
shifted. The structure (titles, mandate lines, vacancy fields, publication
blurbs) is kept, so the extractor does the same work as on real pages.

Usage: scripts/gen_corpus.py OUT_DIR [--mb 50] [--seed 1]
"""
import argparse
import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_tsv(name):
    with open(ROOT / "ontology" / "reference" / name, encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


def names_by_kind():
    countries = [r["name"] for r in read_tsv("countries.tsv") if r.get("osce") == "yes"]
    cities = [r["name"] for r in read_tsv("cities.tsv")]
    missions = [r["label"] for r in read_tsv("field_operations.tsv")]
    orgs = [r["label"] for r in read_tsv("organisations.tsv")]
    return {"country": countries, "city": cities, "mission": missions, "org": orgs}


def substitution_pattern(kinds):
    # Longest names first so that "OSCE Mission to Montenegro" wins over "Montenegro".
    table = {}
    for kind, names in kinds.items():
        for name in names:
            table.setdefault(name, kind)
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b")
    return pattern, table


def shift_dates(text, rng):
    def repl(m):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = max(1990, min(2030, year + rng.randint(-5, 5)))
        day = min(day, 28)
        return f"{day:02d}/{month:02d}/{year}"

    return re.sub(r"\b(\d{2})/(\d{2})/(\d{4})\b", repl, text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = names_by_kind()
    pattern, table = substitution_pattern(kinds)
    seeds = sorted((ROOT / "seeds").glob("*"))
    templates = [p.read_text(encoding="utf-8") for p in seeds]
    args.out.mkdir(parents=True, exist_ok=True)
    target = int(args.mb * 1024 * 1024)
    written, n = 0, 0
    while written < target:
        template = templates[n % len(templates)]
        text = pattern.sub(lambda m: rng.choice(kinds[table[m.group(1)]]), template)
        text = shift_dates(text, rng)
        path = args.out / f"doc{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        n += 1
    print(f"{n} documents, {written / 1024 / 1024:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
