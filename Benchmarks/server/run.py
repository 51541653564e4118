#!/usr/bin/env python3
"""drydock server benchmark: seeds a repository with N images whose inventories come from the benchmark's
real images, then measures the repository queries and a bounded load test on loopback.

Usage: Benchmarks/server/run.py --drydock PATH --db DB [--images N] [--store sqlite|postgres] [--clients C]
       [--seconds S] [--fixtures DIR] [--rescan [--changes 1000]] [--out FILE]

Inventories: the CycloneDX SBOM `drydock image --input FIXTURE --format cyclonedx` writes for each image in
--fixtures (default ../shared/fixtures/images), each copy varied (a few package versions moved, a few
application packages of its own) so the store holds many distinct package versions. Pushed with
POST /api/v1/sboms by 4 threads. Then every query kind is asked 50 times (p50, p99, max in ms), and for
--seconds, --clients threads each loop, in turn, an SBOM push, a client scan and two queries, counting failures
and lost requests (no answer). A client scan is `POST /api/v1/scans` with the body a real `drydock image --server`
run sent for a fixture image (recorded through a forwarding proxy, scan_capture.py), under another image name
and digest each time: the server merges, matches, stores and answers the report as for any client. Writes JSON to --out (default Benchmarks/results/server-<date>.json).

--rescan (before the load test): a second DB is made from --db in which --changes advisories that name packages
the stored images hold changed — a third get another severity, a sixth another fixed version, a sixth are
withdrawn (removed), the rest are new advisories for the images' packages (OS and application) — with a new
build time. It is renamed over the server's DB file the way `db update` replaces it; the server (checking every
second) loads it, compares it with the previous build, re-matches the stored packages the changed advisories
name and stores each image's changes (webhook deliveries queued to a receiver in this script). Reported: the
server's own rescan time (`GET /api/v1/rescans`: DB comparison to changes stored), the wall time from the rename
to the stored result, and counts; the vulnerability query then checks one added advisory's images.
"""
import argparse, concurrent.futures, datetime, hashlib, json, os, random, re, shutil, statistics, subprocess
import sqlite3, sys, tempfile, threading, time, urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgstore import start_postgres  # noqa: E402
from scan_capture import capture_scan_bodies, varied_scan  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


def request(base, token, method, path, body=None, content="application/json"):
    req = urllib.request.Request(base + path, data=body, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", content)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        error.msg = "%s %s: %s" % (method, path, error.read()[:300])
        raise


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(ms):
    return {"count": len(ms), "p50_ms": round(percentile(ms, 50), 2), "p99_ms": round(percentile(ms, 99), 2),
            "max_ms": round(max(ms), 2)}


def base_sboms(drydock, db, fixtures):
    sboms = []
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith((".tar", ".tar.gz")):
            continue
        out = subprocess.run([drydock, "image", "--input", os.path.join(fixtures, name), "--db", db, "--format",
                              "cyclonedx", "--quiet"], capture_output=True)
        if out.returncode == 0 and out.stdout:
            sboms.append((name, json.loads(out.stdout)))
    return sboms


def varied(sbom, index):
    """A copy of `sbom` for image `index`: some versions moved, a few packages of its own."""
    doc = json.loads(json.dumps(sbom))
    rng = random.Random(index)
    components = doc.get("components", [])
    for component in components:
        if component.get("type") == "library" and rng.random() < 0.1 and component.get("version"):
            old = component["version"]
            new = re.sub(r"(\d+)(?!.*\d)", lambda m: str(int(m.group(1)) + rng.randint(0, 3)), old)
            component["version"] = new
            if "purl" in component:
                component["purl"] = component["purl"].replace("@" + old, "@" + new)
            component.pop("bom-ref", None)
            component["bom-ref"] = "pkg-%d-%s" % (index, hashlib.sha1((component.get("purl") or new).encode()).hexdigest()[:8])
    for n in range(5):
        lib = "benchlib-%d" % rng.randint(0, 499)
        version = "%d.%d.%d" % (rng.randint(0, 3), rng.randint(0, 20), rng.randint(0, 9))
        components.append({"bom-ref": "app-%d-%d" % (index, n), "type": "library", "name": lib, "version": version,
                           "purl": "pkg:pypi/%s@%s" % (lib, version)})
    doc["components"] = components
    doc.pop("dependencies", None)
    return json.dumps(doc).encode()


def image_package_names(sboms):
    """Package names (and Alpine origin names) in the inventories, by the DB namespace they match in, each with
    a version the images hold (a new advisory is fixed two releases after it, so some copies are affected)."""
    names = {}
    for _, sbom in sboms:
        distro = None
        for component in sbom.get("components", []):
            if component.get("type") == "operating-system" and component.get("name") == "alpine":
                distro = "Alpine:v" + ".".join(component.get("version", "").split(".")[:2])
        for component in sbom.get("components", []):
            purl = component.get("purl") or ""
            if purl.startswith("pkg:apk/") and distro:
                keys = [component["name"]] + [p.get("value") for p in component.get("properties", [])
                                              if p.get("name", "").endswith("SrcName")]
                for key in keys:
                    if key:
                        names.setdefault(distro, {})[key.lower()] = component.get("version", "")
            elif purl.startswith("pkg:pypi/"):
                key = re.sub(r"[-_.]+", "-", component["name"].lower())
                names.setdefault("PyPI", {})[key] = component.get("version", "")
    names.setdefault("PyPI", {}).update(("benchlib-%d" % n, "1.10.4") for n in range(500))
    return names


def later(version):
    """`version` with its last number two higher (`1.1.22-r3` → `1.1.22-r5`)."""
    return re.sub(r"(\d+)(?!.*\d)", lambda m: str(int(m.group(1)) + 2), version) or "9999"


def changed_database(source, target, names, count, seed=17):
    """Copies the DB `source` to `target` with `count` advisories changed (see the module's docstring)."""
    shutil.copyfile(source, target)
    db = sqlite3.connect(target)
    rng = random.Random(seed)
    existing = []
    for namespace, keys in sorted(names.items()):
        marks = ",".join("?" * len(keys))
        existing += [row[0] for row in db.execute(
            "SELECT DISTINCT advisory_id FROM affected WHERE namespace = ? AND name_key IN (%s)" % marks,
            [namespace] + sorted(keys))]
    existing = sorted(set(existing))
    rng.shuffle(existing)
    plan = {"severity": count // 3, "fixed": count // 6, "removed": count // 6}
    taken = existing[:sum(plan.values())]
    plan = {"severity": taken[:plan["severity"]],
            "fixed": taken[plan["severity"]:plan["severity"] + plan["fixed"]],
            "removed": taken[plan["severity"] + plan["fixed"]:]}
    levels = ["LOW", "MEDIUM", "HIGH", "CRITICAL"]
    for advisory in plan["severity"]:
        db.execute("UPDATE advisories SET severity = ? WHERE id = ?", (rng.choice(levels), advisory))
        db.execute("UPDATE affected SET severity = NULL WHERE advisory_id = ?", (advisory,))
    for advisory in plan["fixed"]:
        for row_id, ranges in db.execute("SELECT id, ranges FROM affected WHERE advisory_id = ?", (advisory,)).fetchall():
            moved = re.sub(r'("fixed":")([^"]*?)(\d+)(")', lambda m: m.group(1) + m.group(2) + str(int(m.group(3)) + 1)
                           + m.group(4), ranges, count=1)
            db.execute("UPDATE affected SET ranges = ? WHERE id = ?", (moved, row_id))
    for advisory in plan["removed"]:
        for table, column in (("affected", "advisory_id"), ("aliases", "advisory_id"), ("advisories", "id")):
            db.execute("DELETE FROM %s WHERE %s = ?" % (table, column), (advisory,))
    added = count - sum(len(v) for v in plan.values())
    pool = sorted((namespace, key, version) for namespace, keys in names.items() for key, version in keys.items())
    columns = [row[1] for row in db.execute("PRAGMA table_info(affected)") if row[1] != "id"]
    advisory_columns = [row[1] for row in db.execute("PRAGMA table_info(advisories)")]
    template = dict(zip(advisory_columns, db.execute("SELECT * FROM advisories LIMIT 1").fetchone()))
    new_ids = []
    for n in range(added):
        namespace, key, version = rng.choice(pool)
        advisory = "BENCH-2026-%05d" % n
        new_ids.append((advisory, namespace, key))
        row = dict(template, id=advisory, source="benchmark", title="benchmark advisory %d" % n,
                   severity=rng.choice(levels), published="2026-12-01T00:00:00Z", modified="2026-12-01T00:00:00Z",
                   withdrawn=None)
        db.execute("INSERT INTO advisories (%s) VALUES (%s)" % (",".join(row), ",".join("?" * len(row))),
                   list(row.values()))
        affected = {c: None for c in columns}
        affected.update(advisory_id=advisory, namespace=namespace, package_name=key, name_key=key, withdrawn=0,
                        versions="[]", vendor_ids="[]", go_imports="[]",
                        ranges=json.dumps([{"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                                                                             {"fixed": later(version)}]}]))
        db.execute("INSERT INTO affected (%s) VALUES (%s)" % (",".join(affected), ",".join("?" * len(affected))),
                   list(affected.values()))
    built = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    db.execute("UPDATE metadata SET value = ? WHERE key = 'built_at'", (built,))
    db.commit()
    db.close()
    return {"severity": len(plan["severity"]), "fixed_version": len(plan["fixed"]), "removed": len(plan["removed"]),
            "added": added, "existing_candidates": len(existing)}, new_ids


class Receiver(BaseHTTPRequestHandler):
    count = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with Receiver.lock:
            Receiver.count += 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def rescan(base, token, db_path, sboms, changes):
    """Replaces the server's DB with one in which `changes` advisories changed; times the rescan."""
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    request(base, token, "POST", "/api/v1/webhooks", json.dumps(
        {"url": "http://127.0.0.1:%d/hook" % receiver.server_port, "secret": "bench-secret-0123456789"}).encode())
    before = json.loads(request(base, token, "GET", "/api/v1/rescans?limit=1")[1])
    last = before[0]["id"] if before else 0
    new_path = db_path + ".bench-new"
    made = time.time()
    plan, added = changed_database(db_path, new_path, image_package_names(sboms), changes)
    print("changed DB made in %.1f s: %s" % (time.time() - made, plan), file=sys.stderr)
    start = time.time()
    os.rename(new_path, db_path)
    record = None
    while time.time() < start + 900:
        rows = json.loads(request(base, token, "GET", "/api/v1/rescans?limit=1")[1])
        if rows and rows[0]["id"] > last and rows[0].get("finishedAt"):
            record = rows[0]
            break
        time.sleep(0.1)
    wall = time.time() - start
    if record is None:
        sys.exit("no rescan finished within 900 s of the DB update")
    print("rescan: %.1f s on the server, %.1f s from the DB rename; %s" % (record["seconds"], wall, record),
          file=sys.stderr)
    # Correctness: an added advisory for an OS package is reported for images holding it.
    check = next((a for a in added if a[1].startswith("Alpine")), added[0])
    answer = json.loads(request(base, token, "GET", "/api/v1/vulnerabilities/%s/images?limit=1" % check[0])[1])
    time.sleep(5)
    receiver.shutdown()
    return {"advisories_changed": plan, "server_seconds": record["seconds"], "wall_seconds": round(wall, 1),
            "changed_package_keys": record["changedKeys"], "packages_rematched": record["packages"],
            "images_checked": record["images"], "images_changed": record["changes"],
            "check": {"advisory": check[0], "package": check[2], "images_reported": answer["total"]},
            "webhook_deliveries_received_5s_after": Receiver.count}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drydock", default=os.path.join(root, ".build/release/drydock"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--images", type=int, default=10000)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--fixtures", default=os.path.join(root, "..", "shared", "fixtures", "images"))
    parser.add_argument("--rescan", action="store_true", help="time a rescan after a DB update (before the load)")
    parser.add_argument("--changes", type=int, default=1000, help="advisories the update changes (--rescan)")
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="drydock-server-bench-")
    token = "bench-admin-token-0123456789"
    with open(os.path.join(work, "tokens"), "w") as f:
        f.write("admin bench %s\n" % token)
    # The server's own copy: --rescan replaces it as `db update` would.
    db_path = os.path.join(work, "drydock.db")
    shutil.copyfile(args.db, db_path)
    pg_state = None
    if args.store == "postgres":
        store, pg_state = start_postgres(root, work, "bench")
    else:
        store = "sqlite:" + os.path.join(work, "repo.db")
    server = subprocess.Popen([args.drydock, "server", "--listen", "127.0.0.1:0", "--store", store, "--db", db_path,
                               "--tokens", os.path.join(work, "tokens"), "--skip-db-update",
                               "--update-interval", "1s" if args.rescan else "0",
                               "--max-body", "256MiB"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    base = None
    deadline = time.time() + 60
    while base is None and time.time() < deadline:
        line = server.stderr.readline()
        match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
        if match:
            base = match.group(1)
    if base is None:
        server.kill()
        sys.exit("drydock server did not start")
    echo = os.environ.get("BENCH_SERVER_LOG")  # set: the server's log goes to this script's stderr

    def drain():
        for line in server.stderr:
            if echo:
                sys.stderr.write("server: " + line)

    threading.Thread(target=drain, daemon=True).start()
    results = {"date": datetime.datetime.utcnow().isoformat() + "Z", "store": args.store, "images": args.images,
               "cores": os.cpu_count()}
    try:
        sboms = base_sboms(args.drydock, args.db, args.fixtures)
        if not sboms:
            sys.exit("no fixture images in %s" % args.fixtures)
        results["inventories_from"] = [name for name, _ in sboms]
        results["packages_per_image"] = [len(s.get("components", [])) + 5 for _, s in sboms]

        def push(index):
            name, sbom = sboms[index % len(sboms)]
            digest = hashlib.sha256(b"bench-%d" % index).hexdigest()
            ref = "registry.example/bench/app-%d:1.0@sha256:%s" % (index, digest)
            team = ["payments", "search", "platform", "data"][index % 4]
            start = time.perf_counter()
            request(base, token, "POST", "/api/v1/sboms?image=%s&label=team=%s" % (ref, team), varied(sbom, index))
            return (time.perf_counter() - start) * 1000

        start = time.time()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            seed_ms = list(pool.map(push, range(args.images)))
        results["seed"] = {"seconds": round(time.time() - start, 1), **summary(seed_ms)}
        print("seeded %d images in %.1f s" % (args.images, time.time() - start), file=sys.stderr)

        queries = {
            "package by name": "/api/v1/packages?name=musl&limit=100",
            "package by purl": "/api/v1/packages?purl=pkg:pypi/flask&limit=100",
            "package with version constraint": "/api/v1/packages?name=jinja2&ecosystem=pypi&version=%3C2.11&limit=100",
            "application package by name": "/api/v1/packages?name=benchlib-7&limit=100",
            "vulnerability (any alias)": "/api/v1/vulnerabilities/CVE-2019-10906/images?limit=100",
            "images by label": "/api/v1/images?label=team=payments&limit=100",
            "overdue findings": "/api/v1/findings/overdue?critical=0&high=0&limit=100",
        }
        digest = "sha256:" + hashlib.sha256(b"bench-0").hexdigest()
        queries["an image's findings"] = "/api/v1/images/%s/findings" % digest
        queries["an image's history"] = "/api/v1/images/%s/history" % digest
        results["queries"] = {}
        for name, path in queries.items():
            times = []
            for _ in range(50):
                t = time.perf_counter()
                status, body = request(base, token, "GET", path)
                times.append((time.perf_counter() - t) * 1000)
            answer = json.loads(body)
            total = answer.get("total") if isinstance(answer, dict) else len(answer)
            results["queries"][name] = {"hits": total, **summary(times)}
            print("%-34s %6s hits  p50 %7.2f ms  p99 %7.2f ms" % (name, total, percentile(times, 50),
                                                                percentile(times, 99)), file=sys.stderr)

        if args.rescan:
            results["rescan"] = rescan(base, token, db_path, sboms, args.changes)

        scans = capture_scan_bodies(args.drydock, db_path, args.fixtures, base, token)
        if not scans:
            sys.exit("no scan request was recorded from the fixture images")
        results["scans_from"] = [name for name, _ in scans]

        def scan(index):
            request(base, token, "POST", "/api/v1/scans", varied_scan(scans[index % len(scans)][1], index))

        stop = time.time() + args.seconds
        lock = threading.Lock()
        load = {"push": [], "scan": [], "query": [], "failed": 0, "lost": 0}

        def client(number):
            index = args.images + number * 1000000
            while time.time() < stop:
                index += 1
                kind = ["push", "scan", "query", "query"][index % 4]
                t = time.perf_counter()
                try:
                    if kind == "push":
                        push(index)
                    elif kind == "scan":
                        scan(index)
                    else:
                        request(base, token, "GET", list(queries.values())[index % len(queries)])
                    with lock:
                        load[kind].append((time.perf_counter() - t) * 1000)
                except urllib.error.HTTPError:
                    with lock:
                        load["failed"] += 1
                except Exception:
                    with lock:
                        load["lost"] += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results["load"] = {
            "clients": args.clients, "seconds": args.seconds, "failed": load["failed"], "lost": load["lost"],
            "push": {"per_second": round(len(load["push"]) / max(1, args.seconds), 1), **summary(load["push"] or [0])},
            "scan": {"per_second": round(len(load["scan"]) / max(1, args.seconds), 1), **summary(load["scan"] or [0])},
            "query": {"per_second": round(len(load["query"]) / max(1, args.seconds), 1),
                      **summary(load["query"] or [0])},
        }
        print("load: %s" % json.dumps(results["load"]), file=sys.stderr)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        if pg_state:
            subprocess.run([os.path.join(root, "scripts/postgres/stop"), pg_state])
        shutil.rmtree(work, ignore_errors=True)
    out = args.out or os.path.join(root, "Benchmarks/results",
                                   "server-%s.json" % datetime.date.today().isoformat())
    with open(out, "w") as f:
        json.dump(results, f, indent=2)
    print(out)


if __name__ == "__main__":
    main()
