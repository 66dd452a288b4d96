#!/usr/bin/env python3
"""Checks Atom feeds (RFC 4287) as a feed reader would read them.

Usage: check-atom.py FILE... (each a whole feed, bytes as served).

Parses each file with Python's own XML parser (expat: any well-formedness error fails), then
asserts the rules of RFC 4287 that readers rely on: the root is atom:feed; the feed has
exactly one id, title and updated, an author (or every entry has one), and a rel="self"
link; every entry has exactly one id, title and updated, a link rel="alternate" or a
content, and a summary or content; ids are absolute IRIs and unique; every date is an RFC 3339 date-time; the feed's
updated is not older than any entry's. Prints one line per file: its name and the number of
entries; exits 1 on the first problem.
"""
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def one(el, tag, where, problems):
    found = el.findall(ATOM + tag)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{tag}> elements, not one")
        return None
    return found[0]


def check_common(el, where, problems, ids):
    id_el = one(el, "id", where, problems)
    one(el, "title", where, problems)
    updated = one(el, "updated", where, problems)
    if id_el is not None:
        value = (id_el.text or "").strip()
        if not IRI.match(value):
            problems.append(f"{where}: id {value!r} is not an absolute IRI")
        if value in ids:
            problems.append(f"{where}: id {value!r} is used twice")
        ids.add(value)
    if updated is not None:
        value = (updated.text or "").strip()
        if not RFC3339.match(value):
            problems.append(f"{where}: updated {value!r} is not RFC 3339")
        return value
    return ""


def check(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"], 0
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}, not atom:feed"], 0
    ids = set()
    feed_updated = check_common(root, "feed", problems, ids)
    feed_author = root.find(ATOM + "author") is not None
    if feed_author and root.find(ATOM + "author/" + ATOM + "name") is None:
        problems.append("feed: author without a name")
    links = root.findall(ATOM + "link")
    if not any(l.get("rel") == "self" and l.get("href") for l in links):
        problems.append("feed: no link rel=self")
    entries = root.findall(ATOM + "entry")
    for n, entry in enumerate(entries, 1):
        where = f"entry {n}"
        updated = check_common(entry, where, problems, ids)
        if updated and feed_updated and updated > feed_updated and updated.endswith("Z") and feed_updated.endswith("Z"):
            problems.append(f"{where}: updated after the feed's updated")
        if not feed_author and entry.find(ATOM + "author") is None:
            problems.append(f"{where}: no author, and the feed has none")
        alternate = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if not alternate and entry.find(ATOM + "content") is None:
            problems.append(f"{where}: neither a link rel=alternate nor content")
        # Not an RFC 4287 MUST, but readers show an entry by it and validators warn without.
        if entry.find(ATOM + "summary") is None and entry.find(ATOM + "content") is None:
            problems.append(f"{where}: neither a summary nor content")
        for l in entry.findall(ATOM + "link"):
            if not l.get("href"):
                problems.append(f"{where}: a link without href")
    return problems, len(entries)


def main(paths):
    failed = False
    for path in paths:
        problems, count = check(path)
        if problems:
            failed = True
            for p in problems:
                print(f"{path}: {p}")
        else:
            print(f"{path}: {count} entries")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
