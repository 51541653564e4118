#!/usr/bin/env python3
"""Oracle: NuGet version ranges, ordered by PyPI `univers`' `NugetVersion` (pip install univers).

Reads `VERSION<TAB>RANGE` lines; writes `true`, `false`, or `!` when the version or range is invalid.
univers' own `NugetVersionRange` compares range bounds with Maven's ordering (it rejects
`[3.0.0-0,3.0.0-beta.9)` and folds `(1.0-0,1.0]` into one version), so the range is read here with
the rules of NuGet's `VersionRangeFactory.TryParse` and evaluated like `VersionRange.Satisfies`:
- a bare version is the inclusive minimum (`1.0` means `>= 1.0`);
- otherwise `[` or `(`, at most two comma-separated bounds, `]` or `)`; a single bound must be `[V]`
  (exactly V); `(,)` with no bound is invalid;
- a minimum above the maximum is invalid, and so are equal bounds with one side exclusive
  (`[1.0,1.0)`); `(1.0,1.0)` is valid and matches nothing.
Floating versions (`1.*`) are not sent.
"""
import sys

from univers.versions import NugetVersion


def cmp(a, b):
    return -1 if a < b else (1 if a > b else 0)


def satisfies(version, text):
    text = text.strip()
    if not text:
        raise ValueError(text)
    if text[0] not in "[(":
        return cmp(version, NugetVersion(text)) >= 0
    if text[-1] not in "])":
        raise ValueError(text)
    low_inclusive, high_inclusive = text[0] == "[", text[-1] == "]"
    parts = text[1:-1].split(",")
    if len(parts) > 2 or all(not p.strip() for p in parts):
        raise ValueError(text)
    if len(parts) == 1 and not (low_inclusive and high_inclusive):
        raise ValueError(text)
    low_text = parts[0].strip()
    high_text = (parts[1] if len(parts) == 2 else parts[0]).strip()
    low = NugetVersion(low_text) if low_text else None
    high = NugetVersion(high_text) if high_text else None
    if low is not None and high is not None:
        c = cmp(low, high)
        if c > 0 or (c == 0 and low_inclusive != high_inclusive):
            raise ValueError(text)
    if low is not None:
        c = cmp(version, low)
        if c < 0 or (c == 0 and not low_inclusive):
            return False
    if high is not None:
        c = cmp(version, high)
        if c > 0 or (c == 0 and not high_inclusive):
            return False
    return True


def main():
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        version, text = line.rstrip("\n").split("\t", 1)
        try:
            out.append("true" if satisfies(NugetVersion(version), text) else "false")
        except Exception:
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
