#!/usr/bin/python3
"""Independent oracle for SUSE matching: which SUSE CSAF, CSAF VEX and CVRF statements apply to an image.

Reads a `docker save` tarball with Python's tarfile (image_layers.py), takes the final `etc/os-release` and
`var/lib/rpm/rpmdb.sqlite` (python3-rpm lists the packages), reads SUSE's CSAF JSON with Python's json and CVRF
1.2 XML with ElementTree, and compares versions with `rpm.labelCompare`. Prints one line per (package, CVE):
`NAME VERSION CVE STATUS SEVERITY FIXED` (FIXED `-` when there is none), sorted.

It shares no code with Drydock; the rules are the documented ones (docs/distributions.md, "SUSE"):
- a statement's product `PRODUCT:PACKAGE` belongs to the namespace of PRODUCT: `SUSE X` -> `SUSE:X` for SLES
  (`SUSE Linux Enterprise Server <digit>…`, LTSS included), SLE Micro, SUSE Linux Micro and the SLE modules;
  `openSUSE Leap X` (not Leap Micro) and `openSUSE Tumbleweed` -> `openSUSE:…`; other products are ignored;
- an image is checked against: SLES N.M -> `Linux Enterprise Server N SPm`, its `-LTSS`, and for N >= 15 the
  SLE modules of `N SPm` an image may hold (Basesystem, Server Applications, Containers, Desktop Applications,
  Development Tools, Legacy, Public Cloud, Python 3, Web and Scripting); SLE Micro X -> `Linux Enterprise
  Micro X` (and `Linux Micro X` from 6); Leap X -> `Leap X`, `Leap X NonFree`; Tumbleweed -> `Tumbleweed`;
- PACKAGE is `NAME-VERSION-RELEASE[.ARCH]` (a bare NAME for unfixed and not-affected statements);
- `fixed`, `recommended` (CVRF `Fixed`, `Recommended`) are fixes, the highest per (CVE, namespace, package);
  `known_affected` is `affected` (`will_not_fix` for a `no_fix_planned` remediation); not-affected never applies;
- per (package, CVE): `fixed` when any applicable fix is above the installed version, else the most actionable
  applicable state (`affected` before `will_not_fix`);
- severity is SUSE's impact (low, moderate, important, critical -> LOW, MEDIUM, HIGH, CRITICAL).

usage: suse_expected.py IMAGE_TAR SOURCE_DIR...
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import rpm
import image_layers
import rpm_image
from rpm_image import split_evr

WANTED = {"etc/os-release", "var/lib/rpm/rpmdb.sqlite"}
SEVERITY = {"low": "LOW", "moderate": "MEDIUM", "important": "HIGH", "critical": "CRITICAL"}
ARCHES = {"noarch", "src", "nosrc", "x86_64", "i386", "i486", "i586", "i686", "aarch64", "ppc", "ppc64", "ppc64le",
          "s390", "s390x", "ia64", "armv7hl", "riscv64"}
SLE_MODULES = ["Basesystem", "Server Applications", "Containers", "Desktop Applications", "Development Tools",
               "Legacy", "Public Cloud", "Python 3", "Web and Scripting"]
CVRF_STATUS = {"Fixed": "fixed", "First Fixed": "fixed", "Recommended": "fixed", "Known Affected": "known_affected",
               "Known Not Affected": "known_not_affected"}


def os_release(text):
    values = rpm_image.os_release(text)
    return values.get("ID", ""), values.get("VERSION_ID", "")


def namespaces(os_id, version):
    if os_id == "sles":
        major, _, minor = version.partition(".")
        product = f"{major} SP{minor}" if minor and minor != "0" else major
        names = [f"SUSE:Linux Enterprise Server {product}", f"SUSE:Linux Enterprise Server {product}-LTSS"]
        if int(major) >= 15:
            names += [f"SUSE:Linux Enterprise Module for {module} {product}" for module in SLE_MODULES]
        return names
    if os_id.startswith("sle-micro") or os_id == "sl-micro":
        names = [f"SUSE:Linux Enterprise Micro {version}"]
        return names + ([f"SUSE:Linux Micro {version}"] if int(version.split(".")[0]) >= 6 else [])
    if os_id == "opensuse-leap":
        return [f"openSUSE:Leap {version}", f"openSUSE:Leap {version} NonFree"]
    if os_id == "opensuse-tumbleweed":
        return ["openSUSE:Tumbleweed"]
    raise SystemExit(f"suse_expected.py: not a SUSE image: {os_id}")


def product_namespace(name):
    if name.startswith("openSUSE "):
        rest = name[len("openSUSE "):]
        if rest == "Tumbleweed" or (rest.startswith("Leap ") and not rest.startswith("Leap Micro")):
            return "openSUSE:" + rest
        return None
    if not name.startswith("SUSE "):
        return None
    rest = name[len("SUSE "):]
    server = "Linux Enterprise Server "
    if (rest.startswith(server) and rest[len(server):][:1].isdigit()) or rest.startswith(
            ("Linux Enterprise Micro ", "Linux Micro ", "Linux Enterprise Module for ")):
        return "SUSE:" + rest
    return None


def package(text):
    head, dot, tail = text.rpartition(".")
    if dot and tail in ARCHES:
        text = head
    match = re.fullmatch(r"(.+)-(\d[^-]*)-([^-]+)", text)
    return (match.group(1), f"{match.group(2)}-{match.group(3)}") if match else (text, None)


def statements_of_csaf(document):
    products = {}

    def walk(branches):
        for branch in branches or []:
            if branch.get("product"):
                products[branch["product"]["product_id"]] = branch["product"]["name"]
            walk(branch.get("branches"))

    walk(document.get("product_tree", {}).get("branches"))
    relations = {r["full_product_name"]["product_id"]: (r["relates_to_product_reference"], r["product_reference"])
                 for r in document.get("product_tree", {}).get("relationships", [])}
    for vulnerability in document.get("vulnerabilities", []):
        impact = next((t["details"] for t in vulnerability.get("threats", []) if t["category"] == "impact"), None)
        for status, ids in vulnerability.get("product_status", {}).items():
            for product_id in ids:
                if product_id in relations:
                    platform, component = relations[product_id]
                    no_fix = any(r.get("category") == "no_fix_planned" and product_id in r.get("product_ids", [])
                                 for r in vulnerability.get("remediations", []))
                    state = {"recommended": "fixed", "fixed": "fixed", "first_fixed": "fixed"}.get(status, status)
                    yield (vulnerability["cve"], products.get(platform, platform), products.get(component, component),
                           state, impact, no_fix)


def statements_of_cvrf(path):
    root = ElementTree.parse(path).getroot()

    def local(tag):
        return tag.rsplit("}", 1)[-1]

    names = {}
    relations = {}
    for element in root.iter():
        if local(element.tag) == "FullProductName":
            names[element.get("ProductID")] = (element.text or "").strip()
        if local(element.tag) == "Relationship":
            full = next(child for child in element if local(child.tag) == "FullProductName")
            relations[full.get("ProductID")] = (element.get("RelatesToProductReference"),
                                                element.get("ProductReference"))
    for vulnerability in (e for e in root.iter() if local(e.tag) == "Vulnerability"):
        cve = next((e.text.strip() for e in vulnerability.iter() if local(e.tag) == "CVE"), None)
        impact = next((d.text.strip() for t in vulnerability.iter() if local(t.tag) == "Threat"
                       and t.get("Type") == "Impact" for d in t if local(d.tag) == "Description"), None)
        for status in (e for e in vulnerability.iter() if local(e.tag) == "Status"):
            state = CVRF_STATUS.get(status.get("Type"))
            for product in status:
                product_id = (product.text or "").strip()
                if state and product_id in relations:
                    platform, component = relations[product_id]
                    yield cve, names.get(platform, platform), names.get(component, component), state, impact, False


def main():
    image, sources = sys.argv[1], sys.argv[2:]
    files = image_layers.merged_files(image, WANTED)
    order = namespaces(*os_release(files["etc/os-release"]))
    rows = {}
    for source in sources:
        for folder, _, file_names in sorted(os.walk(source)):
            for file_name in sorted(file_names):
                path = os.path.join(folder, file_name)
                if file_name.endswith(".json"):
                    document = json.load(open(path))
                    if not document.get("document", {}).get("publisher", {}).get("namespace", "").startswith(
                            "https://www.suse.com"):
                        continue
                    found = statements_of_csaf(document)
                elif file_name.endswith(".xml"):
                    found = statements_of_cvrf(path)
                else:
                    continue
                for cve, platform, component, state, impact, no_fix in found:
                    namespace = product_namespace(platform)
                    if namespace not in order or state == "known_not_affected":
                        continue
                    name, version = package(component)
                    row = rows.setdefault((cve, namespace, name), {"fix": None, "state": None, "severity": None})
                    if state == "fixed":
                        if version and (row["fix"] is None or rpm.labelCompare(
                                split_evr(version), split_evr(row["fix"])) > 0):
                            row["fix"], row["severity"] = version, impact
                    elif state == "known_affected" and row["fix"] is None:
                        row["state"] = "will_not_fix" if no_fix else "affected"
                        row["severity"] = row["severity"] or impact
    lines = set()
    for name, epoch, version, release, _, _ in rpm_image.installed_packages(files["var/lib/rpm/rpmdb.sqlite"]):
        installed = (epoch, version, release)
        shown = rpm_image.show(epoch, version, release)
        found = {}
        for namespace in order:
            for (cve, space, package_name), row in sorted(rows.items()):
                if space != namespace or package_name != name:
                    continue
                if row["fix"] is not None and rpm.labelCompare(installed, split_evr(row["fix"])) >= 0:
                    continue
                entry = found.setdefault(cve, {"fixes": set(), "states": [], "severity": None})
                if row["fix"]:
                    entry["fixes"].add(row["fix"])
                else:
                    entry["states"].append(row["state"])
                entry["severity"] = entry["severity"] or row["severity"]
        for cve, entry in found.items():
            fixes = sorted(entry["fixes"])
            status = "fixed" if fixes else min(entry["states"], key=["affected", "will_not_fix"].index)
            severity = SEVERITY.get((entry["severity"] or "").lower(), "UNKNOWN")
            lines.add(f"{name} {shown} {cve} {status} {severity} {','.join(fixes) or '-'}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
