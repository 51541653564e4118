#!/usr/bin/env python3
"""Independent oracle for Wolfi matching against wolfi-dev/advisories documents.

Reads a `docker save` tarball (image_layers), takes the final `lib/apk/db/installed`, loads every
`*.advisories.yaml` under ADVISORY_DIR with PyYAML and compares versions with `univers`
(AlpineLinuxVersion, apk's rules). Prints one line per (package, vulnerability):
`NAME VERSION ID FIXED STATUS`, sorted; FIXED is `-` when no fix applies.

It shares no code with Drydock; the interpretation rules are the documented ones (docs/distributions.md):
- a package matches the document named after its origin (`o:`, else its name);
- an advisory's state is its latest event by timestamp (the later listed on a tie): `fixed` affects
  versions below `fixed-version`; `false-positive-determination` affects nothing; `true-positive-determination`
  (affected), `pending-upstream-fix` (fix_deferred), `fix-not-planned` and `analysis-not-planned`
  (will_not_fix), `detection` (under_investigation) affect every version;
- advisories of one package sharing an ID (their `CGA-` ID or an alias) are one vulnerability, shown by its
  first CVE in sorted order, else GHSA, else the smallest ID; when several apply, a fix wins over no fix,
  and without a fix the most actionable state: `affected`, then `under_investigation`, `fix_deferred`,
  `will_not_fix`, `end_of_life`.

usage: wolfi_expected.py IMAGE_TAR ADVISORY_DIR
"""
import datetime
import os
import sys

import yaml
from univers.versions import AlpineLinuxVersion

import image_layers
import package_dbs

OPEN = {"true-positive-determination": "affected", "pending-upstream-fix": "fix_deferred",
        "fix-not-planned": "will_not_fix", "analysis-not-planned": "will_not_fix", "detection": "under_investigation"}
RANK = ["affected", "under_investigation", "fix_deferred", "will_not_fix", "end_of_life"]


def installed(text):
    return package_dbs.apk_installed(text)


def timestamp(value):
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
    return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def latest(events):
    best = None
    for event in events or []:
        time = timestamp(event.get("timestamp"))
        if best is None or time >= best[0]:
            best = (time, event)
    return best[1] if best else None


def shown(ids):
    ordered = sorted(ids)
    return next((i for i in ordered if i.startswith("CVE-")), None) or \
        next((i for i in ordered if i.startswith("GHSA-")), None) or ordered[0]


def main():
    image, directory = sys.argv[1], sys.argv[2]
    files = image_layers.merged_files(image, {"lib/apk/db/installed"})
    packages = installed(files["lib/apk/db/installed"].decode())
    origins = {origin for _, _, origin in packages}
    documents = {}
    for file_name in sorted(os.listdir(directory)):
        if not file_name.endswith(".advisories.yaml"):
            continue
        document = yaml.safe_load(open(os.path.join(directory, file_name)))
        name = document["package"]["name"]
        if name in origins:
            documents[name] = document
    lines = set()
    for name, version, origin in packages:
        document = documents.get(origin)
        if not document:
            continue
        hits = []  # (ids, fixed or None, status)
        for advisory in document.get("advisories") or []:
            event = latest(advisory.get("events"))
            if event is None:
                continue
            ids = {advisory["id"]} | set(advisory.get("aliases") or [])
            kind = event.get("type")
            if kind == "fixed":
                fixed = str(event["data"]["fixed-version"])
                if AlpineLinuxVersion(version) < AlpineLinuxVersion(fixed):
                    hits.append((ids, fixed, "fixed"))
            elif kind in OPEN:
                hits.append((ids, None, OPEN[kind]))
        groups = []
        for ids, fixed, status in hits:
            merged = [g for g in groups if g[0] & ids]
            group = [set(ids), [], []]
            for other in merged:
                groups.remove(other)
                group[0] |= other[0]
                group[1] += other[1]
                group[2] += other[2]
            if fixed:
                group[1].append(fixed)
            group[2].append(status)
            groups.append(group)
        for ids, fixes, statuses in groups:
            fixes = sorted(set(fixes), key=AlpineLinuxVersion)
            status = "fixed" if fixes else next(s for s in RANK if s in statuses)
            lines.add(f"{name} {version} {shown(ids)} {','.join(fixes) or '-'} {status}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
