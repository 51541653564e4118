import Foundation

/// Names packages use for licenses that neither the SPDX list nor a family and version give, keyed by
/// `LicenseNames.keyWords` joined by spaces. Each is a fact about one license; where a name could mean
/// several (`BSD`, `Apache Software License`), it is not here and stays a `LicenseRef-`.
enum LicenseAliases {
    static let byKey: [String: LicenseExpression] = {
        var table: [String: LicenseExpression] = [:]
        func add(_ id: String, _ keys: [String]) {
            for key in keys { table[key] = .license(id) }
        }
        add("MIT", ["MIT", "EXPAT", "MIT EXPAT", "EXPAT MIT"])
        add("MIT-0", ["MIT NO ATTRIBUTION", "MIT0"])
        add("ISC", ["ISC", "ISCL", "ISC ISCL"])
        add(
            "BSD-3-Clause",
            [
                "NEW BSD", "REVISED BSD", "MODIFIED BSD", "BSD NEW", "BSD REVISED", "BSD 3", "BSD3", "3 CLAUSE BSD",
                "BSD 3 CLAUSE", "BSD THREE CLAUSE", "THREE CLAUSE BSD", "BSD 3 CLAUSE NEW", "BSD 3 CLAUSE REVISED",
            ])
        add(
            "BSD-2-Clause",
            [
                "SIMPLIFIED BSD", "FREEBSD", "BSD SIMPLIFIED", "BSD 2", "BSD2", "2 CLAUSE BSD", "BSD 2 CLAUSE",
                "BSD TWO CLAUSE", "TWO CLAUSE BSD", "BSD 2 CLAUSE SIMPLIFIED",
            ])
        add("BSD-4-Clause", ["BSD 4", "BSD4", "4 CLAUSE BSD", "BSD 4 CLAUSE", "ORIGINAL BSD", "BSD ORIGINAL"])
        add("0BSD", ["0 CLAUSE BSD", "ZERO CLAUSE BSD", "BSD 0 CLAUSE", "BSD ZERO CLAUSE", "BSD 0"])
        add("Zlib", ["ZLIB", "ZLIB LIBPNG"])
        add("Unlicense", ["UNLICENSE"])
        add("WTFPL", ["WTFPL", "DO WHAT THE FUCK YOU WANT TO PUBLIC"])
        add("LicenseRef-public-domain", ["PUBLIC DOMAIN", "PUBLICDOMAIN", "PD"])
        add("HPND", ["HISTORICAL PERMISSION NOTICE AND DISCLAIMER", "HPND"])
        add("NCSA", ["NCSA", "NCSA OPEN SOURCE", "UNIVERSITY OF ILLINOIS NCSA OPEN SOURCE"])
        add("SSPL-1.0", ["SSPL", "SERVER SIDE PUBLIC"])
        add("Elastic-2.0", ["ELASTIC", "ELV2", "ELASTIC 2.0"])
        add("BUSL-1.1", ["BUSINESS SOURCE 1.1", "BSL 1.1 BUSINESS SOURCE"])
        add("Python-2.0", ["PYTHON 2.0"])
        add("Artistic-1.0-Perl", ["ARTISTIC PERL", "PERL ARTISTIC", "ARTISTIC 1.0 PERL"])
        add("GPL-1.0-or-later", ["GPL+"])
        add("LGPL-2.0-or-later", ["LGPL+"])
        add("Ruby", ["RUBY", "RUBY'S"])
        add("OpenSSL", ["OPENSSL"])
        add("PostgreSQL", ["POSTGRESQL"])
        add("Vim", ["VIM"])
        add("JSON", ["JSON"])
        add("X11", ["X11", "X CONSORTIUM"])
        add("CC0-1.0", ["CC0 1.0 UNIVERSAL", "CC0 1.0 UNIVERSAL PUBLIC DOMAIN DEDICATION"])
        table["PERL"] = .or([.license("GPL-1.0-or-later"), .license("Artistic-1.0-Perl")])
        table["PERL 5"] = table["PERL"]
        return table
    }()
}
