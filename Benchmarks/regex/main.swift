// Times the two regular-expression engines available to DrydockSecrets on the same text: Foundation's
// `NSRegularExpression` (ICU), which the scanner uses, and Swift's `Regex`. Built and run by
// `Benchmarks/regex-engines`; prints one line per expression (median of the runs given as the second argument).
import Foundation

let arguments = CommandLine.arguments
let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3

/// Expressions of built-in rules, as DrydockSecrets writes them: a fixed-prefix token, a prefix alternation,
/// and two of the `keyed` shape (a service name, an assignment, a quoted value).
let patterns: [(String, String)] = [
    ("aws-access-key-id", #"(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}"#),
    ("github-pat", #"ghp_[0-9a-zA-Z]{36}"#),
    ("asana-client-id", #"(?i)(?<key>asana[a-z0-9_ .\-,]{0,25})(=|>|:=|\|\|:|<=|=>|:).{0,5}['\"](?<secret>[0-9]{16})['\"]"#),
    ("keyed, common word", #"(?i)(?<key>secret[a-z0-9_ .\-,]{0,25})(=|>|:=|\|\|:|<=|=>|:).{0,5}['\"](?<secret>[a-z0-9=_\-]{8,64})['\"]"#),
]

func median(_ body: () -> Int) -> (seconds: Double, matches: Int) {
    var times: [Double] = []
    var matches = 0
    for _ in 0..<runs {
        let start = Date()
        matches = body()
        times.append(Date().timeIntervalSince(start))
    }
    return (times.sorted()[times.count / 2], matches)
}

print("input: \(text.utf8.count) bytes; median of \(runs) runs")
print("| expression | NSRegularExpression s | Swift Regex s | Regex / NSRegularExpression |")
print("|---|---|---|---|")
for (name, pattern) in patterns {
    let foundation = try NSRegularExpression(pattern: pattern)
    let swift = try Regex(pattern)
    let ns = median { foundation.numberOfMatches(in: text, range: NSRange(location: 0, length: text.utf16.count)) }
    let rx = median { text.matches(of: swift).count }
    precondition(ns.matches == rx.matches, "\(name): the engines disagree (\(ns.matches) vs \(rx.matches))")
    print(String(format: "| %@ | %.3f | %.3f | %.1f× |", name, ns.seconds, rx.seconds, rx.seconds / ns.seconds))
}
