#!/usr/bin/python3
"""Independent oracle for AlmaLinux matching: which AlmaLinux advisories apply to an image.

Reads a `docker save` tarball with Python's tarfile, takes the final `etc/os-release` and
`var/lib/rpm/rpmdb.sqlite` from the merged layers, lists the installed packages with rpm's own
Python bindings (python3-rpm reading the SQLite database), loads the OSV records in OSV_DIR and
compares versions with `rpm.labelCompare`. Prints one line per (package, advisory):
`NAME VERSION ID FIXED[,FIXED...]`, sorted, where VERSION is `[EPOCH:]VERSION-RELEASE`.

It shares no code with Drydock; the data interpretation rules are the documented ones
(docs/distributions.md):
- an affected entry applies when its ecosystem is `AlmaLinux:MAJOR` of the image's VERSION_ID and its
  package name is the installed binary package's name;
- a version is affected when an ECOSYSTEM range holds it: introduced <= installed < fixed (labelCompare);
- module streams: an entry whose versions are module builds (`.module_el`/`.module+el` in the release)
  belongs to the `name:stream` words of the record's summary ("nodejs:18 security update"); it applies
  only to an installed package whose MODULARITYLABEL starts with one of those streams. When the summary
  names none, or the package has no label, a module entry applies only to module builds and a plain
  entry only to plain builds; a plain entry never applies to a labelled package; an entry with no
  version but `introduced: 0` applies to both.

usage: alma_expected.py IMAGE_TAR OSV_DIR          (advisories)
       alma_expected.py --packages IMAGE_TAR        (installed packages: `NAME VERSION`)
"""
import json
import os
import sys

import rpm
import image_layers
import rpm_image
from rpm_image import split_evr

WANTED = {"etc/os-release", "var/lib/rpm/rpmdb.sqlite"}


def merged_files(image_path):
    return image_layers.merged_files(image_path, WANTED)


def installed_packages(database_bytes):
    return [package[:5] for package in rpm_image.installed_packages(database_bytes)]


def full_version(epoch, version, release):
    return f"{epoch}:{version}-{release}" if epoch != "0" else f"{version}-{release}"


def is_module_build(text):
    release = text.rpartition("-")[2]
    return ".module_" in release or ".module+" in release


def summary_streams(summary):
    streams = []
    for word in (summary or "").split():
        word = word.strip(",;()")
        if word.endswith(":"):
            continue
        word = word.split("/")[0]
        parts = word.split(":")
        if len(parts) != 2 or not all(parts):
            continue
        name, stream = parts
        if "-" in name and name.split("-", 1)[0].isupper() and name.split("-", 1)[1].isdigit():
            continue
        if all(c.isalnum() or c in "_.+-" for c in word.replace(":", "")) and word not in streams:
            streams.append(word)
    return streams


def os_release_major(text):
    for line in text.decode("utf-8", "replace").splitlines():
        if line.startswith("VERSION_ID="):
            return line.split("=", 1)[1].strip().strip('"').split(".")[0]
    raise SystemExit("alma_expected.py: no VERSION_ID in etc/os-release")


def main():
    if sys.argv[1] == "--packages":
        files = merged_files(sys.argv[2])
        for name, epoch, version, release, _ in sorted(installed_packages(files["var/lib/rpm/rpmdb.sqlite"])):
            print(f"{name} {full_version(epoch, version, release)}")
        return
    image, osv_dir = sys.argv[1], sys.argv[2]
    files = merged_files(image)
    ecosystem = "AlmaLinux:" + os_release_major(files["etc/os-release"])
    installed = installed_packages(files["var/lib/rpm/rpmdb.sqlite"])
    by_name = {}
    for name in sorted(os.listdir(osv_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(osv_dir, name)) as handle:
            record = json.load(handle)
        if record.get("withdrawn"):
            continue
        for affected in record.get("affected", []):
            package = affected.get("package", {})
            if package.get("ecosystem") != ecosystem:
                continue
            by_name.setdefault(package.get("name"), []).append(
                (record["id"], affected, summary_streams(record.get("summary"))))
    lines = set()
    for name, epoch, version, release, label in installed:
        evr = (epoch, version, release)
        label_stream = ":".join(label.split(":")[:2]) if label.count(":") >= 1 else ""
        fixes = {}
        for advisory_id, affected, streams in by_name.get(name, []):
            judged = [event_value for r in affected.get("ranges", []) for event in r.get("events", [])
                      for event_value in event.values() if event_value != "0"] + affected.get("versions", [])
            module_entry = any(map(is_module_build, judged))
            if module_entry and streams:
                if label_stream not in streams:
                    continue
            elif label_stream and judged and not module_entry:
                continue
            elif judged and module_entry != is_module_build(full_version(*evr)):
                continue
            for version_range in affected.get("ranges", []):
                if version_range.get("type") != "ECOSYSTEM":
                    continue
                introduced, fixed = None, None
                for event in version_range.get("events", []):
                    if "introduced" in event:
                        introduced = event["introduced"]
                    if "fixed" in event:
                        fixed = event["fixed"]
                if introduced is None:
                    continue
                if introduced != "0" and rpm.labelCompare(evr, split_evr(introduced)) < 0:
                    continue
                if fixed is not None and rpm.labelCompare(evr, split_evr(fixed)) >= 0:
                    continue
                fixes.setdefault(advisory_id, set())
                if fixed is not None:
                    fixes[advisory_id].add(fixed)
        for advisory_id, fixed_versions in fixes.items():
            ordered = sorted(fixed_versions, key=rpm_image.VersionKey)
            lines.add(f"{name} {full_version(*evr)} {advisory_id} {','.join(ordered)}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
