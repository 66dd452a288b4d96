#!/usr/bin/env python3
"""Runs the official validators on Poputchiki's Open Referral HSDS 3.0 output.

  check-hsds.py json SCHEMA FILE...   each FILE (one JSON object) against the HSDS schema
                                      SCHEMA ("compiled/organization", "taxonomy", ...) with
                                      check-jsonschema, formats (uuid, uri, email, date-time)
                                      included
  check-hsds.py package ZIP           the tabular data package with `frictionless validate`
                                      (headers, types, constraints, primary and foreign keys)

The schemas are the spec's own (vendor/hsds-3.0, CC BY-SA 4.0, Open Referral). Exits
non-zero with the validator's report when anything is invalid.
"""
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "vendor", "hsds-3.0", "schema")
BIN = os.path.dirname(sys.executable)


def schema_dir(tmp):
    """The spec's schemas in one folder, compiled ones unpacked, so relative $refs resolve."""
    out = os.path.join(tmp, "schema")
    os.makedirs(os.path.join(out, "compiled"))
    for name in os.listdir(SPEC):
        if name.endswith(".json"):
            shutil.copy(os.path.join(SPEC, name), out)
    compiled = os.path.join(SPEC, "compiled")
    for name in os.listdir(compiled):
        if name.endswith(".json.gz"):
            with gzip.open(os.path.join(compiled, name)) as src, \
                    open(os.path.join(out, "compiled", name[:-3]), "wb") as dst:
                shutil.copyfileobj(src, dst)
    return out


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(done.stdout[-20000:])
    sys.stderr.write(done.stderr[-5000:])
    return done.returncode


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "json":
        with tempfile.TemporaryDirectory() as tmp:
            schema = os.path.join(schema_dir(tmp), sys.argv[2] + ".json")
            if not os.path.exists(schema):
                sys.exit(f"no HSDS schema {sys.argv[2]}")
            return run([os.path.join(BIN, "check-jsonschema"), "--schemafile", schema, *sys.argv[3:]])
    if len(sys.argv) == 3 and sys.argv[1] == "package":
        with tempfile.TemporaryDirectory() as tmp:
            with zipfile.ZipFile(sys.argv[2]) as z:
                z.extractall(tmp)
            return run([os.path.join(BIN, "frictionless"), "validate", os.path.join(tmp, "datapackage.json")])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
