#!/usr/bin/env python3
"""Oracle: node-semver, the library npm itself uses (the copy bundled with npm; apt-get install -y npm).

Usage: npm_semver.py compare   — reads `A<TAB>B` lines, writes `<`, `=`, `>` or `!` (invalid version).
       npm_semver.py satisfies — reads `VERSION<TAB>RANGE` lines, writes `true`, `false` or `!`.
"""
import os
import subprocess
import sys

SCRIPT = r"""
const semver = require(process.argv[1]);
const mode = process.argv[2];
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.length > 0);
const out = [];
for (const line of lines) {
  const [a, b] = line.split('\t');
  try {
    if (mode === 'compare') {
      if (!semver.valid(a) || !semver.valid(b)) { out.push('!'); continue; }
      const r = semver.compare(a, b);
      out.push(r < 0 ? '<' : (r > 0 ? '>' : '='));
    } else {
      if (!semver.valid(a) || semver.validRange(b) === null) { out.push('!'); continue; }
      out.push(semver.satisfies(a, b) ? 'true' : 'false');
    }
  } catch (e) { out.push('!'); }
}
process.stdout.write(out.map(r => r + '\n').join(''));
"""


def module():
    root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout.strip()
    for candidate in [os.path.join(root, "npm/node_modules/semver"), "/usr/share/nodejs/semver"]:
        if os.path.exists(os.path.join(candidate, "package.json")):
            return candidate
    sys.exit("node-semver not found: apt-get install -y npm")


def main():
    result = subprocess.run(
        ["node", "-e", SCRIPT, module(), sys.argv[1]], input=sys.stdin.read(), capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
