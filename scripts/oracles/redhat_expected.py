#!/usr/bin/python3
"""Independent oracle for Red Hat matching: which Red Hat CSAF statements apply to an image.

Reads a `docker save` tarball with Python's tarfile (image_layers.py), takes the final `etc/os-release` and
`var/lib/rpm/rpmdb.sqlite`, lists the installed packages with python3-rpm, reads every Red Hat CSAF document
(`.json`, or `.json.xz` through Python's lzma) under CSAF_DIR with Python's json, and compares versions with
`rpm.labelCompare`. Prints one line per (package, CVE):
`NAME VERSION CVE STATUS SEVERITY FIXED[,FIXED...]` (FIXED `-` when there is none), sorted, where VERSION is
`[EPOCH:]VERSION-RELEASE`.

It shares no code with Drydock; the rules are the documented ones (docs/distributions.md, "Red Hat"):
- a statement belongs to the namespace its platform product's CPE names: `cpe:/o:redhat:enterprise_linux:9::baseos`
  is `enterprise_linux:9::baseos`; only `enterprise_linux` CPEs count (not EUS, ELS or layered products);
- an image of RHEL/CentOS N.M is checked against, in order, `N::baseos`, `N::appstream`, `N::crb` and `N` for
  N = 8 or 9, `N::server` and `N` for N <= 7, `N.M` and `N` for N >= 10;
- the component is read from its `pkg:rpm` purl (name, version, `epoch`, `arch`, `rpmmod` = module
  `name:stream[:version:context]`), else from its product ID `NAME-[EPOCH:]VERSION-RELEASE.ARCH[::MODULE:STREAM]`;
- fixes (`fixed`, `first_fixed`, `recommended`) of source packages are ignored; per (CVE, namespace, package,
  module) the highest fix counts; a package below it is affected, with that fix;
- `known_affected` is `affected`, or per its remediation: "Will not fix" -> `will_not_fix`, "Out of support
  scope" -> `end_of_life`, "Fix deferred" -> `fix_deferred`, `under_investigation` -> `under_investigation`;
  `known_not_affected` never applies; a source package's unfixed statement applies to every binary whose
  SOURCERPM has that name; of several unfixed states for one row the most actionable counts;
- module streams: an installed package with a MODULARITYLABEL matches only statements of its `name:stream`; a
  package without one only statements without a module;
- per (package, CVE): status `fixed` when any applicable fix is above the installed version, else the most
  actionable of the applicable unfixed states (as for one row); severity is Red Hat's impact of the first
  applicable statement in namespace order, binary name before source name (Low, Moderate, Important,
  Critical -> LOW, MEDIUM, HIGH, CRITICAL).

usage: redhat_expected.py IMAGE_TAR CSAF_DIR
"""
import json
import lzma
import os
import re
import sys
import urllib.parse

import rpm
import image_layers
import rpm_image
from rpm_image import show, split_evr

WANTED = {"etc/os-release", "var/lib/rpm/rpmdb.sqlite"}
SEVERITY = {"low": "LOW", "moderate": "MEDIUM", "important": "HIGH", "critical": "CRITICAL"}
RANK = {"affected": 1, "under_investigation": 2, "fix_deferred": 3, "will_not_fix": 4, "end_of_life": 5}
ARCHES = {"noarch", "src", "nosrc", "x86_64", "i386", "i486", "i586", "i686", "athlon", "aarch64", "ppc", "ppc64",
          "ppc64le", "ppc64p7", "s390", "s390x", "ia64", "armv7hl", "armv6hl", "armhfp", "riscv64", "loongarch64"}


def os_release(text):
    return rpm_image.os_release(text).get("VERSION_ID", "")


def namespaces(version):
    parts = version.split(".")
    major = int(parts[0])
    if major >= 10:
        return ([f"enterprise_linux:{major}.{parts[1]}"] if len(parts) > 1 else []) + [f"enterprise_linux:{major}"]
    repositories = ["baseos", "appstream", "crb"] if major >= 8 else ["server"]
    return [f"enterprise_linux:{major}::{r}" for r in repositories] + [f"enterprise_linux:{major}"]


def cpe_namespace(cpe):
    match = re.fullmatch(r"cpe:/[oa]:redhat:(enterprise_linux:[0-9][0-9.]*(?:::[^:]+)?)", cpe or "")
    return match.group(1) if match else None


def stream(label):
    parts = (label or "").split(":")
    return f"{parts[0]}:{parts[1]}" if len(parts) >= 2 and parts[0] and parts[1] else None


def component(product, product_id):
    purl = ((product or {}).get("product_identification_helper") or {}).get("purl")
    if purl:
        if not purl.startswith("pkg:rpm/"):
            return None
        body, _, query = purl[len("pkg:rpm/"):].partition("?")
        qualifiers = dict(urllib.parse.parse_qsl(query))
        path, _, version = body.partition("@")
        name = urllib.parse.unquote(path.rsplit("/", 1)[-1])
        version = urllib.parse.unquote(version) or None
        epoch = qualifiers.get("epoch", "0")
        evr = None if version is None else show(epoch, *version.rsplit("-", 1))
        return name, evr, qualifiers.get("arch"), stream(qualifiers.get("rpmmod"))
    text, _, module = product_id.partition("::")
    if text.endswith(".rpm"):
        text = text[:-4]
    arch = None
    head, dot, tail = text.rpartition(".")
    if dot and tail in ARCHES:
        text, arch = head, tail
    match = re.fullmatch(r"(.+)-(?:(\d+):)?(\d[^-]*)-([^-]+)", text)
    if match:
        return match.group(1), show(match.group(2) or "0", match.group(3), match.group(4)), arch, stream(module)
    return text, None, arch, stream(module)


def unfixed_state(remediations):
    for remediation in remediations:
        if remediation.get("category") not in ("no_fix_planned", "none_available"):
            continue
        details = (remediation.get("details") or "").strip().lower()
        states = {"will not fix": "will_not_fix", "out of support scope": "end_of_life",
                  "fix deferred": "fix_deferred", "under investigation": "under_investigation", "affected": "affected"}
        if details in states:
            return states[details]
        return "will_not_fix" if remediation["category"] == "no_fix_planned" else "affected"
    return "affected"


def load(path):
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rb") as handle:
        return json.load(handle)


def statements(csaf_dir, wanted):
    """(cve, namespace, name, module) -> {"fix": evr or None, "state": ..., "severity": ...}"""
    rows = {}
    for folder, _, names in sorted(os.walk(csaf_dir)):
        for file_name in sorted(names):
            if not (file_name.endswith(".json") or file_name.endswith(".json.xz")):
                continue
            document = load(os.path.join(folder, file_name))
            if not (document.get("document", {}).get("publisher", {}).get("namespace", "")).startswith(
                    "https://www.redhat.com"):
                continue
            products = {}

            def walk(branches):
                for branch in branches or []:
                    if branch.get("product"):
                        products[branch["product"]["product_id"]] = branch["product"]
                    walk(branch.get("branches"))

            walk(document.get("product_tree", {}).get("branches"))
            relations = {r["full_product_name"]["product_id"]: (r["relates_to_product_reference"], r["product_reference"])
                         for r in document.get("product_tree", {}).get("relationships", [])}
            aggregate = (document["document"].get("aggregate_severity") or {}).get("text")
            for vulnerability in document.get("vulnerabilities", []):
                cve = vulnerability.get("cve")
                if not cve:
                    continue
                impacts = [t for t in vulnerability.get("threats", []) if t.get("category") == "impact"]
                for status, ids in sorted(vulnerability.get("product_status", {}).items()):
                    for product_id in ids:
                        if product_id not in relations:
                            continue
                        platform, component_id = relations[product_id]
                        namespace = cpe_namespace(((products.get(platform) or {}).get(
                            "product_identification_helper") or {}).get("cpe"))
                        if namespace not in wanted:
                            continue
                        parsed = component(products.get(component_id), component_id)
                        if parsed is None:
                            continue
                        name, evr, arch, module = parsed
                        source = arch in ("src", "nosrc")
                        rating = next((t["details"] for t in impacts if product_id in (t.get("product_ids") or [])),
                                      None) or next((t["details"] for t in impacts if "product_ids" not in t),
                                                    None) or aggregate
                        key = (cve, namespace, name + ".src" if source else name, module)
                        row = rows.setdefault(key, {"fix": None, "state": None, "severity": None, "exact": set()})
                        if status in ("fixed", "first_fixed", "recommended"):
                            if source or evr is None:
                                continue
                            if row["fix"] is None or rpm.labelCompare(split_evr(evr), split_evr(row["fix"])) > 0:
                                row["fix"], row["severity"] = evr, rating
                            elif rpm.labelCompare(split_evr(evr), split_evr(row["fix"])) == 0 and not row["severity"]:
                                row["severity"] = rating
                        elif status == "known_not_affected":
                            continue
                        else:
                            remediations = [r for r in vulnerability.get("remediations", [])
                                            if product_id in r.get("product_ids", [])]
                            state = "under_investigation" if status == "under_investigation" else unfixed_state(
                                remediations)
                            if row["state"] is None or RANK[state] < RANK[row["state"]]:
                                row["state"] = state
                                if row["fix"] is None:
                                    row["severity"] = rating or row["severity"]
                            if evr is not None:
                                row["exact"].add(evr)
    return {key: row for key, row in rows.items() if row["fix"] or row["state"]}


def main():
    image, csaf_dir = sys.argv[1], sys.argv[2]
    files = image_layers.merged_files(image, WANTED)
    order = namespaces(os_release(files["etc/os-release"]))
    rows = statements(csaf_dir, set(order))
    by_name = {}
    for key, row in rows.items():
        by_name.setdefault((key[1], key[2]), []).append((key, row))
    lines = set()
    for name, epoch, version, release, label, source_name in rpm_image.installed_packages(files["var/lib/rpm/rpmdb.sqlite"]):
        installed = (epoch, version, release)
        label_stream = stream(label)
        found = {}
        for namespace in order:
            for lookup in (name, source_name + ".src"):
                for key, row in sorted(by_name.get((namespace, lookup), []), key=lambda item: item[0]):
                    if key[3] != label_stream:
                        continue
                    if row["fix"] is not None:
                        if rpm.labelCompare(installed, split_evr(row["fix"])) >= 0:
                            continue
                    elif row["exact"] and show(*installed) not in row["exact"]:
                        continue
                    entry = found.setdefault(key[0], {"fixes": set(), "states": [], "severity": None})
                    if row["fix"] is not None:
                        entry["fixes"].add(row["fix"])
                    else:
                        entry["states"].append(row["state"])
                    if entry["severity"] is None and row["severity"]:
                        entry["severity"] = row["severity"]
        for cve, entry in found.items():
            fixes = sorted(entry["fixes"], key=rpm_image.VersionKey)
            status = "fixed" if fixes else min(entry["states"], key=RANK.get)
            severity = SEVERITY.get((entry["severity"] or "").lower(), "UNKNOWN")
            lines.add(f"{name} {show(*installed)} {cve} {status} {severity} {','.join(fixes) or '-'}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
