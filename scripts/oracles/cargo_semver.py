#!/usr/bin/env python3
"""Oracle: Cargo versions and requirements with the real `semver` crate.

Usage: cargo_semver.py compare|satisfies. Builds cargo_semver.rs once (into $TMPDIR/drydock-oracles)
with rustc and Debian's packaged crate source (`apt-get install -y rustc librust-semver-dev`), then
runs it with this process's stdin and stdout.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def build():
    sources = sorted(glob.glob("/usr/share/cargo/registry/semver-1.*"))
    if not sources:
        sys.exit("cargo_semver.py: install librust-semver-dev")
    out = os.path.join(tempfile.gettempdir(), "drydock-oracles")
    os.makedirs(out, exist_ok=True)
    binary = os.path.join(out, "cargo_semver")
    main = os.path.join(HERE, "cargo_semver.rs")
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(main):
        return binary
    # Build in a private folder and rename into place, so concurrent test processes never see half a binary.
    work = tempfile.mkdtemp(dir=out)
    rlib = os.path.join(work, "libsemver.rlib")
    subprocess.run(["rustc", "--edition", "2018", "--crate-type", "rlib", "--crate-name", "semver",
                    "-O", "--cap-lints", "allow", os.path.join(sources[-1], "src/lib.rs"), "-o", rlib], check=True)
    subprocess.run(["rustc", "--edition", "2018", "-O", "--extern", "semver=" + rlib, main,
                    "-o", os.path.join(work, "cargo_semver")], check=True)
    os.replace(os.path.join(work, "cargo_semver"), binary)
    shutil.rmtree(work, ignore_errors=True)
    return binary


if __name__ == "__main__":
    binary = build()
    os.execv(binary, [binary] + sys.argv[1:])
