#!/usr/bin/env python3
"""A Docker Engine API stand-in on a Unix socket whose image export never ends, for the test that
interrupts drydock while it spools an export (the real engines export a small image in milliseconds).

It answers /_ping, inspects any image with a fixed answer, and streams /images/NAME/get as the start of a
tar archive followed by one zero block every 50 ms, forever. Usage: slow_engine.py SOCKET_PATH."""
import json
import os
import socketserver
import sys
import time
from http.server import BaseHTTPRequestHandler

INSPECT = {
    "Id": "sha256:" + "ab" * 32,
    "RepoTags": ["drydock-test/slow:1.0"],
    "RepoDigests": [],
    "Os": "linux",
    "Architecture": "amd64",
    "RootFS": {"Type": "layers", "Layers": []},
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/_ping":
            self.reply(200, b"OK", {"Api-Version": "1.41"})
        elif self.path.endswith("/json"):
            self.reply(200, json.dumps(INSPECT).encode(), {"Content-Type": "application/json"})
        elif self.path.endswith("/get"):
            self.send_response(200)
            self.send_header("Content-Type", "application/x-tar")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                while True:
                    block = b"\0" * 512
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                return
        else:
            self.reply(404, b'{"message":"not found"}', {"Content-Type": "application/json"})

    def reply(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def get_request(self):
        request, _ = super().get_request()
        return request, ("local", 0)


if __name__ == "__main__":
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    with Server(path, Handler) as server:
        server.serve_forever()
