#!/usr/bin/env python3
"""Oracle: Cargo versions and requirements with the real `semver` crate.

Usage: cargo_semver.py compare|satisfies. Builds cargo_semver.rs once (into $TMPDIR/drydock-oracles)
with rustc and Debian's packaged crate source (`apt-get install -y rustc librust-semver-dev`), then
runs it with this process's stdin and stdout.
"""
import glob
import os
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
    rlib = os.path.join(out, "libsemver.rlib")
    subprocess.run(["rustc", "--edition", "2018", "--crate-type", "rlib", "--crate-name", "semver",
                    "-O", "--cap-lints", "allow", os.path.join(sources[-1], "src/lib.rs"), "-o", rlib], check=True)
    subprocess.run(["rustc", "--edition", "2018", "-O", "--extern", "semver=" + rlib, main, "-o", binary],
                   check=True)
    return binary


if __name__ == "__main__":
    binary = build()
    os.execv(binary, [binary] + sys.argv[1:])
