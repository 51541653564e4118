#!/usr/bin/env python3
"""Oracle: order PEP 440 version pairs with PyPI `packaging` (pip install packaging).

Reads `A<TAB>B` lines on stdin; writes `<`, `=`, `>`, or `!` when packaging rejects either version.
"""
import sys

from packaging.version import InvalidVersion, Version


def main():
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        a, b = line.rstrip("\n").split("\t")
        try:
            va, vb = Version(a), Version(b)
            out.append("<" if va < vb else (">" if va > vb else "="))
        except InvalidVersion:
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
