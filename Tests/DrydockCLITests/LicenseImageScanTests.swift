import DrydockTestSupport
import Foundation
import Testing

/// `drydock image --scanners license` on a two-layer Debian image: OS and language package licenses, and with
/// `--license-full` license files and file headers, each with the layer that holds it; a file deleted by the
/// upper layer is not reported.
@Suite("License scanning of images")
struct LicenseImageScanTests {
    static let status = """
        Package: libfoo1
        Status: install ok installed
        Architecture: amd64
        Version: 1.0-1
        Description: a library

        Package: perl-base
        Status: install ok installed
        Architecture: amd64
        Version: 5.36.0-7
        Description: minimal Perl system

        """

    /// A machine-readable copyright file (Debian's format 1.0) with a stand-alone license paragraph whose
    /// text points to another common license: only the header and `Files` paragraphs name licenses.
    static let fooCopyright = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: foo

        Files: *
        Copyright: 2020 Foo Authors
        License: LGPL-2.1+

        Files: debian/*
        License: GPL-2+ with OpenSSL exception

        License: LGPL-2.1+
         On Debian systems the full text is in /usr/share/common-licenses/LGPL-2.1 (see also
         /usr/share/common-licenses/GPL-3).

        """

    static let perlCopyright = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

        Files: *
        License: GPL-1+ or Artistic

        """

    static let mit = """
        Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
        associated documentation files (the "Software"), to deal in the Software without restriction.
        The above copyright notice and this permission notice shall be included in all copies or substantial
        portions of the Software.
        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
        """

    static func image() throws -> URL {
        let base: [String: FileSpec] = [
            "etc/os-release": .file("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
            "var/lib/dpkg/status": .file(status),
            "usr/share/doc/libfoo1/copyright": .file(fooCopyright),
            "usr/share/doc/perl-base/copyright": .file(perlCopyright),
            "usr/lib/python3/dist-packages/attrs-23.1.0.dist-info/METADATA": .file(
                "Metadata-Version: 2.4\nName: attrs\nVersion: 23.1.0\nLicense-Expression: MIT\n"),
            "usr/local/lib/python3.11/site-packages/dual-1.0.dist-info/METADATA": .file(
                "Metadata-Version: 2.4\nName: dual\nVersion: 1.0\nLicense-Expression: Apache-2.0 OR GPL-3.0-only\n"),
            "app/LICENSE": .file(mit),
            "app/old/COPYING": .file(mit),
            // Trivy's license analyzer skips usr/lib: installed software, read through its packages.
            "usr/lib/x/y.py": .file("# SPDX-License-Identifier: AGPL-3.0-only\n"),
        ]
        let upper: [String: FileSpec] = [
            "app/old": .whiteout,
            "app/src/main.c": .file("/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */\nint main(void) {}\n"),
            "app/src/util.js": .file(
                "// This program is free software; you can redistribute it and/or modify it under the terms of\n"
                    + "// the GNU Affero General Public License as published by the Free Software Foundation,\n"
                    + "// either version 3 of the License, or (at your option) any later version.\n"),
            "app/src/plain.py": .file("print('no license here')\n"),
        ]
        return try ImageFixtures.dockerArchive(layers: [base, upper])
    }

    static func results(_ output: Data) -> [[String: Any]] {
        let report = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] ?? [:]
        return report["Results"] as? [[String: Any]] ?? []
    }

    static func rows(_ result: [String: Any]?, _ keys: [String]) -> [[String]] {
        (result?["Licenses"] as? [[String: Any]] ?? []).map { license in
            keys.map { key in
                if let number = license[key] as? Double { return String(number) }
                return license[key] as? String ?? ""
            }
        }
    }

    @Test func packagesAndFilesWithTheirLayers() throws {
        let image = try Self.image()
        let run = try CLI.run([
            "image", "--input", image.path, "--scanners", "license", "--license-full", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let results = Self.results(run.stdout)
        #expect(results.map { $0["Target"] as? String } == ["OS Packages", "Python", "Loose File License(s)"])
        #expect(results.map { $0["Class"] as? String } == ["license", "license", "license-file"])
        #expect(
            Self.rows(results.first, ["PkgName", "Name", "Category", "Severity", "FilePath"]) == [
                ["libfoo1", "LGPL-2.1-or-later", "restricted", "HIGH", ""],
                ["libfoo1", "GPL-2.0-or-later WITH AdditionRef-OpenSSL-exception", "restricted", "HIGH", ""],
                ["perl-base", "GPL-1.0-or-later", "restricted", "HIGH", ""],
                ["perl-base", "Artistic-1.0-Perl", "notice", "LOW", ""],
            ])
        #expect(
            Self.rows(results.dropFirst().first, ["PkgName", "Name", "Category", "FilePath"]) == [
                ["attrs", "MIT", "notice", "usr/lib/python3/dist-packages/attrs-23.1.0.dist-info/METADATA"],
                [
                    "dual", "Apache-2.0 OR GPL-3.0-only", "notice",
                    "usr/local/lib/python3.11/site-packages/dual-1.0.dist-info/METADATA",
                ],
            ])
        // License files and headers, each once, with the layer holding it; app/old was deleted, usr/lib skipped.
        let files = Self.rows(results.last, ["FilePath", "Name", "Category", "Severity", "Confidence"])
        #expect(
            files == [
                ["app/LICENSE", "MIT", "notice", "LOW", "1.0"],
                ["app/src/main.c", "GPL-2.0-or-later OR MIT", "notice", "LOW", "1.0"],
                ["app/src/util.js", "AGPL-3.0-or-later", "forbidden", "CRITICAL", "1.0"],
            ])
        let layers = (results.last?["Licenses"] as? [[String: Any]] ?? []).map {
            ($0["Layer"] as? [String: Any])?["DiffID"] as? String ?? ""
        }
        #expect(layers.count == 3 && layers[0] != layers[1] && layers[1] == layers[2], "\(layers)")
    }

    @Test func withoutLicenseFullOnlyPackages() throws {
        let image = try Self.image()
        let run = try CLI.run(["image", "--input", image.path, "--scanners", "license", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.results(run.stdout).map { $0["Target"] as? String } == ["OS Packages", "Python"])
    }

    @Test func tableListsFilesMostSevereFirst() throws {
        let image = try Self.image()
        let run = try CLI.run(["image", "--input", image.path, "--scanners", "license", "--license-full"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = run.output.components(separatedBy: "Loose File License(s) (license)").last ?? ""
        // Severity, then category, then name: `GPL-2.0-or-later OR MIT` before `MIT`.
        let order = ["app/src/util.js", "app/src/main.c", "app/LICENSE"].map { files.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "\(files)")
        // Only CRITICAL: the other license results have nothing to show and are left out, as in Trivy.
        let critical = try CLI.run([
            "image", "--input", image.path, "--scanners", "license", "--license-full", "--severity", "CRITICAL",
        ])
        #expect(!critical.output.contains("OS Packages (license)"))
        #expect(critical.output.contains("Loose File License(s) (license)"))
    }

    @Test func confidenceLevelAndSARIF() throws {
        let image = try Self.image()
        // A level of 1 keeps only matches above it: none.
        let strict = try CLI.run([
            "image", "--input", image.path, "--scanners", "license", "--license-full", "--format", "json",
            "--license-confidence-level", "1",
        ])
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(!Self.results(strict.stdout).contains { $0["Class"] as? String == "license-file" })
        let sarif = try CLI.run([
            "image", "--input", image.path, "--scanners", "license", "--license-full", "--format", "sarif",
        ])
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let log = (try? JSONSerialization.jsonObject(with: sarif.stdout)) as? [String: Any] ?? [:]
        let run = (log["runs"] as? [[String: Any]])?.first ?? [:]
        let ruleIDs = Set(((run["results"] as? [[String: Any]]) ?? []).compactMap { $0["ruleId"] as? String })
        #expect(ruleIDs.contains("license/AGPL-3.0-or-later"), "\(ruleIDs)")
        #expect(ruleIDs.contains("license/LGPL-2.1-or-later"), "\(ruleIDs)")
    }

    @Test func badConfidenceLevelIsAUsageError() throws {
        let run = try CLI.run(["fs", "/tmp", "--scanners", "license", "--license-confidence-level", "1.5"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--license-confidence-level"))
    }
}
