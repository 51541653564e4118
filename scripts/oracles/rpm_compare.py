#!/usr/bin/python3
"""Oracle: order RPM `[epoch:]version[-release]` pairs with `rpm.labelCompare` (Debian's python3-rpm).

Install: apt-get install -y python3-rpm rpm; run with /usr/bin/python3 (the system interpreter).
Reads `A<TAB>B` lines on stdin; writes `<`, `=`, `>`, or `!` when a string cannot be split.
The split mirrors rpm's own: epoch before the first `:`, release after the last `-`.
"""
import sys

import rpm


def evr(text):
    epoch = None
    if ":" in text:
        epoch, text = text.split(":", 1)
        if not epoch.isdigit():
            raise ValueError(text)
    release = None
    if "-" in text:
        text, release = text.rsplit("-", 1)
    if not text:
        raise ValueError(text)
    return (epoch, text, release)


def main():
    out = []
    for line in sys.stdin:
        if not line.strip():
            continue
        a, b = line.rstrip("\n").split("\t")
        try:
            r = rpm.labelCompare(evr(a), evr(b))
            out.append("<" if r < 0 else (">" if r > 0 else "="))
        except Exception:
            out.append("!")
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
