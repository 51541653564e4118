#!/usr/bin/env python3
"""A minimal Docker registry token server for tests, on loopback only.

GET /token?service=S&scope=repository:NAME:ACTIONS with HTTP Basic USER:PASSWORD returns
{"token": JWT} signed RS256 with the given key; the JWT's x5c header carries the certificate the
registry trusts (its auth.token.rootcertbundle). Wrong or missing credentials get 401.
"""
import argparse, base64, json, subprocess, time, uuid
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--cert-der", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    cert = base64.b64encode(open(args.cert_der, "rb").read()).decode()
    expected = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            url = urlparse(self.path)
            if url.path != "/token":
                self.send_error(404)
                return
            if self.headers.get("Authorization") != expected:
                body = b'{"details":"bad credentials"}'
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            query = parse_qs(url.query)
            access = []
            for scope in query.get("scope", []):
                parts = scope.split(":")
                if len(parts) >= 3 and parts[0] == "repository":
                    access.append({"type": "repository", "name": ":".join(parts[1:-1]),
                                   "actions": parts[-1].split(",")})
            now = int(time.time())
            header = {"alg": "RS256", "typ": "JWT", "x5c": [cert]}
            claims = {"iss": args.issuer, "sub": args.user, "aud": query.get("service", [""])[0],
                      "exp": now + 600, "nbf": now - 10, "iat": now, "jti": uuid.uuid4().hex, "access": access}
            signing_input = (b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())).encode()
            signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", args.key], input=signing_input,
                                       capture_output=True, check=True).stdout
            token = signing_input.decode() + "." + b64(signature)
            body = json.dumps({"token": token, "expires_in": 600}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
