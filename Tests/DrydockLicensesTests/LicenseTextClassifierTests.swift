import DrydockLicenses
import Foundation
import Testing

@Suite struct LicenseTextClassifierTests {
    /// Debian's `/usr/share/common-licenses` (package base-files): real license texts, and what each is.
    static let commonLicenses: [(String, String)] = [
        ("GPL-2", "GPL-2.0-only"), ("GPL-3", "GPL-3.0-only"), ("LGPL-2", "LGPL-2.0-only"),
        ("LGPL-2.1", "LGPL-2.1-only"), ("LGPL-3", "LGPL-3.0-only"), ("Apache-2.0", "Apache-2.0"),
        ("Artistic", "Artistic-1.0-Perl"), ("BSD", "BSD-3-Clause"), ("MPL-1.1", "MPL-1.1"), ("MPL-2.0", "MPL-2.0"),
        ("CC0-1.0", "CC0-1.0"), ("GFDL-1.2", "GFDL-1.2-only"), ("GFDL-1.3", "GFDL-1.3-only"),
    ]

    @Test(arguments: commonLicenses)
    func recognisesDebianCommonLicenses(file: String, expected: String) throws {
        let path = "/usr/share/common-licenses/\(file)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("skipped: \(path) is absent (not a Debian system)")
            return
        }
        let matches = LicenseTextClassifier.classify(text)
        #expect(matches.first?.name == expected, "\(file): \(matches)")
        #expect(matches.first?.confidence == 1)
        // The text alone, not its appendix's example notice ("any later version"), decides.
        #expect(!matches.contains { $0.name.hasSuffix("-or-later") }, "\(file): \(matches)")
    }

    @Test func gnuNoticesGiveVersionAndLaterVersions() {
        let notices: [(String, [String])] = [
            (
                "under the terms of the GNU General Public License as published by the Free Software Foundation; "
                    + "either version 3 of the License, or (at your option) any later version.", ["GPL-3.0-or-later"]
            ),
            ("is licensed under the GNU Lesser General Public License version 2.1 only.", ["LGPL-2.1-only"]),
            (
                "under the terms of the GNU Library General Public License as published by the Free Software "
                    + "Foundation; either version 2 of the License, or (at your option) any later version.",
                ["LGPL-2.0-or-later"]
            ),
            ("under the GNU Affero General Public License v3 or later", ["AGPL-3.0-or-later"]),
            ("mentions the GNU General Public License without saying which.", []),
        ]
        for (text, expected) in notices {
            #expect(LicenseTextClassifier.classify(text).map(\.name) == expected, "\(text)")
        }
    }

    @Test func partialTextsFallUnderTheConfidenceLevel() {
        let partial = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software"
        #expect(LicenseTextClassifier.classify(partial).isEmpty)
        let low = LicenseTextClassifier.classify(partial, confidenceLevel: 0.3)
        #expect(low.map(\.name) == ["MIT"])
        #expect(abs((low.first?.confidence ?? 0) - 1.0 / 3.0) < 0.01)
    }
}

@Suite struct SPDXTagTests {
    @Test(arguments: [
        ("// SPDX-License-Identifier: MIT\nint x;", ["MIT"]),
        ("/* SPDX-License-Identifier: GPL-2.0+ OR BSD-2-Clause */\n", ["GPL-2.0-or-later OR BSD-2-Clause"]),
        ("<!-- SPDX-License-Identifier: Apache-2.0 -->", ["Apache-2.0"]),
        (
            "# SPDX-License-Identifier: LGPL-2.1-or-later\r\n# SPDX-License-Identifier: MIT\n",
            ["LGPL-2.1-or-later", "MIT"]
        ),
        ("# SPDX-License-Identifier: gpl-2.0 WITH linux-syscall-note", ["GPL-2.0-only WITH Linux-syscall-note"]),
        ("# SPDX-License-Identifier:\n", []),
        ("# spdx license identifier MIT\n", []),
    ])
    func tagsGiveNormalisedExpressions(text: String, expected: [String]) {
        let found = LicenseTextClassifier.classify(text).map(\.name)
        #expect(found.sorted() == expected.sorted(), "\(text)")
        #expect(LicenseTextClassifier.classify(text).allSatisfy { $0.confidence == 1 })
    }
}
