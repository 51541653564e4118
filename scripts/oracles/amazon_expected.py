#!/usr/bin/python3
"""Independent oracle for Amazon Linux matching: which ALAS updates apply to an image.

Reads a `docker save` tarball with Python's tarfile (image_layers.py), takes the final `etc/os-release` and
`var/lib/rpm/rpmdb.sqlite` (python3-rpm lists the packages), reads every `updateinfo.xml[.gz]` under UPDATEINFO_DIR
with Python's gzip and ElementTree, and compares versions with `rpm.labelCompare`. Prints one line per
(package, CVE): `NAME VERSION CVE fixed SEVERITY FIXED[,FIXED...]`, sorted.

It shares no code with Drydock; the rules are the documented ones (docs/distributions.md, "Amazon Linux"):
- only `type="security"` updates count; the release comes from the ID: `ALAS-` is Amazon Linux 1, `ALAS2023…` 2023,
  `ALAS2022…` 2022, other `ALAS2…` (core, extras, livepatch) 2; the image's release from VERSION_ID (`2`, `2023`,
  `2023.3.20240131` -> 2023, `2018.03` -> 1);
- every `cve` reference is a vulnerability; every binary package of the update's collections is fixed in its
  `[EPOCH:]VERSION-RELEASE` (the highest over updates per CVE, package and version line);
- a package of an Amazon Linux 2 extra (collection `…---kernel-5.15`, `---php8.2`) whose version is on the extra's
  version line (`5.15.43` on `5.15`) is affected only from that line on (`5.15-0`);
- severity: low, medium, important, critical -> LOW, MEDIUM, HIGH, CRITICAL.

usage: amazon_expected.py IMAGE_TAR UPDATEINFO_DIR
"""
import gzip
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import rpm
import image_layers
import rpm_image
from rpm_image import split_evr

WANTED = {"etc/os-release", "var/lib/rpm/rpmdb.sqlite"}
SEVERITY = {"low": "LOW", "medium": "MEDIUM", "moderate": "MEDIUM", "important": "HIGH", "critical": "CRITICAL"}


def image_release(text):
    version = rpm_image.os_release(text).get("VERSION_ID")
    if not version:
        raise SystemExit("amazon_expected.py: no VERSION_ID")
    major = version.split(".")[0]
    return major if major in ("2", "2022", "2023") else "1"


def update_release(update_id):
    rest = update_id[len("ALAS"):]
    for release in ("2023", "2022"):
        if rest.startswith(release):
            return release
    return "2" if rest.startswith("2") else "1"


def fixes(folder, release):
    rows = {}
    for directory, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            path = os.path.join(directory, name)
            opener = gzip.open if name.endswith(".gz") else open
            if not (name.endswith(".xml") or name.endswith(".xml.gz")):
                continue
            with opener(path, "rb") as handle:
                root = ElementTree.parse(handle).getroot()
            for update in root.iter("update"):
                update_id = update.findtext("id", "").strip()
                if update.get("type") != "security" or not update_id.startswith("ALAS"):
                    continue
                if update_release(update_id) != release:
                    continue
                severity = SEVERITY.get((update.findtext("severity") or "").strip().lower(), "UNKNOWN")
                cves = [r.get("id") for r in update.iter("reference") if r.get("type") == "cve"]
                for collection in update.iter("collection"):
                    short = collection.get("short") or ""
                    line = None
                    if "---" in short:
                        match = re.search(r"(\d+(?:\.\d+)*)\.?$", short.split("---", 1)[1])
                        line = match.group(1) if match else None
                    for package in collection.iter("package"):
                        if package.get("arch") in ("src", "nosrc"):
                            continue
                        epoch = package.get("epoch") or "0"
                        version, release_text = package.get("version"), package.get("release")
                        fixed = (f"{epoch}:" if epoch != "0" else "") + f"{version}-{release_text}"
                        start = None
                        if line and version.split(".")[:len(line.split("."))] == line.split("."):
                            start = line
                        for cve in cves:
                            # Core and extra fixes of one package stay apart: each applies on its own line.
                            key = (cve, package.get("name"), start)
                            old = rows.get(key)
                            if old is None or rpm.labelCompare(split_evr(fixed), split_evr(old[0])) > 0:
                                rows[key] = (fixed, severity)
    return rows


def main():
    image, folder = sys.argv[1], sys.argv[2]
    files = image_layers.merged_files(image, WANTED)
    rows = fixes(folder, image_release(files["etc/os-release"]))
    lines = []
    for name, epoch, version, release, _, _ in rpm_image.installed_packages(files["var/lib/rpm/rpmdb.sqlite"]):
        installed = (epoch, version, release)
        shown = rpm_image.show(epoch, version, release)
        found = {}
        for (cve, package_name, start), (fixed, severity) in sorted(rows.items(), key=lambda item: str(item[0])):
            if package_name != name:
                continue
            if start is not None and rpm.labelCompare(installed, ("0", start, "0")) < 0:
                continue
            if rpm.labelCompare(installed, split_evr(fixed)) < 0:
                entry = found.setdefault(cve, ([], severity))
                entry[0].append(fixed)
        for cve, (fixed_versions, severity) in found.items():
            lines.append(f"{name} {shown} {cve} fixed {severity} {','.join(sorted(set(fixed_versions)))}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
