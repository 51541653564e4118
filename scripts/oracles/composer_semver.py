#!/usr/bin/env python3
"""Oracle: Composer's own composer/semver library (apt-get install -y php-cli php-composer-semver).

Usage: composer_semver.py compare   — reads `A<TAB>B` lines, writes `<`, `=`, `>` or `!` (invalid).
       composer_semver.py satisfies — reads `VERSION<TAB>CONSTRAINT` lines, writes `true`, `false` or `!`.
Versions are normalised with VersionParser::normalize and ordered with Comparator (version_compare),
constraints parsed with VersionParser::parseConstraints and checked with Semver::satisfies.
"""
import subprocess
import sys

SCRIPT = r"""
require '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\VersionParser;
use Composer\Semver\Comparator;
use Composer\Semver\Semver;
$parser = new VersionParser();
$mode = $argv[1];
$out = '';
foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
    if ($line === '') continue;
    [$a, $b] = explode("\t", $line, 2);
    try {
        if ($mode === 'compare') {
            $na = $parser->normalize($a);
            $nb = $parser->normalize($b);
            if (str_starts_with($na, 'dev-') || str_starts_with($nb, 'dev-')) {
                $out .= ($na === $nb ? '=' : '!') . "\n";
                continue;
            }
            $out .= (Comparator::lessThan($na, $nb) ? '<' : (Comparator::greaterThan($na, $nb) ? '>' : '=')) . "\n";
        } else {
            $parser->normalize($a);
            $parser->parseConstraints($b);
            $out .= (Semver::satisfies($a, $b) ? 'true' : 'false') . "\n";
        }
    } catch (\UnexpectedValueException $e) {
        $out .= "!\n";
    }
}
echo $out;
"""


def main():
    result = subprocess.run(
        ["php", "-r", SCRIPT, sys.argv[1]], input=sys.stdin.read(), capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr + result.stdout)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
