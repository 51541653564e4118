#!/usr/bin/env python3
"""Independent oracle for language matching: which Go, crates.io and PyPI OSV records apply.

Reads the OSV JSON records of `OSV_DIR/{Go,crates.io,PyPI}` and an inventory, and prints one line
per finding, sorted:

    ECOSYSTEM NAME VERSION ID OTHER_IDS FIXED

OTHER_IDS and FIXED are comma-separated, `-` when empty. It shares no code with Drydock; the rules
are OSV's and the ones docs/language-packages.md states:

- a record applies to an affected entry of the package's ecosystem and name (PyPI names after
  PEP 503 normalisation, Go module paths and crate names as written);
- the version is affected when listed in `versions` (equal by the ecosystem's comparison: PEP 440
  for PyPI, so `23.9` is a listed `23.9.0`; SemVer for Go and crates.io) or inside a range:
  events walked in version order, `introduced` at or below turns "affected" on, `fixed` at or below
  and `last_affected` below turn it off. `ECOSYSTEM` ranges of PyPI compare with
  `packaging.version`, `SEMVER` ranges with the strict SemVer 2.0 comparison below (a Go `v` prefix
  dropped, build metadata such as `+incompatible` ignored); `GIT` ranges name commits and are skipped;
- records with `withdrawn` never apply;
- records that are aliases of each other (their ID-and-alias sets overlap, transitively) give one
  finding, named by a CVE, else a GHSA, else the smallest ID; the others are OTHER_IDS;
- FIXED: for every range holding the version, the lowest `fixed` event above it.

usage: osv_language_expected.py OSV_DIR < INVENTORY.json     (findings; inventory is
           [{"ecosystem": "PyPI", "name": "...", "version": "..."}, ...])
       osv_language_expected.py --sample SEED COUNT OSV_DIR  (a deterministic inventory drawn from
           the records: COUNT packages per ecosystem, versions at, around and outside the events)
"""
import json
import os
import random
import re
import sys

from packaging.version import InvalidVersion, Version

ECOSYSTEMS = ["Go", "crates.io", "PyPI"]
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


class SemVer:
    """Strict SemVer 2.0 precedence (build metadata ignored)."""

    def __init__(self, text):
        match = SEMVER.match(text[1:] if text.startswith("v") else text)
        if not match:
            raise ValueError(f"not semver: {text}")
        self.core = tuple(int(part) for part in match.group(1, 2, 3))
        self.pre = match.group(4).split(".") if match.group(4) else []

    def key(self):
        # A release sorts after all its pre-releases; numeric identifiers sort before alphanumeric ones.
        pre = [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.pre]
        return (self.core, 1 if not self.pre else 0, pre)

    def __lt__(self, other):
        return self.key() < other.key()

    def __eq__(self, other):
        return self.key() == other.key()


def parse(ecosystem, text):
    if ecosystem == "PyPI":
        return Version(text)
    return SemVer(text)


def normalise(ecosystem, name):
    return re.sub(r"[-_.]+", "-", name).lower() if ecosystem == "PyPI" else name


def load(osv_dir):
    """Every record, keyed by (ecosystem, normalised name): list of (record, affected entry)."""
    index = {}
    for ecosystem in ECOSYSTEMS:
        folder = os.path.join(osv_dir, ecosystem)
        for file in sorted(os.listdir(folder)):
            if not file.endswith(".json"):
                continue
            with open(os.path.join(folder, file), encoding="utf-8") as handle:
                record = json.load(handle)
            for affected in record.get("affected") or []:
                package = affected.get("package") or {}
                if package.get("ecosystem") != ecosystem:
                    continue
                key = (ecosystem, normalise(ecosystem, package.get("name", "")))
                index.setdefault(key, []).append((record, affected))
    return index


def range_result(ecosystem, version, events):
    """(affected, lowest fix above version) for one range, or None when an event cannot be parsed."""
    parsed = []
    try:
        for event in events:
            for kind in ("introduced", "fixed", "last_affected", "limit"):
                if kind in event:
                    text = event[kind]
                    value = None if (kind, text) in (("introduced", "0"), ("limit", "*")) else parse(ecosystem, text)
                    parsed.append((kind, text, value))
    except (ValueError, InvalidVersion):
        return None

    # Walk order: `introduced: "0"` first, then the rest by version (stable); `limit: "*"` is no bound.
    middle = [p for p in parsed if p[2] is not None]
    middle.sort(key=lambda item: item[2].key() if isinstance(item[2], SemVer) else item[2])
    ordered = [p for p in parsed if p[2] is None and p[0] == "introduced"] + middle
    affected = False
    for kind, _, value in ordered:
        if kind == "introduced" and (value is None or not version < value):
            affected = True
        elif kind == "fixed" and not version < value:
            affected = False
        elif kind == "last_affected" and value < version:
            affected = False
    limits = [p for p in parsed if p[0] == "limit"]
    if affected and limits:
        affected = any(value is None or version < value for _, _, value in limits)
    if not affected:
        return (False, None)
    fixes = [(value, text) for kind, text, value in middle if kind == "fixed" and version < value]
    lowest = min(fixes, key=lambda fix: fix[0].key() if isinstance(fix[0], SemVer) else fix[0]) if fixes else None
    return (True, lowest[1] if lowest else None)


def hits(ecosystem, version_text, entries):
    """{record id: (record, set of fixes)} of the non-withdrawn records affecting the version."""
    try:
        version = parse(ecosystem, version_text)
    except (ValueError, InvalidVersion):
        return {}
    result = {}
    for record, affected in entries:
        if record.get("withdrawn"):
            continue
        listed = affected.get("versions") or []
        is_hit = version_text in listed
        for text in listed if not is_hit else []:
            try:
                if parse(ecosystem, text) == version:
                    is_hit = True
            except (ValueError, InvalidVersion):
                pass
        fixes = set()
        for rng in affected.get("ranges") or []:
            if rng.get("type") == "GIT":
                continue
            outcome = range_result(ecosystem, version, rng.get("events") or [])
            if outcome and outcome[0]:
                is_hit = True
                if outcome[1] and outcome[1] != "0":
                    fixes.add(outcome[1])
        if is_hit:
            _, known = result.setdefault(record["id"], (record, set()))
            known.update(fixes)
    return result


def preferred(ids):
    ordered = sorted(ids)
    for prefix in ("CVE-", "GHSA-"):
        for candidate in ordered:
            if candidate.startswith(prefix):
                return candidate
    return ordered[0]


def groups(found):
    """Alias groups: lists of (ids, fixes) merged when ID sets overlap."""
    merged = []
    for record, fixes in found.values():
        ids = {record["id"]} | set(record.get("aliases") or [])
        fixes = set(fixes)
        for other in [g for g in merged if g[0] & ids]:
            merged.remove(other)
            ids |= other[0]
            fixes |= other[1]
        merged.append((ids, fixes))
    return merged


def sort_versions(ecosystem, versions):
    def key(text):
        value = parse(ecosystem, text)
        return value.key() if isinstance(value, SemVer) else value

    return sorted(versions, key=key)


def expected(osv_dir, inventory):
    index = load(osv_dir)
    lines = set()
    for item in inventory:
        ecosystem, name, version = item["ecosystem"], item["name"], item["version"]
        found = hits(ecosystem, version, index.get((ecosystem, normalise(ecosystem, name)), []))
        for ids, fixes in groups(found):
            shown = preferred(ids)
            others = ",".join(sorted(ids - {shown})) or "-"
            fixed = ",".join(sort_versions(ecosystem, fixes)) or "-"
            lines.add(f"{ecosystem} {name} {version} {shown} {others} {fixed}")
    return sorted(lines)


def neighbours(ecosystem, text):
    """Versions around `text`: its patch successor and predecessor (SemVer); .post1, .dev0 and a respelling (PyPI)."""
    if ecosystem == "PyPI":
        try:
            release = Version(text)
        except InvalidVersion:
            return []
        if release.is_prerelease or release.is_postrelease or release.is_devrelease or release.local:
            return []
        # The same release spelled otherwise (`1.2` and `1.2.0` are equal under PEP 440).
        respelled = text[:-2] if text.endswith(".0") and text.count(".") > 1 else f"{text}.0"
        return [f"{text}.post1", f"{text}.dev0", f"{text}rc1", f"{text}+local.1", respelled]
    match = SEMVER.match(text)
    if not match or "-" in text or "+" in text:
        return []
    major, minor, patch = (int(part) for part in match.group(1, 2, 3))
    result = [f"{major}.{minor}.{patch + 1}", f"{text}-rc.1", f"{text}+build.5"]
    if ecosystem == "Go" and major >= 2:
        result.append(f"{text}+incompatible")
    if patch > 0:
        result.append(f"{major}.{minor}.{patch - 1}")
    return result


def valid(ecosystem, text):
    try:
        parse(ecosystem, text)
        return True
    except (ValueError, InvalidVersion):
        return False


def sample(seed, count, osv_dir):
    rng = random.Random(seed)
    index = load(osv_dir)
    inventory = []
    for ecosystem in ECOSYSTEMS:
        keys = sorted(k for k in index if k[0] == ecosystem and (ecosystem != "Go" or "/" in k[1]))
        withdrawn = [k for k in keys if any(r.get("withdrawn") for r, _ in index[k])]
        chosen = sorted(set(withdrawn[:10]) | set(rng.sample(keys, min(count, len(keys)))))
        for key in chosen:
            entries = index[key]
            name = entries[0][1]["package"]["name"]
            if ecosystem == "PyPI" and rng.random() < 0.2:
                name = name.upper().replace("-", "_") if rng.random() < 0.5 else name.replace("-", ".")
            candidates = set()
            for _, affected in entries:
                for rng_ in affected.get("ranges") or []:
                    if rng_.get("type") == "GIT":
                        continue
                    for event in rng_.get("events") or []:
                        for value in event.values():
                            if value not in ("0", "*"):
                                candidates.add(value)
                                candidates.update(neighbours(ecosystem, value))
                listed = affected.get("versions") or []
                candidates.update(rng.sample(listed, min(2, len(listed))))
            pool = sorted(v for v in candidates if valid(ecosystem, v))
            for version in rng.sample(pool, min(6, len(pool))):
                # go.mod spells module versions with a `v`; the Go records do not.
                written = "v" + version if ecosystem == "Go" else version
                inventory.append({"ecosystem": ecosystem, "name": name, "version": written})
    return inventory


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--sample":
        json.dump(sample(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]), sys.stdout, indent=1)
        print()
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for line in expected(sys.argv[1], json.load(sys.stdin)):
        print(line)


if __name__ == "__main__":
    main()
