import DrydockModel
import DrydockVulnDB
import Testing

@testable import DrydockMatch

/// Reachability from an OSV record's `ecosystem_specific.imports` and a binary's function names.
@Suite struct GoReachabilityTests {
    static let record = """
        {"id": "GO-2099-0001", "affected": [{"package": {"ecosystem": "Go", "name": "example.com/lib"},
          "ecosystem_specific": {"imports": [
            {"path": "example.com/lib/parse", "symbols": ["Parse", "Decoder.Decode"]},
            {"path": "", "symbols": ["Ignored"]},
            {"path": "example.com/lib/util", "symbols": ["Quote"]}]}}]}
        """

    static func imports() throws -> [GoVulnerableSymbols] {
        let document = try JSONParser.parse(Array(record.utf8))
        let entry = try #require(document["affected"]?.arrayValue?.first)
        return GoVulnerableSymbols.imports(ofAffected: entry)
    }

    @Test func readsImportsAndSymbolsFromOSV() throws {
        #expect(
            try Self.imports() == [
                GoVulnerableSymbols(importPath: "example.com/lib/parse", symbols: ["Parse", "Decoder.Decode"]),
                GoVulnerableSymbols(importPath: "example.com/lib/util", symbols: ["Quote"]),
            ])
    }

    @Test func notReachableWhenNoSymbolIsInTheBinary() throws {
        let present: Set<String> = ["example.com/lib/parse.Other", "main.main"]
        let result = GoReachability.assess(imports: try Self.imports()) { present.contains("\($0).\($1)") }
        #expect(
            result
                == .notReachable(checkedSymbols: [
                    "example.com/lib/parse.Parse", "example.com/lib/parse.Decoder.Decode",
                    "example.com/lib/util.Quote",
                ]))
    }

    @Test func reachableWhenAnySymbolIsInTheBinary() throws {
        let present: Set<String> = ["example.com/lib/util.Quote"]
        let result = GoReachability.assess(imports: try Self.imports()) { present.contains("\($0).\($1)") }
        #expect(result == .reachable(symbols: ["example.com/lib/util.Quote"]))
    }

    @Test func unknownWithoutSymbols() {
        #expect(GoReachability.assess(imports: []) { _, _ in false } == nil)
        let wholePackage = [GoVulnerableSymbols(importPath: "example.com/lib", symbols: [])]
        #expect(GoReachability.assess(imports: wholePackage) { _, _ in false } == nil)
    }
}
