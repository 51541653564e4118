#!/usr/bin/env python3
"""Independent oracle for Ubuntu matching against Canonical's OSV records.

Reads a `docker save` tarball (image_layers), takes the final `var/lib/dpkg/status` and `etc/os-release`,
loads the OSV records under OSV_DIR and compares versions with `dpkg --compare-versions` (Debian's dpkg).
Prints one line per (binary package, vulnerability): `NAME VERSION ID FIXED[,FIXED...] STATUS SEVERITY`,
sorted; FIXED is `-` when no fix applies.

It shares no code with Drydock; the interpretation rules are the documented ones (docs/distributions.md):
- a binary package matches by its source package (`Source:`, else its own name) and the source version
  (`Source: name (version)`, else its version);
- the release's ecosystems are `Ubuntu:YY.MM:LTS` and `Ubuntu:YY.MM` (plus `Ubuntu:Pro:YY.MM:LTS` with
  `--pro`);
- affected: listed in `versions`, or inside an ECOSYSTEM range (introduced <= v < fixed);
- `UBUNTU-CVE-…` records report as `CVE-…`; a `USN-…` record that lists CVE records in `upstream` or
  `related` repeats their fixes and is not reported itself;
- SEVERITY: Ubuntu's priority (top-level `severity` of type `Ubuntu`, else `ecosystem_specific.ubuntu_priority`),
  `negligible` as LOW.

usage: ubuntu_expected.py IMAGE_TAR OSV_DIR [--pro]
"""
import functools
import json
import os
import re
import subprocess
import sys

import image_layers


@functools.lru_cache(maxsize=None)
def less(a, b):
    return subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0


def packages(status):
    result = []
    for stanza in status.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if ":" in line and not line.startswith(" "):
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if "Package" not in fields or "Version" not in fields:
            continue
        if "installed" not in fields.get("Status", "install ok installed"):
            continue
        source, source_version = fields["Package"], fields["Version"]
        if "Source" in fields:
            match = re.match(r"^(\S+)(?:\s+\((.+)\))?$", fields["Source"])
            source = match.group(1)
            if match.group(2):
                source_version = match.group(2)
        result.append((fields["Package"], fields["Version"], source, source_version))
    return result


PRIORITY = {"negligible": "LOW", "low": "LOW", "medium": "MEDIUM", "high": "HIGH", "critical": "CRITICAL"}


def main():
    image, directory = sys.argv[1], sys.argv[2]
    pro = "--pro" in sys.argv[3:]
    files = image_layers.merged_files(image, {"var/lib/dpkg/status", "etc/os-release"})
    release = re.search(r'VERSION_ID="?([0-9.]+)', files["etc/os-release"].decode()).group(1)
    ecosystems = {f"Ubuntu:{release}:LTS", f"Ubuntu:{release}"}
    if pro:
        ecosystems.add(f"Ubuntu:Pro:{release}:LTS")
    installed = packages(files["var/lib/dpkg/status"].decode())
    lines = {}
    for root, _, names in os.walk(directory):
        for file_name in sorted(names):
            if not file_name.endswith(".json"):
                continue
            record = json.load(open(os.path.join(root, file_name)))
            identifier = record["id"]
            linked = record.get("upstream", []) + record.get("related", [])
            if identifier.startswith("USN-") and any(x.startswith(("UBUNTU-CVE-", "CVE-")) for x in linked):
                continue
            shown = identifier[len("UBUNTU-"):] if identifier.startswith("UBUNTU-CVE-") else identifier
            rating = next((s["score"] for s in record.get("severity", []) if s.get("type") == "Ubuntu"), None)
            for affected in record.get("affected", []):
                package = affected.get("package", {})
                if package.get("ecosystem") not in ecosystems:
                    continue
                priority = rating or affected.get("ecosystem_specific", {}).get("ubuntu_priority")
                severity = PRIORITY.get((priority or "").lower(), "UNKNOWN")
                for name, version, source, source_version in installed:
                    if source != package.get("name"):
                        continue
                    hit, fixes = source_version in affected.get("versions", []), set()
                    for version_range in affected.get("ranges", []):
                        if version_range.get("type") != "ECOSYSTEM":
                            continue
                        introduced, fixed = None, None
                        for event in version_range.get("events", []):
                            introduced = event.get("introduced", introduced)
                            fixed = event.get("fixed", fixed)
                        if introduced is None or (introduced != "0" and less(source_version, introduced)):
                            continue
                        if fixed is not None and not less(source_version, fixed):
                            continue
                        hit = True
                        if fixed is not None:
                            fixes.add(fixed)
                    if hit:
                        key = (name, version, shown)
                        entry = lines.setdefault(key, [set(), severity])
                        entry[0] |= fixes
    for (name, version, shown), (fixes, severity) in sorted(lines.items()):
        ordered = sorted(fixes, key=functools.cmp_to_key(lambda a, b: -1 if less(a, b) else (1 if less(b, a) else 0)))
        status = "fixed" if ordered else "affected"
        print(f"{name} {version} {shown} {','.join(ordered) or '-'} {status} {severity}")


if __name__ == "__main__":
    main()
