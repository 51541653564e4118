#!/usr/bin/python3
"""Independent oracle for the RPM distributions' vendor feeds: which advisories apply to an image.

Reads a `docker save` tarball (image_layers), lists the installed packages of its final
`var/lib/rpm/rpmdb.sqlite` with rpm's own Python bindings (python3-rpm), and evaluates one vendor feed:

  --oval FILE         vendor OVAL (Oracle ELSA, Photon PHSA, Azure Linux, CBL-Mariner; plain or .bz2), read
                      with xml.etree and evaluated as OVAL evaluates a definition against a system: each
                      criteria tree is computed over the installed packages (rpminfo tests compare EVRs with
                      rpm.labelCompare, release and arch tests match the installed packages' fields by
                      regular expression), and the packages that satisfy a package test inside a true branch
                      are the affected ones.
  --photon-json FILE  Photon's CVE metadata (`cve_data_photonN.0.json`).
  --osv DIR           OSV records of an RPM distribution (Rocky Linux).

It shares no code with Drydock. Where the vendor data needs an interpretation, it applies the documented
one (docs/distributions.md), written again here:
- signature tests (`signature_keyid`) count as satisfied (no signatures are read);
- architecture tests are not evaluated: a fix published for any architecture applies;
- a module-stream test (`textfilecontent54` on `/etc/dnf/modules.d/NAME.module`, `stream = S`) holds for
  the packages whose MODULARITYLABEL is `NAME:S`; a package with a label is never affected by a branch
  without a module test;
- Microsoft's object names are source package names: they match installed packages by the name in
  SOURCERPM, compared by the source's version-release with the binary's epoch; states are repaired as
  documented (space after the epoch, a package name inside the version, a dist tag on a version without a
  release removed, the highest of comma-separated versions, `null` skipped); `patchable` `Not Applicable`
  definitions are skipped; the release is the dist tag (`.azl3` -> 3.0, `.cm2` -> 2.0);
- Photon OVAL and CVE metadata match the binary name or the source name;
- IDs: one line per CVE the definition names (else its ELSA/PHSA ID); Rocky keeps the RLSA ID.

Prints one line per (package, ID): `NAME VERSION ID FIXED[,FIXED...] STATUS`, sorted; VERSION is
`[EPOCH:]VERSION-RELEASE`; FIXED is `-` when no fix applies; STATUS is `fixed` or `affected`.

usage: rpm_vendor_expected.py IMAGE_TAR (--oval FILE | --photon-json FILE | --osv DIR)
       rpm_vendor_expected.py --packages IMAGE_TAR
"""
import bz2
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import rpm
import image_layers
import package_dbs
import rpm_image
from rpm_image import split_evr

WANTED = {"etc/os-release", "var/lib/rpm/rpmdb.sqlite"}


class Installed:
    def __init__(self, name, epoch, version, release, arch, source, label):
        self.name, self.epoch, self.version, self.release = name, epoch, version, release
        self.arch, self.label = arch, label
        self.source_name, self.source_version, self.source_release = name, version, release
        match = re.match(r"^(.+)-([^-]+)-([^-]+)\.[^.]+\.rpm$", source or "")
        if match:
            self.source_name, self.source_version, self.source_release = match.groups()

    def evr(self):
        return (str(self.epoch), self.version, self.release)

    def source_evr(self):
        return (str(self.epoch), self.source_version, self.source_release)

    def text(self):
        core = f"{self.version}-{self.release}"
        return f"{self.epoch}:{core}" if self.epoch else core

    def stream(self):
        parts = (self.label or "").split(":")
        return ":".join(parts[:2]) if len(parts) >= 2 and parts[0] and parts[1] else ""


def installed_packages(database_bytes):
    return [Installed(
        header[rpm.RPMTAG_NAME], header[rpm.RPMTAG_EPOCHNUM] or 0, header[rpm.RPMTAG_VERSION],
        header[rpm.RPMTAG_RELEASE], header[rpm.RPMTAG_ARCH] or "", header[rpm.RPMTAG_SOURCERPM] or "",
        header[rpm.RPMTAG_MODULARITYLABEL] or "") for header in package_dbs.rpm_headers(database_bytes)]


def compare(installed_evr, text):
    epoch, version, release = split_evr(text)
    if release is None:
        # No release in the bound: compare epoch and version only, as rpm does.
        return rpm.labelCompare((installed_evr[0], installed_evr[1], None), (epoch, version, None))
    return rpm.labelCompare(installed_evr, (epoch, version, release))


def display(text):
    return text[2:] if text.startswith("0:") else text


def local(tag):
    return tag.rsplit("}", 1)[-1]


# ---------------------------------------------------------------- OVAL


class OVAL:
    def __init__(self, path):
        data = open(path, "rb").read()
        if data[:3] == b"BZh":
            data = bz2.decompress(data)
        root = ET.fromstring(data)
        self.tests, self.objects, self.states, self.definitions = {}, {}, {}, []
        for section in root:
            kind = local(section.tag)
            for element in section:
                if kind == "definitions":
                    self.definitions.append(element)
                elif kind == "tests":
                    children = list(element)
                    self.tests[element.get("id")] = (
                        local(element.tag),
                        next((c.get("object_ref") for c in children if local(c.tag) == "object"), None),
                        [c.get("state_ref") for c in children if local(c.tag) == "state"])
                elif kind == "objects":
                    fields = {local(c.tag): (c.text or "").strip() for c in element}
                    self.objects[element.get("id")] = fields
                elif kind == "states":
                    fields = {local(c.tag): (c.get("operation", "equals"), (c.text or "").strip()) for c in element}
                    self.states[element.get("id")] = fields
        generator = root.find("{*}generator")
        product = ""
        if generator is not None:
            for child in generator:
                if local(child.tag) == "product_name":
                    product = child.text or ""
        first = self.definitions[0].get("id", "") if self.definitions else ""
        self.microsoft = "microsoft" in first or product.startswith(("Azure Linux", "CBL-Mariner"))
        self.photon = "vmware.phsa" in first


def repair(value, package):
    """Microsoft's damaged states, repaired as documented; None when unusable."""
    text = value.strip()
    epoch = ""
    match = re.match(r"^(\d+):\s*(.*)$", text)
    if match:
        epoch, text = match.groups()
    versions = []
    for candidate in [c.strip() for c in text.split(",") if c.strip()]:
        if candidate.startswith(package + "-") and candidate[len(package) + 1:][:1].isdigit():
            candidate = candidate[len(package) + 1:]
        if "-" not in candidate:
            candidate = re.sub(r"\.(azl|cm)\d+$", "", candidate)
        if not candidate[:1].isdigit():
            return None
        versions.append(candidate)
    if not versions:
        return None
    best = versions[0]
    for other in versions[1:]:
        if rpm.labelCompare(split_evr(other), split_evr(best)) > 0:
            best = other
    return best if not epoch or set(epoch) == {"0"} else f"{epoch}:{best}"


def evaluate_oval(oval, packages):
    lines = {}
    definitions = {d.get("id"): d for d in oval.definitions}

    def metadata(definition, name):
        meta = definition.find("{*}metadata")
        return meta.find("{*}" + name) if meta is not None else None

    def test_items(test_id, definition_release):
        """(true?, witnesses, module) for one test over the installed packages."""
        kind, object_id, state_ids = oval.tests[test_id]
        obj = oval.objects.get(object_id, {})
        states = [oval.states.get(s, {}) for s in state_ids]
        if kind == "textfilecontent54_test":
            path = obj.get("filepath", "")
            name = os.path.basename(path)[: -len(".module")] if path.endswith(".module") else None
            text = next((s["text"][1] for s in states if "text" in s), "")
            stream = re.search(r"stream\\s\*=\\s\*([A-Za-z0-9._+-]+)", text)
            stream = stream.group(1) if stream else None
            module = f"{name}:{stream}" if name and stream else None
            holds = module is not None and any(p.stream() == module for p in packages)
            return holds, set(), module
        name = obj.get("name")
        if oval.microsoft:
            items = [p for p in packages if p.source_name == name]
        else:
            items = [p for p in packages if p.name == name]
        witnesses = set()
        satisfied = []
        for item in items:
            good = True
            fixed = None
            for state in states:
                if "evr" in state:
                    operation, value = state["evr"]
                    value = repair(value, name) if oval.microsoft else value
                    if value is None:
                        good = False
                        break
                    evr = item.source_evr() if oval.microsoft else item.evr()
                    result = compare(evr, value)
                    zero = all(c in "0.:" for c in value)
                    ok = {"less than": result < 0, "less than or equal": result <= 0,
                          "greater than": zero or result > 0, "greater than or equal": zero or result >= 0,
                          "equals": result == 0}.get(operation)
                    if not ok:
                        good = False
                        break
                    if operation == "less than":
                        fixed = display(value)
                    elif operation == "less than or equal":
                        fixed = fixed
                if "version" in state and not re.search(state["version"][1], item.version):
                    good = False
                # arch: not evaluated (documented); signature_keyid: satisfied (documented)
            if good:
                satisfied.append(item)
                if any("evr" in s for s in states):
                    witnesses.add((item, fixed))
        return bool(satisfied), witnesses, None

    def evaluate(node, release):
        """(true?, witnesses, modules required on the path)."""
        tag = local(node.tag)
        negate = node.get("negate") == "true"
        if tag == "criterion":
            holds, witnesses, module = test_items(node.get("test_ref"), release)
            if negate:
                return (not holds), set(), None
            return holds, {(w, module) for w in witnesses}, module
        if tag == "extend_definition":
            target = definitions[node.get("definition_ref")].find("{*}criteria")
            holds, witnesses, _ = evaluate(target, release)
            return (not holds if negate else holds), (set() if negate else witnesses), None
        operator = node.get("operator", "AND").upper()
        results = [evaluate(child, release) for child in node if local(child.tag) in
                   ("criteria", "criterion", "extend_definition")]
        modules = [m for _, _, m in results if m]
        if operator == "AND":
            holds = all(r[0] for r in results)
            witnesses = set().union(*[r[1] for r in results]) if holds else set()
            if holds and modules:
                witnesses = {((item, fixed), modules[0]) for ((item, fixed), _) in witnesses}
        else:
            holds = any(r[0] for r in results)
            witnesses = set().union(*[r[1] for r in results if r[0]]) if holds else set()
        if negate:
            return (not holds), set(), None
        return holds, witnesses, None

    for definition in oval.definitions:
        if definition.get("class") not in ("patch", "vulnerability"):
            continue
        patchable = metadata(definition, "patchable")
        if patchable is not None and (patchable.text or "").strip().lower() == "not applicable":
            continue
        criteria = definition.find("{*}criteria")
        if criteria is None:
            continue
        holds, witnesses, _ = evaluate(criteria, None)
        if not holds:
            continue
        meta = definition.find("{*}metadata")
        cves = []
        advisory = meta.find("{*}advisory") if meta is not None else None
        for element in (advisory.findall("{*}cve") if advisory is not None else []):
            match = re.search(r"CVE-\d+-\d+", element.text or "")
            if match and match.group(0) not in cves:
                cves.append(match.group(0))
        for reference in meta.findall("{*}reference"):
            if reference.get("source") == "CVE":
                match = re.search(r"CVE-\d+-\d+", reference.get("ref_id", ""))
                if match and match.group(0) not in cves:
                    cves.append(match.group(0))
        if not cves:
            title = (meta.find("{*}title").text or "").split()
            elsa = next((r.get("ref_id") for r in meta.findall("{*}reference") if r.get("source") == "elsa"), None)
            cves = [elsa or (title[0] if title else definition.get("id"))]
        for ((item, fixed), module) in witnesses:
            if item.stream() and module != item.stream():
                continue
            if module and item.stream() != module:
                continue
            for cve in cves:
                entry = lines.setdefault((item.name, item.text(), cve), set())
                if fixed:
                    entry.add(fixed)
    return lines


# ---------------------------------------------------------------- Photon CVE metadata


def evaluate_photon_json(path, packages):
    lines = {}
    for row in json.load(open(path)):
        fixed = row.get("res_ver")
        if not fixed or fixed.upper() == "NA":
            words = (row.get("aff_ver") or "").split()
            fixed = words[words.index("before") + 1] if "before" in words else None
        for item in packages:
            if row["pkg"] not in (item.name, item.source_name):
                continue
            if fixed is None or compare(item.evr(), fixed) < 0:
                entry = lines.setdefault((item.name, item.text(), row["cve_id"]), set())
                if fixed:
                    entry.add(fixed)
    return lines


# ---------------------------------------------------------------- OSV (Rocky)


def is_module_build(text):
    release = text.rpartition("-")[2]
    return ".module_" in release or ".module+" in release


def summary_streams(summary):
    streams = []
    for word in (summary or "").split():
        word = word.strip(",;()").split("/")[0]
        parts = word.split(":")
        if len(parts) == 2 and all(parts) and not word.endswith(":") and re.fullmatch(r"[\w.+-]+:[\w.+-]+", word):
            streams.append(word)
    return streams


def evaluate_osv(directory, packages, ecosystem):
    lines = {}
    for file_name in sorted(os.listdir(directory)):
        record = json.load(open(os.path.join(directory, file_name)))
        if record.get("withdrawn"):
            continue
        streams = summary_streams(record.get("summary"))
        for affected in record.get("affected", []):
            if affected.get("package", {}).get("ecosystem") != ecosystem:
                continue
            name = affected["package"]["name"]
            judged = [v for r in affected.get("ranges", []) for e in r.get("events", []) for v in e.values()
                      if v != "0"]
            module_entry = any(map(is_module_build, judged))
            for item in packages:
                if name not in (item.name, item.source_name):
                    continue
                if module_entry and streams:
                    if item.stream() not in streams:
                        continue
                elif item.stream() and judged and not module_entry:
                    continue
                elif judged and module_entry != is_module_build(item.text()):
                    continue
                for version_range in affected.get("ranges", []):
                    introduced, fixed = None, None
                    for event in version_range.get("events", []):
                        introduced = event.get("introduced", introduced)
                        fixed = event.get("fixed", fixed)
                    if introduced is None:
                        continue
                    if introduced != "0" and compare(item.evr(), introduced) < 0:
                        continue
                    if fixed is not None and compare(item.evr(), fixed) >= 0:
                        continue
                    entry = lines.setdefault((item.name, item.text(), record["id"]), set())
                    if fixed:
                        entry.add(display(fixed))
    return lines


def main():
    if sys.argv[1] == "--packages":
        files = image_layers.merged_files(sys.argv[2], WANTED)
        for item in sorted(installed_packages(files["var/lib/rpm/rpmdb.sqlite"]), key=lambda p: (p.name, p.text())):
            print(f"{item.name} {item.text()}")
        return
    image, mode, source = sys.argv[1], sys.argv[2], sys.argv[3]
    files = image_layers.merged_files(image, WANTED)
    packages = installed_packages(files["var/lib/rpm/rpmdb.sqlite"])
    if mode == "--oval":
        lines = evaluate_oval(OVAL(source), packages)
    elif mode == "--photon-json":
        lines = evaluate_photon_json(source, packages)
    elif mode == "--osv":
        release = rpm_image.os_release(files["etc/os-release"])
        ecosystem = {"rocky": "Rocky Linux"}[release["ID"]] + ":" + release["VERSION_ID"].split(".")[0]
        lines = evaluate_osv(source, packages, ecosystem)
    else:
        raise SystemExit(f"rpm_vendor_expected.py: unknown mode {mode}")
    for (name, version, identifier), fixes in sorted(lines.items()):
        ordered = sorted(fixes, key=rpm_image.VersionKey)
        status = "fixed" if ordered else "affected"
        print(f"{name} {version} {identifier} {','.join(ordered) or '-'} {status}")


if __name__ == "__main__":
    main()
