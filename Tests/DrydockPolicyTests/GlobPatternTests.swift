import DrydockPolicy
import Testing

/// Path patterns must match as Trivy's `.trivyignore.yaml` paths do (the doublestar v4 rules); the cases
/// below are the behaviours that library documents and tests, checked one by one.
@Suite("Glob patterns")
struct GlobPatternTests {
    static let cases: [(String, String, Bool)] = [
        ("abc", "abc", true), ("*", "abc", true), ("*", "", true), ("*", "/", false), ("/*", "/", true),
        ("*c", "abc", true), ("a*", "ab/c", false), ("a*/b", "abc/b", true), ("a*/b", "a/c/b", false),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true), ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        ("a*b?c*x", "abxbbxdbxebxczzx", true), ("a*b?c*x", "abxbbxdbxebxczzy", false),
        ("ab[c]", "abc", true), ("ab[b-d]", "abc", true), ("ab[e-g]", "abc", false), ("ab[^c]", "abc", false),
        ("ab[^e-g]", "abc", true), ("a[!a]b", "a☺b", true), ("a\\*b", "ab", false), ("a\\*b", "a*b", true),
        ("a?b", "a☺b", true), ("a???b", "a☺b", false), ("a?b", "a/b", false), ("a*b", "a/b", false),
        ("[\\]a]", "]", true), ("[x\\-]", "-", true), ("[x\\-]", "z", false), ("[-]", "-", true),
        ("[x-]", "-", true), ("[a-b-d]", "-", true), ("[a-b-d]", "c", false), ("[a-b-d]", "d", true),
        ("**", "", true), ("**", "a/b/c", true), ("a/**", "a", true), ("a/**", "a/", true), ("a/**", "a/b/c", true),
        ("a/**/", "a", true), ("**/c", "c", true), ("**/c", "a/b/c", true), ("**/c", "abcd", false),
        ("**/c", "a/abc", false), ("a/**/b", "a/b", true), ("a/**/d", "a/b/c/d", true), ("a/\\**", "a/b/c", false),
        ("abc**", "abc/b", false), ("abc**", "abcdef", true), ("a/b/c", "a/b//c", false), ("a/", "a", false),
        ("ab{c,d}", "abc", true), ("ab{c,d,*}", "abcde", true), ("a{,bc}", "a", true), ("a{,bc}", "abc", true),
        ("a/{b/c,c/b}", "a/c/b", true), ("{a/{b,c},abc}", "a/c", true), ("{a/{b,c},abc}", "a/b/c", false),
        ("**/*-lock.json", "package-lock.json", true), ("**/*-lock.json", "web/app/yarn-lock.json", true),
        ("**/*.txt", "abc/【test】.txt", true), ("**/{a,b}", "a/b", true),
        (
            "usr/lib/python3.9/site-packages/**",
            "usr/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA", true
        ),
    ]

    @Test("matches as doublestar does", arguments: cases)
    func matching(pattern: String, path: String, expected: Bool) throws {
        #expect(try GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test(
        "invalid patterns are errors, as Trivy's validation rejects them",
        arguments: ["[", "a[", "[^", "[^bc", "[]a]", "\\", "ab{c,d", "ab}c", "a/[x"])
    func invalid(pattern: String) {
        #expect(throws: GlobSyntaxError.self) { try GlobPattern(pattern) }
    }

    @Test("coverage is sound: a covering pattern matches whatever the covered one does")
    func coverage() throws {
        let pairs: [(String, String, Bool)] = [
            ("**", "anything/at/all", true), ("CVE-2023-*", "CVE-2023-1234", true),
            ("CVE-2023-*", "CVE-2024-1", false), ("usr/lib/**", "usr/lib/python3/{a,b}/*.py", true),
            ("usr/lib/**", "usr/local/lib/x", false), ("lib*", "libssl*", true), ("lib*", "libssl/*", false),
            ("lib*", "lib{a,b/c}", false), ("app-*", "app-*", true), ("a*", "*a", false),
        ]
        for (wide, narrow, expected) in pairs {
            #expect(try GlobPattern(wide).covers(GlobPattern(narrow)) == expected, "\(wide) ⊇ \(narrow)")
        }
        #expect(try GlobPattern("a\\*b").literalText == "a*b")
        #expect(try GlobPattern("{a,b}").literalText == nil)
    }
}
