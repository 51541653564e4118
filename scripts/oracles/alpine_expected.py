#!/usr/bin/env python3
"""Independent oracle for Alpine matching: what advisories apply to an Alpine image.

Reads a `docker save` tarball (plain or gzip) with Python's tarfile, takes the final
`lib/apk/db/installed` and Alpine release from the merged layers, loads the Alpine secdb
files for that release and compares versions with `univers` (AlpineLinuxVersion). Prints one
line per (package, vulnerability): `NAME VERSION ID FIXED[,FIXED...]`, sorted.

It shares no code with Drydock; only the data interpretation rules are the documented ones:
a package matches by its origin name; it is affected by an ID listed under fixed version F
when installed < F; an entry like "CVE-2016-6258 XSA-182" names one vulnerability, reported
by its CVE.

usage: alpine_expected.py IMAGE_TAR SECDB_DIR      (vulnerabilities)
       alpine_expected.py --packages IMAGE_TAR      (installed packages: `NAME VERSION`)
"""
import json
import os
import re
import sys

from univers.versions import AlpineLinuxVersion
import image_layers
import package_dbs


def merged_files(image_path, wanted):
    files = image_layers.merged_files(image_path, wanted)
    return {name: data.decode("utf-8", "replace") for name, data in files.items()}


def packages(text):
    return package_dbs.apk_installed(text)


def vulnerability_id(entry):
    match = re.search(r"CVE-\d{4}-\d+", entry)
    if match:
        return match.group(0)
    tokens = entry.split()
    return tokens[0] if tokens else None


def main():
    if sys.argv[1] == "--packages":
        files = merged_files(sys.argv[2], {"lib/apk/db/installed"})
        for name, version, _ in sorted(packages(files["lib/apk/db/installed"])):
            print(f"{name} {version}")
        return
    image, secdb_dir = sys.argv[1], sys.argv[2]
    files = merged_files(image, {"lib/apk/db/installed", "etc/alpine-release"})
    release = ".".join(files["etc/alpine-release"].strip().split(".")[:2])
    secfixes = {}
    release_dir = os.path.join(secdb_dir, "v" + release)
    for name in sorted(os.listdir(release_dir)):
        with open(os.path.join(release_dir, name)) as handle:
            data = json.load(handle)
        for entry in data.get("packages") or []:
            pkg = entry["pkg"]
            for fixed, ids in (pkg.get("secfixes") or {}).items():
                for raw in ids or []:
                    vid = vulnerability_id(raw)
                    if vid:
                        secfixes.setdefault(pkg["name"], []).append((fixed, vid))
    lines = set()
    for name, version, origin in packages(files["lib/apk/db/installed"]):
        hits = {}
        for fixed, vid in secfixes.get(origin, []):
            if AlpineLinuxVersion(version) < AlpineLinuxVersion(fixed):
                hits.setdefault(vid, set()).add(fixed)
        for vid, fixes in hits.items():
            ordered = sorted(fixes, key=AlpineLinuxVersion)
            lines.add(f"{name} {version} {vid} {','.join(ordered)}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
