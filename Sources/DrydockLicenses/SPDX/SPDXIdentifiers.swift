/// SPDX identifiers looked up case-insensitively and spelled as the SPDX License List spells them.
///
/// Deprecated GNU identifiers (`GPL-2.0`, `GPL-2.0+`, `GPL-2.0-with-classpath-exception`) are replaced by
/// the expressions the list now prescribes (`GPL-2.0-only`, `GPL-2.0-or-later`,
/// `GPL-2.0-only WITH Classpath-exception-2.0`).
public enum SPDXIdentifiers {
    /// The version of the SPDX License List the tables come from.
    public static var listVersion: String { SPDXLicenseList.version }

    private static let licenses = lowercasedIndex(SPDXLicenseList.licenseIDs)
    private static let exceptions = lowercasedIndex(SPDXLicenseList.exceptionIDs)

    /// The list's spelling of license ID `id` (any case), or `nil` when the list has no such license.
    public static func license(_ id: String) -> String? {
        licenses[id.lowercased()]
    }

    /// The list's spelling of exception ID `id` (any case), or `nil` when the list has no such exception.
    public static func exception(_ id: String) -> String? {
        exceptions[id.lowercased()]
    }

    /// Every license ID of the list.
    public static var allLicenses: [String] { SPDXLicenseList.licenseIDs }

    /// Every exception ID of the list.
    public static var allExceptions: [String] { SPDXLicenseList.exceptionIDs }

    /// The SPDX page of a license or exception of the list (`https://spdx.org/licenses/MIT.html`).
    public static func link(for id: String) -> String? {
        guard let canonical = license(id) ?? exception(id) else { return nil }
        return "https://spdx.org/licenses/\(canonical).html"
    }

    /// The current expression for a deprecated GNU license ID (any case), or `nil` when `id` is not one.
    public static func replacement(forDeprecated id: String) -> LicenseExpression? {
        let lower = id.lowercased()
        if let (base, exception) = deprecatedWithException[lower] {
            return .with(license: base, exception: exception)
        }
        for family in ["gpl", "lgpl", "agpl", "gfdl"] where lower.hasPrefix(family + "-") {
            var version = String(lower.dropFirst(family.count + 1))
            let orLater = version.hasSuffix("+")
            if orLater { version.removeLast() }
            guard ["1.0", "1.1", "1.2", "1.3", "2.0", "2.1", "3.0"].contains(version),
                let canonical = license("\(family)-\(version)-\(orLater ? "or-later" : "only")")
            else { return nil }
            return .license(canonical)
        }
        return nil
    }

    private static let deprecatedWithException: [String: (String, String)] = [
        "gpl-2.0-with-autoconf-exception": ("GPL-2.0-only", "Autoconf-exception-2.0"),
        "gpl-2.0-with-bison-exception": ("GPL-2.0-only", "Bison-exception-2.2"),
        "gpl-2.0-with-classpath-exception": ("GPL-2.0-only", "Classpath-exception-2.0"),
        "gpl-2.0-with-font-exception": ("GPL-2.0-only", "Font-exception-2.0"),
        "gpl-2.0-with-gcc-exception": ("GPL-2.0-only", "GCC-exception-2.0"),
        "gpl-3.0-with-autoconf-exception": ("GPL-3.0-only", "Autoconf-exception-3.0"),
        "gpl-3.0-with-gcc-exception": ("GPL-3.0-only", "GCC-exception-3.1"),
    ]

    private static func lowercasedIndex(_ ids: [String]) -> [String: String] {
        var index: [String: String] = [:]
        for id in ids { index[id.lowercased()] = index[id.lowercased()] ?? id }
        return index
    }
}
