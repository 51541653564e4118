#!/usr/bin/env python3
"""Oracle: order Debian version pairs with `dpkg --compare-versions`.

Reads `A<TAB>B` lines on stdin; writes one line per pair: `<`, `=`, `>`, or `!` when dpkg
rejects either version. Runs dpkg in a small thread pool so thousands of pairs take seconds.
"""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def dpkg(a, op, b):
    return subprocess.run(
        ["dpkg", "--compare-versions", a, op, b],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ).returncode


def order(pair):
    a, b = pair
    r = dpkg(a, "lt", b)
    if r == 0:
        return "<"
    if r != 1:
        return "!"
    r = dpkg(a, "eq", b)
    if r == 0:
        return "="
    return ">" if r == 1 else "!"


def main():
    pairs = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(order, pairs))
    sys.stdout.write("".join(r + "\n" for r in results))


if __name__ == "__main__":
    main()
