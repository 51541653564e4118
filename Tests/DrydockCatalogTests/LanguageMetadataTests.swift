import DrydockCatalog
import DrydockModel
import Foundation
import Testing

/// Text formats on Trivy's test data, with expectations checked by hand against each file
/// (the lines are quoted in the comments).
@Suite("Language metadata and text lockfiles")
struct LanguageMetadataTests {
    static let parserRoot = "fixtures/trivy/pkg/dependency/parser/"

    @Test(
        "requirements.txt keeps exact pins only",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "python/pip")),
        arguments: [
            // click==8.0.0 … Werkzeug==2.0.0: six pins.
            (
                "requirements_flask.txt",
                [
                    "click@8.0.0", "Flask@2.0.0", "itsdangerous@2.0.0", "Jinja2@3.0.0", "MarkupSafe@2.0.0",
                    "Werkzeug@2.0.0",
                ]
            ),
            // `# foo==8.0.0` is a comment; `Jinja2==3.0.0#comment` pins 3.0.0.
            ("requirements_comments.txt", ["click@8.0.0", "Flask@2.0.0", "Jinja2@3.0.0", "MarkupSafe@2.0.0"]),
            // `pyjwt[crypto]==2.1.0`, `celery[redis, pytest]==4.4.7`.
            ("requirement_exstras.txt", ["pyjwt@2.1.0", "celery@4.4.7"]),
            // `FooProject == 1.2 --hash=… \` continuation lines.
            ("requirements_hash.txt", ["FooProject@1.2", "Jinja2@3.0.0"]),
            ("requirements_hyphens.txt", ["oauth2-client@4.0.0", "python-gitlab@2.0.0"]),
            // `pandas` and `>=1.0.0` pin nothing.
            ("requirements_no_version.txt", ["Flask@2.0.0"]),
            // Only `Django == 2.3.4` and `SomeProject ==5.4 ; python_version < '3.8'` are exact.
            ("requirements_operator.txt", ["Django@2.3.4", "SomeProject@5.4"]),
            ("requirements_spaces.txt", ["click@8.0.0", "Flask@2.0.0", "itsdangerous@2.0.0", "Jinja2@3.0.0"]),
            // UTF-16LE with a byte-order mark: `attrs==20.3.0`.
            ("requirements_utf16le.txt", ["attrs@20.3.0"]),
            // Wildcards and ranges only.
            ("requirements_compatible.txt", []),
        ])
    func requirements(file: String, expected: [String]) throws {
        let url = try Shared.file(Self.parserRoot + "python/pip/testdata/" + file)
        let parsed = try RequirementsParser.parse(try Shared.bytes(url), path: url.path)
        #expect(parsed.packages.map(\.id) == expected)
        #expect(parsed.packages.allSatisfy { $0.ecosystem == .pypi && $0.relationship == .direct })
    }

    @Test(
        "templated requirements lines are skipped with a warning naming the line",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "python/pip")))
    func templated() throws {
        let url = try Shared.file(Self.parserRoot + "python/pip/testdata/requirements_with_templating_engine.txt")
        let parsed = try RequirementsParser.parse(try Shared.bytes(url), path: url.path)
        #expect(parsed.packages.isEmpty)
        #expect(parsed.warnings.contains { $0.line == 2 && $0.path == url.path })
    }

    @Test(
        "Python core metadata: name, version and license as the file states it",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "python/packaging")),
        arguments: [
            ("asyncssh-2.14.2.METADATA", "asyncssh@2.14.2", ["Eclipse Public License v2.0"]),
            ("iniconfig-2.0.0.METADATA", "iniconfig@2.0.0", ["MIT"]),  // License-Expression: MIT
            // `License: Python license` names no license Drydock knows; the classifier does (as Trivy reads it).
            ("distlib-0.3.1.METADATA", "distlib@0.3.1", ["Python Software Foundation License"]),
            // License: UNKNOWN → the classifier `License :: OSI Approved :: MIT License`.
            ("setuptools-51.3.3-py3.8.egg-info.PKG-INFO", "setuptools@51.3.3", ["MIT License"]),
            ("simple-0.1.0.METADATA", "simple@0.1.0", []),  // `Name: simple ` with a trailing space
        ])
    func pythonMetadata(file: String, id: String, licenses: [String]) throws {
        let url = try Shared.file(Self.parserRoot + "python/packaging/testdata/" + file)
        let parsed = try PythonMetadataParser.parse(try Shared.bytes(url), path: url.path)
        #expect(parsed.packages.map(\.id) == [id])
        #expect(parsed.packages.first?.licenses == licenses)
        #expect(parsed.packages.first?.purl?.hasPrefix("pkg:pypi/") == true)
    }

    @Test(
        "gemspecs: name, version, licenses",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "ruby/gemspec")),
        arguments: [
            ("normal00.gemspec", "rake@13.0.3", ["MIT"]),
            ("multiple_licenses.gemspec", nil, ["Ruby", "BSDL", "PSFL"]),
            ("license.gemspec", nil, ["MIT"]),
        ] as [(String, String?, [String])])
    func gemspecs(file: String, id: String?, licenses: [String]) throws {
        let url = try Shared.file(Self.parserRoot + "ruby/gemspec/testdata/" + file)
        let parsed = try GemspecParser.parse(try Shared.bytes(url), path: url.path)
        if let id { #expect(parsed.packages.map(\.id) == [id]) }
        #expect(parsed.packages.first?.licenses == licenses)
    }

    @Test(
        "malformed gemspecs are rejected",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "ruby/gemspec")),
        arguments: ["malformed00.gemspec", "malformed01.gemspec"])
    func malformedGemspec(file: String) throws {
        let url = try Shared.file(Self.parserRoot + "ruby/gemspec/testdata/" + file)
        #expect(throws: CatalogError.self) { try GemspecParser.parse(try Shared.bytes(url), path: url.path) }
    }

    @Test(
        "NuGet packages.config and central package props",
        .enabled(if: Shared.available(LanguageMetadataTests.parserRoot + "nuget")))
    func nugetXML() throws {
        // <package id="Microsoft.AspNet.WebApi" version="5.2.2"/>, <package id="Newtonsoft.Json" version="6.0.4"/>
        let config = try Shared.file(Self.parserRoot + "nuget/config/testdata/packages.config")
        let parsed = try NuGetParser.parse(try Shared.bytes(config), path: config.path)
        #expect(parsed.packages.map(\.id) == ["Microsoft.AspNet.WebApi@5.2.2", "Newtonsoft.Json@6.0.4"])
        // Three `Update=… Version=…` references; the wrong attribute, wrong element and missing version are not.
        let props = try Shared.file(Self.parserRoot + "nuget/packagesprops/testdata/packages.props")
        let fromProps = try PackagesPropsParser.parse(try Shared.bytes(props), path: props.path)
        #expect(
            fromProps.packages.map(\.id) == [
                "Microsoft.Extensions.Configuration@2.1.1",
                "Microsoft.Extensions.DependencyInjection.Abstractions@2.2.1", "Microsoft.Extensions.Http@3.2.1",
            ])
    }

    @Test("a project file with broken UTF-8 is an error naming it, not a crash (found by fuzzing)")
    func brokenUTF8Props() throws {
        // An attribute name with a lone lead byte: Foundation's XML parser traps on it (drydock fs crashed).
        let bytes =
            Array("<Project><ItemGroup><PackageVersion Inclu".utf8) + [0xE4] + Array("e=\"A\" Version=\"1\"/>".utf8)
            + Array("</ItemGroup></Project>".utf8)
        let error = #expect(throws: CatalogError.self) {
            try PackagesPropsParser.parse(bytes, path: "src/Directory.Packages.props")
        }
        #expect(error?.location == "src/Directory.Packages.props")
        #expect(error?.reason == "not valid UTF-8 (at byte 41) and no other encoding declared")
        #expect(throws: CatalogError.self) { try NuGetParser.parse(bytes, path: "packages.config") }
    }

    @Test("purls follow each ecosystem's rules")
    func purls() {
        #expect(
            LanguagePackageURL.make(name: "Flask_Login", version: "1.0", ecosystem: .pypi) == "pkg:pypi/flask-login@1.0"
        )
        #expect(
            LanguagePackageURL.make(name: "@babel/core", version: "7.0.0", ecosystem: .npm)
                == "pkg:npm/%40babel/core@7.0.0")
        #expect(
            LanguagePackageURL.make(name: "symfony/yaml", version: "v5.0", ecosystem: .packagist)
                == "pkg:composer/symfony/yaml@v5.0")
        #expect(PythonName.normalize("Foo.Bar__baz") == "foo-bar-baz")
    }
}
