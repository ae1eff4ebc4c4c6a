#!/usr/bin/env python3
"""Derives each Stripe object's top-level fields, with presence and nullability, from the typings of
stripe-node 22.4.0 (from npm), the release that pins 2026-07-29.dahlia: the API version stripe-java
33.3.0 pins and Tally renders. (The node suite's own stripe-node may be newer: its typings would
describe a later version.)

    scripts/stripe-node-fields.py   # writes src/test/resources/openapi/stripe-node-fields.json

An object is an `export interface X {` with an `object: 'name';` field; each field is
`name: type;` or `name?: type;` (? = the key may be absent; `| null` = it may be null).
"""
import glob
import json
import os
import re
import subprocess
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERSION = "22.4.0"  # CHANGELOG: "changes the pinned API version to `2026-07-29.dahlia`"
OUT = os.path.join(ROOT, "src", "test", "resources", "openapi", "stripe-node-fields.json")


def interfaces(text):
    for m in re.finditer(r"^export interface (\w+) \{\n(.*?)^\}", text, re.M | re.S):
        yield m.group(1), m.group(2)


def fields(body):
    body = re.sub(r"/\*\*.*?\*/", "", body, flags=re.S)
    out, pending = {}, None
    for line in body.split("\n"):
        if pending is None:
            m = re.match(r"^    ([a-z0-9_]+)(\??): (.*)$", line)
            if not m:
                continue
            pending = [m.group(1), m.group(2) == "?", m.group(3)]
        else:
            pending[2] += " " + line.strip()
        if pending[2].endswith(";"):
            out[pending[0]] = [pending[1], pending[2][:-1].strip()]
            pending = None
    return out


def fetch(tmp):
    subprocess.run(["npm", "pack", f"stripe@{VERSION}", "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, f"stripe-{VERSION}.tgz")) as t:
        t.extractall(tmp, filter="data")
    return os.path.join(tmp, "package")


def main():
    tmp = tempfile.mkdtemp(prefix="stripe-node-")
    STRIPE = fetch(tmp)
    with open(os.path.join(STRIPE, "package.json")) as f:
        version = json.load(f)["version"]
    objects = {}
    for path in sorted(glob.glob(os.path.join(STRIPE, "cjs", "resources", "**", "*.d.ts"), recursive=True)):
        with open(path) as f:
            text = f.read()
        for name, body in interfaces(text):
            found = fields(body)
            obj = found.get("object", [False, ""])[1]
            m = re.fullmatch(r"'([a-z0-9_.]+)'", obj)
            if m and m.group(1) not in objects:
                objects[m.group(1)] = {"typing": name, "fields": found}
    with open(OUT, "w") as f:
        json.dump({"_about": {
            "what": "Top-level fields of each Stripe object: field -> [optional, type]; optional means the key may be absent, '| null' in the type that it may be null.",
            "source": f"stripe-node {version} (npm), cjs/resources/**/*.d.ts, by scripts/stripe-node-fields.py"},
            "objects": objects}, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(objects)} objects from stripe-node {version} -> {os.path.relpath(OUT, ROOT)}")


main()
