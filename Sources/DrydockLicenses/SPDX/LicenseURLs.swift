import Foundation

/// License URLs packages give instead of a name (Maven POMs, NuGet's `licenseUrl`): SPDX's, OSI's and a few
/// projects' pages. GNU's pages are not mapped: a page names a license text, not whether later versions apply.
enum LicenseURLs {
    /// The license a URL names, or `nil` when `text` is not a URL Drydock knows.
    static func license(forURL text: String) -> LicenseExpression? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { return nil }
        var rest = lower
        for prefix in ["https://", "http://", "www."] where rest.hasPrefix(prefix) { rest.removeFirst(prefix.count) }
        for suffix in ["/", ".txt", ".html", ".htm", ".php", ".md", "/"] where rest.hasSuffix(suffix) {
            rest.removeLast(suffix.count)
        }
        let components = rest.split(separator: "/").map(String.init)
        guard let host = components.first else { return nil }
        let last = components.last ?? ""
        switch host {
        case "opensource.org", "spdx.org":
            guard components.count >= 3, ["licenses", "license"].contains(components[1]) else { return nil }
            var name = last
            if name.hasSuffix("-license") { name.removeLast("-license".count) }
            return LicenseNames.spdx(name)
        case "apache.org":
            return last == "license-2.0" ? .license("Apache-2.0") : last == "license-1.1" ? .license("Apache-1.1") : nil
        case "mozilla.org":
            if rest.hasPrefix("mozilla.org/mpl/2.0") { return .license("MPL-2.0") }
            if rest.hasPrefix("mozilla.org/mpl/1.1") || last == "mpl-1.1" { return .license("MPL-1.1") }
            return nil
        case "eclipse.org":
            if last == "epl-v10" || last == "epl-1.0" { return .license("EPL-1.0") }
            if last == "epl-2.0" || last == "epl-v20" { return .license("EPL-2.0") }
            return nil
        case "creativecommons.org":
            // creativecommons.org/licenses/by-sa/4.0, creativecommons.org/publicdomain/zero/1.0
            guard components.count >= 4 else { return nil }
            if components[1] == "publicdomain", components[2] == "zero" {
                return LicenseNames.spdx("CC0-\(components[3])")
            }
            guard components[1] == "licenses" else { return nil }
            return LicenseNames.spdx("CC-\(components[2])-\(components[3])")
        default:
            return nil
        }
    }
}
