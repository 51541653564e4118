import DrydockLicenses
import Testing

@Suite struct LicenseNamesTests {
    /// Names as Debian, Fedora, Alpine, PyPI, npm and Maven packages write them, and their SPDX form.
    static let names: [(String, String)] = [
        // Debian short names and SPDX IDs in any case, deprecated GNU IDs replaced.
        ("GPL-2+", "GPL-2.0-or-later"), ("GPL-2", "GPL-2.0-only"), ("gpl-3+", "GPL-3.0-or-later"),
        ("GPL-1+", "GPL-1.0-or-later"), ("LGPL-2.1+", "LGPL-2.1-or-later"), ("LGPL-2", "LGPL-2.0-only"),
        ("GPL-2.0", "GPL-2.0-only"), ("GPL-2.0+", "GPL-2.0-or-later"), ("LGPL-3.0+", "LGPL-3.0-or-later"),
        ("AGPL-3+", "AGPL-3.0-or-later"), ("GFDL-1.2+", "GFDL-1.2-or-later"), ("GFDL-1.3", "GFDL-1.3-only"),
        ("GFDL-NIV-1.2+", "GFDL-1.2-no-invariants-or-later"), ("GFDL-NIV-1.3", "GFDL-1.3-no-invariants-only"),
        ("BSD-3-clause", "BSD-3-Clause"), ("bsd-2-clause", "BSD-2-Clause"), ("Expat", "MIT"), ("mit", "MIT"),
        ("Artistic", "Artistic-1.0-Perl"), ("Artistic-2.0", "Artistic-2.0"), ("Artistic-dist", "Artistic-dist"),
        ("public-domain", "LicenseRef-public-domain"), ("Zlib", "Zlib"), ("zlib/libpng", "Zlib"),
        ("MPL-1.1", "MPL-1.1"), ("MPL-1.1+", "MPL-1.1+"), ("Apache-2.0+", "Apache-2.0+"),
        ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
        // Maven POM spellings.
        ("Eclipse Public License - v 2.0", "EPL-2.0"),
        ("BSD-4-clause-POWERDOG", "LicenseRef-BSD-4-clause-POWERDOG"),
        // Fedora's older names.
        ("GPLv2+", "GPL-2.0-or-later"), ("GPLv3", "GPL-3.0-only"), ("LGPLv2.1", "LGPL-2.1-only"),
        ("GPL+", "GPL-1.0-or-later"), ("ASL 2.0", "Apache-2.0"), ("MPLv2.0", "MPL-2.0"), ("Boost", "BSL-1.0"),
        // Free-form names.
        ("Apache 2.0", "Apache-2.0"), ("Apache License, Version 2.0", "Apache-2.0"), ("Apache-2", "Apache-2.0"),
        ("The Apache Software License, Version 2.0", "Apache-2.0"), ("Apache License 2.0", "Apache-2.0"),
        ("MIT License", "MIT"), ("The MIT License (MIT)", "MIT"), ("New BSD License", "BSD-3-Clause"),
        ("3-Clause BSD License", "BSD-3-Clause"), ("Simplified BSD", "BSD-2-Clause"), ("ISC License (ISCL)", "ISC"),
        ("GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later"),
        ("GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only"),
        ("GNU Affero General Public License v3", "AGPL-3.0-only"), ("GPL version 2 or later", "GPL-2.0-or-later"),
        ("GNU GPL v3 or later", "GPL-3.0-or-later"), ("GPL (>= 2)", "GPL-2.0-or-later"),
        ("Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"), ("Eclipse Public License 2.0", "EPL-2.0"),
        ("Common Development and Distribution License 1.1", "CDDL-1.1"),
        ("Python Software Foundation License", "PSF-2.0"),
        ("PSF", "PSF-2.0"), ("Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"), ("CC0", "CC0-1.0"),
        ("CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
        ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"), ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("The Unlicense (Unlicense)", "Unlicense"), ("Unlicense", "Unlicense"),
        ("Public Domain", "LicenseRef-public-domain"),
        // URLs (Maven, NuGet).
        ("http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
        ("https://opensource.org/licenses/MIT", "MIT"),
        ("https://www.eclipse.org/legal/epl-v10.html", "EPL-1.0"),
        // Names with no SPDX ID stay names, not guesses.
        ("BSD", "LicenseRef-BSD"), ("BSD License", "LicenseRef-BSD"), ("GPL", "LicenseRef-GPL"),
        ("Apache Software License", "LicenseRef-Apache"),
        ("GNU Library or Lesser General Public License (LGPL)", "LicenseRef-LGPL"),
        ("UNLICENSED", "LicenseRef-UNLICENSED"), ("LicenseRef-Proprietary", "LicenseRef-Proprietary"),
        ("Dual License", "LicenseRef-Dual-License"), ("other", "LicenseRef-other"),
    ]

    @Test(arguments: names)
    func normalises(name: String, expected: String) {
        #expect(LicenseNames.normalize(name).description == expected, "\(name)")
    }

    @Test func placeholdersNameNothing() {
        for text in ["UNKNOWN", "NOASSERTION", "", "  ", "none", "n/a"] {
            #expect(LicenseExpressionParser.parse(text) == nil, "\(text)")
        }
    }

    @Test func linksPointToTheSPDXPage() {
        #expect(SPDXIdentifiers.link(for: "mit") == "https://spdx.org/licenses/MIT.html")
        #expect(SPDXIdentifiers.link(for: "LicenseRef-foo") == nil)
    }
}
