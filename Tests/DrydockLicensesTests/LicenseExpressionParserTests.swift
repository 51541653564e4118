import DrydockLicenses
import Testing

@Suite struct LicenseExpressionParserTests {
    /// Expressions and the licenses they name, split on `and`, `or`, `and/or` and commas in any case.
    static let splits: [(String, [String])] = [
        ("GPL-2+ or Artistic", ["GPL-2.0-or-later", "Artistic-1.0-Perl"]),
        ("GPL-1+ OR Artistic", ["GPL-1.0-or-later", "Artistic-1.0-Perl"]),
        ("BSD-3-clause AND Expat", ["BSD-3-Clause", "MIT"]),
        ("BSD-3-clause And Expat", ["BSD-3-Clause", "MIT"]),
        ("GPL-2+ and/or MIT", ["GPL-2.0-or-later", "MIT"]),
        ("GPL-2+ AND/OR MIT", ["GPL-2.0-or-later", "MIT"]),
        ("LGPL-2.1+ | MPL-1.1", ["LGPL-2.1-or-later", "MPL-1.1"]),
        (
            "GPL-1+ or Artistic, and BSD-4-clause-POWERDOG",
            ["GPL-1.0-or-later", "Artistic-1.0-Perl", "LicenseRef-BSD-4-clause-POWERDOG"]
        ),
        ("GPL-1+,GPL-2", ["GPL-1.0-or-later", "GPL-2.0-only"]),
        ("LGPLv3+_or_GPLv2+", ["LGPL-3.0-or-later", "GPL-2.0-or-later"]),
        ("Apache License, Version 2.0 or MIT", ["Apache-2.0", "MIT"]),
        ("(MIT OR Apache-2.0)", ["MIT", "Apache-2.0"]),
        ("Perl", ["GPL-1.0-or-later", "Artistic-1.0-Perl"]),
        ("GPL-2+ with OpenSSL exception", ["GPL-2.0-or-later WITH AdditionRef-OpenSSL-exception"]),
        ("GPL-2+ with Autoconf exception", ["GPL-2.0-or-later WITH Autoconf-exception-2.0"]),
        ("GPL-3+ WITH Autoconf exception", ["GPL-3.0-or-later WITH Autoconf-exception-3.0"]),
        ("GPL-3+ with GCC exception", ["GPL-3.0-or-later WITH GCC-exception-3.1"]),
        ("GPL-2 with Linux-syscall-note", ["GPL-2.0-only WITH Linux-syscall-note"]),
        ("Apache-2.0 WITH LLVM-exception", ["Apache-2.0 WITH LLVM-exception"]),
        (
            "GNU General Public License, version 2 with the GNU Classpath Exception",
            ["GPL-2.0-only WITH Classpath-exception-2.0"]
        ),
        ("GNU Lesser General Public License v2 or later (LGPLv2+)", ["LGPL-2.0-or-later"]),
        ("Common Development and Distribution License 1.0 (CDDL-1.0)", ["CDDL-1.0"]),
        ("GNU General Public License v2 or later (GPLv2+) or MIT", ["GPL-2.0-or-later", "MIT"]),
        ("Historical Permission Notice and Disclaimer (HPND)", ["HPND"]),
        ("MIT/X11", ["LicenseRef-MIT-X11"]),
    ]

    @Test(arguments: splits)
    func splitsIntoLicenses(expression: String, expected: [String]) {
        #expect(LicenseExpressionParser.parse(expression)?.terms.map(\.description) == expected, "\(expression)")
    }

    @Test func andBindsTighterThanOrAndCommasLoosest() {
        #expect(
            LicenseExpressionParser.parse("MIT AND BSD-3-Clause OR Apache-2.0")?.description
                == "(MIT AND BSD-3-Clause) OR Apache-2.0")
        #expect(
            LicenseExpressionParser.parse("GPL-2+ or Artistic, and BSD-3-clause")?.description
                == "(GPL-2.0-or-later OR Artistic-1.0-Perl) AND BSD-3-Clause")
        #expect(
            LicenseExpressionParser.parse("MIT OR (Apache-2.0 AND BSD-3-Clause)")?.description
                == "MIT OR (Apache-2.0 AND BSD-3-Clause)")
    }
}
