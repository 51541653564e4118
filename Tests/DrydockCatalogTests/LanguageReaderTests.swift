import DrydockCatalog
import Testing

/// The TOML and YAML subset readers on small hand-written documents.
@Suite("Lockfile TOML and YAML readers")
struct LanguageReaderTests {
    @Test("TOML: tables, arrays of tables, nested arrays of tables, inline tables, multi-line strings")
    func toml() throws {
        let text = """
            # comment
            version = 1   # trailing comment
            [meta.info]
            "quoted key" = 'literal \\n'
            [[package]]
            name = "a"
            deps = [
                { name = "b", marker = "python_version < '3.8'" },
            ]
            notes = \"\"\"
            line one
            line two\"\"\"
            [[package.wheels]]
            url = "x"
            [[package]]
            name = "c"
            """
        let root = try TOMLReader.parse(Array(text.utf8), path: "t.toml")
        #expect(root["version"]?.string == "1")
        #expect(root["meta"]?["info"]?["quoted key"]?.string == "literal \\n")
        let packages = root["package"]?.array ?? []
        #expect(packages.compactMap { $0["name"]?.string } == ["a", "c"])
        #expect(packages.first?["deps"]?.array?.first?["marker"]?.string == "python_version < '3.8'")
        #expect(packages.first?["notes"]?.string == "line one\nline two")
        #expect(packages.first?["wheels"]?.array?.first?["url"]?.string == "x")
    }

    @Test("TOML: broken documents name the file and line", arguments: ["a = \"open\nb = 1", "[x\n", "a = [1, 2"])
    func brokenTOML(text: String) {
        #expect(throws: CatalogError.self) { try TOMLReader.parse(Array(text.utf8), path: "bad.toml") }
        do {
            _ = try TOMLReader.parse(Array(text.utf8), path: "bad.toml")
        } catch {
            #expect(error.location.hasPrefix("bad.toml:"))
        }
    }

    @Test("TOML: nesting and dotted keys are bounded; a hostile depth is an error, not a stack overflow")
    func tomlDepth() throws {
        let limit = TOMLReader.maximumDepth
        let deepest = "a = " + String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var value = try TOMLReader.parse(Array(deepest.utf8), path: "deep.toml")["a"]
        for _ in 1..<limit { value = value?.array?.first }
        #expect(value?.array?.isEmpty == true)
        let mixed =
            "a = " + String(repeating: "[{b = ", count: limit / 2) + "1" + String(repeating: "}]", count: limit / 2)
        #expect(throws: Never.self) { try TOMLReader.parse(Array(mixed.utf8), path: "mixed.toml") }
        // Found by libFuzzer (lang-julia): 1,800 brackets overflowed the stack under AddressSanitizer.
        for hostile in [
            "a = " + String(repeating: "[", count: 100_000), "a = " + String(repeating: "{b = ", count: 100_000),
            "a = " + String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
            "[" + Array(repeating: "k", count: 100_000).joined(separator: ".") + "]",
            Array(repeating: "k", count: limit + 1).joined(separator: ".") + " = 1",
        ] {
            #expect {
                try TOMLReader.parse(Array(hostile.utf8), path: "hostile.toml")
            } throws: { error in
                let error = error as? CatalogError
                return error?.location.hasPrefix("hostile.toml:1") == true
                    && (error?.reason.contains("nested more than \(limit) deep") == true
                        || error?.reason.contains("more than \(limit) dotted parts") == true)
            }
        }
    }

    @Test("YAML: mappings, sequences at key indentation, flow collections, quotes, documents")
    func yaml() throws {
        let text = """
            lockfileVersion: '9.0'
            importers:
              .:
                dependencies:
                  '@scope/pkg':
                    specifier: ^1.0.0
                    version: 1.0.0 # comment
            list:
            - a
            - name: b
              version: "2"
            packages:
              /x@1.0.0:
                resolution: {integrity: sha512-abc==, tarball: 'https://e/x.tgz'}
                cpu: [x64, arm64]
            ---
            second: true
            """
        let documents = try YAMLReader.parseDocuments(Array(text.utf8), path: "t.yaml")
        #expect(documents.count == 2)
        let root = documents[0]
        #expect(root["lockfileVersion"]?.string == "9.0")
        #expect(root["importers"]?["."]?["dependencies"]?["@scope/pkg"]?["version"]?.string == "1.0.0")
        #expect(root["list"]?.array?.first?.string == "a")
        #expect(root["list"]?.array?.last?["version"]?.string == "2")
        #expect(root["packages"]?["/x@1.0.0"]?["resolution"]?["tarball"]?.string == "https://e/x.tgz")
        #expect(root["packages"]?["/x@1.0.0"]?["cpu"]?.array?.compactMap(\.string) == ["x64", "arm64"])
        #expect(documents[1]["second"]?.isTrue == true)
    }

    @Test("YAML: a line that is not 'key: value' is an error naming the line")
    func brokenYAML() {
        do {
            _ = try YAMLReader.parse(Array("a: 1\nnot a mapping line\n".utf8), path: "bad.yaml")
            Issue.record("accepted a broken document")
        } catch {
            #expect(error.location == "bad.yaml:2")
        }
    }

    @Test("pdm.lock: non-default groups are development dependencies; requirements give DependsOn")
    func pdm() throws {
        let text = """
            [metadata]
            groups = ["default", "dev"]
            [[package]]
            name = "requests"
            version = "2.31.0"
            groups = ["default"]
            dependencies = ["charset-normalizer<4,>=2", "Idna<4,>=2.5", "certifi>=2017.4.17", "PySocks!=1.5.7; extra == 'socks'"]
            [[package]]
            name = "charset-normalizer"
            version = "3.3.2"
            groups = ["default"]
            [[package]]
            name = "idna"
            version = "3.6"
            groups = ["default"]
            [[package]]
            name = "pytest"
            version = "8.0.0"
            groups = ["dev"]
            dependencies = ["colorama; sys_platform == \"win32\"", "iniconfig"]
            """
        let file = try PythonTOMLLockParser.parsePDM(Array(text.utf8), path: "pdm.lock")
        #expect(file.packages.map(\.id) == ["requests@2.31.0", "charset-normalizer@3.3.2", "idna@3.6", "pytest@8.0.0"])
        #expect(file.packages.map(\.isDevelopment) == [false, false, false, true])
        // Requirements name packages the lockfile locks (normalised names); ones it does not lock are no edges.
        #expect(file.packages[0].dependsOn == ["charset-normalizer@3.3.2", "idna@3.6"])
        #expect(file.packages[3].dependsOn == [])
    }
}
