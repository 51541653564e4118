#!/usr/bin/env python3
"""A fault-injecting proxy in front of a loopback registry, for tests.

The first repository path component selects the fault, and is stripped before forwarding:
  /v2/ok/NAME/...            pass through
  /v2/close-mid-blob/NAME/...  the first GET of each blob sends half its body, then closes the connection;
                             later GETs pass through (Range requests included)
  /v2/no-range/NAME/...      like close-mid-blob, but Range headers are dropped (the whole blob again)
  /v2/flaky/NAME/...         the first request for each path answers 500, later ones pass through
  /v2/always-500/NAME/...    every request answers 503 with Retry-After: 0
  /v2/wrong-digest/NAME/...  blob bodies have their last byte flipped
  /v2/stall/NAME/...         blob GETs answer nothing for 120 s (the client's timeout must end it)
  /v2/reset/NAME/...         the first request for each path is answered with a TCP reset (RST)
  /v2/throttle/NAME/...      the first request for each path answers 429 with Retry-After: 1; a retry
                             sooner than that answers 400 "retried before Retry-After" (not retryable)
  /v2/basic/NAME/...         requires HTTP Basic USER:PASSWORD (401 with a Basic challenge otherwise)
  /v2/huge-manifest/NAME/... manifest GETs answer 200 with Content-Length: 1 GiB and send spaces until the
                             client hangs up
  /v2/endless-manifest/NAME/...  manifest GETs answer 200, chunked, with no end
  /v2/endless-blob/NAME/...  manifests pass through; blob GETs answer 200, chunked, with no end
  /v2/endless-error/NAME/... manifest GETs answer 404, chunked, with no end
  /v2/endless-token/NAME/... every request answers 401 with a Bearer challenge whose realm, /_endless-token on
                             this proxy, answers 200, chunked, with no end
  GET /_stats                JSON: bytes of body sent so far by each streaming mode above
An endless body stops at 2 GiB, or when the client closes the connection.
Only 127.0.0.1 is ever contacted.
"""
import argparse, base64, http.client, json, socket, struct, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

seen = set()
sent = {}
STREAM_CAP = 2 << 30
throttled = {}
lock = threading.Lock()


def first_time(key):
    with lock:
        if key in seen:
            return False
        seen.add(key)
        return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--user", default="alice")
    parser.add_argument("--password", default="secret")
    args = parser.parse_args()
    expected = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def reply(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def stream(self, mode, status, content_type, length=None):
            """Sends `status` and a body of spaces: `length` bytes, or chunked without end (up to STREAM_CAP),
            until the client hangs up; counts what was sent under `mode`."""
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if length is None:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            self.close_connection = True
            if self.command == "HEAD":
                return
            chunk = b" " * 65536
            framed = b"10000\r\n" + chunk + b"\r\n"
            total = 0
            try:
                while total < (length if length is not None else STREAM_CAP):
                    self.wfile.write(chunk if length is not None else framed)
                    total += len(chunk)
                    with lock:
                        sent[mode] = sent.get(mode, 0) + len(chunk)
            except OSError:
                pass

        def handle_any(self):
            path = self.path
            if path == "/_stats":
                with lock:
                    body = json.dumps(sent).encode()
                self.reply(200, body, [("Content-Type", "application/json")])
                return
            if path.startswith("/_endless-token"):
                self.stream("endless-token", 200, "application/json")
                return
            mode = "ok"
            if path.startswith("/v2/") and path != "/v2/":
                parts = path[4:].split("/", 1)
                if len(parts) == 2:
                    mode, rest = parts
                    path = "/v2/" + rest
            if path == "/v2/" or path == "/v2":
                self.reply(200, b"{}", [("Content-Type", "application/json"),
                                        ("Docker-Distribution-API-Version", "registry/2.0")])
                return
            is_manifest = "/manifests/" in path and self.command == "GET"
            if mode == "huge-manifest" and is_manifest:
                self.stream(mode, 200, "application/vnd.oci.image.manifest.v1+json", length=1 << 30)
                return
            if mode == "endless-manifest" and is_manifest:
                self.stream(mode, 200, "application/vnd.oci.image.manifest.v1+json")
                return
            if mode == "endless-error" and is_manifest:
                self.stream(mode, 404, "application/json")
                return
            if mode == "endless-blob" and "/blobs/sha256:" in path and self.command == "GET":
                self.stream(mode, 200, "application/octet-stream")
                return
            if mode == "endless-token":
                realm = f"http://127.0.0.1:{args.port}/_endless-token"
                self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"token required"}]}',
                           [("WWW-Authenticate", f'Bearer realm="{realm}",service="drydock-test"'),
                            ("Content-Type", "application/json")])
                return
            if mode == "basic" and self.headers.get("Authorization") != expected:
                self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
                           [("WWW-Authenticate", 'Basic realm="drydock-test"'), ("Content-Type", "application/json")])
                return
            if mode == "reset" and first_time(("reset", self.command, path)):
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
                return
            if mode == "throttle":
                key = (self.command, path)
                with lock:
                    since = throttled.get(key)
                    if since is None:
                        throttled[key] = time.monotonic()
                if since is None:
                    self.reply(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
                               [("Retry-After", "1"), ("Content-Type", "application/json")])
                    return
                if time.monotonic() - since < 0.95:
                    self.reply(400, b'{"errors":[{"code":"UNSUPPORTED","message":"retried before Retry-After"}]}',
                               [("Content-Type", "application/json")])
                    return
            if mode == "stall" and "/blobs/sha256:" in path and self.command == "GET":
                time.sleep(120)
                self.close_connection = True
                return
            if mode == "always-500":
                self.reply(503, b"busy", [("Retry-After", "0")])
                return
            if mode == "flaky" and first_time(("flaky", self.command, path)):
                self.reply(500, b'{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}')
                return
            is_blob = "/blobs/sha256:" in path and self.command == "GET"
            headers = {}
            for name in set(self.headers.keys()):
                if name.lower() not in ("host", "authorization"):
                    headers[name] = ", ".join(self.headers.get_all(name))
            if mode == "no-range":
                headers.pop("Range", None)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            connection = http.client.HTTPConnection("127.0.0.1", args.upstream_port, timeout=30)
            connection.request(self.command, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            connection.close()
            if is_blob and response.status in (200, 206):
                if mode in ("close-mid-blob", "no-range") and first_time((mode, path)) and len(data) > 1:
                    self.send_response(response.status)
                    for name, value in response.getheaders():
                        if name.lower() not in ("transfer-encoding", "connection"):
                            self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if mode == "wrong-digest" and data:
                    data = data[:-1] + bytes([data[-1] ^ 0xFF])
            if self.command == "HEAD":
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.end_headers()
                return
            out = [(n, v) for n, v in response.getheaders()
                   if n.lower() not in ("content-length", "transfer-encoding", "connection")]
            self.reply(response.status, data, out)

        do_GET = handle_any
        do_HEAD = handle_any
        do_PUT = handle_any
        do_POST = handle_any
        do_PATCH = handle_any

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
