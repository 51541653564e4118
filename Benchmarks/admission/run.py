#!/usr/bin/env python3
"""Admission webhook latency: the decision p99 at a steady request rate on loopback (issue 18: p99 < 20 ms at
200 requests/s).

Usage: Benchmarks/admission/run.py --drydock PATH --db DB [--images N] [--rate R] [--seconds S]
       [--connections C] [--out FILE]

Starts `drydock server` (SQLite store, --no-auth on loopback) with an admission configuration that gates on
every severity and requires digests, seeds N images through POST /api/v1/sboms (Alpine inventories from
SBOM documents, each its own digest), then drives POST /admission/v1/validate with `wrk` (Debian's package)
and a Lua script that paces its connections to about R requests/s in total (a fixed pause after each answer;
the achieved rate is reported) and cycles through AdmissionReviews of
Deployments, each with three containers drawn from the seeded images (two in three scanned, one unknown), so
lookups, cache hits and denials are all measured. wrk's latency percentiles are end-to-end (request written
to answer read), which bounds the decision time. Writes JSON to --out (default
Benchmarks/results/admission-<date>.json).
"""
import argparse, datetime, json, os, random, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))

LUA = r"""
local bodies = {}
local index = 0
local pace = %(pace)f

function init(args)
  local file = io.open("%(bodies)s", "r")
  for line in file:lines() do bodies[#bodies + 1] = line end
  file:close()
  index = math.random(#bodies)
end

function delay()
  return pace
end

function request()
  index = index %% #bodies + 1
  return wrk.format("POST", "/admission/v1/validate", {["Content-Type"] = "application/json"}, bodies[index])
end

function done(summary, latency, requests)
  local out = io.open("%(result)s", "w")
  out:write(string.format('{"requests": %%d, "errors": %%d, "non2xx": %%d, "duration_us": %%d, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "p999_us": %%d, "max_us": %%d, "mean_us": %%.1f}',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
  out:close()
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(base, path, body, content="application/json"):
    req = urllib.request.Request(base + path, data=body, method="POST")
    req.add_header("Content-Type", content)
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.status, response.read()


def sbom(index):
    rng = random.Random(index)
    packages = [("musl", "1.1.22-r%d" % rng.randint(0, 4)), ("openssl", "1.1.1%s-r0" % "cdefg"[rng.randint(0, 4)]),
                ("zlib", "1.2.11-r%d" % rng.randint(0, 3)), ("busybox", "1.30.1-r%d" % rng.randint(0, 3))]
    components = [{"bom-ref": "os", "type": "operating-system", "name": "alpine", "version": "3.10.4"}]
    for n, (name, version) in enumerate(packages):
        components.append({"bom-ref": "p%d" % n, "type": "library", "name": name, "version": version,
                           "purl": "pkg:apk/alpine/%s@%s?distro=3.10.4" % (name, version)})
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                       "metadata": {"component": {"bom-ref": "image", "type": "container", "name": "app"}},
                       "components": components}).encode()


def digest(index):
    return "sha256:%064x" % (index + 1)


def review(rng, images, serial):
    containers = []
    for n in range(3):
        if n == 2:
            image = "bench.example/unknown/app%d@%s" % (rng.randint(0, 10**6), digest(10**7 + rng.randint(0, 10**6)))
        else:
            i = rng.randrange(images)
            image = "bench.example/team/app%d@%s" % (i, digest(i))
        containers.append({"name": "c%d" % n, "image": image})
    obj = {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "web-%d" % serial, "namespace": "team-%d" % (serial % 20)},
           "spec": {"template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": containers}}}}
    return json.dumps({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                       "request": {"uid": "bench-%d" % serial,
                                   "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
                                   "namespace": obj["metadata"]["namespace"], "operation": "CREATE",
                                   "userInfo": {"username": "bench"}, "object": obj}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drydock", default=os.path.join(root, ".build/release/drydock"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--images", type=int, default=500)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--allowance", type=float, default=5.0,
        help="ms taken off each connection's pause for the answer's own time (wrk paces with a fixed delay)")
    parser.add_argument("--out")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="drydock-admission-bench-")
    config = os.path.join(work, "admission.yaml")
    with open(config, "w") as f:
        f.write("apiVersion: drydock.dev/admission/v1\nmode: enforce\nfailurePolicy: closed\ntimeBudget: 500ms\n"
                "images:\n  requireDigest: true\n  allowedRegistries: [bench.example]\n"
                "gate:\n  severities: [UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL]\n")
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen(
        [args.drydock, "server", "--listen", "127.0.0.1:%d" % port, "--no-auth", "--db", args.db,
         "--store", "sqlite:" + os.path.join(work, "repository.db"), "--skip-db-update", "--update-interval", "0",
         "--cache-dir", os.path.join(work, "cache"), "--admission-config", config],
        stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, LOG_LEVEL="warning"))
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        start = time.time()
        for i in range(args.images):
            ref = "bench.example/team/app%d@%s" % (i, digest(i))
            post(base, "/api/v1/sboms?image=%s&digest=%s" % (urllib.request.quote(ref, safe=""), digest(i)), sbom(i))
        seeded = time.time() - start
        rng = random.Random(18)
        bodies = os.path.join(work, "reviews.jsonl")
        with open(bodies, "w") as f:
            for serial in range(2000):
                f.write(review(rng, args.images, serial) + "\n")
        status, answer = post(base, "/admission/v1/validate", review(rng, args.images, 99999).encode())
        sample = json.loads(answer)
        result = os.path.join(work, "wrk.json")
        script = os.path.join(work, "admission.lua")
        pace_ms = max(0.0, 1000.0 * args.connections / args.rate - args.allowance)
        with open(script, "w") as f:
            f.write(LUA % {"bodies": bodies, "result": result, "pace": pace_ms})
        run = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", "%ds" % args.seconds,
                              "--latency", "-s", script, base], capture_output=True, text=True)
        if run.returncode != 0 or not os.path.exists(result):
            sys.exit("wrk failed: " + run.stderr + run.stdout)
        with open(result) as f:
            figures = json.load(f)
        figures["requests_per_second"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
        out = {
            "date": datetime.date.today().isoformat(), "images": args.images, "seconds": args.seconds,
            "target_rate": args.rate, "connections": args.connections, "seed_seconds": round(seeded, 1),
            "drydock": args.drydock, "load_average": os.getloadavg()[0],
            "sample_response": sample["response"], "wrk": figures,
            "p99_ms": round(figures["p99_us"] / 1000, 2), "p50_ms": round(figures["p50_us"] / 1000, 2),
            "goal_p99_ms": 20,
        }
        path = args.out or os.path.join(root, "Benchmarks/results/admission-%s.json" % out["date"])
        with open(path, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
        print(json.dumps(out, indent=2))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
