#!/usr/bin/env python3
"""Pushes images and their OCI 1.1 referrers (from sigstore_material.py's `referrers.json` and OCI layout) to a
registry, the way distribution-spec 1.1 tells a client to push a manifest with a `subject`:

1. the blobs (config, layers), then the manifest by digest;
2. when the registry's answer has no `OCI-Subject` header (it has no referrers API), the client maintains the
   referrers tag itself: it pulls the image index tagged `<alg>-<hex>` (an empty index when the tag is absent),
   appends the referrer's descriptor (`artifactType`, annotations) unless it is there, and pushes it back.

Usage: push_referrers.py MATERIAL_DIR BASE_URL REPOSITORY [--images-only] IMAGE_TAG...
(`--images-only`: the images without their referrers, for signatures kept in another repository.)
Prints nothing on success; exits non-zero naming the request that failed.
"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

material, base, repository = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
images_only = "--images-only" in sys.argv[4:]
wanted = [tag for tag in sys.argv[4:] if tag != "--images-only"]
blobs = os.path.join(material, "oci", "blobs", "sha256")
INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def expect(status, wanted_status, what, body=b""):
    if status != wanted_status:
        sys.exit(f"push_referrers: {what}: HTTP {status} {body[:300]!r}")


def read_blob(digest):
    with open(os.path.join(blobs, digest[len("sha256:"):]), "rb") as handle:
        return handle.read()


def push_blob(digest):
    status, _, _ = request("HEAD", f"{base}/v2/{repository}/blobs/{digest}")
    if status == 200:
        return
    status, headers, body = request("POST", f"{base}/v2/{repository}/blobs/uploads/", b"")
    expect(status, 202, f"start upload of {digest}", body)
    location = urllib.parse.urljoin(base + "/", headers["Location"])
    separator = "&" if "?" in location else "?"
    status, _, body = request("PUT", f"{location}{separator}digest={digest}", read_blob(digest),
                              {"Content-Type": "application/octet-stream"})
    expect(status, 201, f"upload {digest}", body)


def push_manifest(digest, reference):
    data = read_blob(digest)
    manifest = json.loads(data)
    for descriptor in [manifest["config"]] + manifest.get("layers", []):
        push_blob(descriptor["digest"])
    media_type = manifest.get("mediaType", MANIFEST)
    status, headers, body = request("PUT", f"{base}/v2/{repository}/manifests/{reference}", data,
                                    {"Content-Type": media_type})
    expect(status, 201, f"push manifest {reference}", body)
    return manifest, headers


def add_to_referrers_tag(subject, descriptor):
    tag = subject.replace(":", "-", 1)
    url = f"{base}/v2/{repository}/manifests/{tag}"
    status, _, body = request("GET", url, headers={"Accept": INDEX})
    if status == 404:
        index = {"schemaVersion": 2, "mediaType": INDEX, "manifests": []}
    else:
        expect(status, 200, f"pull referrers tag {tag}", body)
        index = json.loads(body)
    if all(entry["digest"] != descriptor["digest"] for entry in index["manifests"]):
        index["manifests"].append(descriptor)
    status, _, body = request("PUT", url, json.dumps(index).encode(), {"Content-Type": INDEX})
    expect(status, 201, f"push referrers tag {tag}", body)


with open(os.path.join(material, "referrers.json")) as handle:
    listing = json.load(handle)
for tag in wanted:
    image = listing["images"][tag]
    push_manifest(image["manifest"], tag)
    for referrer in (entry for entry in listing["referrers"] if entry["image"] == tag and not images_only):
        manifest, headers = push_manifest(referrer["manifest"], referrer["manifest"])
        if headers.get("OCI-Subject"):
            continue  # the registry keeps the referrers list itself
        add_to_referrers_tag(manifest["subject"]["digest"], {
            "mediaType": manifest.get("mediaType", MANIFEST), "digest": referrer["manifest"],
            "size": referrer["size"],
            "artifactType": manifest.get("artifactType") or manifest["config"]["mediaType"],
            "annotations": manifest.get("annotations", {})})
