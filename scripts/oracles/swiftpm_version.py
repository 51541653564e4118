#!/usr/bin/env python3
"""Oracle: order Swift package versions with SwiftPM's `Version` (PackageDescription).

Compiles swiftpm_version.swift once (into $TMPDIR/drydock-oracles) with the `swiftc` on PATH, linking
the toolchain's PackageDescription library, then runs it with this process's stdin and stdout.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def build():
    swiftc = shutil.which("swiftc")
    if not swiftc:
        sys.exit("swiftpm_version.py: swiftc not found")
    api = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(swiftc))), "lib/swift/pm/ManifestAPI")
    out = os.path.join(tempfile.gettempdir(), "drydock-oracles")
    os.makedirs(out, exist_ok=True)
    binary = os.path.join(out, "swiftpm_version")
    source = os.path.join(HERE, "swiftpm_version.swift")
    if not (os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source)):
        # Build in a private folder and rename into place, so concurrent runs never see half a binary.
        work = tempfile.mkdtemp(dir=out)
        subprocess.run([swiftc, "-O", "-I", api, "-L", api, "-lPackageDescription", "-Xlinker", "-rpath",
                        "-Xlinker", api, source, "-o", os.path.join(work, "swiftpm_version")], check=True,
                       cwd=work)
        os.replace(os.path.join(work, "swiftpm_version"), binary)
        shutil.rmtree(work, ignore_errors=True)
    return binary


if __name__ == "__main__":
    binary = build()
    os.execv(binary, [binary] + sys.argv[1:])
