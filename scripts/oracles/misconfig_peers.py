#!/usr/bin/env python3
"""Runs the misconfiguration peers (checkov, hadolint) on the IaC fixtures and writes what they report.

Usage: scripts/oracles/misconfig_peers.py [--shared ../shared] [--output Tests/DrydockMisconfigTests/Fixtures/peers.json]

checkov is slow (tens of seconds on ../shared/fixtures/iac), so its results are checked in as
expectations and this script regenerates them; hadolint is fast and the corpus test also runs it live
when it is installed. Output: {"checkov": {file: [[check_id, start_line], ...]}, "hadolint": {file: [[code,
line], ...]}, "versions": {...}}, files relative to the shared folder.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def dockerfiles(root):
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "node_modules"))
        for name in sorted(files):
            if name == "Dockerfile" or name == "Containerfile" or name.startswith("Dockerfile."):
                if not name.endswith((".template", ".md")):
                    found.append(os.path.join(folder, name))
    return found


def run_hadolint(shared, files):
    results = {}
    for path in files:
        process = subprocess.run(
            ["hadolint", "--no-fail", "--format", "json", path], capture_output=True, text=True)
        try:
            items = json.loads(process.stdout or "[]")
        except json.JSONDecodeError:
            items = []
        results[os.path.relpath(path, shared)] = sorted([item["code"], item["line"]] for item in items)
    return results


def run_checkov(shared, root):
    process = subprocess.run(
        ["checkov", "-d", root, "--framework", "dockerfile", "kubernetes", "--output", "json", "--quiet",
         "--compact", "--skip-download", "--soft-fail"],
        capture_output=True, text=True, env={**os.environ, "LOG_LEVEL": "ERROR"})
    try:
        reports = json.loads(process.stdout)
    except json.JSONDecodeError:
        sys.exit("checkov printed no JSON:\n" + process.stderr[-2000:])
    if isinstance(reports, dict):
        reports = [reports]
    results = {}
    for report in reports:
        for failed in report.get("results", {}).get("failed_checks", []):
            path = os.path.relpath(os.path.join(root, failed["file_path"].lstrip("/")), shared)
            line = (failed.get("file_line_range") or [0])[0]
            results.setdefault(path, []).append([failed["check_id"], line])
    return {path: sorted(items) for path, items in sorted(results.items())}


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    parser.add_argument("--output", default=os.path.join(root, "Tests/DrydockMisconfigTests/Fixtures/peers.json"))
    args = parser.parse_args()
    shared = os.path.abspath(args.shared)
    iac = os.path.join(shared, "fixtures", "iac")
    for tool in ("checkov", "hadolint"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (scripts/install-test-deps installs it)")
    versions = {
        "checkov": subprocess.run(["checkov", "--version"], capture_output=True, text=True).stdout.strip(),
        "hadolint": subprocess.run(["hadolint", "--version"], capture_output=True, text=True).stdout.strip(),
    }
    files = dockerfiles(os.path.join(shared, "fixtures"))
    output = {
        "versions": versions,
        "hadolint": run_hadolint(shared, files),
        "checkov": run_checkov(shared, iac),
    }
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as handle:
        json.dump(output, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"wrote {args.output}: hadolint {len(output['hadolint'])} files, checkov {len(output['checkov'])} files")


if __name__ == "__main__":
    main()
