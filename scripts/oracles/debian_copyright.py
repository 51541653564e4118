#!/usr/bin/env python3
"""Oracle: the License first lines of Debian copyright files, read by Debian's own parser (python3-debian's
debian.copyright). Usage: debian_copyright.py ROOTFS

Prints one JSON object: {PACKAGE-FOLDER: {"format": "dep5" | "free" | "error", "synopses": [...]}} for every
usr/share/doc/*/copyright regular file under ROOTFS. For machine-readable files the synopses are the header
paragraph's License first line (when it has one) followed by each Files paragraph's, as written.
"""

import json
import os
import sys

try:
    from debian import copyright as dep5
except ImportError:
    sys.exit("debian_copyright.py: python3-debian is missing (apt-get install python3-debian)")


def synopses(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        try:
            parsed = dep5.Copyright(handle, strict=False)
        except dep5.NotMachineReadableError:
            return "free", []
        except Exception as error:  # the parser refuses some malformed files
            return "error", [str(error)]
    found = []
    header = parsed.header
    if header.license is not None and header.license.synopsis:
        found.append(header.license.synopsis)
    for paragraph in parsed.all_files_paragraphs():
        if paragraph.license is not None and paragraph.license.synopsis:
            found.append(paragraph.license.synopsis)
    return "dep5", found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    doc = os.path.join(sys.argv[1], "usr/share/doc")
    result = {}
    for name in sorted(os.listdir(doc)):
        path = os.path.join(doc, name, "copyright")
        if os.path.islink(os.path.join(doc, name)) or not os.path.isfile(path) or os.path.islink(path):
            continue
        kind, found = synopses(path)
        result[name] = {"format": kind, "synopses": found}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
