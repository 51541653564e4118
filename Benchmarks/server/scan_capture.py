"""Records the body a real `drydock image --server` client sends to `POST /api/v1/scans`.

The load test replays client scans without running the client's local analysis each time: this module
puts a forwarding proxy between a real client run and the server under test, keeps the body of the scan
request, and lets the load test send it again under other image names and digests.
"""

import hashlib
import http.server
import json
import os
import subprocess
import threading
import urllib.error
import urllib.request


def capture_scan_bodies(drydock, db, fixtures, base, token):
    """The scan request bodies of `drydock image --input FIXTURE --server` for each fixture image."""
    captured = []

    class Forward(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            if self.command == "POST" and self.path.startswith("/api/v1/scans") and body:
                captured.append(body)
            req = urllib.request.Request(base + self.path, data=body, method=self.command)
            for name in ("Authorization", "Content-Type", "Accept"):
                if self.headers.get(name):
                    req.add_header(name, self.headers[name])
            try:
                with urllib.request.urlopen(req, timeout=120) as response:
                    status, headers, answer = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                status, headers, answer = error.code, error.headers, error.read()
            self.send_response(status)
            self.send_header("Content-Type", headers.get("Content-Type") or "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        do_GET = do_POST = do_PUT = do_DELETE = forward

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % proxy.server_address[1]
    bodies = []
    try:
        for name in sorted(os.listdir(fixtures)):
            if not name.endswith((".tar", ".tar.gz")):
                continue
            before = len(captured)
            subprocess.run([drydock, "image", "--input", os.path.join(fixtures, name), "--db", db, "--server", url,
                            "--token", token, "--skip-db-update", "--quiet", "--format", "json"],
                           stdout=subprocess.DEVNULL, check=True)
            if len(captured) > before:
                bodies.append((name, json.loads(captured[-1])))
    finally:
        proxy.shutdown()
    return bodies


def varied_scan(body, index):
    """`body` as the scan of another image: its own name, tag and digest, so each scan stores an image."""
    scan = json.loads(json.dumps(body))
    digest = hashlib.sha256(b"bench-scan-%d" % index).hexdigest()
    repository = "registry.example/bench/scan-%d" % index
    artifact = scan["artifact"]
    artifact["name"] = repository + ":1.0"
    artifact["repoTags"] = [repository + ":1.0"]
    artifact["repoDigests"] = ["%s@sha256:%s" % (repository, digest)]
    return json.dumps(scan).encode()
