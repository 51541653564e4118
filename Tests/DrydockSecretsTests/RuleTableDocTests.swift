import DrydockSecrets
import Foundation
import Testing

/// `docs/secrets.md` lists every built-in rule; the table is generated from `BuiltinRules` and checked here.
/// Regenerate it with `DRYDOCK_UPDATE_DOCS=1 swift test --filter RuleTableDocTests`.
@Suite("Secret rule table in docs/secrets.md")
struct RuleTableDocTests {
    static let begin = "<!-- rules:begin (generated from BuiltinRules by RuleTableDocTests) -->"
    static let end = "<!-- rules:end -->"

    static func table() -> String {
        var lines = ["| ID | Category | Title | Severity | Keywords |", "|---|---|---|---|---|"]
        for rule in BuiltinRules.all {
            let id = rule.origin == .drydock ? "`\(rule.id)` (Drydock)" : "`\(rule.id)`"
            let keywords = rule.keywords.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" }
            lines.append(
                "| \(id) | \(rule.category) | \(rule.title) | \(rule.severity.rawValue) | "
                    + keywords.joined(separator: ", ") + " |")
        }
        lines.append("")
        lines.append("| Allow rule ID | What it lets through | Path | Match |")
        lines.append("|---|---|---|---|")
        for rule in BuiltinAllowRules.all {
            let path = rule.path.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" } ?? ""
            let regex = rule.regex.map { "`\($0)`" } ?? ""
            let id = rule.origin == .drydock ? "`\(rule.id)` (Drydock)" : "`\(rule.id)`"
            lines.append("| \(id) | \(rule.description) | \(path) | \(regex) |")
        }
        return lines.joined(separator: "\n")
    }

    @Test("the generated table in docs/secrets.md is current")
    func current() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/secrets.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "docs/secrets.md has the begin marker")
        let stop = try #require(text.range(of: Self.end), "docs/secrets.md has the end marker")
        let current = String(text[start.upperBound..<stop.lowerBound])
        let wanted = "\n" + Self.table() + "\n"
        if current != wanted, ProcessInfo.processInfo.environment["DRYDOCK_UPDATE_DOCS"] == "1" {
            try (String(text[..<start.upperBound]) + wanted + String(text[stop.lowerBound...])).write(
                to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == wanted, "regenerate with DRYDOCK_UPDATE_DOCS=1 swift test --filter RuleTableDocTests")
    }
}
