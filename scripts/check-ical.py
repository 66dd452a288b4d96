#!/usr/bin/env python3
"""Checks iCalendar feeds (RFC 5545) as a calendar app would read them.

Usage: check-ical.py FILE... (each a whole .ics answer, bytes as served).

Parses each file with the independent `icalendar` package (PyPI, scripts/validators.txt),
then asserts the rules parsers forgive: every line ends in CRLF and is at most 75 octets,
folds never split a UTF-8 character, one VCALENDAR with VERSION 2.0 and PRODID, a VTIMEZONE
for every TZID used, and every VEVENT has a unique UID, a DTSTAMP in UTC and a DTSTART.
Prints one line per file: its name, the number of events and their UIDs' digest; exits 1 on
the first problem.
"""
import hashlib
import sys

import icalendar


def check(path):
    raw = open(path, "rb").read()
    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("does not end in CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {n}: a bare CR or LF")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n}: a fold splits a UTF-8 character")
    cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    if cal.name != "VCALENDAR":
        problems.append(f"top component is {cal.name}")
    if str(cal.get("VERSION")) != "2.0":
        problems.append("VERSION is not 2.0")
    if not cal.get("PRODID"):
        problems.append("no PRODID")
    zones = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    uids = []
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        if not uid:
            problems.append("an event without UID")
        uids.append(uid)
        stamp = ev.get("DTSTAMP")
        if stamp is None or stamp.dt.tzinfo is None or stamp.dt.utcoffset().total_seconds() != 0:
            problems.append(f"{uid}: DTSTAMP missing or not UTC")
        start = ev.get("DTSTART")
        if start is None:
            problems.append(f"{uid}: no DTSTART")
            continue
        for prop in ("DTSTART", "DTEND"):
            p = ev.get(prop)
            if p is not None and "TZID" in p.params and p.params["TZID"] not in zones:
                problems.append(f"{uid}: {prop} names TZID {p.params['TZID']} without a VTIMEZONE")
        if not str(ev.get("SUMMARY", "")).strip():
            problems.append(f"{uid}: no SUMMARY")
    if len(set(uids)) != len(uids):
        problems.append("UIDs repeat")
    if problems:
        print(f"{path}: " + "; ".join(problems[:10]))
        return False
    digest = hashlib.sha256("\n".join(sorted(uids)).encode()).hexdigest()[:12]
    print(f"{path}: {len(uids)} events, zones {sorted(zones)}, uids {digest}")
    return True


ok = all([check(p) for p in sys.argv[1:]])
sys.exit(0 if ok else 1)
