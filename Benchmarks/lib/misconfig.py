#!/usr/bin/env python3
"""Misconfiguration benchmark: `drydock config` against checkov on ../shared/fixtures/iac, and the
lockfile readers (hand-written against Yams and TOMLKit) on the real lockfiles of ../shared/fixtures/trivy.

Writes a JSON results file and a Markdown section that Benchmarks/lib/report.py includes in BENCHMARKS.md.
Usage: misconfig.py --drydock PATH --shared DIR --output RESULTS.json --markdown SECTION.md [--runs N]
       [--checkov-runs N] [--readers PATH-TO-ReaderBench]
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd, env=None):
    """Wall seconds, CPU seconds (user + system of the command and its children), exit code, stderr tail."""
    cpu = children_cpu()
    start = time.perf_counter()
    process = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    return elapsed, children_cpu() - cpu, process.returncode, process.stderr.decode(errors="replace")[-500:]


def lockfiles(root):
    yaml_names = ("pnpm-lock", "pubspec.lock", "Podfile.lock")
    toml_names = ("Cargo.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml")
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.startswith(yaml_names) and name.endswith((".yaml", ".lock")) or name in toml_names:
                found.append(os.path.join(folder, name))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drydock", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkov-runs", type=int, default=3)
    parser.add_argument("--readers", default=None)
    args = parser.parse_args()
    iac = os.path.join(args.shared, "fixtures", "iac")
    results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": platform.platform(),
               "load_average": list(os.getloadavg())}

    drydock_cmd = [args.drydock, "config", iac, "--format", "json", "--output", "/dev/null", "--quiet"]
    checkov_cmd = ["checkov", "-d", iac, "--framework", "dockerfile", "kubernetes", "--output", "json",
                   "--quiet", "--compact", "--skip-download", "--soft-fail"]
    samples = {"drydock": [], "checkov": [], "drydock_cpu": [], "checkov_cpu": []}
    for index in range(max(args.runs, args.checkov_runs)):
        if index < args.runs:
            elapsed, cpu, code, err = timed(drydock_cmd)
            if code != 0:
                sys.exit(f"drydock config failed ({code}): {err}")
            samples["drydock"].append(elapsed)
            samples["drydock_cpu"].append(cpu)
        if index < args.checkov_runs and shutil.which("checkov"):
            elapsed, cpu, code, err = timed(checkov_cmd, env={**os.environ, "LOG_LEVEL": "ERROR"})
            samples["checkov"].append(elapsed)
            samples["checkov_cpu"].append(cpu)
    results["config"] = {
        "drydock_s": statistics.median(samples["drydock"]), "drydock_samples": samples["drydock"],
        "drydock_cpu_s": statistics.median(samples["drydock_cpu"]),
        "checkov_s": statistics.median(samples["checkov"]) if samples["checkov"] else None,
        "checkov_samples": samples["checkov"],
        "checkov_cpu_s": statistics.median(samples["checkov_cpu"]) if samples["checkov_cpu"] else None,
        "build": "release" if "/release/" in args.drydock else "debug",
        "checkov_version": subprocess.run(["checkov", "--version"], capture_output=True, text=True).stdout.strip()
        if shutil.which("checkov") else None,
        "drydock_command": " ".join(drydock_cmd), "checkov_command": " ".join(checkov_cmd),
    }
    if args.readers:
        files = lockfiles(os.path.join(args.shared, "fixtures", "trivy"))
        process = subprocess.run([args.readers] + files, capture_output=True, text=True)
        results["readers"] = [json.loads(line) for line in process.stdout.splitlines() if line.strip()]

    with open(args.output, "w") as handle:
        json.dump(results, handle, indent=1)
        handle.write("\n")


def section(results, results_rel):
    """The BENCHMARKS.md section for a results file (report.py calls this when results/misconfig.json exists)."""
    config = results["config"]
    out = ["## Misconfiguration scanning (issue #14)", "",
           f"From [`{results_rel}`]({results_rel}) ({results['date']}, load average at start "
           f"{[round(x, 2) for x in results['load_average']]}).", ""]
    ratio = config["checkov_s"] / config["drydock_s"] if config["checkov_s"] else None
    cpu_ratio = (config["checkov_cpu_s"] / config["drydock_cpu_s"]
                 if config.get("checkov_cpu_s") and config.get("drydock_cpu_s") else None)
    out += ["| goal | measured | met |", "|---|---|---|"]
    if ratio:
        cpu = (f"{config['drydock_cpu_s']:.2f} s CPU; " if cpu_ratio else "")
        checkov_cpu = (f", {config['checkov_cpu_s']:.1f} s CPU" if cpu_ratio else "")
        ratios = f"**{ratio:.0f}×** wall" + (f", **{cpu_ratio:.0f}×** CPU" if cpu_ratio else "")
        met = min(ratio, cpu_ratio or ratio) >= 10
        out.append(f"| `drydock config` over `../shared/fixtures/iac` ≥ 10× faster than checkov | Drydock "
                   f"({config.get('build', 'debug')} build) **{config['drydock_s']:.2f} s** wall, {cpu}"
                   f"checkov {config['checkov_s']:.1f} s wall{checkov_cpu} ({config['checkov_version']}) "
                   f"= {ratios} | {'met' if met else 'not met'} |")
    out += ["", "Medians of " + f"{len(config['drydock_samples'])} Drydock and {len(config['checkov_samples'])} checkov runs, "
            "interleaved. Both read the same 300-odd Dockerfiles and manifests; Drydock runs every check of "
            "[docs/checks.md](docs/checks.md).", "", "```", config["drydock_command"], config["checkov_command"], "```", ""]
    readers = results.get("readers")
    if readers:
        out += ["### Lockfile readers: hand-written against the libraries", "",
                "Median time to parse each real lockfile of `../shared/fixtures/trivy` (release builds, "
                "`Benchmarks/readers`), and whether the trees are equal (for TOML, key order aside: its tables are "
                "unordered and TOMLKit hands keys back sorted). The hand-written YAML reader is kept there only "
                "to be measured; Drydock reads YAML with Yams.", "",
                "| file | format | bytes | hand-written ms | library ms | library / hand-written | same tree |",
                "|---|---|---|---|---|---|---|"]
        for row in readers:
            if "error" in row:
                # A deliberately broken fixture: the hand-written reader refuses it first (the error, without the path).
                reason = row["error"].replace(row["file"], "").lstrip(":0123456789 ")
                out.append(f"| `{row['file'].split('fixtures/trivy/')[-1]}` | {row['format']} | {row['bytes']} | "
                           f"refused: {reason[:80]} | | | |")
                continue
            out.append(f"| `{row['file'].split('fixtures/trivy/')[-1]}` | {row['format']} | {row['bytes']:,} | "
                       f"{row['handwritten_s'] * 1000:.3f} | {row['library_s'] * 1000:.3f} | "
                       f"{row['library_s'] / row['handwritten_s']:.1f}× | {'yes' if row['same_tree'] else 'no'} |")
        for fmt in ("yaml", "toml"):
            rows = [r for r in readers if r["format"] == fmt and "error" not in r]
            if rows:
                own = sum(r["handwritten_s"] for r in rows)
                lib = sum(r["library_s"] for r in rows)
                out.append("")
                out.append(f"- {fmt.upper()}: all {len(rows)} files, hand-written {own * 1000:.2f} ms, library "
                           f"{lib * 1000:.2f} ms ({lib / own:.1f}×).")
        out += ["", "Hence one YAML parser: lockfile YAML is read with Yams like manifests (the hand-written subset "
                "reader is retired), while TOML lockfiles keep the hand-written reader, TOMLKit being materially "
                "slower for the same trees (issue #14's rule).", ""]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
