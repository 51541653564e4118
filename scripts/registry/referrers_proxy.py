#!/usr/bin/env python3
"""A registry with the OCI 1.1 referrers API, for tests: a proxy in front of a docker-registry (distribution 2.8,
which has no referrers API) that adds what distribution-spec 1.1 asks of a registry that has one.

- Every request is forwarded to the upstream registry unchanged (its answers, including upload `Location`s that
  point at the upstream itself, come back unchanged).
- A manifest pushed through the proxy (`PUT /v2/<name>/manifests/<ref>`) with a `subject` is remembered as a
  referrer of that subject, and the response carries `OCI-Subject: <subject digest>` so the client knows it need
  not maintain the referrers tag.
- `GET /v2/<name>/referrers/<digest>` answers an image index of the remembered referrers' descriptors (with
  `artifactType`, else the config's media type, and the manifest's annotations), `--page-size` per page with a
  `Link: <…>; rel="next"` header to the next page, and honours `?artifactType=` with
  `OCI-Filters-Applied: artifactType`. Unknown digests get an empty index, never a 404.

Usage: referrers_proxy.py --port PORT --upstream-port PORT [--page-size N]
"""

import argparse
import hashlib
import http.client
import http.server
import json
import re
import threading
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--upstream-port", type=int, required=True)
parser.add_argument("--page-size", type=int, default=1)
args = parser.parse_args()

referrers = {}  # (repository, subject digest) -> [descriptor]
lock = threading.Lock()
INDEX = "application/vnd.oci.image.index.v1+json"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        upstream = http.client.HTTPConnection("127.0.0.1", args.upstream_port, timeout=60)
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        extra = {}
        if self.command == "PUT" and "/manifests/" in self.path and response.status == 201 and body:
            extra = self.remember(body)
        self.send_response(response.status)
        for key, value in response.getheaders():
            # A HEAD answer keeps the upstream's Content-Length (the size of what a GET would send).
            if key.lower() not in ("connection", "transfer-encoding", "content-length") or (
                    key.lower() == "content-length" and self.command == "HEAD"):
                self.send_header(key, value)
        for key, value in extra.items():
            self.send_header(key, value)
        if self.command != "HEAD":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    def remember(self, body):
        try:
            manifest = json.loads(body)
        except ValueError:
            return {}
        subject = (manifest.get("subject") or {}).get("digest")
        if not subject:
            return {}
        descriptor = {"mediaType": manifest.get("mediaType", "application/vnd.oci.image.manifest.v1+json"),
                      "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "size": len(body),
                      "artifactType": manifest.get("artifactType") or (manifest.get("config") or {}).get("mediaType"),
                      "annotations": manifest.get("annotations") or {}}
        repository = self.path[len("/v2/"):self.path.rindex("/manifests/")]
        with lock:
            entries = referrers.setdefault((repository, subject), [])
            if all(entry["digest"] != descriptor["digest"] for entry in entries):
                entries.append(descriptor)
        return {"OCI-Subject": subject}

    def referrers(self, url, repository, digest):
        path = url.path
        query = urllib.parse.parse_qs(url.query)
        with lock:
            found = list(referrers.get((repository, digest), []))
        headers = {"Content-Type": INDEX}
        artifact_type = query.get("artifactType", [None])[0]
        if artifact_type:
            found = [entry for entry in found if entry["artifactType"] == artifact_type]
            headers["OCI-Filters-Applied"] = "artifactType"
        page = int(query.get("page", ["1"])[0])
        start = (page - 1) * args.page_size
        if start + args.page_size < len(found):
            next_query = {"page": str(page + 1)}
            if artifact_type:
                next_query["artifactType"] = artifact_type
            headers["Link"] = f'<{path}?{urllib.parse.urlencode(next_query)}>; rel="next"'
        body = json.dumps({"schemaVersion": 2, "mediaType": INDEX,
                           "manifests": found[start:start + args.page_size]}).encode()
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        # `/v2/<name>/referrers/<digest>`: the last two segments (a repository may itself be named `…/referrers`).
        match = re.fullmatch(r"/v2/(.+)/referrers/([a-z0-9+._-]+:[a-zA-Z0-9=_-]+)", url.path)
        if match:
            self.referrers(url, match.group(1), match.group(2))
        else:
            self.forward()

    do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = forward


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.serve_forever()
