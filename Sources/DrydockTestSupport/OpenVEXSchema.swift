import Foundation

/// A JSON Schema (draft 2020-12) for OpenVEX 0.2.0 documents, written for these tests from the facts of the
/// published OpenVEX schema (`openvex_json_schema.json` in github.com/openvex/spec, `$id`
/// `https://github.com/openvex/spec/openvex_json_schema_0.2.0.json`): the same required fields, types,
/// formats, enums, `additionalProperties: false`, `uniqueItems`, `minItems` and the two status conditions.
/// Descriptions are left out; nothing is copied from the file.
public enum OpenVEXSchema {
    public static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "vulnerability": {
              "type": "object",
              "properties": {
                "@id": {"type": "string", "format": "iri"},
                "name": {"type": "string"},
                "description": {"type": "string"},
                "aliases": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}
              },
              "required": ["name"],
              "additionalProperties": false
            },
            "identifiers": {
              "type": "object",
              "properties": {"purl": {"type": "string"}, "cpe22": {"type": "string"}, "cpe23": {"type": "string"}},
              "additionalProperties": false,
              "anyOf": [{"required": ["purl"]}, {"required": ["cpe22"]}, {"required": ["cpe23"]}]
            },
            "hashes": {
              "type": "object",
              "propertyNames": {"enum": ["md5", "sha1", "sha-256", "sha-384", "sha-512", "sha3-224", "sha3-256",
                                         "sha3-384", "sha3-512", "blake2s-256", "blake2b-256", "blake2b-512"]},
              "additionalProperties": {"type": "string"}
            },
            "subcomponent": {
              "type": "object",
              "properties": {
                "@id": {"type": "string", "format": "iri"},
                "identifiers": {"$ref": "#/$defs/identifiers"},
                "hashes": {"$ref": "#/$defs/hashes"}
              },
              "additionalProperties": false,
              "anyOf": [{"required": ["@id"]}, {"required": ["identifiers"]}]
            },
            "component": {
              "type": "object",
              "properties": {
                "@id": {"type": "string", "format": "iri"},
                "identifiers": {"$ref": "#/$defs/identifiers"},
                "hashes": {"$ref": "#/$defs/hashes"},
                "subcomponents": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/$defs/subcomponent"}}
              },
              "additionalProperties": false,
              "anyOf": [{"required": ["@id"]}, {"required": ["identifiers"]}]
            }
          },
          "properties": {
            "@context": {"type": "string", "format": "uri"},
            "@id": {"type": "string", "format": "iri"},
            "author": {"type": "string"},
            "role": {"type": "string"},
            "timestamp": {"type": "string", "format": "date-time"},
            "last_updated": {"type": "string", "format": "date-time"},
            "version": {"type": "integer", "minimum": 1},
            "tooling": {"type": "string"},
            "statements": {
              "type": "array",
              "uniqueItems": true,
              "minItems": 1,
              "items": {
                "type": "object",
                "properties": {
                  "@id": {"type": "string", "format": "iri"},
                  "version": {"type": "integer", "minimum": 1},
                  "vulnerability": {"$ref": "#/$defs/vulnerability"},
                  "timestamp": {"type": "string", "format": "date-time"},
                  "last_updated": {"type": "string", "format": "date-time"},
                  "products": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/$defs/component"}},
                  "status": {"type": "string", "enum": ["not_affected", "affected", "fixed", "under_investigation"]},
                  "supplier": {"type": "string"},
                  "status_notes": {"type": "string"},
                  "justification": {"type": "string", "enum": ["component_not_present", "vulnerable_code_not_present",
                    "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
                    "inline_mitigations_already_exist"]},
                  "impact_statement": {"type": "string"},
                  "action_statement": {"type": "string"},
                  "action_statement_timestamp": {"type": "string", "format": "date-time"}
                },
                "required": ["vulnerability", "status"],
                "additionalProperties": false,
                "allOf": [
                  {"if": {"properties": {"status": {"const": "not_affected"}}},
                   "then": {"anyOf": [{"required": ["justification"]}, {"required": ["impact_statement"]}]}},
                  {"if": {"properties": {"status": {"const": "affected"}}}, "then": {"required": ["action_statement"]}}
                ]
              }
            }
          },
          "required": ["@context", "@id", "author", "timestamp", "version", "statements"],
          "additionalProperties": false
        }
        """#

    /// Validates `documents` with Python's `jsonschema` (formats checked) in one run; returns each document's
    /// errors (`path: message`), empty when valid.
    public static func errors(in documents: [[UInt8]]) throws -> [[String]] {
        let directory = try PackagePaths.temporaryDirectory("openvex-schema")
        let schema = directory.appendingPathComponent("schema.json")
        try Data(text.utf8).write(to: schema)
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = directory.appendingPathComponent("document-\(index).json")
            try Data(document).write(to: file)
            paths.append(file.path)
        }
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
            validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
            for path in sys.argv[2:]:
                for error in sorted(validator.iter_errors(json.load(open(path))), key=str):
                    print(path + "\t" + "/".join(str(p) for p in error.absolute_path) + ": " + error.message)
            """
        let result = try ProcessRunner.run("python3", ["-c", script, schema.path] + paths)
        guard result.status == 0 else {
            throw ProcessRunner.Failure(description: "python3 jsonschema failed: \(result.stderr)")
        }
        let lines = result.output.split(separator: "\n").map(String.init)
        return paths.map { path in
            lines.filter { $0.hasPrefix(path + "\t") }.map { String($0.dropFirst(path.count + 1)) }
        }
    }
}
