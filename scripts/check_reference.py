#!/usr/bin/env python3
"""Check the reference data in ontology/reference/ (standard library only).

Checks, for countries.tsv, cities.tsv, organisations.tsv and field_operations.tsv:
  - each file starts with '#' comment lines naming its source(s), licence and how to
    regenerate it, then a header row with the expected columns;
  - every row has as many cells as the header; no '|' or tab inside values;
  - rows are sorted; ids / codes are unique;
  - organisations: parent exists; class and kind are valid; wikidata has a source;
  - field operations: org exists in organisations.tsv; country exists in countries.tsv;
    seat is empty or a city name in cities.tsv, in the same country; status is valid;
  - no name / acronym / variant names two different organisations or field operations,
    and none names two countries or two cities.
Prints row counts and exits non-zero on any error.

Run:  python3 scripts/check_reference.py [DIR]   (DIR defaults to ontology/reference)
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ontology", "reference")

COLUMNS = {
    "countries.tsv": ["iso2", "iso3", "name", "geonames_id", "variants", "demonyms", "osce"],
    "cities.tsv": ["geonames_id", "name", "variants", "country", "population"],
    "organisations.tsv": ["id", "label", "acronyms", "variants", "parent", "class", "kind",
                          "country", "wikidata", "wikidata_source"],
    "field_operations.tsv": ["id", "label", "variants", "org", "country", "seat", "status",
                             "established", "closed"],
}

errors = []


def err(msg):
    errors.append(msg)


def load(name):
    path = os.path.join(REF, name)
    comments, header, rows = [], None, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                if header is None:
                    comments.append(line)
                continue
            if not line.strip():
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                err(f"{name}:{lineno}: {len(cells)} cells, header has {len(header)}")
                continue
            rows.append(dict(zip(header, cells)))
    text = "\n".join(comments).lower()
    for what in ("source", "licen", "regenerat"):
        if what not in text:
            err(f"{name}: header comments do not state its {what}...")
    if header != COLUMNS[name]:
        err(f"{name}: header {header} != {COLUMNS[name]}")
    return rows


def multi(v):
    return [x for x in v.split("|") if x] if v else []


def unique(name, rows, key):
    seen = set()
    for r in rows:
        if r[key] in seen:
            err(f"{name}: duplicate {key} {r[key]!r}")
        seen.add(r[key])


def one_owner(what, entries):
    """entries: (owner, form). A form (case-insensitive) must have one owner."""
    owner = {}
    for o, form in entries:
        k = form.casefold()
        if k in owner and owner[k] != o:
            err(f"{what}: {form!r} names both {owner[k]} and {o}")
        owner.setdefault(k, o)


def main():
    countries = load("countries.tsv")
    cities = load("cities.tsv")
    orgs = load("organisations.tsv")
    fops = load("field_operations.tsv")

    for name, rows in (("countries.tsv", countries), ("cities.tsv", cities),
                       ("organisations.tsv", orgs), ("field_operations.tsv", fops)):
        for r in rows:
            for k, v in r.items():
                if v != v.strip():
                    err(f"{name}: value {v!r} ({k}) has surrounding spaces")
    unique("countries.tsv", countries, "iso2")
    unique("countries.tsv", countries, "iso3")
    unique("cities.tsv", cities, "geonames_id")
    unique("organisations.tsv", orgs, "id")
    unique("field_operations.tsv", fops, "id")

    if [r["iso2"] for r in countries] != sorted(r["iso2"] for r in countries):
        err("countries.tsv: not sorted by iso2")
    if [r["id"] for r in orgs] != sorted(r["id"] for r in orgs):
        err("organisations.tsv: not sorted by id")
    if [r["id"] for r in fops] != sorted(r["id"] for r in fops):
        err("field_operations.tsv: not sorted by id")
    ckey = [(r["country"], r["name"], int(r["geonames_id"])) for r in cities]
    if ckey != sorted(ckey):
        err("cities.tsv: not sorted by country, name")

    codes = {r["iso2"] for r in countries}
    for r in countries:
        if not re.fullmatch(r"[A-Z]{2}", r["iso2"]) or not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            err(f"countries.tsv: bad codes {r['iso2']} {r['iso3']}")
        if r["osce"] not in ("", "yes"):
            err(f"countries.tsv: {r['iso2']}: osce must be 'yes' or empty")
    n_osce = sum(r["osce"] == "yes" for r in countries)
    if n_osce != 57:
        err(f"countries.tsv: {n_osce} OSCE participating States, expected 57")
    if "XK" not in codes:
        err("countries.tsv: Kosovo (XK) missing")

    city_country = {}
    for r in cities:
        if r["country"] not in codes:
            err(f"cities.tsv: {r['name']}: unknown country {r['country']}")
        if not r["population"].isdigit():
            err(f"cities.tsv: {r['name']}: bad population {r['population']!r}")
        city_country.setdefault(r["name"], set()).add(r["country"])

    org_ids = {r["id"] for r in orgs}
    for r in orgs:
        if r["parent"] and r["parent"] not in org_ids:
            err(f"organisations.tsv: {r['id']}: unknown parent {r['parent']}")
        if r["class"] not in ("Organisation", "OrganisationalUnit"):
            err(f"organisations.tsv: {r['id']}: bad class {r['class']}")
        if r["class"] == "OrganisationalUnit" and not r["parent"]:
            err(f"organisations.tsv: {r['id']}: OrganisationalUnit without parent")
        if r["kind"] not in ("igo", "ngo", "national", "academic", "think-tank"):
            err(f"organisations.tsv: {r['id']}: bad kind {r['kind']}")
        if r["country"] and r["country"] not in codes:
            err(f"organisations.tsv: {r['id']}: unknown country {r['country']}")
        if r["wikidata"] and (not re.fullmatch(r"Q[0-9]+", r["wikidata"]) or not r["wikidata_source"]):
            err(f"organisations.tsv: {r['id']}: wikidata needs a Q-id and a wikidata_source")
        if r["wikidata_source"] and not r["wikidata"]:
            err(f"organisations.tsv: {r['id']}: wikidata_source without wikidata")
    # parents must not form cycles
    parent = {r["id"]: r["parent"] for r in orgs}
    for i in parent:
        seen, p = set(), i
        while p:
            if p in seen:
                err(f"organisations.tsv: parent cycle through {i}")
                break
            seen.add(p)
            p = parent.get(p, "")

    for r in fops:
        if r["org"] not in org_ids:
            err(f"field_operations.tsv: {r['id']}: unknown org {r['org']}")
        if r["country"] not in codes:
            err(f"field_operations.tsv: {r['id']}: unknown country {r['country']!r}")
        if r["seat"]:
            if r["seat"] not in city_country:
                err(f"field_operations.tsv: {r['id']}: seat {r['seat']!r} not in cities.tsv")
            elif r["country"] not in city_country[r["seat"]]:
                err(f"field_operations.tsv: {r['id']}: seat {r['seat']} is not in {r['country']}")
        if r["status"] not in ("current", "closed"):
            err(f"field_operations.tsv: {r['id']}: bad status {r['status']!r}")
        for col in ("established", "closed"):
            if r[col] and not re.fullmatch(r"(19|20)[0-9]{2}", r[col]):
                err(f"field_operations.tsv: {r['id']}: bad {col} year {r[col]!r}")
        if r["status"] == "current" and r["closed"]:
            err(f"field_operations.tsv: {r['id']}: current but closed {r['closed']}")
        if r["established"] and r["closed"] and r["closed"] < r["established"]:
            err(f"field_operations.tsv: {r['id']}: closed before established")

    one_owner("countries", [(r["iso2"], f) for r in countries
                            for f in [r["name"]] + multi(r["variants"]) + multi(r["demonyms"])])
    one_owner("cities", [(r["geonames_id"], f) for r in cities
                         for f in [r["name"]] + multi(r["variants"])])
    one_owner("organisations/field operations",
              [("org:" + r["id"], f) for r in orgs
               for f in [r["label"]] + multi(r["acronyms"]) + multi(r["variants"])] +
              [("fieldop:" + r["id"], f) for r in fops
               for f in [r["label"]] + multi(r["variants"])])

    print(f"countries.tsv        {len(countries):5d} rows ({n_osce} OSCE participating States)")
    print(f"cities.tsv           {len(cities):5d} rows")
    print(f"organisations.tsv    {len(orgs):5d} rows")
    print(f"field_operations.tsv {len(fops):5d} rows")
    for e in errors:
        print("ERROR: " + e)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
