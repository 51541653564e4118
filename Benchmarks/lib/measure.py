"""Runs the measurements on the images built by images.py and writes a results JSON file.

Every figure is the median of --runs runs; wall time comes from the runner, peak RSS from
`/usr/bin/time -f %M`. References (gzip -dc of the same blobs, syft) are measured in the same run.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def log(msg):
    print(f"[measure] {msg}", file=sys.stderr, flush=True)


def run_once(cmd, env=None):
    """Runs a shell command; returns (wall seconds, peak RSS in KiB, exit code)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        wrapped = ["/usr/bin/time", "-f", "%M", "-o", tf.name, "sh", "-c", cmd]
        start = time.perf_counter()
        proc = subprocess.run(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        lines = [l for l in open(tf.name).read().splitlines() if l.strip().isdigit()]
        rss = int(lines[-1]) if lines else 0
    if proc.returncode != 0:
        log(f"exit {proc.returncode}: {cmd}\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return wall, rss, proc.returncode


def measure(label, cmd, runs, prepare=None, env=None):
    """Median wall time and peak RSS of `runs` runs; `prepare` (shell) runs untimed before each."""
    walls, rsss, codes = [], [], []
    for _ in range(runs):
        if prepare:
            subprocess.run(["sh", "-c", prepare], check=True)
        wall, rss, code = run_once(cmd, env)
        walls.append(round(wall, 4))
        rsss.append(rss)
        codes.append(code)
    result = {
        "command": cmd,
        "median_s": round(statistics.median(walls), 4),
        "samples_s": walls,
        "peak_rss_kib": max(rsss),
        "exit_codes": sorted(set(codes)),
    }
    log(f"{label}: {result['median_s']:.3f} s (median of {runs}), peak RSS {result['peak_rss_kib'] / 1024:.0f} MiB")
    return result


def capture(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    cpu = ""
    for line in capture("lscpu").splitlines():
        if line.startswith("Model name:"):
            cpu = line.split(":", 1)[1].strip()
    mem = capture("awk '/MemTotal/ {print $2}' /proc/meminfo")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 1024 / 1024, 1) if mem.isdigit() else None,
        "kernel": platform.release(),
        "os": capture(". /etc/os-release && echo $PRETTY_NAME"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def scanners(drydock):
    """The scanner kinds `drydock image --help` lists ("this version supports: a, b")."""
    text = capture(f"{drydock} image --help")
    match = re.search(r"supports:\s*([a-z, -]+)", text)
    if not match:
        return ["vuln"]
    return [s.strip() for s in match.group(1).split(",") if s.strip()]


def scanner_sets(kinds):
    sets = [[k] for k in kinds]
    if len(kinds) > 1:
        sets.append(list(kinds))
    return sets


def advisory_names(advisories, limit):
    """Up to `limit` (name, version) pairs of PyPI packages that have advisories."""
    pairs = {}
    for path in sorted(glob.glob(os.path.join(advisories, "osv", "PyPI", "*.json"))):
        with open(path) as f:
            record = json.load(f)
        for affected in record.get("affected", []):
            pkg = affected.get("package", {})
            key = re.sub(r"[-_.]+", "-", pkg.get("name", "")).lower()
            if pkg.get("ecosystem") != "PyPI" or not key or key in pairs:
                continue
            versions = affected.get("versions") or ["1.0"]
            pairs[key] = (pkg["name"], versions[0])
            if len(pairs) >= limit:
                return sorted(pairs.values())
    return sorted(pairs.values())


def match_inventory(work, advisories, total):
    """A project directory of requirements.txt files pinning `total` distinct PyPI packages: every name
    that has an advisory (at a version an advisory lists), then made-up names without advisories."""
    root = os.path.join(work, f"match-{total}")
    pairs = advisory_names(advisories, total)
    with_advisories = len(pairs)
    pairs += [(f"bench-filler-{i:05d}", "1.0.0") for i in range(total - len(pairs))]
    shutil.rmtree(root, ignore_errors=True)
    per_file = 1000
    for start in range(0, len(pairs), per_file):
        folder = os.path.join(root, f"svc{start // per_file:02d}")
        os.makedirs(folder)
        with open(os.path.join(folder, "requirements.txt"), "w") as f:
            for name, version in pairs[start:start + per_file]:
                f.write(f"{name}=={version}\n")
    return root, len(pairs), with_advisories


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--drydock", required=True)
    parser.add_argument("--advisories", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", required=True)
    parser.add_argument("--match-packages", type=int, default=10000)
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    dd = os.path.abspath(args.drydock)
    runs = args.runs
    env = dict(os.environ, SYFT_CHECK_FOR_APP_UPDATE="false")
    with open(os.path.join(work, "images.json")) as f:
        images = json.load(f)
    scratch = os.path.join(work, "scratch")
    os.makedirs(os.path.join(scratch, "db"), exist_ok=True)
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "runs": runs,
        "machine": machine(),
        "drydock": {"binary": dd, "commit": capture("git rev-parse --short HEAD"),
                    "version": capture(f"{dd} --version")},
        "syft": capture("syft version | awk '/^Version/ {print $2}'"),
        "gzip": capture("gzip --version | head -1"),
        "scanners": scanners(dd),
    }

    full_db = os.path.join(scratch, "db", "full.db")
    results["db_build"] = measure(
        "db build", f"rm -f {full_db} && {dd} db build --output {full_db} {args.advisories}", runs)
    nopypi_db = os.path.join(scratch, "db", "no-pypi.db")
    subprocess.run([dd, "db", "build", "--output", nopypi_db, os.path.join(args.advisories, "alpine-secdb")],
                   check=True, stdout=subprocess.DEVNULL)

    root, count, distinct = match_inventory(work, args.advisories, args.match_packages)
    scan_fs = f"{dd} fs {root} --skip-db-update --quiet --format json --output /dev/null --db "
    with_db = measure("fs scan, full DB", scan_fs + full_db, runs)
    without_db = measure("fs scan, PyPI not in DB", scan_fs + nopypi_db, runs)
    match_s = max(with_db["median_s"] - without_db["median_s"], 1e-6)
    results["match"] = {"packages": count, "distinct_names": distinct, "with_full_db": with_db,
                        "with_db_without_pypi": without_db, "match_s": round(match_s, 4),
                        "packages_per_s": round(count / match_s)}

    results["images"] = []
    for image in images:
        name = image["name"]
        oci = os.path.join(work, name + ".oci")
        blobs = " ".join(os.path.join(oci, b) for b in image["layer_blobs"])
        entry = {k: image[k] for k in ("name", "layers", "compressed_bytes", "uncompressed_bytes")}
        entry["gzip"] = measure(f"{name} gzip -dc", f"gzip -dc {blobs} > /dev/null", runs)
        entry["formats"] = {}
        for fmt, path, syft_src in (("oci", oci, "oci-dir:"), ("docker-archive", os.path.join(work, name + ".tar"),
                                                                "docker-archive:")):
            if fmt == "docker-archive" and not name.startswith("debian-big"):
                continue
            cold_dir = os.path.join(scratch, "cache-cold")
            warm_dir = os.path.join(scratch, "cache-warm")
            base = f"{dd} image --input {path} --db {full_db} --skip-db-update --quiet --format json --output /dev/null"
            per = {"cold": {}, "warm": {}}
            for kinds in scanner_sets(results["scanners"]):
                key = ",".join(kinds)
                cmd = f"{base} --scanners {key}"
                per["cold"][key] = measure(f"{name} {fmt} cold [{key}]", f"{cmd} --cache-dir {cold_dir}", runs,
                                           prepare=f"rm -rf {cold_dir} && mkdir -p {cold_dir}")
                subprocess.run(["sh", "-c", f"rm -rf {warm_dir} && mkdir -p {warm_dir} && "
                                            f"{cmd} --cache-dir {warm_dir}"], stdout=subprocess.DEVNULL)
                per["warm"][key] = measure(f"{name} {fmt} warm [{key}]", f"{cmd} --cache-dir {warm_dir}", runs)
            per["syft"] = measure(f"{name} {fmt} syft", f"syft {syft_src}{path} -o json", runs, env=env)
            entry["formats"][fmt] = per
        results["images"].append(entry)

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
