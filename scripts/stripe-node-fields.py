#!/usr/bin/env python3
"""Derives each Stripe object's fields, with presence and nullability, at every depth, from the
typings of stripe-node 22.4.0 (from npm), the release that pins 2026-07-29.dahlia: the API version
stripe-java 33.3.0 pins and Tally renders. (The node suite's own stripe-node may be newer: its
typings would describe a later version.)

    scripts/stripe-node-fields.py   # writes src/test/resources/openapi/stripe-node-fields.json

An object is an `export interface X {` with an `object: 'name';` field; each field is
`name: type;` or `name?: type;` (? = the key may be absent; `| null` = it may be null). A field whose
type is a nested interface without an `object` name of its own (`Charge.PaymentMethodDetails`,
`Array<Subscription.Item…>`) names it as a third element, and that interface's fields are under
"typings": the checker follows them into nested JSON. Named objects nested in others (expanded
fields, lists) are checked by their own entry.
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
PRIMITIVES = {"string", "number", "boolean", "null", "void", "any", "unknown", "object", "Array",
              "Metadata", "Date"}


def interfaces(text):
    """(qualified name, body) of every interface, `export interface` and nested in namespaces."""
    scope = []  # (indent, name) of open namespaces
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        m = re.match(r"^\s*(?:export )?(?:declare )?namespace (\w+) \{$", line)
        if m:
            scope.append((indent, m.group(1)))
            i += 1
            continue
        if scope and line == " " * scope[-1][0] + "}":
            scope.pop()
            i += 1
            continue
        m = re.match(r"^\s*(?:export )?interface (\w+) \{$", line)
        if m:
            end = " " * indent + "}"
            j = i + 1
            while lines[j] != end:
                j += 1
            yield ".".join([s[1] for s in scope] + [m.group(1)]), indent, "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        i += 1


def fields(body, indent):
    body = re.sub(r"/\*\*.*?\*/", "", body, flags=re.S)
    out, pending = {}, None
    field = re.compile(r"^" + " " * (indent + 4) + r"([a-z0-9_]+)(\??): (.*)$")
    for line in body.split("\n"):
        if pending is None:
            m = field.match(line)
            if not m:
                continue
            pending = [m.group(1), m.group(2) == "?", m.group(3)]
        else:
            pending[2] += " " + line.strip()
        # An inline object type ({ [key: string]: number; } | null) spans lines: end when balanced.
        if pending[2].endswith(";") and pending[2].count("{") == pending[2].count("}"):
            out[pending[0]] = [pending[1], pending[2][:-1].strip()]
            pending = None
    return out


def resolve(ref, name, known):
    """The qualified interface a type reference means inside interface `name` (TypeScript scoping)."""
    ref = ref.removeprefix("Stripe.")
    scope = name.split(".")[:-1]
    while True:
        candidate = ".".join(scope + [ref])
        if candidate in known:
            return candidate
        if not scope:
            return None
        scope.pop()


def nested(type_, name, known, named):
    """The one nested, unnamed interface a field's type holds (directly or as array items)."""
    refs = set()
    for ref in re.findall(r"[A-Za-z_][\w.]*", re.sub(r"'[^']*'", "", type_)):
        if ref in PRIMITIVES or ref in ("ApiList", "ApiSearchResult"):
            continue
        q = resolve(ref, name, known)
        if q is not None:
            refs.add(q)
    if "ApiList<" in type_ or "ApiSearchResult<" in type_:
        return None  # a list object: checked as its own named object
    if "[key: string]" in type_:
        return None  # a map (currency -> options): its keys are not the typing's fields
    unnamed = [q for q in refs if q not in named]
    if len(unnamed) == 1 and len(refs) == 1:
        return unnamed[0]
    return None


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
    paths = [os.path.join(STRIPE, "cjs", "shared.d.ts")] + sorted(
        glob.glob(os.path.join(STRIPE, "cjs", "resources", "**", "*.d.ts"), recursive=True))
    typings, objects = {}, {}
    for path in paths:
        with open(path) as f:
            text = f.read()
        # Files under a folder (Checkout/Sessions.d.ts) declare Stripe.Checkout.Session as Session.
        folder = os.path.relpath(os.path.dirname(path), os.path.join(STRIPE, "cjs", "resources"))
        prefix = "" if folder.startswith(".") else folder.replace(os.sep, ".") + "."
        for name, indent, body in interfaces(text):
            name = prefix + name
            if name not in typings:
                typings[name] = fields(body, indent)
    named = {}
    for name, found in typings.items():
        m = re.fullmatch(r"'([a-z0-9_.]+)'", found.get("object", [False, ""])[1])
        if m:
            named[name] = m.group(1)
    for name, found in typings.items():
        for field in found.values():
            q = nested(field[1], name, typings, named)
            if q is not None:
                field.append(q)
    reachable, todo = set(), [n for n in named]
    while todo:
        n = todo.pop()
        for field in typings[n].values():
            if len(field) > 2 and field[2] not in reachable:
                reachable.add(field[2])
                todo.append(field[2])
    # Each name's typing: the object itself before request params and its Deleted… form.
    def rank(item):
        parts = item[0].split(".")
        return ("Params" in item[0], parts[-1].startswith("Deleted"), len(parts))

    for name, obj in sorted(named.items(), key=rank):
        if obj not in objects:
            objects[obj] = {"typing": name, "fields": typings[name]}
    with open(OUT, "w") as f:
        json.dump({"_about": {
            "what": "Fields of each Stripe object and of the nested interfaces its fields use:"
                    " field -> [optional, type, nested typing if any]; optional means the key may be"
                    " absent, '| null' in the type that it may be null.",
            "source": f"stripe-node {version} (npm), cjs/shared.d.ts and cjs/resources/**/*.d.ts,"
                      " by scripts/stripe-node-fields.py"},
            "objects": objects,
            "typings": {n: typings[n] for n in sorted(reachable)}}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"{len(objects)} objects and {len(reachable)} nested typings from stripe-node {version}"
          f" -> {os.path.relpath(OUT, ROOT)}")


main()
