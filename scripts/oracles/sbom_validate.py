#!/usr/bin/env python3
"""Validates SBOM files against the official schemas, with the formats' own libraries:
  cyclonedx FILE...  CycloneDX JSON against the schema of its specVersion (cyclonedx-python-lib's
                     JsonStrictValidator, which also checks SPDX license IDs and bom-ref uniqueness)
  spdx FILE...       SPDX JSON with spdx-tools (parse, then validate_full_spdx_document: IDs,
                     relationships, license expressions, namespace)
Prints one line per problem as `FILE: problem` and exits 1 when any file is invalid; 0 when all are valid.
Install the libraries with scripts/install-test-deps (PyPI cyclonedx-python-lib[json-validation], spdx-tools).
"""
import json
import sys


def validate_cyclonedx(path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = open(path, encoding="utf-8").read()
    version = json.loads(text).get("specVersion", "")
    schema = SchemaVersion.from_version(version)
    error = JsonStrictValidator(schema).validate_str(text)
    if error is None:
        return []
    detail = getattr(error, "data", None)
    where = "/".join(str(part) for part in getattr(detail, "absolute_path", []))
    return [f"{where or '(document)'}: {getattr(detail, 'message', str(error))}"]


def validate_spdx(path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    document = parse_file(path)
    return [message.validation_message for message in validate_full_spdx_document(document)]


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("cyclonedx", "spdx"):
        print(__doc__, file=sys.stderr)
        return 2
    validate = validate_cyclonedx if sys.argv[1] == "cyclonedx" else validate_spdx
    failed = False
    for path in sys.argv[2:]:
        try:
            problems = validate(path)
        except Exception as error:  # a parser error is a validation failure, reported as such
            problems = [f"{type(error).__name__}: {error}"]
        for problem in problems:
            failed = True
            print(f"{path}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
