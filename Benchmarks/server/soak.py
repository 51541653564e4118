#!/usr/bin/env python3
"""drydock server soak and kill test: concurrent clients against one `drydock server` on loopback for a bounded
time, the server's memory sampled, optionally the server killed with SIGKILL and restarted on the same store
while the clients run; then every write the clients saw acknowledged is looked up in the store.

Usage: Benchmarks/server/soak.py --drydock PATH --db DB [--store sqlite|postgres | --store-url URL] [--seconds S]
       [--clients C] [--kill-every S] [--heap-every S] [--server-arg ARG ...] [--json] [--out FILE]

Each client loops over: an SBOM push (POST /api/v1/sboms, a CycloneDX inventory of its own image digest), a
triage change (POST /api/v1/exceptions, then PUT of a new version), queries (images, packages, an image's
findings) and an admission review (POST /admission/v1/validate of a Pod running a pushed image). An answer
2xx is *acknowledged*; another status is *failed*; no answer (refused, reset, timed out) is *unanswered*,
which only a kill may cause. The server's resident memory (VmRSS) is read every --sample-every seconds, and
its allocator's figures (bytes in use, bytes held free: `drydock_heap_*` on /metrics) every --heap-every.

At the end (the server restarted if a kill left it down): every acknowledged push must be in the store
(GET /api/v1/images/DIGEST) and every acknowledged exception version listed (GET /api/v1/exceptions/ID); the
count that is not is `lost`, and must be 0. Memory is *flat* when the mean RSS of the last quarter of the
longest run without a restart exceeds the first quarter's by at most 10% or 16 MiB. Exit 0 when nothing was lost,
nothing failed, nothing went unanswered without a kill to explain it, and memory is flat (with --kill-every,
memory is not judged: no run lasts long enough).
"""
import argparse, datetime, hashlib, json, os, random, re, shutil, signal, subprocess, sys, tempfile, threading
import time, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgstore import start_postgres  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


class Server:
    """`drydock server` on a free loopback port, on one store, restartable; the current URL and PID."""

    def __init__(self, drydock, db, store, work, tokens, update_interval="0", extra=()):
        self.drydock, self.db, self.store, self.work, self.tokens = drydock, db, store, work, tokens
        self.extra = list(extra)  # more `drydock server` arguments
        self.update_interval = update_interval  # how often it checks whether the DB file was replaced
        self.lock = threading.Lock()
        self.process = None
        self.base = None
        self.restarts = []

    def start(self):
        process = subprocess.Popen(
            [self.drydock, "server", "--listen", "127.0.0.1:0", "--store", self.store, "--db", self.db,
             "--tokens", self.tokens, "--skip-db-update", "--update-interval", self.update_interval,
             "--cache-dir", os.path.join(self.work, "cache")] + self.extra,
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        base = None
        deadline = time.time() + 120
        log = []
        while base is None and time.time() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            log.append(line)
            match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
            if match:
                base = match.group(1)
        if base is None:
            process.kill()
            raise RuntimeError("drydock server did not start: " + "".join(log[-20:]))
        threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
        with self.lock:
            self.process = process
        # Clients get the address once the server says it is ready (DB loaded, store answering).
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=5) as response:
                    if response.status == 200:
                        break
            except Exception:
                pass
            time.sleep(0.05)
        with self.lock:
            self.base = base
        return base

    def current(self):
        with self.lock:
            return self.base, (self.process.pid if self.process else None)

    def kill(self):
        with self.lock:
            process = self.process
            self.base = None
        process.send_signal(signal.SIGKILL)
        process.wait()

    def restart(self):
        """Starts the server again; records the seconds until it was ready (None: never)."""
        started = time.time()
        base = self.start()
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=5) as response:
                ready = response.status == 200
        except Exception:
            ready = False
        self.restarts.append(round(time.time() - started, 2) if ready else None)

    def stop(self):
        with self.lock:
            process = self.process
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def call(base, token, method, path, body=None, content="application/json"):
    """(status, body); status None when nothing came back."""
    if base is None:
        return None, b"server down"
    req = urllib.request.Request(base + path, data=body, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", content)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]
    except Exception as error:  # refused, reset, timed out
        return None, str(error).encode()


def sbom(client, index):
    """A small CycloneDX inventory: Alpine's musl (vulnerable in the test DBs) and a few PyPI packages."""
    rng = random.Random(client * 1000003 + index)
    components = [{"bom-ref": "os", "type": "operating-system", "name": "alpine", "version": "3.19.1"},
                  {"bom-ref": "musl", "type": "library", "name": "musl", "version": "1.2.4-r2",
                   "purl": "pkg:apk/alpine/musl@1.2.4-r2?distro=3.19.1"}]
    for n in range(20):
        name = "soaklib-%d" % rng.randint(0, 199)
        version = "%d.%d.%d" % (rng.randint(0, 3), rng.randint(0, 20), rng.randint(0, 9))
        components.append({"bom-ref": "py-%d" % n, "type": "library", "name": name, "version": version,
                           "purl": "pkg:pypi/%s@%s" % (name, version)})
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                       "metadata": {"component": {"bom-ref": "image", "type": "container", "name": "soak"}},
                       "components": components}).encode()


def review(image):
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "soak", "namespace": "soak"},
           "spec": {"containers": [{"name": "app", "image": image}]}}
    return json.dumps({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
        "uid": "soak-%d" % random.randint(0, 1 << 30), "kind": {"group": "", "version": "v1", "kind": "Pod"},
        "resource": {"group": "", "version": "v1", "resource": "pods"}, "namespace": "soak", "name": "soak",
        "operation": "CREATE", "userInfo": {"username": "soak"}, "object": pod}}).encode()


class Ledger:
    """What the clients saw: acknowledged writes (to look up later), counts by kind and outcome."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pushes = []
        self.exceptions = {}  # id -> acknowledged versions
        self.counts = {}
        self.failures = []

    def note(self, kind, status, body):
        outcome = "acknowledged" if status is not None and 200 <= status < 300 else (
            "unanswered" if status is None else "failed")
        if outcome == "unanswered":
            time.sleep(0.05)  # the server is down: do not spin
        with self.lock:
            self.counts.setdefault(kind, {}).setdefault(outcome, 0)
            self.counts[kind][outcome] += 1
            if outcome == "failed" and len(self.failures) < 20:
                self.failures.append("%s: HTTP %s %s" % (kind, status, body[:200].decode("utf-8", "replace")))
        return outcome == "acknowledged"


def client(number, server, tokens, ledger, stop):
    index = 0
    pushed = []
    exceptions = []
    while time.time() < stop:
        index += 1
        base, _ = server.current()
        step = index % 10
        if step in (0, 3, 6, 8):
            digest = "sha256:" + hashlib.sha256(b"soak-%d-%d" % (number, index)).hexdigest()
            image = "registry.example/soak/app-%d@%s" % (number, digest)
            status, body = call(base, tokens["write"], "POST",
                                "/api/v1/sboms?image=%s&label=client=%d" % (image, number), sbom(number, index))
            if ledger.note("push", status, body):
                pushed.append(image)
                with ledger.lock:
                    ledger.pushes.append(digest)
        elif step == 1:
            body = json.dumps({"id": "CVE-2099-%d" % (number * 100000 + index), "owner": "soak",
                               "reason": "soak test", "expires": "2099-01-31",
                               "purl": "pkg:pypi/soaklib-%d" % (index % 200)}).encode()
            status, answer = call(base, tokens["write"], "POST", "/api/v1/exceptions", body)
            if ledger.note("triage", status, answer):
                record = json.loads(answer)
                exceptions.append((record["id"], body))
                with ledger.lock:
                    ledger.exceptions.setdefault(record["id"], []).append(record["version"])
        elif step == 4 and exceptions:
            identifier, body = exceptions[index % len(exceptions)]
            changed = json.loads(body)
            changed["reason"] = "soak test, revised at %d" % index
            status, answer = call(base, tokens["write"], "PUT", "/api/v1/exceptions/" + identifier,
                                  json.dumps(changed).encode())
            if ledger.note("triage", status, answer):
                with ledger.lock:
                    ledger.exceptions.setdefault(identifier, []).append(json.loads(answer)["version"])
        elif step == 9 and pushed:
            status, body = call(base, tokens["read"], "POST", "/admission/v1/validate", review(pushed[-1]))
            ledger.note("admission", status, body)
        else:
            paths = ["/api/v1/images?limit=10", "/api/v1/packages?name=musl&limit=10",
                     "/api/v1/vulnerabilities/CVE-2099-0001/images?limit=10"]
            if pushed:
                paths.append("/api/v1/images/%s/findings" % pushed[-1].split("@")[1])
            status, body = call(base, tokens["read"], "GET", paths[index % len(paths)])
            ledger.note("query", status, body)


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def heap_bytes(base):
    """The server's drydock_heap_in_use_bytes and drydock_heap_free_bytes from /metrics, or None."""
    try:
        with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
            text = response.read().decode()
    except (OSError, urllib.error.URLError):
        return None
    values = {}
    for line in text.splitlines():
        for name in ("drydock_heap_in_use_bytes", "drydock_heap_free_bytes"):
            if line.startswith(name + " "):
                values[name] = float(line.split()[1])
    if len(values) != 2:
        return None
    return values["drydock_heap_in_use_bytes"], values["drydock_heap_free_bytes"]


def quarter_means(values, unit):
    """The means of VALUES' four quarters, divided by UNIT and rounded to 0.1; None below 8 values."""
    if len(values) < 8:
        return None
    quarter = len(values) // 4
    return [round(sum(values[i * quarter:(i + 1) * quarter]) / quarter / unit, 1) for i in range(4)]


def heap_quarters(samples):
    """Mean heap in use and held free (MiB) by quarter of the run, from /metrics samples."""
    if len(samples) < 8:
        return None
    return {"samples": len(samples), "in_use_mib_by_quarter": quarter_means([s[2] for s in samples], 1048576),
            "free_mib_by_quarter": quarter_means([s[3] for s in samples], 1048576)}


def longest_run(samples):
    """The RSS samples (KiB) of the process sampled longest (a kill test restarts it)."""
    runs = {}
    for _, pid, kib in samples:
        runs.setdefault(pid, []).append(kib)
    return max(runs.values(), key=len) if runs else []


def rss_quarters(samples):
    """Mean RSS (MiB) by quarter of the longest run of samples from one process."""
    return quarter_means(longest_run(samples), 1024)


def flatness(samples):
    """First and last quarter mean RSS (MiB) of the longest run of samples from one process."""
    longest = longest_run(samples)
    if len(longest) < 8:
        return None
    quarter = len(longest) // 4
    first = sum(longest[:quarter]) / quarter / 1024
    last = sum(longest[-quarter:]) / quarter / 1024
    return {"samples": len(longest), "first_quarter_mib": round(first, 1), "last_quarter_mib": round(last, 1),
            "peak_mib": round(max(longest) / 1024, 1), "growth_mib": round(last - first, 1),
            "flat": last <= first * 1.10 or last - first <= 16}


def verify(server, tokens, ledger):
    base, _ = server.current()
    lost = []
    for digest in ledger.pushes:
        status, _ = call(base, tokens["read"], "GET", "/api/v1/images/" + digest)
        if status != 200:
            lost.append("push %s: HTTP %s" % (digest, status))
    for identifier, versions in ledger.exceptions.items():
        status, body = call(base, tokens["read"], "GET", "/api/v1/exceptions/" + identifier)
        stored = {record.get("version") for record in json.loads(body)} if status == 200 else set()
        for version in versions:
            if version not in stored:
                lost.append("exception %s version %s: HTTP %s" % (identifier, version, status))
    return lost


def write_tokens(work, label):
    """A new read, write and admin token in WORK/tokens (the server's --tokens file); {scope: token}."""
    tokens = {scope: "%s-%s-token-%s" % (scope, label, os.urandom(8).hex()) for scope in ("read", "write", "admin")}
    with open(os.path.join(work, "tokens"), "w") as f:
        for scope, token in tokens.items():
            f.write("%s %s-%s %s\n" % (scope, label, scope, token))
    return tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drydock", default=os.path.join(root, ".build/debug/drydock"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--store-url", help="an existing store (postgres://… or sqlite:PATH) instead of a new one")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kill-every", type=float, default=0, help="SIGKILL and restart the server this often")
    parser.add_argument("--sample-every", type=float, default=1)
    parser.add_argument("--heap-every", type=float, default=10,
                        help="read the server's heap gauges from /metrics this often (0: never)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="one more `drydock server` argument (repeatable), e.g. --server-arg=--max-body=1MiB")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")
    parser.add_argument("--out", help="also write the summary (with every RSS sample) to this file")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="drydock-soak-")
    tokens = write_tokens(work, "soak")
    pg_state = None
    if args.store_url:
        store = args.store_url
        args.store = "postgres" if store.startswith("postgres") else "sqlite"
    elif args.store == "postgres":
        store, pg_state = start_postgres(root, work, "soak")
    else:
        store = "sqlite:" + os.path.join(work, "repo.db")
    server = Server(args.drydock, args.db, store, work, os.path.join(work, "tokens"), extra=args.server_arg)
    ledger = Ledger()
    samples = []
    heap_samples = []
    next_heap = 0
    kills = 0
    started = time.time()
    load_before = os.getloadavg()
    try:
        server.start()
        stop = time.time() + args.seconds
        threads = [threading.Thread(target=client, args=(n, server, tokens, ledger, stop))
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        next_kill = time.time() + args.kill_every if args.kill_every else None
        while time.time() < stop:
            _, pid = server.current()
            kib = rss_kib(pid) if pid else None
            if kib:
                samples.append((round(time.time() - started, 1), pid, kib))
            if args.heap_every and time.time() >= next_heap and not kills:
                base, _ = server.current()
                heap = heap_bytes(base) if base else None
                if heap:
                    heap_samples.append((round(time.time() - started, 1), pid) + heap)
                next_heap = time.time() + args.heap_every
            if next_kill and time.time() >= next_kill and time.time() < stop - 1:
                server.kill()
                kills += 1
                time.sleep(0.2)  # clients meet a dead server
                server.restart()
                next_kill = time.time() + args.kill_every
            time.sleep(args.sample_every)
        for thread in threads:
            thread.join()
        lost = verify(server, tokens, ledger)
        _, pid = server.current()
        memory = flatness(samples)
        if memory is not None:
            memory["rss_mib_by_quarter"] = rss_quarters(samples)
            memory["heap"] = heap_quarters(heap_samples)
        counts = ledger.counts
        failed = sum(kind.get("failed", 0) for kind in counts.values())
        unanswered = sum(kind.get("unanswered", 0) for kind in counts.values())
        summary = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "drydock": args.drydock, "store": args.store, "seconds": args.seconds, "clients": args.clients,
            "cores": os.cpu_count(), "load_average_before": [round(x, 1) for x in load_before],
            "load_average_after": [round(x, 1) for x in os.getloadavg()],
            "requests": counts, "acknowledged_pushes": len(ledger.pushes),
            "acknowledged_exception_versions": sum(len(v) for v in ledger.exceptions.values()),
            "kills": kills, "seconds_to_ready_after_kill": server.restarts,
            "failed": failed, "unanswered": unanswered, "lost": len(lost), "lost_examples": lost[:10],
            "failures": ledger.failures, "memory": memory,
        }
        ok = not lost and failed == 0 and (kills > 0 or unanswered == 0) and (
            kills > 0 or (memory is not None and memory["flat"]))
        summary["ok"] = ok
    finally:
        server.stop()
        if pg_state:
            subprocess.run([os.path.join(root, "scripts/postgres/stop"), pg_state])
        shutil.rmtree(work, ignore_errors=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(dict(summary, rss_samples=samples, heap_samples=heap_samples), f, indent=2)
    if args.json:
        print(json.dumps(summary))
    else:
        print(json.dumps(summary, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
