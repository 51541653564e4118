#!/usr/bin/env python3
"""drydock server killed with SIGKILL during a rescan, restarted on the same store, until the rescan completes;
then the store is compared with an uninterrupted rescan of a copy of it.

Usage: Benchmarks/server/rescan_kill.py --drydock PATH --db DB --store-url URL [--images N] [--changes N]
       [--psql PATH] [--json]

1. A server on --store-url (sqlite:PATH or postgres://USER@HOST:PORT/DATABASE: an empty store) with a webhook
   gets --images SBOM pushes (4 threads), then stops. A copy of the store is made (SQLite's backup API, or
   PostgreSQL's CREATE DATABASE … TEMPLATE).
2. Reference: a server on the copy with a changed DB (run.py's changed_database: --changes advisories naming the
   images' packages changed or added, a new build time) rescans at its start, uninterrupted; its findings and
   queued webhook deliveries are read from the store.
3. The kill run: a server on the store with the old DB and --update-interval 1s; the changed DB is renamed over
   its DB file (what `db update` does) and the server is killed with SIGKILL as soon as the rescan is listed
   (`GET /api/v1/rescans`: its row is written, its results are next). Restarted (the restart rescans, the build
   not being recorded as rescanned for), it is killed again early (as soon as it is ready), as soon as the store
   shows the rescan's first batch of images stored (read directly, while it runs: the kill lands between its
   batch transactions), in the middle (half the reference's time from start to finished rescan) and late (90%),
   then left to finish.

After every kill, before the restart, the store is read directly: SQLite's `PRAGMA integrity_check` must be
`ok`; if a rescan for the new DB is recorded finished, the findings and deliveries stored must already be the
reference's (a finished rescan has all its results). A rescan not finished at a kill must never be reported
finished afterwards (`GET /api/v1/rescans`: `interrupted`). After each restart the server must be ready and
answer a query. At the end the findings (image, finding, package, version, severity, fixed version, status, open
or resolved) and the images with a queued delivery must equal the reference's.

Prints a JSON summary (--json: on one line); exit 0 when every check held.
"""
import argparse, concurrent.futures, datetime, hashlib, json, os, shutil, sqlite3, subprocess, sys, tempfile
import threading, time, urllib.parse
from http.server import ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import Receiver, changed_database  # noqa: E402
from soak import Server, call, sbom, write_tokens  # noqa: E402

FINDINGS = """
    SELECT i.digest, f.finding_key, f.vulnerability_id, f.package_name, f.installed_version, f.severity,
        COALESCE(f.fixed_version, ''), f.status, CASE WHEN f.resolved_at IS NULL THEN 'open' ELSE 'resolved' END
    FROM findings f JOIN images i ON i.id = f.image_id ORDER BY i.digest, f.finding_key"""
DELIVERIES = "SELECT idempotency_key FROM deliveries WHERE event = 'image.findings.changed'"
RESCANS = """
    SELECT r.id, CASE WHEN r.finished_at IS NULL THEN 0 ELSE 1 END,
        (SELECT COUNT(DISTINCT e.image_id) FROM finding_events e WHERE e.rescan_id = r.id)
    FROM rescans r ORDER BY r.id"""


class Store:
    """Direct reads of a store (the server stopped or dead), SQLite or PostgreSQL."""

    def __init__(self, url, psql):
        self.url, self.psql = url, psql

    def rows(self, sql):
        if self.url.startswith("sqlite:"):
            db = sqlite3.connect(self.url[len("sqlite:"):])
            try:
                return [tuple(str(v) for v in row) for row in db.execute(sql)]
            finally:
                db.close()
        parts = urllib.parse.urlparse(self.url)
        out = subprocess.run([self.psql, "-h", parts.hostname, "-p", str(parts.port), "-U", parts.username, "-d",
                              parts.path.lstrip("/"), "-AtF", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, check=True)
        return [tuple(line.split("\t")) for line in out.stdout.splitlines()]

    def integrity(self):
        if not self.url.startswith("sqlite:"):
            return "n/a"  # PostgreSQL's own recovery; what the server wrote is checked by the reads
        return ";".join(row[0] for row in self.rows("PRAGMA integrity_check"))

    def copy(self, suffix):
        if self.url.startswith("sqlite:"):
            target = self.url[len("sqlite:"):] + suffix
            source = sqlite3.connect(self.url[len("sqlite:"):])
            destination = sqlite3.connect(target)
            source.backup(destination)
            source.close()
            destination.close()
            return Store("sqlite:" + target, self.psql)
        parts = urllib.parse.urlparse(self.url)
        name = parts.path.lstrip("/")
        Store(parts._replace(path="/postgres").geturl(), self.psql).rows(
            "CREATE DATABASE %s%s TEMPLATE %s" % (name, suffix, name))
        return Store(parts._replace(path="/" + name + suffix).geturl(), self.psql)

    def findings(self):
        return self.rows(FINDINGS)

    def delivered_images(self):
        """The image digests with a queued delivery (keys `rescan-ID:DIGEST:WEBHOOK`), sorted, repeats kept."""
        return sorted(key.split(":", 1)[1].rsplit(":", 1)[0] for (key,) in self.rows(DELIVERIES))

    def rescans(self):
        """(id, finished, images whose changes it stored) of every rescan."""
        return [(int(i), f == "1", int(n)) for i, f, n in self.rows(RESCANS)]


def listed_rescans(server, token):
    base, _ = server.current()
    status, body = call(base, token, "GET", "/api/v1/rescans?limit=100")
    return json.loads(body) if status == 200 else None


def push_images(server, tokens, count):
    base, _ = server.current()

    def push(index):
        digest = "sha256:" + hashlib.sha256(b"rescan-kill-%d" % index).hexdigest()
        status, body = call(base, tokens["write"], "POST", "/api/v1/sboms?image=registry.example/rk/app-%d@%s"
                            % (index, digest), sbom(index % 7, index))
        if status != 200:
            raise RuntimeError("push %d: HTTP %s %s" % (index, status, body[:200]))
        return digest

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(push, range(count)))


def wait_finished(server, token, after, timeout=300):
    """Waits until the newest rescan (id > after) is finished, or none runs; returns (seconds, record)."""
    started = time.time()
    while time.time() < started + timeout:
        rows = listed_rescans(server, token) or []
        newest = rows[0] if rows else None
        if newest and newest["id"] > after and newest.get("finishedAt"):
            return time.time() - started, newest
        time.sleep(0.05)
    raise RuntimeError("no rescan finished within %d s" % timeout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drydock", required=True)
    parser.add_argument("--db", required=True, help="the DB before the update")
    parser.add_argument("--store-url", required=True, help="an empty store: sqlite:PATH or postgres://…")
    parser.add_argument("--images", type=int, default=600)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--psql", default="psql")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="drydock-rescan-kill-")
    tokens = write_tokens(work, "rk")
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    live_db = os.path.join(work, "drydock.db")
    new_db = os.path.join(work, "updated.db")
    shutil.copyfile(args.db, live_db)
    # The update: advisories for the soak SBOMs' packages (soaklib-0…199 on PyPI, musl on Alpine 3.19).
    names = {"PyPI": {"soaklib-%d" % n: "2.10.5" for n in range(200)}, "Alpine:v3.19": {"musl": "1.2.4-r2"}}
    plan, _ = changed_database(args.db, new_db, names, args.changes)
    store = Store(args.store_url, args.psql)
    servers = []
    problems = []
    summary = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "store": "sqlite" if args.store_url.startswith("sqlite:") else "postgres", "images": args.images,
               "advisories_changed": plan, "load_average_before": [round(x, 1) for x in os.getloadavg()]}
    try:
        # 1. Seed the store, with a webhook to count deliveries by.
        server = Server(args.drydock, live_db, args.store_url, work, os.path.join(work, "tokens"), "1s")
        servers.append(server)
        server.start()
        base, _ = server.current()
        status, body = call(base, tokens["admin"], "POST", "/api/v1/webhooks", json.dumps(
            {"url": "http://127.0.0.1:%d/hook" % receiver.server_port, "secret": "rescan-kill-0123456789"}).encode())
        if status != 200:
            raise RuntimeError("webhook: HTTP %s %s" % (status, body))
        started = time.time()
        push_images(server, tokens, args.images)
        summary["push_seconds"] = round(time.time() - started, 1)
        server.stop()

        # 2. The reference: the same store, copied, rescanned once without interruption.
        reference_store = store.copy("_ref" if summary["store"] == "postgres" else ".ref")
        reference_db = os.path.join(work, "reference.db")
        shutil.copyfile(new_db, reference_db)
        reference = Server(args.drydock, reference_db, reference_store.url, os.path.join(work, "ref"),
                           os.path.join(work, "tokens"))
        servers.append(reference)
        started = time.time()
        last = max((r[0] for r in reference_store.rescans()), default=0)
        reference.start()
        _, record = wait_finished(reference, tokens["read"], last)
        reference_seconds = time.time() - started
        reference.stop()
        expected = reference_store.findings()
        expected_deliveries = reference_store.delivered_images()
        summary["reference"] = {"seconds_from_start": round(reference_seconds, 1), "rescan": record,
                                "findings": len(expected), "deliveries": len(expected_deliveries)}
        if not record["changes"] or not expected_deliveries:
            problems.append("the update changed no image's findings: nothing to test")

        # 3. The kill run.
        server = Server(args.drydock, live_db, args.store_url, work, os.path.join(work, "tokens"), "1s")
        servers.append(server)
        server.start()
        before = max((r[0] for r in store.rescans()), default=0)
        kills = []
        unfinished_at_kills = set()

        def kill(moment, deadline):
            """Polls until `deadline`: a time, "listed" (a rescan past `before` is listed) or "stored" (an unfinished
            one has stored some images' changes, read from the store directly, or a rescan finished)."""
            seen = None
            give_up = time.time() + 120
            while time.time() < give_up:
                rows = listed_rescans(server, tokens["read"])
                seen = rows if rows is not None else seen
                if deadline == "listed":
                    if rows and any(r["id"] > before for r in rows):
                        break
                elif deadline == "stored":  # a rescan this run started (past `restarted_after`)
                    if any(i > restarted_after[0] and (f or n > 0) for i, f, n in store.rescans()):
                        break
                elif time.time() >= deadline:
                    break
                time.sleep(0.01)
            server.kill()
            at = time.time() - server_started[0]
            integrity = store.integrity()
            recorded = [(i, f) for i, f, _ in store.rescans() if i > before]
            entry = {"moment": moment, "seconds_after_start": round(at, 2), "integrity": integrity,
                     "rescans_in_store": [{"id": i, "finished": f, "images_stored": n}
                                          for i, f, n in store.rescans() if i > before],
                     "listed_finished_before_kill": sorted(r["id"] for r in (seen or [])
                                                           if r["id"] > before and r.get("finishedAt"))}
            if integrity not in ("ok", "n/a"):
                problems.append("%s: integrity_check: %s" % (moment, integrity))
            for identifier in entry["listed_finished_before_kill"]:
                if (identifier, True) not in recorded:
                    problems.append("%s: rescan %d was listed finished but is not in the store" % (moment, identifier))
            if any(f for _, f in recorded):
                # A finished rescan has all its results: the findings and deliveries are the reference's already.
                entry["finished_results_checked"] = True
                if store.findings() != expected:
                    problems.append("%s: a rescan is recorded finished but the findings differ from the reference"
                                    % moment)
                if store.delivered_images() != expected_deliveries:
                    problems.append("%s: a rescan is recorded finished but the deliveries differ" % moment)
            unfinished_at_kills.update(i for i, f in recorded if not f)
            kills.append(entry)

        server_started = [time.time()]
        restarted_after = [before]
        os.rename(new_db, live_db)
        kill("rescan listed (as soon as GET /api/v1/rescans lists it)", "listed")
        for moment, delay in (("early (as soon as it is ready)", 0), ("first batch stored", "stored"),
                              ("middle (50%)", 0.5), ("late (90%)", 0.9)):
            server_started[0] = time.time()
            restarted_after[0] = max((r[0] for r in store.rescans()), default=0)
            server.restart()
            ready = server.restarts[-1]
            base, _ = server.current()
            status, _ = call(base, tokens["read"], "GET", "/api/v1/images?limit=1")
            if ready is None or status != 200:
                problems.append("after the kill before %s: not serving (ready %s, query HTTP %s)"
                                % (moment, ready, status))
            if delay == "stored":
                kill(moment, delay)
            else:
                kill(moment, max(server_started[0] + delay * reference_seconds, time.time()))
        server_started[0] = time.time()
        server.restart()
        newest = max((r[0] for r in store.rescans()), default=0)
        rows = listed_rescans(server, tokens["read"]) or []
        if rows and not rows[0].get("finishedAt"):
            wait_finished(server, tokens["read"], newest - 1)
        final_list = listed_rescans(server, tokens["read"]) or []
        server.stop()
        for row in final_list:
            if row["id"] in unfinished_at_kills and (row.get("finishedAt") or row.get("status") != "interrupted"):
                problems.append("rescan %d was unfinished at a kill but is listed %s" % (row["id"], row))
        if not any(r["id"] > before and r.get("finishedAt") for r in final_list):
            problems.append("no rescan for the new DB finished after the restarts: %s" % final_list)
        findings = store.findings()
        deliveries = store.delivered_images()
        integrity = store.integrity()
        differences = sorted(set(expected) ^ set(findings))
        if findings != expected:
            problems.append("final findings differ from the uninterrupted rescan's (%d rows differ)" % len(differences))
        if deliveries != expected_deliveries:
            problems.append("final deliveries: %d, the reference's %d" % (len(deliveries), len(expected_deliveries)))
        if integrity not in ("ok", "n/a"):
            problems.append("final integrity_check: %s" % integrity)
        summary.update({
            "kills": kills, "seconds_to_ready_after_kill": server.restarts,
            "rescans": [{k: r.get(k) for k in ("id", "status", "changedKeys", "packages", "images", "changes",
                                              "seconds")} for r in final_list if r["id"] > before],
            "final": {"findings": len(findings), "deliveries": len(deliveries), "integrity": integrity,
                      "equal_to_reference": findings == expected and deliveries == expected_deliveries,
                      "differences": [list(d) for d in differences[:5]]},
        })
    except Exception as error:  # noqa: BLE001 - reported in the summary
        problems.append("%s: %s" % (type(error).__name__, error))
    finally:
        for server in servers:
            server.stop()
        receiver.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    summary["problems"] = problems
    summary["ok"] = not problems
    summary["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(summary) if args.json else json.dumps(summary, indent=2))
    sys.exit(0 if not problems else 1)


if __name__ == "__main__":
    main()
