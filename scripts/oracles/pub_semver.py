#!/usr/bin/env python3
"""Oracle: Dart Pub versions and constraints, written from the rules of `pub_semver` (Dart is not in
Debian, so the package itself cannot run here). Independent of Drydock's Swift code.

Usage: pub_semver.py compare|satisfies
  compare:   reads `A<TAB>B`, writes `<`, `=`, `>` or `!` when either is not a Pub version.
  satisfies: reads `VERSION<TAB>CONSTRAINT`, writes `true`, `false` or `!`.

Rules (pub_semver `Version`, `VersionConstraint.parse`, `VersionRange`):
- A version is `\\d+.\\d+.\\d+(-ids)?(+ids)?`, ids dot-separated `[0-9A-Za-z-]+`; leading zeros allowed.
- Each pre-release/build identifier that Dart's `int.tryParse` reads (optional sign, decimal or 0x
  hex, 64-bit) is a number, otherwise a string. Lists compare element by element: a missing element
  first, numbers before strings, numbers numerically, strings by code unit.
- Order: major, minor, patch; a pre-release before none; pre-release lists; then no build before a
  build, then build lists.
- Constraints: `any`; `^V` (>= V, < next breaking version's first pre-release `-0`, where the next
  breaking version of 0.x.y is 0.(x+1).0, else (major+1).0.0); otherwise a space-separated sequence of
  `V`, `<V`, `<=V`, `>V`, `>=V` whose tightest bounds are kept; an exclusive maximum that is neither a
  pre-release nor has build metadata becomes its first pre-release (`<2.0.0` is `<2.0.0-0`) unless the
  minimum is a pre-release of the same major.minor.patch; equal min and max give that version (both
  inclusive) or nothing.
"""
import re
import sys

VERSION = r"(\d+)\.(\d+)\.(\d+)(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?"
START = re.compile("^" + VERSION)
COMPLETE = re.compile("^" + VERSION + "$")
DART_INT = re.compile(r"^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)$")


def dart_int(text):
    if not DART_INT.match(text):
        return None
    value = int(text, 0) if "x" in text.lower() else int(text, 10)
    return value if -(2**63) <= value < 2**63 else None


def parts(text):
    if text is None:
        return []
    result = []
    for part in text.split("."):
        n = dart_int(part)
        result.append(part if n is None else n)
    return result


class Version:
    def __init__(self, text):
        m = COMPLETE.match(text)
        if not m:
            raise ValueError(text)
        self.core = tuple(int(m.group(i)) for i in (1, 2, 3))
        if any(n >= 2**63 for n in self.core):
            raise ValueError(text)
        self.pre = parts(m.group(5))
        self.build = parts(m.group(8))

    def is_pre(self):
        return bool(self.pre)


def compare_lists(a, b):
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x == y:
            continue
        if x is None:
            return -1
        if y is None:
            return 1
        xn, yn = isinstance(x, int), isinstance(y, int)
        if xn and yn:
            return -1 if x < y else 1
        if xn:
            return -1
        if yn:
            return 1
        return -1 if x < y else 1
    return 0


def compare(a, b):
    if a.core != b.core:
        return -1 if a.core < b.core else 1
    if not a.is_pre() and b.is_pre():
        return 1
    if a.is_pre() and not b.is_pre():
        return -1
    c = compare_lists(a.pre, b.pre)
    if c:
        return c
    if not a.build and b.build:
        return -1
    if a.build and not b.build:
        return 1
    return compare_lists(a.build, b.build)


def first_pre(core):
    return Version("%d.%d.%d-0" % core)


def allows(v, lo, lo_inc, hi, hi_inc):
    if lo is not None:
        c = compare(v, lo)
        if c < 0 or (c == 0 and not lo_inc):
            return False
    if hi is not None:
        c = compare(v, hi)
        if c > 0 or (c == 0 and not hi_inc):
            return False
    return True


def satisfies(v, text):
    text = text.strip()
    if text == "any":
        return True
    if text.startswith("^"):
        rest = text[1:].strip()
        m = START.match(rest)
        if not m or m.end() != len(rest):
            raise ValueError(text)
        base = Version(m.group(0))
        major, minor, _ = base.core
        breaking = (0, minor + 1, 0) if major == 0 else (major + 1, 0, 0)
        return allows(v, base, True, first_pre(breaking), False)
    lo = hi = None
    lo_inc = hi_inc = False
    rest = text
    while True:
        rest = rest.strip()
        if not rest:
            break
        op = re.match(r"^[<>]=?", rest)
        if op:
            rest = rest[op.end():].strip()
        m = START.match(rest)
        if not m:
            raise ValueError(text)
        version = Version(m.group(0))
        rest = rest[m.end():]
        op = op.group(0) if op else "="
        if op in ("=", ">", ">="):
            inc = op != ">"
            if lo is None or compare(version, lo) > 0:
                lo, lo_inc = version, inc
            elif compare(version, lo) == 0 and not inc:
                lo_inc = False
        if op in ("=", "<", "<="):
            inc = op != "<"
            if hi is None or compare(version, hi) < 0:
                hi, hi_inc = version, inc
            elif compare(version, hi) == 0 and not inc:
                hi_inc = False
    if lo is None and hi is None:
        raise ValueError(text)
    if lo is not None and hi is not None:
        c = compare(lo, hi)
        if c > 0:
            return False
        if c == 0:
            return lo_inc and hi_inc and compare(v, lo) == 0
    if (hi is not None and not hi_inc and not hi.is_pre() and not hi.build
            and (lo is None or not lo.is_pre() or lo.core != hi.core)):
        hi = first_pre(hi.core)
    return allows(v, lo, lo_inc, hi, hi_inc)


def main():
    mode = sys.argv[1]
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        a, b = line.rstrip("\n").split("\t", 1)
        try:
            if mode == "compare":
                c = compare(Version(a), Version(b))
                out.append("<" if c < 0 else (">" if c > 0 else "="))
            else:
                out.append("true" if satisfies(Version(a), b) else "false")
        except ValueError:
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
