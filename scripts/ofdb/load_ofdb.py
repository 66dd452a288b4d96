#!/usr/bin/env python3
"""Benchmark helper (scripts/bench-openfairdb.sh): load organizations from a JSON Lines file
into OpenFairDB via POST /api/entries.

Usage:
    python3 load_ofdb.py INPUT.jsonl BASE_URL [options]

    BASE_URL is the server root, e.g. http://127.0.0.1:6767 (a trailing /api is
    accepted too).

One OpenFairDB entry ("place") is created per input line:

    name                    -> title
    summary + description   -> description (joined with a blank line, capped by
                               --max-description characters; OFDB itself has no
                               length limit)
    lat / lon               -> lat / lng (mandatory in OFDB: lines without them are skipped)
    address                 -> street
    settlement              -> city
    "RU"                    -> country
    phone                   -> telephone
    email                   -> email (only if it looks valid: an invalid address
                               makes OFDB reject the whole entry)
    website                 -> homepage (only if it is a valid http(s) URL)
    directions + audiences  -> tags (slugified like OFDB normalizes them)
    --category              -> categories (default: non-profit/"Initiative")
    --license               -> license (must be in the server's accepted-licenses)

Standard library only. Exit status 1 if more than --max-fail-ratio (default 1%)
of the attempted entries failed.
"""

import argparse
import http.client
import json
import re
import socket
import sys
import threading
import time
import unicodedata
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

CATEGORY_NON_PROFIT = "2cd00bebec0c48ba9db761da48678134"  # "Initiative"
CATEGORY_COMMERCIAL = "77b3c33a92554bcf8e8c2c86cedd6f6f"  # "Company"

# OFDB indexes tags with tantivy's RemoveLongFilter(40): tokens of >= 40 BYTES
# are silently dropped from the search index.
MAX_TAG_BYTES = 39

# ---------------------------------------------------------------------------
# Field mapping helpers
# ---------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_HOST_LABEL_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def clean_email(value):
    """Return the e-mail if it passes a conservative check (OFDB parses it with
    mailparse and validates it with fast_chemail; a failure rejects the entry)."""
    if not value:
        return None
    value = value.strip()
    if len(value) > 254 or not _EMAIL_RE.match(value):
        return None
    return value


def clean_url(value):
    """Return an absolute http(s) URL or None.

    OFDB parses homepage with the Rust `url` crate; strings without "://" get
    "https://www." prepended, which we avoid by only sending explicit URLs
    (bare domains like "example.org/x" get "https://" prepended here)."""
    if not value:
        return None
    value = value.strip()
    if not value or any(c.isspace() for c in value):
        return None
    if "://" not in value:
        if re.match(r"^[\w.-]+\.[\w-]{2,}(/.*)?$", value):
            value = "https://" + value
        else:
            return None
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.match(l) for l in labels):
        return None
    del port
    return value


def slugify_tag(value):
    """Normalize a tag the way OFDB stores it, but safer.

    OFDB (ofdb-core/src/usecases/mod.rs prepare_tag_list) splits tags at
    whitespace, removes '#', lowercases, sorts and dedups. Hash-tag search
    (`#tag` in the text or `tags=` parameter) uses the regex #(\\w+(-\\w+)*),
    so we keep only word characters and single '-' separators."""
    if not value:
        return None
    value = unicodedata.normalize("NFC", str(value)).strip().lower()
    value = re.sub(r"[^\w-]+", "-", value)  # spaces & punctuation -> '-'
    value = re.sub(r"-{2,}", "-", value).strip("-_")
    if not value:
        return None
    raw = value.encode("utf-8")
    if len(raw) > MAX_TAG_BYTES:
        value = raw[:MAX_TAG_BYTES].decode("utf-8", "ignore").rstrip("-_")
    return value or None


def build_description(org, max_len, include_services):
    parts = []
    for key in ("summary", "description"):
        text = (org.get(key) or "").strip()
        if text and text not in parts:
            parts.append(text)
    if include_services:
        svc = []
        for s in org.get("services") or []:
            if not isinstance(s, dict):
                continue
            name = (s.get("name") or "").strip()
            desc = (s.get("description") or "").strip()
            line = " — ".join(x for x in (name, desc) if x)
            if line:
                svc.append(line)
        if svc:
            parts.append("Услуги: " + "; ".join(svc))
    text = "\n\n".join(parts)
    if max_len and len(text) > max_len:
        text = text[: max_len - 1].rstrip() + "…"
    return text


def to_float(v):
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f else None  # NaN check


def map_org(org, args):
    """Return (payload, skip_reason)."""
    title = (org.get("name") or "").strip()
    if not title:
        return None, "no name"
    lat, lng = to_float(org.get("lat")), to_float(org.get("lon"))
    if lat is None or lng is None:
        return None, "no coordinates"
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lng <= 180.0):
        return None, "coordinates out of range"

    tags = []
    for t in list(org.get("directions") or []) + list(org.get("audiences") or []):
        s = slugify_tag(t)
        if s and s not in tags:
            tags.append(s)

    payload = {
        "title": title,
        "description": build_description(org, args.max_description, args.include_services),
        "lat": lat,
        "lng": lng,
        "country": "RU",
        "categories": [args.category],
        "tags": tags,
        "license": args.license,
    }
    street = (org.get("address") or "").strip()
    if street:
        payload["street"] = street
    city = (org.get("settlement") or "").strip()
    if city:
        payload["city"] = city
    phone = (org.get("phone") or "").strip()
    if phone:
        payload["telephone"] = phone
    email = clean_email(org.get("email"))
    if email:
        payload["email"] = email
    homepage = clean_url(org.get("website"))
    if homepage:
        payload["homepage"] = homepage
    return payload, None


# ---------------------------------------------------------------------------
# HTTP (one keep-alive connection per worker thread)
# ---------------------------------------------------------------------------


class Client:
    def __init__(self, base_url, timeout, token=None):
        u = urllib.parse.urlsplit(base_url.rstrip("/"))
        if u.scheme not in ("http", "https") or not u.hostname:
            raise SystemExit("invalid base URL: %r" % base_url)
        self.scheme = u.scheme
        self.host = u.hostname
        self.port = u.port or (443 if u.scheme == "https" else 80)
        path = u.path.rstrip("/")
        if not path.endswith("/api"):
            path += "/api"
        self.api = path
        self.timeout = timeout
        self.token = token
        self.local = threading.local()

    def _conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            c = cls(self.host, self.port, timeout=self.timeout)
            c.connect()
            try:  # avoid Nagle/delayed-ACK stalls (headers and body are sent separately)
                c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except (AttributeError, OSError):
                pass
            self.local.conn = c
        return c

    def _drop(self):
        c = getattr(self.local, "conn", None)
        if c is not None:
            try:
                c.close()
            except Exception:
                pass
        self.local.conn = None

    def request(self, method, path, body=None, retries=3):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"  # required: route has format="application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        last_exc = None
        for attempt in range(retries):
            try:
                c = self._conn()
                c.request(method, self.api + path, body=data, headers=headers)
                r = c.getresponse()
                payload = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self._drop()
                return r.status, payload.decode("utf-8", "replace")
            except (http.client.HTTPException, OSError) as e:
                last_exc = e
                self._drop()
                time.sleep(0.2 * (attempt + 1))
        return None, "connection error: %r" % (last_exc,)


def wait_for_server(client, timeout):
    deadline = time.monotonic() + timeout
    while True:
        status, body = client.request("GET", "/server/version", retries=1)
        if status == 200:
            return body.strip().strip('"')
        if time.monotonic() > deadline:
            raise SystemExit("server not reachable at %s:%s%s (%s)" % (client.host, client.port, client.api, body))
        time.sleep(0.5)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSON Lines file with organizations")
    ap.add_argument("base_url", help="OpenFairDB base URL, e.g. http://127.0.0.1:6767")
    ap.add_argument("-t", "--threads", type=int, default=4, help="concurrent HTTP workers (default 4)")
    ap.add_argument("-n", "--limit", type=int, default=0, help="only load the first N lines (0 = all)")
    ap.add_argument("--license", default="ODbL-1.0", help="license (must be accepted by the server; default ODbL-1.0)")
    ap.add_argument("--category", default=CATEGORY_NON_PROFIT,
                    help="category id (default %s = non-profit; commercial = %s)" % (CATEGORY_NON_PROFIT, CATEGORY_COMMERCIAL))
    ap.add_argument("--max-description", type=int, default=4000,
                    help="cap description length in characters (0 = no cap; OFDB has no limit)")
    ap.add_argument("--include-services", action="store_true",
                    help="append services (name — description) to the description")
    ap.add_argument("--token", default=None, help="optional organization API token (Authorization: Bearer)")
    ap.add_argument("--timeout", type=float, default=60.0, help="HTTP timeout in seconds")
    ap.add_argument("--wait", type=float, default=60.0, help="wait up to N s for the server to come up")
    ap.add_argument("--max-fail-ratio", type=float, default=0.01, help="exit 1 if failed/attempted exceeds this")
    ap.add_argument("--ids-out", default=None, help="write created entry ids (one per line) to this file")
    ap.add_argument("--progress-every", type=float, default=2.0, help="progress interval in seconds")
    args = ap.parse_args()

    client = Client(args.base_url, args.timeout, args.token)
    version = wait_for_server(client, args.wait)
    print("OpenFairDB %s at %s://%s:%s%s" % (version, client.scheme, client.host, client.port, client.api), flush=True)

    # Read + map everything first, so the timed phase is pure HTTP.
    payloads, skipped, bad_json = [], {}, 0
    with open(args.input, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if args.limit and lineno > args.limit:
                break
            line = line.strip()
            if not line:
                continue
            try:
                org = json.loads(line)
            except ValueError:
                bad_json += 1
                continue
            payload, reason = map_org(org, args)
            if payload is None:
                skipped[reason] = skipped.get(reason, 0) + 1
            else:
                payloads.append((lineno, payload))
    total = len(payloads)
    print("input: %d entries to create, skipped %d %s, unparsable lines %d"
          % (total, sum(skipped.values()), skipped or "", bad_json), flush=True)
    if total == 0:
        print("nothing to do")
        return 1

    lock = threading.Lock()
    state = {"done": 0, "ok": 0, "fail": 0, "errors": [], "ids": [], "status": {}}

    def work(item):
        lineno, payload = item
        t0 = time.monotonic()
        status, body = client.request("POST", "/entries", payload)
        dt = time.monotonic() - t0
        with lock:
            state["done"] += 1
            key = status if status is not None else "conn"
            state["status"][key] = state["status"].get(key, 0) + 1
            if status == 200:
                state["ok"] += 1
                try:
                    state["ids"].append(json.loads(body))
                except ValueError:
                    state["ids"].append(body)
            else:
                state["fail"] += 1
                if len(state["errors"]) < 5:
                    state["errors"].append((lineno, status, body[:500], payload.get("title")))
        return dt

    start = time.monotonic()
    stop = threading.Event()

    def reporter():
        last_done, last_t = 0, start
        while not stop.wait(args.progress_every):
            now = time.monotonic()
            with lock:
                done, fail = state["done"], state["fail"]
            rate = (done - last_done) / max(now - last_t, 1e-9)
            last_done, last_t = done, now
            print("  %6d/%d  (%5.1f%%)  %.1f s  %.0f req/s  failures: %d"
                  % (done, total, 100.0 * done / total, now - start, rate, fail), flush=True)

    rep = threading.Thread(target=reporter, daemon=True)
    rep.start()
    latencies = []
    with ThreadPoolExecutor(max_workers=max(1, args.threads)) as pool:
        for dt in pool.map(work, payloads):
            latencies.append(dt)
    stop.set()
    rep.join()
    elapsed = time.monotonic() - start

    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000.0

    print("")
    print("done: %d attempted, %d created, %d failed, %d skipped (not sent)"
          % (total, state["ok"], state["fail"], sum(skipped.values())))
    print("took %.2f s  (%.1f entries/s, %d threads); POST latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f"
          % (elapsed, total / elapsed if elapsed else 0.0, args.threads, pct(0.5), pct(0.9), pct(0.99), latencies[-1] * 1000.0))
    print("HTTP status counts: %s" % state["status"])
    if state["errors"]:
        print("first errors:")
        for lineno, status, body, title in state["errors"]:
            print("  line %d (%s): HTTP %s: %s" % (lineno, title, status, body))
    if args.ids_out:
        with open(args.ids_out, "w", encoding="utf-8") as f:
            for i in state["ids"]:
                f.write("%s\n" % i)
        print("wrote %d ids to %s" % (len(state["ids"]), args.ids_out))

    ratio = state["fail"] / total
    if ratio > args.max_fail_ratio:
        print("FAILED: %.2f%% of entries failed (> %.2f%%)" % (100 * ratio, 100 * args.max_fail_ratio), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
