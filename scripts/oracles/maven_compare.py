#!/usr/bin/env python3
"""Oracle: order Maven version pairs with Maven's own ComparableVersion (apt-get install -y maven).

Reads `A<TAB>B` lines on stdin; writes `<`, `=` or `>` per pair. Runs the JVM once per chunk of pairs:
`ComparableVersion.main` compares each argument with the next, so the pairs are passed as A1 B1 A2 B2 …
and every other comparison is kept.
"""
import glob
import subprocess
import sys

CHUNK = 2000


def jar():
    found = sorted(glob.glob("/usr/share/maven/lib/maven-artifact*.jar"))
    if not found:
        sys.exit("maven-artifact jar not found: apt-get install -y maven")
    return found[0]


def compare(pairs, path):
    args = [v for pair in pairs for v in pair]
    out = subprocess.run(
        ["java", "-cp", path, "org.apache.maven.artifact.versioning.ComparableVersion", *args],
        capture_output=True, text=True, check=True,
    ).stdout
    results = []
    for line in out.splitlines():
        if line.startswith("   "):
            fields = line.split()
            op = fields[1] if len(fields) == 3 else "?"
            results.append({"<": "<", ">": ">", "==": "="}.get(op, "!"))
    return results[0::2]


def main():
    pairs = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    path = jar()
    out = []
    for start in range(0, len(pairs), CHUNK):
        out.extend(compare(pairs[start:start + CHUNK], path))
    sys.stdout.write("".join(r + "\n" for r in out))


if __name__ == "__main__":
    main()
