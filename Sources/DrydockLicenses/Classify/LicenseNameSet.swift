import Foundation

/// A set of license names as a user writes them (`--ignored-licenses MIT,GPL-2.0`), matched the way Trivy
/// matches its ignored licenses, but on normalised names.
///
/// A license is in the set when its name is (in any case, as written or normalised: `GPL-2.0` is also
/// `GPL-2.0-only`), or when it is an expression and every license in it is (`MIT OR Apache-2.0` needs both;
/// `X WITH Y` counts as one license and also matches when `X` is in the set).
public struct LicenseNameSet: Sendable, Hashable {
    /// The names as given.
    public let names: [String]
    private let keys: Set<String>

    /// A set of `names` (empty names are dropped).
    public init(_ names: [String] = []) {
        let trimmed = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.names = trimmed
        var keys: Set<String> = []
        for name in trimmed {
            keys.insert(name.uppercased())
            keys.insert(LicenseNames.normalize(name).description.uppercased())
        }
        self.keys = keys
    }

    /// Whether the set is empty.
    public var isEmpty: Bool { names.isEmpty }

    /// Whether `license` (a name or expression, as findings carry it) is in the set.
    public func contains(_ license: String) -> Bool {
        guard !keys.isEmpty else { return false }
        if keys.contains(license.trimmingCharacters(in: .whitespaces).uppercased()) { return true }
        guard let expression = LicenseExpressionParser.parse(license) else { return false }
        let terms = expression.terms
        return !terms.isEmpty
            && terms.allSatisfy { term in
                keys.contains(term.description.uppercased())
                    || term.licenseID.map { keys.contains($0.uppercased()) || keys.contains(Self.unversioned($0)) }
                        == true
            }
    }

    /// `GPL-2.0-only` / `GPL-2.0-or-later` → `GPL-2.0`, upper-cased: Trivy's names without the suffix.
    private static func unversioned(_ id: String) -> String {
        let upper = id.uppercased()
        for suffix in ["-ONLY", "-OR-LATER", "+"] where upper.hasSuffix(suffix) {
            return String(upper.dropLast(suffix.count))
        }
        return upper
    }
}
