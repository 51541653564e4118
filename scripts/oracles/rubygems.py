#!/usr/bin/env python3
"""Oracle: RubyGems' own Gem::Version and Gem::Requirement (apt-get install -y ruby).

Usage: rubygems.py compare   — reads `A<TAB>B` lines, writes `<`, `=`, `>` or `!` (invalid version).
       rubygems.py satisfies — reads `VERSION<TAB>REQUIREMENT` lines (comma-separated clauses), writes
                               `true`, `false` or `!`.
"""
import subprocess
import sys

SCRIPT = r"""
require 'rubygems'
mode = ARGV[0]
out = []
STDIN.read.split("\n").each do |line|
  next if line.empty?
  a, b = line.split("\t", 2)
  begin
    if mode == 'compare'
      r = Gem::Version.new(a) <=> Gem::Version.new(b)
      out << (r < 0 ? '<' : (r > 0 ? '>' : '='))
    else
      req = Gem::Requirement.new(*b.split(',').map(&:strip))
      out << (req.satisfied_by?(Gem::Version.new(a)) ? 'true' : 'false')
    end
  rescue ArgumentError, Gem::Requirement::BadRequirementError
    out << '!'
  end
end
STDOUT.write(out.map { |r| r + "\n" }.join)
"""


def main():
    result = subprocess.run(
        ["ruby", "-e", SCRIPT, sys.argv[1]], input=sys.stdin.read(), capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
