import DrydockCatalog
import Testing

@Suite("Path globs and filters (--skip-dirs, --skip-files, --file-patterns)")
struct PathGlobTests {
    @Test(
        "globs match whole paths with doublestar rules",
        arguments: [
            ("**/.git", ".git", true), ("**/.git", "a/b/.git", true), ("**/.git", "a/.github", false),
            ("usr/lib/*.so", "usr/lib/libz.so", true), ("usr/lib/*.so", "usr/lib/x/libz.so", false),
            ("**/*.txt", "requirements.txt", true), ("**/*.txt", "a/b/c.txt", true),
            ("**/*.txt", "a/b/c.txt.bak", false),
            ("app/**", "app", true), ("app/**", "app/x/y", true), ("app/**", "apps/x", false),
            ("a/**/z", "a/z", true), ("a/**/z", "a/b/c/z", true), ("a/**/z", "a/b/c/y", false),
            ("?at", "cat", true), ("?at", "at", false), ("[a-c]at", "bat", true), ("[a-c]at", "rat", false),
            ("[!a]at", "bat", true), ("[!a]at", "aat", false), ("{foo,bar}/x", "bar/x", true),
            ("{foo,bar}/x", "baz/x", false), ("/lib64", "lib64", true), ("./testdata/*/*", "testdata/a/b", true),
            ("node_modules", "web/node_modules", false), ("**/node_modules", "web/node_modules", true),
            ("file\\*", "file*", true), ("file\\*", "filex", false),
        ])
    func glob(pattern: String, path: String, matches: Bool) throws {
        let glob = try #require(PathGlob(pattern))
        #expect(glob.matches(path) == matches)
    }

    @Test("unbalanced patterns are refused", arguments: ["[abc", "{a,b", "a}"])
    func unbalanced(pattern: String) {
        #expect(PathGlob(pattern) == nil)
    }

    @Test("a file under a skipped folder is skipped; --skip-files matches the file itself")
    func filter() throws {
        let filter = PathFilter(
            skipDirectories: [try #require(PathGlob("**/test"))], skipFiles: [try #require(PathGlob("**/*.lock"))])
        #expect(filter.skipsDirectory("src/test"))
        #expect(filter.skipsFile("src/test/requirements.txt"))
        #expect(filter.skipsFile("Cargo.lock"))
        #expect(!filter.skipsFile("src/main/requirements.txt"))
        #expect(!filter.skipsFile("src/testing/x"))
        #expect(filter.fingerprint.contains("**/test"))
        #expect(PathFilter().fingerprint.isEmpty)
    }

    @Test("--file-patterns takes TYPE:REGEX and matches anywhere in the path")
    func filePatterns() throws {
        let pattern = try #require(FilePattern(#"pip:requirements-.*\.txt"#))
        #expect(pattern.type == "pip")
        #expect(pattern.matches("app/requirements-dev.txt"))
        #expect(!pattern.matches("app/requirements.txt"))
        #expect(FilePattern("no-colon") == nil)
        #expect(FilePattern("pip:(") == nil)
    }
}
