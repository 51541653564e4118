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


TIMING = re.compile(r"^drydock: timing: (\S+) ([0-9.]+) s(?: cpu ([0-9.]+) s)?$", re.M)


def run_once(cmd, env=None):
    """Runs a shell command; returns (wall seconds, CPU seconds (user + system), peak RSS in KiB, exit code,
    {stage: (wall seconds, CPU seconds)} from Drydock's hidden `--timings` lines on standard error)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        wrapped = ["/usr/bin/time", "-f", "%U %S %M", "-o", tf.name, "sh", "-c", cmd]
        start = time.perf_counter()
        proc = subprocess.run(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        lines = [l.split() for l in open(tf.name).read().splitlines() if len(l.split()) == 3]
        cpu, rss = (float(lines[-1][0]) + float(lines[-1][1]), int(lines[-1][2])) if lines else (0.0, 0)
    stderr = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        log(f"exit {proc.returncode}: {cmd}\n{stderr[-2000:]}")
    stages = {}
    for stage, seconds, stage_cpu in TIMING.findall(stderr):
        wall_sum, cpu_sum = stages.get(stage, (0.0, 0.0))
        stages[stage] = (wall_sum + float(seconds), cpu_sum + float(stage_cpu or 0))
    return wall, cpu, rss, proc.returncode, stages


class Step:
    """One command measured in a group: `prepare` (shell) runs untimed before each run."""

    def __init__(self, label, cmd, prepare=None, env=None, runs=None):
        self.label, self.cmd, self.prepare, self.env, self.runs = label, cmd, prepare, env, runs
        self.walls, self.cpus, self.rsss, self.codes, self.stages = [], [], [], [], []

    def result(self, quiet=True):
        result = {
            "command": self.cmd,
            "median_s": round(statistics.median(self.walls), 4),
            "samples_s": self.walls,
            "median_cpu_s": round(statistics.median(self.cpus), 3),
            "peak_rss_kib": max(self.rsss),
            "exit_codes": sorted(set(self.codes)),
        }
        names = sorted({name for stages in self.stages for name in stages})
        if names:
            # Median per stage over the runs (a stage missing from a run counts as 0).
            for key, index in (("median_stage_s", 0), ("median_stage_cpu_s", 1)):
                result[key] = {
                    name: round(statistics.median(stages.get(name, (0.0, 0.0))[index] for stages in self.stages), 4)
                    for name in names}
        if not quiet:
            log(f"{self.label}: {result['median_s']:.3f} s wall, {result['median_cpu_s']:.2f} s CPU "
                f"(median of {len(self.walls)}), peak RSS {result['peak_rss_kib'] / 1024:.0f} MiB")
        return result


def measure_group(steps, runs):
    """Runs every step once per round, `runs` rounds, so load changes on a shared machine hit every step
    of a comparison alike; returns each step's result."""
    for round_number in range(runs):
        for step in steps:
            if step.runs is not None and round_number >= step.runs:
                continue
            if step.prepare:
                subprocess.run(["sh", "-c", step.prepare], check=True)
            wall, cpu, rss, code, stages = run_once(step.cmd, step.env)
            step.walls.append(round(wall, 4))
            step.cpus.append(round(cpu, 3))
            step.rsss.append(rss)
            step.codes.append(code)
            step.stages.append(stages)
    return [step.result(quiet=False) for step in steps]


def measure(label, cmd, runs, prepare=None, env=None):
    """Median wall time, CPU time and peak RSS of `runs` runs of one command."""
    return measure_group([Step(label, cmd, prepare, env)], runs)[0]


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
    """The scanner kinds `drydock image --help` lists for `--scanners` ("comma-separated: a, b, c (default…" or,
    in older builds, "this version supports: a, b")."""
    # Help text is wrapped at 80 columns: join its lines before reading the list.
    text = " ".join(capture(f"{drydock} image --help").split())
    match = (re.search(r"Kinds of findings to look for, comma-separated:\s*([a-z, -]+)", text)
             or re.search(r"supports:\s*([a-z, -]+)", text))
    if not match:
        return ["vuln"]
    return [s.strip() for s in match.group(1).split(",") if s.strip()]


def scanner_sets(kinds):
    """Each scanner alone, Trivy's default pair `vuln,secret` (issue #15's goal), and all of them together."""
    sets = [[k] for k in kinds]
    if "vuln" in kinds and "secret" in kinds and len(kinds) > 2:
        sets.append(["vuln", "secret"])
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
    parser.add_argument("--syft-runs", type=int, default=None, help="fewer runs for syft (slow); default --runs")
    parser.add_argument("--only", nargs="*", default=None, help="measure only these images")
    parser.add_argument("--docker-archive", nargs="*", default=["debian-big"],
                        help="images also measured as docker-archive")
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
        "syft_runs": args.syft_runs or runs,
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
    # A directory of its own: `db build` writes metadata.json beside its output, and a scan whose DB does not
    # match the metadata.json beside it hashes the whole DB file for the report's digest (80 ms).
    os.makedirs(os.path.join(scratch, "db-no-pypi"), exist_ok=True)
    nopypi_db = os.path.join(scratch, "db-no-pypi", "no-pypi.db")
    subprocess.run([dd, "db", "build", "--output", nopypi_db, os.path.join(args.advisories, "alpine-secdb")],
                   check=True, stdout=subprocess.DEVNULL)

    root, count, distinct = match_inventory(work, args.advisories, args.match_packages)
    # Reports go to a scratch file, not /dev/null: before the fix in ScanPipeline.write, Drydock's atomic write
    # renamed a regular file over /dev/null when run as root (DRYDOCK= may point at such a build).
    report = os.path.join(scratch, "report.json")
    scan_fs = f"{dd} fs {root} --skip-db-update --quiet --timings --format json --output {report} --db "
    with_db, without_db = measure_group([Step("fs scan, full DB", scan_fs + full_db),
                                         Step("fs scan, PyPI not in DB", scan_fs + nopypi_db)], runs)
    match_s = max(with_db["median_s"] - without_db["median_s"], 1e-6)
    results["match"] = {"packages": count, "distinct_names": distinct, "with_full_db": with_db,
                        "with_db_without_pypi": without_db, "match_s": round(match_s, 4),
                        "packages_per_s": round(count / match_s)}
    matcher_s = with_db.get("median_stage_s", {}).get("match")
    if matcher_s is not None:  # the matcher alone, from `--timings` (older builds have no such flag)
        results["match"]["matcher_s"] = matcher_s
        results["match"]["matcher_cpu_s"] = with_db["median_stage_cpu_s"]["match"]
        results["match"]["matcher_packages_per_s"] = round(count / max(matcher_s, 1e-6))

    results["images"] = []
    cold_dir = os.path.join(scratch, "cache-cold")
    warm_dir = os.path.join(scratch, "cache-warm")
    for image in images:
        name = image["name"]
        if args.only and name not in args.only:
            continue
        oci = os.path.join(work, name + ".oci")
        blobs = " ".join(os.path.join(oci, b) for b in image["layer_blobs"])
        entry = {k: image[k] for k in ("name", "layers", "compressed_bytes", "uncompressed_bytes")}
        gzip_step = Step(f"{name} gzip -dc", f"gzip -dc {blobs} > /dev/null")
        steps = [gzip_step]
        plan = {}
        for fmt, path, syft_src in (("oci", oci, "oci-dir:"),
                                    ("docker-archive", os.path.join(work, name + ".tar"), "docker-archive:")):
            if fmt == "docker-archive" and name not in args.docker_archive:
                continue
            base = (f"{dd} image --input {path} --db {full_db} --skip-db-update --quiet --timings --format json "
                    f"--output {report}")
            per = {"cold": {}, "warm": {}}
            for kinds in scanner_sets(results["scanners"]):
                key = ",".join(kinds)
                cmd = f"{base} --scanners {key}"
                cold = Step(f"{name} {fmt} cold [{key}]", f"{cmd} --cache-dir {cold_dir}",
                            prepare=f"rm -rf {cold_dir} && mkdir -p {cold_dir}")
                # Warm: the cache dir of the previous scan of the same image (the first warm run follows
                # a scan made just for it).
                warm_cache = f"{warm_dir}-{name}-{fmt}-{key}"
                subprocess.run(["sh", "-c", f"rm -rf {warm_cache} && mkdir -p {warm_cache} && "
                                            f"{cmd} --cache-dir {warm_cache}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                warm = Step(f"{name} {fmt} warm [{key}]", f"{cmd} --cache-dir {warm_cache}")
                steps += [cold, warm]
                per["cold"][key], per["warm"][key] = cold, warm
            syft = Step(f"{name} {fmt} syft", f"syft {syft_src}{path} -o json", env=env, runs=args.syft_runs)
            steps.append(syft)
            per["syft"] = syft
            plan[fmt] = per
        measure_group(steps, runs)
        entry["gzip"] = gzip_step.result()
        entry["formats"] = {
            fmt: {"cold": {k: v.result() for k, v in per["cold"].items()},
                  "warm": {k: v.result() for k, v in per["warm"].items()},
                  "syft": per["syft"].result()}
            for fmt, per in plan.items()
        }
        results["images"].append(entry)

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
