import DrydockModel
import Foundation
import Testing

@testable import DrydockSecrets

@Suite("Secret matching parts")
struct MatchingPartsTests {
    static func occurrences(_ keywords: [String], in text: String) -> [String] {
        let automaton = KeywordAutomaton(keywords: keywords)
        var found: [String] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            automaton.scan(bytes) { keyword, start in found.append("\(keywords[keyword])@\(start)") }
        }
        return found
    }

    @Test("the keyword automaton finds every occurrence, overlapping ones and any case")
    func automaton() {
        #expect(Self.occurrences(["he", "she", "his", "hers"], in: "ushers") == ["he@2", "she@1", "hers@2"])
        #expect(
            Self.occurrences(["key", "aws"], in: "AWS_SECRET_KEY awskey") == ["aws@0", "key@11", "aws@15", "key@18"])
        #expect(Self.occurrences(["aa"], in: "aaaa") == ["aa@0", "aa@1", "aa@2"])
        #expect(Self.occurrences(["x"], in: "").isEmpty)
        #expect(Self.occurrences(["-----", "8q~"], in: "a-----b 18Q~x") == ["-----@1", "8q~@9"])
    }

    @Test("Go patterns: named groups become numbered groups, repeated names all count")
    func patternSyntax() throws {
        let (icu, names) = PatternSyntax.translate(#"(?i)(?P<key>(secret))(=|:)(?<secret>[a-z]+)(?:x)(?<!y)[(]"#)
        #expect(icu == #"(?i)((secret))(=|:)([a-z]+)(?:x)(?<!y)[(]"#)
        #expect(names == ["key", "", "", "secret"])
        let twice = try PatternSyntax.compile(#"(?P<s>a)-(?P<s>b)"#, group: "s")
        #expect(twice.groups == [1, 2])
    }

    @Test("globs with doublestar's meaning")
    func globs() throws {
        #expect(try GlobPattern("**/go.mod").matches("go.mod"))
        #expect(try GlobPattern("**/go.mod").matches("a/b/go.mod"))
        #expect(try !GlobPattern("**/go.mod").matches("a/go.mod.bak"))
        #expect(try GlobPattern("**/*.png").matches("x/y.png"))
        #expect(try GlobPattern("**/node_modules/**").matches("a/node_modules/b/c.js"))
        #expect(try !GlobPattern("**/node_modules/**").matches("a/node_modules"))
        #expect(try GlobPattern("src/**/*.{yml,yaml}").matches("src/a/b/c.yaml"))
        #expect(try GlobPattern("src/?.[a-c]").matches("src/x.b"))
        #expect(try !GlobPattern("src/?.[!a-c]").matches("src/x.b"))
        #expect(throws: GlobPattern.GlobError.self) { try GlobPattern("a/{b,c") }
    }

    @Test("image configuration laid out as Trivy scans it: the same line numbers")
    func imageConfig() throws {
        // Trivy's own test: an image config with two environment variables; the token is on line 12.
        let config =
            #"{"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","secret=\#(Fake.githubPAT)"]}}"#
        let document = try #require(ImageConfigDocument.render(Array(config.utf8)))
        let lines = String(decoding: document, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0] == "{" && lines[1] == "  \"architecture\": \"\","
                && lines[2] == "  \"created\": \"0001-01-01T00:00:00Z\",")
        #expect(lines[11] == "  \"secret=\(Fake.githubPAT)\"")
        let file = try #require(try SecretScanner().scanImageConfig(Array(config.utf8)))
        #expect(file.path == "config.json")
        let finding = try #require(file.findings.first)
        #expect(finding.ruleID == "github-pat" && finding.startLine == 12)
        #expect(finding.match == "  \"secret=" + String(repeating: "*", count: 40) + "\"")
        #expect(finding.code.lines.map(\.number) == [10, 11, 12, 13])
        #expect(finding.code.lines[0].content == "  \"Env\": [")
        #expect(finding.offset == 231)
    }

    @Test("history commands, labels and Go's JSON escaping")
    func imageConfigFields() throws {
        let config = #"""
            {"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00.500000000Z",
             "history":[{"created":"2024-01-01T00:00:00Z","created_by":"RUN echo <x> && export T=1"},{"empty_layer":true}],
             "config":{"Labels":{"b":"2","a":"1"},"ExposedPorts":{"80/tcp":{}}}}
            """#
        let text = String(decoding: try #require(ImageConfigDocument.render(Array(config.utf8))), as: UTF8.self)
        #expect(text.contains(#"  "created": "2024-01-01T00:00:00.5Z","#))
        #expect(text.contains(#"  "created_by": "RUN echo \u003cx\u003e \u0026\u0026 export T=1""#))
        #expect(text.contains("  \"empty_layer\": true\n"))
        #expect(text.contains("  \"Labels\": {\n  \"a\": \"1\",\n  \"b\": \"2\"\n  },"))
        #expect(text.contains("  \"ExposedPorts\": {\n  \"80/tcp\": {}\n  }"))
        #expect(text.hasSuffix("  \"container_config\": {}\n  }"))
    }

    @Test("findings from several layers: all kept, unchanged repeats once with the earliest layer")
    func grouping() {
        func finding(_ path: String, _ rule: String, _ line: Int, _ layer: String) -> SecretFinding {
            SecretFinding(
                filePath: path, ruleID: rule, category: "c", severity: .high, title: "t", startLine: line,
                endLine: line, match: "m\(line)", layer: LayerReference(diffID: layer), offset: line)
        }
        let files = SecretFile.group([
            finding("/b", "github-pat", 1, "l1"), finding("/a", "aws-access-key-id", 2, "l1"),
            finding("/a", "aws-access-key-id", 2, "l2"), finding("/a", "aws-access-key-id", 5, "l3"),
        ])
        #expect(files.map(\.path) == ["/a", "/b"])
        #expect(files[0].findings.map { "\($0.startLine)@\($0.layer?.diffID ?? "")" } == ["2@l1", "5@l3"])
    }
}
