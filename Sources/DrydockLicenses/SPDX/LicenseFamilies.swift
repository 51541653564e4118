import Foundation

/// License families named by words and a version: `GNU General Public License 2 +` → `GPL-2.0-or-later`,
/// `ASL 2.0` → `Apache-2.0`, `Mozilla Public 1.1` → `MPL-1.1`.
enum LicenseFamilies {
    struct Family {
        /// The SPDX ID's stem (`GPL`, `Apache`, `CC-BY-SA`).
        var stem: String
        /// The ways packages name it, as key words.
        var names: [[String]]
        /// GNU licenses take `-only` or `-or-later`.
        var gnu = false
        /// The ID when no version is given, for families with one version (or one meaning).
        var unversioned: String?
    }

    static let families: [Family] = [
        Family(
            stem: "GPL",
            names: [
                ["GPL"], ["GNU", "GPL"], ["GNU", "GENERAL", "PUBLIC"], ["GENERAL", "PUBLIC"], ["GNU", "PUBLIC"],
            ],
            gnu: true),
        Family(
            stem: "LGPL",
            names: [
                ["LGPL"], ["GNU", "LGPL"], ["GNU", "LESSER", "GENERAL", "PUBLIC"],
                ["GNU", "LIBRARY", "GENERAL", "PUBLIC"],
                ["LESSER", "GENERAL", "PUBLIC"], ["LIBRARY", "GENERAL", "PUBLIC"],
                ["GNU", "LIBRARY", "OR", "LESSER", "GENERAL", "PUBLIC"], ["GNU", "LESSER", "PUBLIC"],
                ["GNU", "LESSER"],
                ["GNU", "LIBRARY"],
            ], gnu: true),
        Family(
            stem: "AGPL",
            names: [
                ["AGPL"], ["GNU", "AGPL"], ["GNU", "AFFERO", "GENERAL", "PUBLIC"], ["AFFERO", "GENERAL", "PUBLIC"],
                ["AFFERO", "GPL"], ["GNU", "AFFERO"],
            ], gnu: true),
        Family(
            stem: "GFDL",
            names: [["GFDL"], ["FDL"], ["GNU", "FDL"], ["GNU", "FREE", "DOCUMENTATION"], ["FREE", "DOCUMENTATION"]],
            gnu: true),
        Family(
            stem: "Apache",
            names: [["APACHE"], ["APACHE", "SOFTWARE"], ["APACHE", "PUBLIC"], ["ASL"], ["AL"], ["ASF"]]),
        Family(stem: "MPL", names: [["MPL"], ["MOZILLA", "PUBLIC"], ["MOZILLA"]]),
        Family(stem: "EPL", names: [["EPL"], ["ECLIPSE", "PUBLIC"], ["ECLIPSE"]]),
        Family(stem: "CDDL", names: [["CDDL"], ["COMMON", "DEVELOPMENT", "AND", "DISTRIBUTION"]]),
        Family(stem: "EUPL", names: [["EUPL"], ["EUROPEAN", "UNION", "PUBLIC"]]),
        Family(stem: "AFL", names: [["AFL"], ["ACADEMIC", "FREE"]]),
        Family(stem: "OSL", names: [["OSL"], ["OPEN", "SOFTWARE"]]),
        // The Artistic License packages name without a version is the one Perl ships (Debian's `Artistic`).
        Family(stem: "Artistic", names: [["ARTISTIC"]], unversioned: "Artistic-1.0-Perl"),
        Family(stem: "PHP", names: [["PHP"]]),
        Family(stem: "ZPL", names: [["ZPL"], ["ZOPE", "PUBLIC"], ["ZOPE"]]),
        Family(stem: "OFL", names: [["OFL"], ["SIL", "OPEN", "FONT"], ["OPEN", "FONT"], ["SIL", "OFL"]]),
        Family(stem: "BSL", names: [["BSL"], ["BOOST", "SOFTWARE"], ["BOOST"]], unversioned: "BSL-1.0"),
        Family(stem: "PSF", names: [["PSF"], ["PSFL"], ["PYTHON", "SOFTWARE", "FOUNDATION"]], unversioned: "PSF-2.0"),
        Family(stem: "UPL", names: [["UPL"], ["UNIVERSAL", "PERMISSIVE"]], unversioned: "UPL-1.0"),
        Family(stem: "CC0", names: [["CC0"], ["CREATIVE", "COMMONS", "ZERO"]], unversioned: "CC0-1.0"),
        Family(
            stem: "CC-BY-NC-SA",
            names: [
                ["CC", "BY", "NC", "SA"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "NONCOMMERCIAL", "SHAREALIKE"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "NONCOMMERCIAL", "SHARE", "ALIKE"],
            ]),
        Family(
            stem: "CC-BY-NC-ND",
            names: [
                ["CC", "BY", "NC", "ND"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "NONCOMMERCIAL", "NODERIVATIVES"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "NONCOMMERCIAL", "NODERIVS"],
            ]),
        Family(
            stem: "CC-BY-SA",
            names: [
                ["CC", "BY", "SA"], ["CREATIVE", "COMMONS", "ATTRIBUTION", "SHAREALIKE"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "SHARE", "ALIKE"],
            ]),
        Family(
            stem: "CC-BY-NC",
            names: [["CC", "BY", "NC"], ["CREATIVE", "COMMONS", "ATTRIBUTION", "NONCOMMERCIAL"]]),
        Family(
            stem: "CC-BY-ND",
            names: [
                ["CC", "BY", "ND"], ["CREATIVE", "COMMONS", "ATTRIBUTION", "NODERIVATIVES"],
                ["CREATIVE", "COMMONS", "ATTRIBUTION", "NODERIVS"],
            ]),
        Family(stem: "CC-BY", names: [["CC", "BY"], ["CREATIVE", "COMMONS", "ATTRIBUTION"]]),
        Family(stem: "BSD", names: [["BSD"]]),
    ]

    /// Words that may follow a version without changing the license (`4.0 International`).
    static let ignoredTail: Set<String> = ["INTERNATIONAL", "UNPORTED", "GENERIC", "PUBLIC", "UNIVERSAL"]

    /// The expression `words` name, when they are a family and a version (or a family alone).
    static func match(words: [String]) -> LicenseExpression? {
        var best: (family: Family, length: Int)?
        for family in families {
            for name in family.names where name.count <= words.count && Array(words.prefix(name.count)) == name {
                if name.count > (best?.length ?? 0) { best = (family, name.count) }
            }
        }
        guard let (family, length) = best else { return nil }
        var tail = Array(words.dropFirst(length))
        while let last = tail.last, ignoredTail.contains(last) { tail.removeLast() }
        guard let (version, qualifier) = versionAndQualifier(tail) else { return nil }
        return expression(family, version: version, qualifier: qualifier)
    }

    enum Qualifier {
        case none
        case orLater
        case only
    }

    /// `[]`, `["2"]`, `["2+"]`, `["2", "+"]`, `["2", "ONLY"]`, `["+"]` → version and qualifier.
    static func versionAndQualifier(_ tail: [String]) -> (String?, Qualifier)? {
        var words = tail
        var qualifier = Qualifier.none
        if let last = words.last {
            if last == "+" || last == "LATER" {
                qualifier = .orLater
                words.removeLast()
            } else if last == "ONLY" {
                qualifier = .only
                words.removeLast()
            } else if last.hasSuffix("+") {
                qualifier = .orLater
                words[words.count - 1] = String(last.dropLast())
            }
        }
        if words.isEmpty { return (nil, qualifier) }
        guard words.count == 1, let version = words.first, version.first?.isNumber == true,
            version.allSatisfy({ $0.isNumber || $0 == "." })
        else { return nil }
        return (version, qualifier)
    }

    static func expression(_ family: Family, version: String?, qualifier: Qualifier) -> LicenseExpression? {
        guard let version else {
            if family.gnu, qualifier == .orLater {
                let lowest = family.stem == "LGPL" ? "2.0" : family.stem == "GFDL" ? "1.1" : "1.0"
                return .license("\(family.stem)-\(lowest)-or-later")
            }
            if let unversioned = family.unversioned { return .license(unversioned) }
            return .license("LicenseRef-\(family.stem)")
        }
        let candidates = version.contains(".") ? [version] : [version + ".0", version]
        for candidate in candidates {
            if family.gnu {
                let suffix = qualifier == .orLater ? "or-later" : "only"
                if let id = SPDXIdentifiers.license("\(family.stem)-\(candidate)-\(suffix)") { return .license(id) }
            } else if let id = SPDXIdentifiers.license("\(family.stem)-\(candidate)") {
                return .license(qualifier == .orLater ? id + "+" : id)
            }
        }
        return nil
    }
}
