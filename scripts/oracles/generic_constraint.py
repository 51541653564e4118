#!/usr/bin/env python3
"""Oracle: `op version` constraints (deb, rpm, apk, conan) evaluated with each ecosystem's real ordering.

Usage: generic_constraint.py deb|rpm|apk|conan   (rpm: run with /usr/bin/python3, which has python3-rpm)
Reads `VERSION<TAB>CONSTRAINT` lines; the constraint is `||` alternatives of `,`-separated clauses
`OP VERSION` with OP one of `<<` `<` `<=` `=` `==` `!=` `>=` `>` `>>`. Writes `true`, `false`, or `!`
when a version is rejected. Each clause is decided by the real tool:
  deb: `dpkg --compare-versions V lt|le|eq|ne|ge|gt B` (dpkg evaluates the operator itself)
  rpm: `rpm.labelCompare` on (epoch, version, release) split as rpm does
  apk: univers `AlpineLinuxVersion`;  conan: univers `ConanVersion` (a copy of Conan 2's `Version`)
"""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

OPS = {"<<": "lt", "<": "lt", "<=": "le", "=": "eq", "==": "eq", "!=": "ne", ">=": "ge", ">": "gt", ">>": "gt"}
TESTS = {"lt": lambda c: c < 0, "le": lambda c: c <= 0, "eq": lambda c: c == 0, "ne": lambda c: c != 0,
         "ge": lambda c: c >= 0, "gt": lambda c: c > 0}


def clauses(constraint):
    alternatives = []
    for alternative in constraint.split("||"):
        parsed = []
        for clause in alternative.split(","):
            clause = clause.strip()
            op = next(o for o in sorted(OPS, key=len, reverse=True) if clause.startswith(o))
            parsed.append((OPS[op], clause[len(op):].strip()))
        alternatives.append(parsed)
    return alternatives


def dpkg_clause(version, op, bound):
    code = subprocess.run(["dpkg", "--compare-versions", version, op, bound],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if code > 1:
        raise ValueError(bound)
    return code == 0


def comparer(scheme):
    if scheme == "deb":
        return None
    if scheme == "rpm":
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

        return lambda a, b: rpm.labelCompare(evr(a), evr(b))
    from univers import versions

    cls = {"apk": versions.AlpineLinuxVersion, "conan": versions.ConanVersion}[scheme]

    def compare(a, b):
        x, y = cls(a), cls(b)
        return -1 if x < y else (1 if x > y else 0)

    return compare


def main():
    scheme = sys.argv[1]
    compare = comparer(scheme)

    def answer(line):
        version, constraint = line.rstrip("\n").split("\t", 1)
        try:
            result = False
            for alternative in clauses(constraint):
                ok = True
                for op, bound in alternative:
                    if compare is None:
                        matched = dpkg_clause(version, op, bound)
                    else:
                        matched = TESTS[op](compare(version, bound))
                    ok = ok and matched
                result = result or ok
            return "true" if result else "false"
        except Exception:
            return "!"

    lines = [line for line in sys.stdin if line.strip()]
    with ThreadPoolExecutor(max_workers=8 if compare is None else 1) as pool:
        results = list(pool.map(answer, lines))
    sys.stdout.write("".join(r + "\n" for r in results))


if __name__ == "__main__":
    main()
