"""Builds the benchmark images under a work directory, without a container engine.

Images (each as an OCI layout directory `<name>.oci` and a docker-archive `<name>.tar`):
  debian-big    debootstrap bookworm rootfs (python3, nodejs, npm, Java libraries, a Go binary; no docs, no JRE),
                a layer of old PyPI wheels, a layer of lockfiles and whiteouts (~600 MB)
  debian-slim   the same rootfs without the Node.js and Java trees, one layer (a mid-size point)
  many-layers   100 small layers
  many-files    200,000 small files in one layer
Built images are kept; an image is rebuilt only when its `<name>.json` summary is missing.
`--quick` builds only the synthetic images, at a tenth of their size.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
import pack  # noqa: E402

SUITE = "bookworm"
MIRROR = "http://deb.debian.org/debian"
DEB_PACKAGES = [
    "python3", "python3-pip", "nodejs", "default-jre-headless", "ca-certificates",
    "libcommons-lang3-java", "libcommons-io-java", "libcommons-collections3-java",
    "libcommons-compress-java", "libcommons-text-java", "libcommons-codec-java",
    "liblog4j2-java", "libjackson2-databind-java",
    "restic",  # a Go binary with embedded build info
]
# Installed with apt inside the rootfs afterwards: debootstrap's resolver cannot pick alternatives.
APT_PACKAGES = ["npm"]
# Old releases with known advisories; binary wheels only.
WHEELS = [
    "django==3.2", "requests==2.19.0", "urllib3==1.24", "pyyaml==5.4", "jinja2==2.10",
    "flask==0.12.2", "werkzeug==0.15.0", "pillow==8.0.0", "cryptography==3.2", "lxml==4.6.2",
    "numpy==1.19.5", "paramiko==2.4.0", "aiohttp==3.7.3", "setuptools==40.0.0", "pip==19.0",
    "certifi==2018.1.18", "idna==2.7", "chardet==3.0.4", "markupsafe==1.1.1", "babel==2.8.0",
    "sqlparse==0.4.1", "pygments==2.5.2", "waitress==1.4.0", "rsa==4.0", "py==1.9.0",
]
PIP_TARGET = ["--python-version", "3.7", "--implementation", "cp", "--abi", "cp37m", "--abi", "abi3",
              "--abi", "none", "--platform", "manylinux2010_x86_64", "--platform", "manylinux1_x86_64",
              "--platform", "manylinux2014_x86_64", "--platform", "any"]
SITE = "usr/local/lib/python3.11/dist-packages"


def log(msg):
    print(f"[images] {msg}", file=sys.stderr, flush=True)


def debootstrap(work):
    rootfs = os.path.join(work, "rootfs")
    if os.path.isfile(os.path.join(rootfs, "var/lib/dpkg/status")) and os.path.exists(rootfs + ".done"):
        return rootfs
    if shutil.which("debootstrap") is None:
        log("installing debootstrap")
        subprocess.run(["apt-get", "install", "-y", "debootstrap"], check=True)
    tmp = rootfs + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(rootfs, ignore_errors=True)
    log(f"debootstrap {SUITE} into {tmp} (several minutes)")
    with open(os.path.join(work, "debootstrap.log"), "w") as out:
        subprocess.run(["debootstrap", "--variant=minbase", "--include=" + ",".join(DEB_PACKAGES),
                        SUITE, tmp, MIRROR], check=True, stdout=out, stderr=subprocess.STDOUT)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["chroot", tmp, "apt-get", "update", "-q"], check=True, stdout=out, stderr=subprocess.STDOUT,
                       env=env)
        subprocess.run(["chroot", tmp, "apt-get", "install", "-y", "-q", "--no-install-recommends"] + APT_PACKAGES,
                       check=True, stdout=out, stderr=subprocess.STDOUT, env=env)
    for mount in ("proc", "sys", "dev/pts", "dev"):
        if os.path.ismount(os.path.join(tmp, mount)):
            subprocess.run(["umount", os.path.join(tmp, mount)], check=False)
    # apt lists and caches vary run to run; the image is about installed packages.
    for sub in ("var/cache/apt/archives", "var/lib/apt/lists"):
        shutil.rmtree(os.path.join(tmp, sub), ignore_errors=True)
    os.rename(tmp, rootfs)
    open(rootfs + ".done", "w").close()
    return rootfs


def download_wheels(work):
    dest = os.path.join(work, "wheels")
    done = os.path.join(dest, ".done")
    if os.path.exists(done):
        return dest
    os.makedirs(dest, exist_ok=True)
    for req in WHEELS:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--no-deps",
               "--dest", dest, req] + PIP_TARGET
        if subprocess.run(cmd).returncode != 0:
            log(f"no binary wheel for {req}; left out")
    open(done, "w").close()
    return dest


def wheel_layer(wheel_dir):
    layer = pack.Layer("pip install (old wheels)")
    for name in sorted(os.listdir(wheel_dir)):
        if not name.endswith(".whl"):
            continue
        with zipfile.ZipFile(os.path.join(wheel_dir, name)) as whl:
            for item in sorted(whl.infolist(), key=lambda i: i.filename):
                if item.is_dir():
                    continue
                layer.add_bytes(SITE + "/" + item.filename, whl.read(item))
    return layer


def lockfile_layer(rootfs, wheel_dir):
    layer = pack.Layer("COPY app/ + rm (lockfiles, whiteouts)")
    reqs = "".join(line + "\n" for line in WHEELS)
    layer.add_bytes("app/requirements.txt", reqs.encode())
    npm = {"express": "4.16.0", "lodash": "4.17.4", "minimist": "1.2.0", "axios": "0.18.0", "moment": "2.19.3"}
    lock = {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": {"": {"name": "app", "version": "1.0.0", "dependencies": dict(npm)}}}
    for name, version in npm.items():
        lock["packages"]["node_modules/" + name] = {"version": version}
        manifest = {"name": name, "version": version, "license": "MIT"}
        layer.add_bytes(f"app/node_modules/{name}/package.json", json.dumps(manifest, indent=2).encode())
    layer.add_bytes("app/package-lock.json", json.dumps(lock, indent=2).encode())
    layer.add_bytes("app/go.mod", b"module example.com/app\n\ngo 1.20\n\nrequire golang.org/x/net v0.0.0-20220906165146-f3363e06e74c\n")
    # Whiteouts: a wheel removed from the layer below, documentation removed from the rootfs,
    # and an opaque directory.
    chardet = [n for n in os.listdir(wheel_dir) if n.startswith("chardet-")]
    if chardet:
        layer.add_bytes(SITE + "/.wh.chardet-3.0.4.dist-info", b"")
    layer.add_bytes("usr/share/doc/.wh.apt", b"")
    layer.add_bytes("usr/share/man/.wh..wh..opq", b"")
    return layer


def rootfs_layer(rootfs, skip=(), created_by="debootstrap bookworm"):
    layer = pack.Layer(created_by)
    layer.add_tree(rootfs, skip=set(skip), empty={"proc", "sys", "dev", "run", "tmp"})
    return layer


def os_base_layer(rootfs, created_by):
    """A tiny base: os-release and the dpkg status of the real rootfs (or a stub without one)."""
    layer = pack.Layer(created_by)
    status = os.path.join(rootfs, "var/lib/dpkg/status") if rootfs else None
    if status and os.path.isfile(status):
        with open(status, "rb") as f:
            layer.add_bytes("var/lib/dpkg/status", f.read())
    else:
        layer.add_bytes("var/lib/dpkg/status", b"Package: base-files\nStatus: install ok installed\n"
                        b"Version: 12.4+deb12u5\nArchitecture: amd64\n\n")
    layer.add_bytes("etc/os-release", b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n'
                    b'VERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n')
    return layer


def filler(seed, size):
    """Deterministic, moderately compressible text of `size` bytes."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        digest = hashlib.sha256(f"{seed}/{counter}".encode()).hexdigest()
        out += f"line {counter} value={digest[:24]} key={digest[24:40]}\n".encode()
        counter += 1
    return bytes(out[:size])


def many_layers(count, rootfs):
    layers = [os_base_layer(rootfs, "base")]
    for i in range(1, count):
        layer = pack.Layer(f"RUN step {i}")
        name = f"pkg{i:03d}"
        layer.add_bytes(f"{SITE}/{name}-1.{i}.0.dist-info/METADATA",
                        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.{i}.0\n".encode())
        for j in range(40):
            layer.add_bytes(f"srv/step{i:03d}/file{j:02d}.txt", filler(f"L{i}/{j}", 2000 + 97 * j))
        layers.append(layer)
    return layers


def many_files(count, rootfs):
    base = os_base_layer(rootfs, "base")
    layer = pack.Layer(f"COPY {count} files")
    per_dir = 1000
    for i in range(count):
        d, f = divmod(i, per_dir)
        if f == 0 and d % 10 == 0:
            name = f"mod{d:04d}"
            layer.add_bytes(f"srv/node_modules/{name}/package.json",
                            json.dumps({"name": name, "version": f"1.0.{d}"}).encode())
        layer.add_bytes(f"srv/d{d:04d}/f{f:04d}.txt", filler(i, 200 + (i * 37) % 900))
    return [base, layer]


def build(name, work, make_layers):
    summary_path = os.path.join(work, name + ".json")
    if os.path.exists(summary_path):
        log(f"{name}: cached")
        with open(summary_path) as f:
            return json.load(f)
    log(f"{name}: building")
    layers = make_layers()
    summary = pack.pack(layers, os.path.join(work, name + ".oci"), os.path.join(work, name + ".tar"),
                        f"bench/{name}:latest")
    summary["name"] = name
    with open(summary_path, "w") as f:
        json.dump(summary, f, indent=2)
    log(f"{name}: {summary['layers']} layers, {summary['uncompressed_bytes'] / 1e6:.0f} MB uncompressed, "
        f"{summary['compressed_bytes'] / 1e6:.0f} MB gzip")
    return summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rootfs-only", action="store_true", help="only the debootstrap rootfs (memory part)")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    if args.rootfs_only:
        debootstrap(work)
        return
    summaries = []
    if args.quick:
        summaries.append(build("quick-many-layers", work, lambda: many_layers(10, None)))
        summaries.append(build("quick-many-files", work, lambda: many_files(20000, None)))
    else:
        rootfs = debootstrap(work)
        wheels = download_wheels(work)
        summaries.append(build("many-layers", work, lambda: many_layers(100, rootfs)))
        summaries.append(build("many-files", work, lambda: many_files(200000, rootfs)))
        # Documentation and the JRE (jars stay) are left out, as slim images do, to stay near 600 MB.
        big_skip = ("usr/share/doc", "usr/share/man", "usr/share/locale", "usr/lib/jvm")
        slim_skip = big_skip + ("usr/share/nodejs", "usr/lib/node_modules", "usr/share/java")
        summaries.append(build("debian-slim", work, lambda: [rootfs_layer(rootfs, slim_skip)]))
        summaries.append(build("debian-big", work, lambda: [rootfs_layer(rootfs, big_skip), wheel_layer(wheels),
                                                             lockfile_layer(rootfs, wheels)]))
    with open(os.path.join(work, "images.json"), "w") as f:
        json.dump(summaries, f, indent=2)


if __name__ == "__main__":
    main()
