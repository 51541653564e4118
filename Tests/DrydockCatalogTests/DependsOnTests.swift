import DrydockCatalog
import DrydockModel
import Foundation
import Testing

/// `dependsOn` read from lockfiles with a dependency graph, checked against the graphs Trivy's own parser tests
/// expect for the same fixtures (`pkg/dependency/parser/**/parse_test.go`, `parse_testcase.go`: read as facts).
@Suite struct DependsOnTests {
    static let parsers = "fixtures/trivy/pkg/dependency/parser"
    static let npm = "\(parsers)/nodejs/npm/testdata"

    /// Every package that has dependencies, `ID -> DependsOn`, as a dictionary (duplicates must agree).
    static func graph(_ packages: [Package]) -> [String: [String]] {
        var graph: [String: [String]] = [:]
        for package in packages where !package.dependsOn.isEmpty {
            #expect(graph[package.id] == nil || graph[package.id] == package.dependsOn, "\(package.id)")
            graph[package.id] = package.dependsOn
        }
        return graph
    }

    /// Trivy's `npmDeps` (a subset), shared by its v1, v2 and v3 lockfile cases.
    static let npmExpected: [String: [String]] = [
        "body-parser@1.18.3": [
            "bytes@3.0.0", "content-type@1.0.5", "debug@2.6.9", "depd@1.1.2", "http-errors@1.6.3",
            "iconv-lite@0.4.23", "on-finished@2.3.0", "qs@6.5.2", "raw-body@2.3.3", "type-is@1.6.18",
        ],
        "debug@2.5.2": ["ms@0.7.2"],
        "debug@2.6.9": ["ms@2.0.0"],
        "finalhandler@1.1.1": [
            "debug@2.6.9", "encodeurl@1.0.2", "escape-html@1.0.3", "on-finished@2.3.0", "parseurl@1.3.3",
            "statuses@1.4.0", "unpipe@1.0.0",
        ],
        "http-errors@1.6.3": ["depd@1.1.2", "inherits@2.0.3", "setprototypeof@1.1.0", "statuses@1.4.0"],
        "iconv-lite@0.4.23": ["safer-buffer@2.1.2"],
        "mime-types@2.1.35": ["mime-db@1.52.0"],
    ]

    @Test(
        "package-lock.json v1, v2 and v3 give Trivy's graph (nested folders resolve to the nearest copy)",
        .enabled(if: Shared.available(npm)),
        arguments: ["package-lock_v1.json", "package-lock_v2.json", "package-lock_v3.json"])
    func packageLock(name: String) throws {
        let file = try PackageLockParser.parse(Shared.bytes(Shared.file("\(Self.npm)/\(name)")), path: name)
        let graph = Self.graph(file.packages)
        for (id, expected) in Self.npmExpected {
            #expect(graph[id] == expected, "\(name): \(id)")
        }
        // Leaves depend on nothing.
        #expect(file.packages.first { $0.id == "ms@2.0.0" }?.dependsOn == [])
    }

    static let uv = "\(parsers)/python/uv/testdata"

    @Test(
        "uv.lock: Trivy's graph, relationships and development dependencies (uv_normal.lock)",
        .enabled(if: Shared.available(uv)))
    func uvLock() throws {
        let name = "uv_normal.lock"
        let file = try PythonTOMLLockParser.parseUV(Shared.bytes(Shared.file("\(Self.uv)/\(name)")), path: name)
        // Trivy's `uvNormalDeps`.
        #expect(
            Self.graph(file.packages) == [
                "anyio@4.7.0": ["exceptiongroup@1.2.2", "idna@3.10", "sniffio@1.3.1", "typing-extensions@4.12.2"],
                "httpcore@1.0.7": ["certifi@2024.12.14", "h11@0.14.0"],
                "httpx@0.28.1": ["anyio@4.7.0", "certifi@2024.12.14", "httpcore@1.0.7", "idna@3.10", "socksio@1.0.0"],
                "normal@0.1.0": ["httpx@0.28.1", "orjson@3.10.12", "pytest@8.3.4", "requests@2.32.0"],
                "pytest@8.3.4": [
                    "colorama@0.4.6", "exceptiongroup@1.2.2", "iniconfig@2.0.0", "packaging@24.2", "pluggy@1.5.0",
                    "tomli@2.2.1",
                ],
                "requests@2.32.0": [
                    "certifi@2024.12.14", "charset-normalizer@3.4.0", "idna@3.10", "urllib3@2.2.3",
                ],
            ])
        // Trivy's `uvNormal`: reached only through the `dev` group; optional and group dependencies are direct.
        #expect(
            Set(file.packages.filter(\.isDevelopment).map(\.id)) == [
                "pytest@8.3.4", "colorama@0.4.6", "iniconfig@2.0.0", "packaging@24.2", "pluggy@1.5.0", "tomli@2.2.1",
            ])
        #expect(
            Set(file.packages.filter { $0.relationship == .direct }.map(\.id)) == [
                "httpx@0.28.1", "orjson@3.10.12", "pytest@8.3.4", "requests@2.32.0",
            ])
        #expect(file.packages.first { $0.relationship == .root }?.id == "normal@0.1.0")
    }

    static let pylock = "\(parsers)/python/pylock/testdata"

    @Test(
        "pylock.toml: each name and version once, DependsOn by name and version over every environment's entry",
        .enabled(if: Shared.available(pylock)))
    func pylockGraph() throws {
        let name = "pylock.toml"
        let file = try PythonTOMLLockParser.parsePylock(
            Shared.bytes(Shared.file("\(Self.pylock)/\(name)")), path: name)
        // Trivy's package list for this fixture: `ham@3.0.0`, locked twice (one entry per platform), once.
        #expect(
            file.packages.map(\.id).sorted() == [
                "attrs@25.4.0", "certifi@2025.10.5", "charset-normalizer@3.4.3", "ham@3.0.0", "idna@3.10",
                "requests@2.32.5", "spam@1.0.0", "spam@1.1.0", "urllib3@2.5.0",
            ])
        // Trivy keeps the last entry's edge only (`spam@1.1.0`); the Linux entry needs `spam@1.0.0`.
        #expect(Self.graph(file.packages) == ["ham@3.0.0": ["spam@1.0.0", "spam@1.1.0"]])
        #expect(file.packages.allSatisfy { $0.relationship == nil })
        // `pip lock ./app` writes the project itself with its directory: the root, depending on what it names.
        let project = """
            lock-version = "1.0"
            [[packages]]
            name = "app"
            version = "0.1.0"
            directory = { path = "app" }
            dependencies = [{ name = "idna" }]
            [[packages]]
            name = "idna"
            version = "3.10"
            """
        let rooted = try PythonTOMLLockParser.parsePylock(Array(project.utf8), path: name)
        #expect(rooted.packages.first { $0.relationship == .root }?.id == "app@0.1.0")
        #expect(Self.graph(rooted.packages) == ["app@0.1.0": ["idna@3.10"]])
    }

    @Test("package-lock.json v3 peer dependencies are edges too", .enabled(if: Shared.available(npm)))
    func packageLockPeers() throws {
        let name = "package-lock_v3_with_peer.json"
        let file = try PackageLockParser.parse(Shared.bytes(Shared.file("\(Self.npm)/\(name)")), path: name)
        #expect(
            Self.graph(file.packages) == [
                // The project itself (the lockfile's "" entry) is the root, depending on what it declares.
                "node_v3_with_peer@1.0.0": ["lodash@4.17.21", "winston-mail@2.0.0"],
                "winston-mail@2.0.0": ["mustache@2.3.2", "winston@3.17.0"],
                "winston@3.17.0": ["triple-beam@1.4.1"],
            ])
        #expect(file.packages.first { $0.id == "node_v3_with_peer@1.0.0" }?.relationship == .root)
    }

    @Test(
        "Cargo.lock: versioned and bare dependency names resolve as in Trivy's cargoNormalDeps and cargoV3Deps",
        .enabled(if: Shared.available("\(parsers)/rust/cargo/testdata")),
        arguments: [
            (
                "cargo_normal.lock",
                [
                    "normal@0.1.0": ["libc@0.2.54"], "typemap@0.3.3": ["unsafe-any@0.4.2"],
                    "url@1.7.2": ["idna@0.1.5", "matches@0.1.8", "percent-encoding@1.0.1"],
                ]
            ),
            (
                "cargo_mixed.lock",
                [
                    "normal@0.1.0": ["libc@0.2.54"], "typemap@0.3.3": ["unsafe-any@0.4.2"],
                    "url@1.7.2": ["idna@0.1.5", "matches@0.1.8", "percent-encoding@1.0.1"],
                ]
            ),
            (
                "cargo_v3.lock",
                [
                    "aho-corasick@0.7.20": ["memchr@2.5.0"],
                    "app@0.1.0": ["memchr@1.0.2", "regex-syntax@0.5.6", "regex@1.7.3"],
                    "memchr@1.0.2": ["libc@0.2.140"],
                    "regex@1.7.3": ["aho-corasick@0.7.20", "memchr@2.5.0", "regex-syntax@0.6.29"],
                    "regex-syntax@0.5.6": ["ucd-util@0.1.10"],
                ]
            ),
        ] as [(String, [String: [String]])])
    func cargo(name: String, expected: [String: [String]]) throws {
        let url = try Shared.file("\(Self.parsers)/rust/cargo/testdata/\(name)")
        let parsed = try CargoLockParser.parse(Shared.bytes(url), path: name)
        #expect(Self.graph(parsed.packages) == expected)
    }

    @Test(
        "Gemfile.lock: six-space spec lines are edges (Trivy's NormalDeps)",
        .enabled(if: Shared.available("\(parsers)/ruby/bundler/testdata")))
    func bundler() throws {
        let url = try Shared.file("\(Self.parsers)/ruby/bundler/testdata/Gemfile_normal.lock")
        let file = try GemfileLockParser.parse(Shared.bytes(url), path: "Gemfile.lock")
        #expect(
            Self.graph(file.packages) == [
                "faker@1.9.3": ["i18n@1.6.0"], "i18n@1.6.0": ["concurrent-ruby@1.1.5"],
                "pry@0.12.2": ["coderay@1.1.2", "method_source@0.9.2"],
            ])
    }

    /// Trivy's mix parser gives no graph; the lock records one: each entry's dependency list.
    @Test(
        "mix.lock: each entry's {:name, …} dependencies that are locked (an optional one that is not, and git ones, left out)",
        .enabled(if: Shared.available("\(parsers)/hex/mix/testdata")))
    func mix() throws {
        let url = try Shared.file("\(Self.parsers)/hex/mix/testdata/happy.mix.lock")
        let file = try MixLockParser.parse(Shared.bytes(url), path: "mix.lock")
        // jason's optional decimal is not in the lock.
        #expect(Self.graph(file.packages) == ["credo@1.6.6": ["bunt@0.2.0", "file_system@0.2.10", "jason@1.3.0"]])
        let lock = """
            %{
              "a": {:hex, :a, "1.0.0", "x", [:mix], [{:b, "~> 2.0", [hex: :b, repo: "hexpm", optional: false]}, {:g, [git: "u"]}], "hexpm", "y"},
              "b": {:hex, :b, "2.0.1", "x", [:rebar3], [{:a, "~> 1.0", [hex: :a, repo: "hexpm", optional: false]}], "hexpm", "y"},
              "g": {:git, "https://git.example/g.git", "4294a3ac", []},
            }
            """
        let cyclic = try MixLockParser.parse(Array(lock.utf8), path: "mix.lock")
        #expect(Self.graph(cyclic.packages) == ["a@1.0.0": ["b@2.0.1"], "b@2.0.1": ["a@1.0.0"]])
    }

    /// Trivy reads `packages` only; Drydock also lists `packages-dev` (marked development), with their edges.
    @Test(
        "composer.lock: `require` names but php and extensions, at their locked versions",
        .enabled(if: Shared.available("\(parsers)/php/composer/testdata")))
    func composer() throws {
        let url = try Shared.file("\(Self.parsers)/php/composer/testdata/composer_happy.lock")
        let file = try ComposerParser.parseLock(Shared.bytes(url), path: "composer.lock")
        #expect(
            Self.graph(file.packages) == [
                "guzzlehttp/guzzle@6.5.8": [
                    "guzzlehttp/promises@1.5.2", "guzzlehttp/psr7@1.9.0", "symfony/polyfill-intl-idn@v1.27.0",
                ],
                "guzzlehttp/psr7@1.9.0": ["psr/http-message@1.0.1", "ralouphie/getallheaders@3.0.3"],
                "symfony/polyfill-intl-idn@v1.27.0": [
                    "symfony/polyfill-intl-normalizer@v1.27.0", "symfony/polyfill-php72@v1.27.0",
                ],
                "pear/log@1.13.3": ["pear/pear_exception@v1.0.2"],
            ])
    }

    @Test(
        "yarn.lock (Berry): `name: range` resolves through `name@npm:range` (Trivy's yarnV2HappyDeps)",
        .enabled(if: Shared.available("\(parsers)/nodejs/yarn/testdata")))
    func yarnBerry() throws {
        let url = try Shared.file("\(Self.parsers)/nodejs/yarn/testdata/yarn_v2_happy.lock")
        let graph = Self.graph(try YarnLockParser.parse(Shared.bytes(url), path: "yarn.lock").packages)
        let expected: [String: [String]] = [
            "ansi-styles@3.2.1": ["color-convert@1.9.3"],
            "ansi-styles@4.2.1": ["@types/color-name@1.1.1", "color-convert@2.0.1"],
            "color-convert@1.9.3": ["color-name@1.1.3"], "color-convert@2.0.1": ["color-name@1.1.4"],
            "loose-envify@1.4.0": ["js-tokens@4.0.0"], "once@1.4.0": ["wrappy@1.0.2"],
        ]
        for (id, dependsOn) in expected { #expect(graph[id] == dependsOn, "\(id)") }
    }

    @Test("yarn.lock (classic): `name \"range\"` resolves through any descriptor of a block")
    func yarnClassic() throws {
        let lock = """
            # yarn lockfile v1

            "@babel/helper-regex@^7.0.0", "@babel/helper-regex@^7.4.4":
              version "7.4.4"
              dependencies:
                lodash "^4.17.11"

            lodash@^4.17.11, lodash@^4.17.13:
              version "4.17.15"
            """
        let file = try YarnLockParser.parse(Array(lock.utf8), path: "yarn.lock")
        #expect(Self.graph(file.packages) == ["@babel/helper-regex@7.4.4": ["lodash@4.17.15"]])
    }

    @Test(
        "packages.lock.json: dependency names at the versions resolved in the same framework",
        .enabled(if: Shared.available("\(parsers)/nuget/lock/testdata")))
    func nuget() throws {
        let url = try Shared.file("\(Self.parsers)/nuget/lock/testdata/packages_lock_subdependencies.json")
        let graph = Self.graph(try NuGetParser.parseLock(Shared.bytes(url), path: "packages.lock.json").packages)
        #expect(graph["Swashbuckle.AspNetCore.Swagger@5.5.1"] == ["Microsoft.OpenApi@1.1.4"])
        #expect(graph["Swashbuckle.AspNetCore.SwaggerGen@5.5.1"] == ["Swashbuckle.AspNetCore.Swagger@5.5.1"])
        #expect(
            graph["Swashbuckle.AspNetCore@5.5.1"] == [
                "Microsoft.Extensions.ApiDescription.Server@3.0.0", "Swashbuckle.AspNetCore.Swagger@5.5.1",
                "Swashbuckle.AspNetCore.SwaggerGen@5.5.1", "Swashbuckle.AspNetCore.SwaggerUI@5.5.1",
            ])
        #expect(graph["Newtonsoft.Json@12.0.3"] == nil)
    }

    @Test(
        "pnpm-lock.yaml v9: snapshots' dependencies, peers dropped (Trivy's pnpmV9Deps)",
        .enabled(if: Shared.available("\(parsers)/nodejs/pnpm/testdata")))
    func pnpm() throws {
        let url = try Shared.file("\(Self.parsers)/nodejs/pnpm/testdata/pnpm-lock_v9.yaml")
        let graph = Self.graph(try PnpmLockParser.parse(Shared.bytes(url), path: "pnpm-lock.yaml").packages)
        let expected: [String: [String]] = [
            // Trivy's `debug@4.3.5 -> ms@2.1.2` is a tarball package, which Drydock does not list.
            "debug@4.3.4": ["ms@2.0.0"],
            "finalhandler@1.1.1": [
                "debug@4.3.4", "encodeurl@1.0.2", "escape-html@1.0.3", "on-finished@2.3.0", "parseurl@1.3.3",
                "statuses@1.4.0", "unpipe@1.0.0",
            ],
            "on-finished@2.3.0": ["ee-first@1.1.1"], "promise@8.1.0": ["asap@2.0.6"],
        ]
        for (id, dependsOn) in expected { #expect(graph[id] == dependsOn, "\(id)") }
    }

    @Test("poetry.lock: [package.dependencies] names, normalised, python left out")
    func poetry() throws {
        let lock = """
            [[package]]
            name = "flask"
            version = "1.0.3"

            [package.dependencies]
            click = ">=5.1"
            python = ">=3.8"
            Jinja2 = ">=2.10"
            missing = "*"

            [[package]]
            name = "click"
            version = "8.1.3"

            [[package]]
            name = "jinja2"
            version = "3.1.2"
            """
        let file = try PythonTOMLLockParser.parsePoetry(Array(lock.utf8), path: "poetry.lock")
        #expect(Self.graph(file.packages) == ["flask@1.0.3": ["click@8.1.3", "jinja2@3.1.2"]])
    }

    @Test("package-lock.json v3: a dependency of a nested copy resolves to the nearest folder first")
    func nearestFolder() throws {
        let lock = """
            {"lockfileVersion": 3, "packages": {
              "": {"dependencies": {"a": "1"}},
              "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "2", "c": "1"}},
              "node_modules/a/node_modules/b": {"version": "2.0.0", "dependencies": {"c": "1"}},
              "node_modules/b": {"version": "1.0.0"},
              "node_modules/c": {"version": "1.0.0"}
            }}
            """
        let file = try PackageLockParser.parse(Array(lock.utf8), path: "package-lock.json")
        #expect(Self.graph(file.packages) == ["a@1.0.0": ["b@2.0.0", "c@1.0.0"], "b@2.0.0": ["c@1.0.0"]])
    }
}
