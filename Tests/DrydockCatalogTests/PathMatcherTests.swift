import Testing

@testable import DrydockCatalog

/// The walk's compiled matcher answers exactly as the selectors it is made from, for the default analyzers of
/// every mode plus name-prefix rules (the misconfiguration analyzer's `Dockerfile*`), on paths built from every rule (names, suffixes, name prefixes,
/// parents, ancestors) and on near misses.
@Suite struct PathMatcherTests {
    static var selectors: [FileSelector] {
        [
            FileSelector.union(ImageCataloger.defaultAnalyzers.map(\.selector)),
            FileSelector.union(DirectoryCataloger.defaultAnalyzers(for: .filesystem).map(\.selector)),
            FileSelector.union(
                ImageCataloger.defaultAnalyzers.map(\.selector) + [
                    FileSelector(names: [
                        NameRule(prefix: "Dockerfile"), NameRule(suffix: ".yml"), NameRule(prefix: "Containerfile"),
                    ])
                ]),
        ]
    }

    static func paths(for selector: FileSelector) -> [String] {
        var paths = Array(selector.exactPaths) + selector.exactPaths.map { $0 + ".bak" }
        let folders = [
            "", "app/", "srv/node_modules/x/", "usr/lib/python3/dist-packages/a-1.0.dist-info/",
            "specifications/", "a/repository/b/",
        ]
        for rule in selector.names {
            let bases = [
                rule.name, rule.suffix.map { "x" + $0 }, rule.suffix, rule.prefix, rule.prefix.map { $0 + ".x" },
            ]
            for base in bases.compactMap({ $0 }) {
                var around = folders
                if let parent = rule.parent { around.append("a/\(parent)/") }
                if let suffix = rule.parentSuffix { around.append("a/b\(suffix)/") }
                if let ancestor = rule.ancestor { around.append("a/\(ancestor)/b/") }
                if let excluded = rule.excludedAncestor { around.append("\(excluded)/b/") }
                for folder in around {
                    paths += [folder + base, folder + base + "x", folder + "x" + base, folder + base.dropLast()]
                }
            }
        }
        for prefix in selector.prefixes {
            paths += [prefix.prefix + "a", prefix.prefix + "a/b", prefix.prefix, prefix.prefix + "a.list"]
            paths += prefix.excludedSuffixes.map { prefix.prefix + "a" + $0 }
        }
        return paths + ["", "a", "usr/bin", "etc/passwd", "ü/é.jar", "a/.jar"]
    }

    @Test func answersAsTheSelector() {
        for selector in Self.selectors {
            let matcher = PathMatcher(selector)
            let paths = Self.paths(for: selector)
            #expect(paths.count > 500)
            for path in paths {
                #expect(matcher.matches(path) == selector.matches(path), "\(path)")
            }
            #expect(paths.contains { matcher.matches($0) })
            #expect(paths.contains { !matcher.matches($0) })
        }
    }
}
