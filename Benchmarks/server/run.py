#!/usr/bin/env python3
"""drydock server benchmark: seeds a repository with N images whose inventories come from the benchmark's
real images, then measures the repository queries and a bounded load test on loopback.

Usage: Benchmarks/server/run.py --drydock PATH --db DB [--images N] [--store sqlite|postgres] [--clients C]
       [--seconds S] [--fixtures DIR] [--out FILE]

Inventories: the CycloneDX SBOM `drydock image --input FIXTURE --format cyclonedx` writes for each image in
--fixtures (default ../shared/fixtures/images), each copy varied (a few package versions moved, a few
application packages of its own) so the store holds many distinct package versions. Pushed with
POST /api/v1/sboms by 4 threads. Then every query kind is asked 50 times (p50, p99, max in ms), and for
--seconds, --clients threads each loop scan-sized SBOM pushes and queries, counting failures and lost
requests (no answer). Writes JSON to --out (default Benchmarks/results/server-<date>.json).
"""
import argparse, concurrent.futures, datetime, hashlib, json, os, random, re, shutil, statistics, subprocess
import sys, tempfile, threading, time, urllib.error, urllib.request

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drydock", default=os.path.join(root, ".build/release/drydock"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--images", type=int, default=10000)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--fixtures", default=os.path.join(root, "..", "shared", "fixtures", "images"))
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="drydock-server-bench-")
    token = "bench-admin-token-0123456789"
    with open(os.path.join(work, "tokens"), "w") as f:
        f.write("admin bench %s\n" % token)
    pg_state = None
    if args.store == "postgres":
        pg_state = os.path.join(work, "pg")
        subprocess.run([os.path.join(root, "scripts/postgres/start"), pg_state], check=True)
        env = dict(line.strip().split("=", 1) for line in open(os.path.join(pg_state, "env")) if "=" in line)
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", env["PG_PORT"], "-U", env["PG_USER"], "-d", "postgres",
                        "-c", "CREATE DATABASE bench"], check=True, capture_output=True)
        store = "postgres://%s@127.0.0.1:%s/bench" % (env["PG_USER"], env["PG_PORT"])
    else:
        store = "sqlite:" + os.path.join(work, "repo.db")
    server = subprocess.Popen([args.drydock, "server", "--listen", "127.0.0.1:0", "--store", store, "--db", args.db,
                               "--tokens", os.path.join(work, "tokens"), "--skip-db-update", "--update-interval", "0",
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
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
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

        stop = time.time() + args.seconds
        lock = threading.Lock()
        load = {"push": [], "query": [], "failed": 0, "lost": 0}

        def client(number):
            index = args.images + number * 1000000
            while time.time() < stop:
                index += 1
                kind = "push" if index % 3 == 0 else "query"
                t = time.perf_counter()
                try:
                    if kind == "push":
                        push(index)
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
            "push": {"per_second": round(len(load["push"]) / args.seconds, 1), **summary(load["push"] or [0])},
            "query": {"per_second": round(len(load["query"]) / args.seconds, 1), **summary(load["query"] or [0])},
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
