#!/usr/bin/env python3
"""Oracle for Drydock's RPM header decoder: what the real rpm(8) reads from raw header blobs.

    rpm_header_query.py packages BLOB...   one line per blob, the fields rpm_qa.sh prints
    rpm_header_query.py files BLOB...      NAME<TAB>PATH for every non-directory file of every blob (headers
                                           with only OLDFILENAMES are not covered)

A BLOB file holds a header exactly as an rpm database stores it (index count, data length, index, data; no
magic). rpm only queries headers inside package files, so each blob is wrapped into a minimal package: a lead,
a signature header holding just an empty region, and the header with its magic. rpm refuses package headers
with entries outside their region, and database headers have such "dribble" entries (install time, …), so the
wrapper keeps the immutable region only: every field queried here lives inside it. Queried with
--nosignature --nodigest, as there is no payload to check.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FIELDS = {
    "packages": "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\t%{VENDOR}\\t%{MODULARITYLABEL}\\n",
    "files": "[D\\t%{DIRNAMES}\\n][F\\t%{=NAME}\\t%{FILEMODES:perms}\\t%{DIRINDEXES}\\t%{BASENAMES}\\n]",
}
HEADER_MAGIC = b"\x8e\xad\xe8\x01\x00\x00\x00\x00"


def immutable_region(blob: bytes) -> bytes:
    count, size = struct.unpack(">II", blob[:8])
    tag, _, offset, _ = struct.unpack(">iiii", blob[8:24])
    if tag not in (61, 62, 63):
        return blob
    data = 8 + count * 16
    trailer = struct.unpack(">iiii", blob[data + offset : data + offset + 16])
    region_count = -trailer[2] // 16
    region_size = offset + 16
    if region_count > count or region_size > size:
        raise ValueError("region trailer out of range")
    return (
        struct.pack(">II", region_count, region_size)
        + blob[8 : 8 + region_count * 16]
        + blob[data : data + region_size]
    )


def package_file(blob: bytes) -> bytes:
    lead = b"\xed\xab\xee\xdb" + bytes([3, 0]) + struct.pack(">hh", 0, 1)
    lead += b"drydock-oracle".ljust(66, b"\0") + struct.pack(">hh", 1, 5) + bytes(16)
    region = struct.pack(">iiii", 62, 7, 0, 16)
    trailer = struct.pack(">iiii", 62, 7, -16, 16)
    signature = HEADER_MAGIC + struct.pack(">ii", 1, 16) + region + trailer
    return lead + signature + HEADER_MAGIC + immutable_region(blob)


def write_files(output: str) -> None:
    """Joins rpm's BASENAMES to DIRNAMES through DIRINDEXES (this rpm leaves the FILENAMES extension empty for
    the wrapped headers) and writes NAME<TAB>PATH for entries whose mode is not a directory."""
    directories = []
    for line in output.splitlines():
        kind, rest = line.split("\t", 1)
        if kind == "D":
            directories.append(rest)
            continue
        name, perms, index, base = rest.split("\t", 3)
        if int(index) >= len(directories):
            raise SystemExit(f"{name}: DIRINDEXES entry {index} names no DIRNAMES entry")
        if not perms.startswith("d"):
            sys.stdout.write(f"{name}\t{directories[int(index)]}{base}\n")


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[1] not in FIELDS:
        print(__doc__, file=sys.stderr)
        return 2
    rpm = shutil.which("rpm")
    if rpm is None:
        print("rpm_header_query.py: rpm is not installed (apt-get install -y rpm)", file=sys.stderr)
        return 2
    mode = sys.argv[1]
    with tempfile.TemporaryDirectory() as scratch:
        for index, path in enumerate(sys.argv[2:]):
            with open(path, "rb") as handle:
                wrapped = package_file(handle.read())
            target = os.path.join(scratch, f"{index}.rpm")
            with open(target, "wb") as handle:
                handle.write(wrapped)
            result = subprocess.run(
                [rpm, "-qp", "--nosignature", "--nodigest", "--qf", FIELDS[mode].encode().decode("unicode_escape"), target],
                capture_output=True,
            )
            if result.returncode != 0:
                sys.stderr.write(f"{path}: " + result.stderr.decode(errors="replace"))
                return 1
            output = result.stdout.decode(errors="replace")
            if mode == "files":
                write_files(output)
            else:
                sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
