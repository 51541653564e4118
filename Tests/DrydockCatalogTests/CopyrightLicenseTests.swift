import DrydockLicenses
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// dpkg packages get their licenses from `usr/share/doc/PACKAGE/copyright`, following links inside the image.
struct CopyrightLicenseTests {
    static let dep5 = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

        Files: *
        Copyright: 2000 Upstream
        License: GPL-2+ with Autoconf exception OR BSD-3-clause

        License: GPL-2+
         See /usr/share/common-licenses/GPL-2 and /usr/share/common-licenses/GPL-3.
        """

    static func debian(_ packages: [String], extra: [MemoryLayer.Member]) -> [MemoryLayer.Member] {
        [
            .file("etc/os-release", Samples.debianOSRelease), .file("etc/debian_version", "12.4\n"),
            .file("var/lib/dpkg/status", packages.map { Samples.dpkgStanza($0, "1.0-1") }.joined(separator: "\n")),
        ] + extra
    }

    static func licenses(_ result: CatalogResult) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for package in result.inventory.allPackages { found[package.name] = package.licenses }
        return found
    }

    @Test func packagesGetTheirCopyrightFilesLicensesFollowingLinkedDocFolders() throws {
        let layer = Self.debian(
            ["gcc-12-base", "libgcc-s1", "libstdc++6", "zlib1g", "nodoc"],
            extra: [
                .directory("usr/share/doc/gcc-12-base"),
                .file("usr/share/doc/gcc-12-base/copyright", Self.dep5),
                // libgcc-s1's documentation folder is a link to gcc-12-base's, as in Debian 12.
                .symlink("usr/share/doc/libgcc-s1", "gcc-12-base"),
                .symlink("usr/share/doc/libstdc++6", "/usr/share/doc/libgcc-s1"),
                .directory("usr/share/doc/zlib1g"),
                .file("usr/share/doc/zlib1g/copyright", "Format: https://x/\n\nFiles: *\nLicense: Zlib\n"),
                // Not a package's copyright file.
                .file("usr/share/doc/zlib1g/examples/debian/copyright", "Format: x\n\nFiles: *\nLicense: MIT\n"),
            ])
        let found = Self.licenses(try Samples.catalog([layer]))
        let gcc = ["GPL-2.0-or-later WITH Autoconf-exception-2.0", "BSD-3-Clause"]
        #expect(found["gcc-12-base"] == gcc)
        #expect(found["libgcc-s1"] == gcc)
        #expect(found["libstdc++6"] == gcc)
        #expect(found["zlib1g"] == ["Zlib"])
        #expect(found["nodoc"] == [])
    }

    @Test func aLaterLayerReplacesOrDeletesTheCopyrightFile() throws {
        let base = Self.debian(
            ["a", "b"],
            extra: [
                .file("usr/share/doc/a/copyright", "Format: x\n\nFiles: *\nLicense: MIT\n"),
                .file("usr/share/doc/b/copyright", "Format: x\n\nFiles: *\nLicense: ISC\n"),
            ])
        let upper: [MemoryLayer.Member] = [
            .file("usr/share/doc/a/copyright", "Format: x\n\nFiles: *\nLicense: Apache-2.0\n"),
            .whiteout("usr/share/doc/b"),
        ]
        let found = Self.licenses(try Samples.catalog([base, upper]))
        #expect(found["a"] == ["Apache-2.0"])
        #expect(found["b"] == [])
    }

    @Test func everyPackagesLicensesAreNormalisedToSPDX() throws {
        let layer: [MemoryLayer.Member] = [
            .file("etc/os-release", Samples.alpineOSRelease),
            .file(
                "lib/apk/db/installed",
                Samples.apkDatabase([
                    Samples.apkRecord("musl", "1.1.22-r3", license: "MIT BSD GPL2+"),
                    Samples.apkRecord("perl", "5.28-r0", license: "Artistic-Perl OR GPL-1.0-or-later"),
                    Samples.apkRecord("busybox", "1.30-r0", license: "GPL-2.0-only"),
                ])),
            .file(
                "usr/lib/python3.8/site-packages/six-1.16.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n"),
            .file(
                "usr/lib/python3.8/site-packages/attrs-23.1.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: attrs\nVersion: 23.1.0\nLicense-Expression: MIT AND (Apache-2.0 OR BSD-2-Clause)\nLicense: Whatever\n"
            ),
            .file(
                "usr/lib/python3.8/site-packages/odd-1.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: odd\nVersion: 1.0\nLicense: Dual License\n"
                    + "Classifier: License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)\n"
                    + "Classifier: License :: OSI Approved :: BSD License\n"),
        ]
        let found = Self.licenses(try Samples.catalog([layer]))
        #expect(found["musl"] == ["MIT", "LicenseRef-BSD", "GPL-2.0-or-later"])
        #expect(found["perl"] == ["Artistic-1.0-Perl", "GPL-1.0-or-later"])
        #expect(found["busybox"] == ["GPL-2.0-only"])
        #expect(found["six"] == ["MIT"])
        #expect(found["attrs"] == ["MIT", "Apache-2.0 OR BSD-2-Clause"])
        // `License` names no license: the classifiers say.
        #expect(found["odd"] == ["GPL-2.0-or-later", "LicenseRef-BSD"])
    }

    @Test func pythonLicenseTextIsRecognisedWhenNothingElseSays() {
        let text =
            "Permission is hereby granted, free of charge, to any person obtaining a copy of this software\n"
            + "The above copyright notice and this permission notice shall be included in all copies or "
            + "substantial portions of the Software.\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND"
        #expect(PythonLicense.declared(expression: nil, license: text, classifiers: []) == ["MIT"])
        #expect(PythonLicense.declared(expression: nil, license: "UNKNOWN", classifiers: []) == [])
        #expect(PythonLicense.declared(expression: "", license: "BSD", classifiers: []) == ["BSD"])
    }

    @Test func licenseFilesAreClassifiedWithTheirLayer() throws {
        let walker = LayerWalker(analyzers: ImageCataloger.defaultAnalyzers + [LicenseFileAnalyzer()])
        let analysis = try walker.analyze(
            MemoryLayer([
                .file(
                    "app/LICENSE",
                    "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file except in compliance with the License."
                ),
                .file(
                    "app/node_modules/x/LICENSE",
                    "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file except in compliance with the License."
                ),
                .file("app/COPYING", "nothing recognisable here"),
                .bytes("app/LICENSE.txt", [0, 1, 2, 3]),
            ]), diffID: "sha256:0", location: "layer 0")
        let result = LayerMerger.merge(
            [analysis], references: [LayerReference(diffID: "sha256:0")], artifactName: "app")
        #expect(result.licenseFiles.map(\.path) == ["app/LICENSE"])
        #expect(result.licenseFiles.first?.matches.map(\.name) == ["Apache-2.0"])
        #expect(result.licenseFiles.first?.layer?.diffID == "sha256:0")
    }
}

/// `--license-full`'s file selection: Trivy's license file names and source extensions, its skipped folders,
/// headers only for source files, nothing for binaries.
struct LicenseFileSelectionTests {
    @Test(arguments: [
        ("LICENSE", true), ("src/License", true), ("COPYING", true), ("docs/UNLICENSE.md", true),
        ("src/main.c", true), ("web/app.TSX", true), ("README.md", true), ("notes.txt", true),
        ("src/main.go", false), ("bin/tool", false), ("node_modules/x/LICENSE", false),
        ("app/node_modules/x/index.js", false), ("usr/share/doc/zlib1g/copyright", false),
        ("usr/lib/python3/dist-packages/six.py", false), ("usr/include/zlib.h", false),
        ("usr/local/go/src/fmt/print.go", false), ("usr/local/lib/node/app.js", true),
    ])
    func selects(path: String, wanted: Bool) {
        #expect(LicenseFileAnalyzer().selector.matches(path) == wanted, "\(path)")
    }

    @Test func sourceFilesAreReadForTheirHeaderOnly() throws {
        let analyzer = LicenseFileAnalyzer()
        let filler = String(repeating: "x = 1\n", count: LicenseFileAnalyzer.headerLength / 6 + 10)
        let late = filler + "# SPDX-License-Identifier: MIT\n"
        #expect(try analyzer.analyze(path: "a.py", content: Array(late.utf8)) == .licenseText([]))
        // A license file is read whole.
        let licenseMatches = try analyzer.analyze(path: "LICENSE", content: Array(late.utf8))
        #expect(
            licenseMatches
                == .licenseText([LicenseMatch(name: "MIT", confidence: 1, link: "https://spdx.org/licenses/MIT.html")]))
        #expect(try analyzer.analyze(path: "LICENSE", content: [0, 1, 2] + Array(late.utf8)) == .licenseText([]))
    }
}
