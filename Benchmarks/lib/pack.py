"""Deterministic image packer: layer trees -> gzip layer blobs -> docker-archive and OCI layout.

A layer is described by a list of members, each either a path on disk (file, directory, symlink,
hard link, device) with the name it takes in the layer, or an in-memory file. Members are written
in sorted name order with fixed mtimes, owners taken from disk (names dropped), so the same input
always gives the same bytes and digests.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import stat
import tarfile

MTIME = 1700000000


class Layer:
    """Members of one layer: (name in layer, disk path or None, bytes or None, tarinfo hints)."""

    def __init__(self, created_by):
        self.created_by = created_by
        self.members = {}

    def add_tree(self, root, prefix="", skip=(), empty=()):
        """Adds every entry under `root` (not following symlinks) as `prefix/relative`.

        Paths in `skip` are left out; directories in `empty` are added without their content."""
        root = os.path.abspath(root)
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = os.path.relpath(dirpath, root)
            if rel_dir in empty:
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if _join(rel_dir, d) not in skip)
            for name in sorted(dirnames + filenames):
                rel = _join(rel_dir, name)
                if rel in skip:
                    continue
                self.members[_join(prefix, rel)] = ("disk", os.path.join(dirpath, name))

    def add_bytes(self, name, data, mode=0o644):
        self.members[name] = ("bytes", data, mode)

    def add_dir(self, name, mode=0o755):
        self.members[name] = ("dir", mode)

    def add_symlink(self, name, target):
        self.members[name] = ("symlink", target)


def _join(a, b):
    if a in ("", "."):
        return b
    return a + "/" + b


def _tarinfo_for_disk(tar, path, name, inodes):
    st = os.lstat(path)
    info = tarfile.TarInfo(name)
    info.mode = stat.S_IMODE(st.st_mode)
    info.uid, info.gid = st.st_uid, st.st_gid
    info.uname = info.gname = ""
    info.mtime = MTIME
    key = (st.st_dev, st.st_ino)
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1 and key in inodes:
        info.type = tarfile.LNKTYPE
        info.linkname = inodes[key]
        return info, None
    if stat.S_ISREG(st.st_mode):
        if st.st_nlink > 1:
            inodes[key] = name
        info.type = tarfile.REGTYPE
        info.size = st.st_size
        return info, path
    if stat.S_ISDIR(st.st_mode):
        info.type = tarfile.DIRTYPE
    elif stat.S_ISLNK(st.st_mode):
        info.type = tarfile.SYMTYPE
        info.linkname = os.readlink(path)
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        info.type = tarfile.CHRTYPE if stat.S_ISCHR(st.st_mode) else tarfile.BLKTYPE
        info.devmajor, info.devminor = os.major(st.st_rdev), os.minor(st.st_rdev)
    elif stat.S_ISFIFO(st.st_mode):
        info.type = tarfile.FIFOTYPE
    else:
        return None, None
    return info, None


class _HashingWriter:
    """File-like sink that hashes and counts what passes through and forwards it."""

    def __init__(self, sink):
        self.sink = sink
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.sink.write(data)

    def flush(self):
        if hasattr(self.sink, "flush"):
            self.sink.flush()


def write_layer(layer, blob_dir, level=6):
    """Writes `layer` as a gzip blob under blob_dir; returns (digest, diff_id, size, uncompressed)."""
    tmp = os.path.join(blob_dir, ".layer.tmp")
    with open(tmp, "wb") as raw:
        compressed = _HashingWriter(raw)
        with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, compresslevel=level, mtime=0) as gz:
            plain = _HashingWriter(gz)
            with tarfile.open(fileobj=plain, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                inodes = {}
                for name in sorted(layer.members):
                    kind = layer.members[name]
                    if kind[0] == "disk":
                        info, src = _tarinfo_for_disk(tar, kind[1], name, inodes)
                        if info is None:
                            continue
                        if src is not None:
                            with open(src, "rb") as f:
                                tar.addfile(info, f)
                        else:
                            tar.addfile(info)
                        continue
                    info = tarfile.TarInfo(name)
                    info.mtime = MTIME
                    if kind[0] == "bytes":
                        info.size, info.mode = len(kind[1]), kind[2]
                        tar.addfile(info, io.BytesIO(kind[1]))
                    elif kind[0] == "dir":
                        info.type, info.mode = tarfile.DIRTYPE, kind[1]
                        tar.addfile(info)
                    elif kind[0] == "symlink":
                        info.type, info.linkname, info.mode = tarfile.SYMTYPE, kind[1], 0o777
                        tar.addfile(info)
    digest = compressed.sha.hexdigest()
    os.replace(tmp, os.path.join(blob_dir, digest))
    return digest, "sha256:" + plain.sha.hexdigest(), compressed.size, plain.size


def _blob(blob_dir, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blob_dir, digest), "wb") as f:
        f.write(data)
    return digest


def _canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def pack(layers, oci_dir, archive_path, tag, level=6):
    """Writes an OCI layout directory and a docker-archive tar holding the same gzip blobs.

    Returns a summary dict (layer digests, compressed and uncompressed sizes)."""
    if os.path.exists(oci_dir):
        shutil.rmtree(oci_dir)
    blob_dir = os.path.join(oci_dir, "blobs", "sha256")
    os.makedirs(blob_dir)
    written = [write_layer(layer, blob_dir, level) for layer in layers]
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": "2023-11-14T22:13:20Z",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": [w[1] for w in written]},
        "history": [{"created": "2023-11-14T22:13:20Z", "created_by": l.created_by} for l in layers],
    }
    config_bytes = _canonical(config)
    config_digest = _blob(blob_dir, config_bytes)
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": "sha256:" + config_digest,
            "size": len(config_bytes),
        },
        "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + w[0], "size": w[2]}
            for w in written
        ],
    }
    manifest_bytes = _canonical(manifest)
    manifest_digest = _blob(blob_dir, manifest_bytes)
    index = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": "sha256:" + manifest_digest,
                "size": len(manifest_bytes),
                "annotations": {"org.opencontainers.image.ref.name": tag.split(":")[-1]},
            }
        ],
    }
    with open(os.path.join(oci_dir, "index.json"), "wb") as f:
        f.write(_canonical(index))
    with open(os.path.join(oci_dir, "oci-layout"), "wb") as f:
        f.write(b'{"imageLayoutVersion":"1.0.0"}')
    docker_manifest = [
        {
            "Config": "blobs/sha256/" + config_digest,
            "RepoTags": [tag],
            "Layers": ["blobs/sha256/" + w[0] for w in written],
        }
    ]
    _write_docker_archive(archive_path, blob_dir, config_digest, [w[0] for w in written], _canonical(docker_manifest))
    return {
        "layers": len(written),
        "compressed_bytes": sum(w[2] for w in written),
        "uncompressed_bytes": sum(w[3] for w in written),
        "layer_blobs": ["blobs/sha256/" + w[0] for w in written],
        "config_digest": "sha256:" + config_digest,
    }


def _write_docker_archive(path, blob_dir, config_digest, layer_digests, manifest_bytes):
    tmp = path + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in ("blobs", "blobs/sha256"):
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            tar.addfile(info)
        seen = set()
        for digest in [config_digest] + layer_digests:
            if digest in seen:
                continue
            seen.add(digest)
            src = os.path.join(blob_dir, digest)
            info = tarfile.TarInfo("blobs/sha256/" + digest)
            info.size, info.mode, info.mtime = os.path.getsize(src), 0o644, MTIME
            with open(src, "rb") as f:
                tar.addfile(info, f)
        info = tarfile.TarInfo("manifest.json")
        info.size, info.mode, info.mtime = len(manifest_bytes), 0o644, MTIME
        tar.addfile(info, io.BytesIO(manifest_bytes))
    os.replace(tmp, path)
