import Foundation

/// A path regular expression (an allow rule's `path`, a rule's `path`), with a cheap test that rules most
/// paths out before the expression runs: every image has tens of thousands of paths.
struct PathMatcher: @unchecked Sendable {
    // `NSRegularExpression` is immutable and thread-safe (Foundation's documentation says so).
    let regex: NSRegularExpression
    /// When set, a path can only match if it contains one of these (ASCII case ignored).
    let needles: [[UInt8]]?

    /// Compiles `pattern`; throws the engine's error when it is not a valid expression.
    init(_ pattern: String) throws {
        regex = try PatternSyntax.compile(pattern, group: nil).regex
        needles = Self.knownNeedles[pattern].map { $0.map { Array($0.utf8).map(KeywordAutomaton.fold) } }
    }

    /// Whether `path` (root-relative, no leading `/`) matches, as it is or with a leading `/`.
    func matches(_ path: String) -> Bool {
        if let needles, !Self.containsAny(path, needles) {
            // With a leading `/`, a needle starting with `/` may also match at the very start.
            let slashed = needles.filter { $0.first == UInt8(ascii: "/") }
            guard !slashed.isEmpty, Self.containsAny("/" + path, slashed) else { return false }
        }
        return test(path) || test("/" + path)
    }

    private func test(_ path: String) -> Bool {
        regex.firstMatch(in: path, range: NSRange(location: 0, length: path.utf16.count)) != nil
    }

    private static func containsAny(_ path: String, _ needles: [[UInt8]]) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            needles.contains { needle in
                guard needle.count <= bytes.count, let first = needle.first else { return needle.isEmpty }
                var start = 0
                while start + needle.count <= bytes.count {
                    if KeywordAutomaton.fold(bytes[start]) == first {
                        var offset = 1
                        while offset < needle.count, KeywordAutomaton.fold(bytes[start + offset]) == needle[offset] {
                            offset += 1
                        }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// For the built-in allow rules' patterns: substrings one of which every matching path holds.
    static let knownNeedles: [String: [String]] = {
        var table: [String: [String]] = [:]
        let needles: [String: [String]] = [
            "dist-info": [".dist-info/"], "tests": ["test"], "examples": ["example"], "vendor": ["/vendor/"],
            "usr-dirs": ["usr/share/", "usr/include/", "usr/lib/"], "locale-dir": ["/locale"], "markdown": [".md"],
            "node.js": ["opt/yarn-v"], "golang": ["usr/local/go/"], "python": ["usr/local/lib/python"],
            "rubygems": ["usr/lib/gems/"], "wordpress": ["usr/src/wordpress/"], "anaconda-log": ["var/log/anaconda/"],
            "package-caches": [
                "go/pkg/mod/", ".cache/", ".npm/_cacache/", ".yarn/cache/", ".m2/repository/", ".gradle/caches/",
                "cargo/registry/", ".nuget/packages/", ".composer/cache/",
            ],
        ]
        for rule in BuiltinAllowRules.all {
            if let path = rule.path, let found = needles[rule.id] { table[path] = found }
        }
        table[BuiltinRules.mavenSettingsPath] = ["settings.xml"]
        return table
    }()
}
