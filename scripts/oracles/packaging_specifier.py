#!/usr/bin/env python3
"""Oracle: PEP 440 specifier checks with PyPI `packaging` (pip install packaging).

Reads `VERSION<TAB>SPECIFIERS` lines on stdin; writes `true`, `false`, or `!` when packaging rejects
the version or the specifier set. Pre-releases are accepted, as for an installed version.
"""
import sys

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version


def main():
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        version, spec = line.rstrip("\n").split("\t")
        try:
            ok = SpecifierSet(spec).contains(Version(version), prereleases=True)
            out.append("true" if ok else "false")
        except (InvalidSpecifier, InvalidVersion):
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
