#!/usr/bin/env python3
"""Oracle: order version pairs with PyPI `univers` (pip install univers).

Usage: univers_compare.py SCHEME, SCHEME one of the Drydock scheme names below.
Reads `A<TAB>B` lines on stdin; writes `<`, `=`, `>`, or `!` when univers rejects either version.
"""
import sys

from univers import versions

CLASSES = {
    "apk": versions.AlpineLinuxVersion,
    "deb": versions.DebianVersion,
    "rpm": versions.RpmVersion,
    "pep440": versions.PypiVersion,
    "npm": versions.SemverVersion,
    "semver": versions.SemverVersion,
    "maven": versions.MavenVersion,
    "gem": versions.RubygemsVersion,
    "go": versions.GolangVersion,
    "cargo": versions.SemverVersion,
    "nuget": versions.NugetVersion,
    "composer": versions.ComposerVersion,
    "conan": versions.ConanVersion,
}


def main():
    cls = CLASSES[sys.argv[1]]
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        a, b = line.rstrip("\n").split("\t")
        try:
            va, vb = cls(a), cls(b)
            out.append("<" if va < vb else (">" if va > vb else "="))
        except Exception:
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
