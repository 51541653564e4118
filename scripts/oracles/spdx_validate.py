#!/usr/bin/env python3
"""Oracle: which SPDX license expressions are invalid, per PyPI's license-expression (its own copy of the
SPDX license list). Reads one expression a line on standard input; prints each invalid one with the reason,
tab-separated. SPDX's "+" operator ("MPL-1.1+": this version or later) is removed before checking: the
package knows it only as part of the deprecated GNU IDs. With --ids, prints instead every SPDX license and
exception ID the package knows, one a line."""

import re

import sys

try:
    from license_expression import get_license_index, get_spdx_licensing
except ImportError:
    sys.exit("spdx_validate.py: license-expression is missing (pip install license-expression)")


def main():
    if sys.argv[1:] == ["--ids"]:
        for entry in get_license_index():
            key = entry.get("spdx_license_key")
            if key and not key.startswith("LicenseRef-"):
                print(key)
        return
    licensing = get_spdx_licensing()
    for line in sys.stdin:
        expression = line.strip()
        if not expression:
            continue
        info = licensing.validate(re.sub(r"(?<=[0-9A-Za-z.])\+(?=\s|\)|$)", "", expression))
        if info.errors:
            print(f"{expression}\t{'; '.join(info.errors)}")


if __name__ == "__main__":
    main()
