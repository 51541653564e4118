import DrydockVersions
import Foundation

/// Normalises the `evr` values of vendor OVAL states into the RPM versions Drydock compares.
///
/// - A `0:` epoch is dropped (equal under rpm's rules, and how rpm prints versions); other epochs stay.
/// - Microsoft's files hold a few damaged values, repaired where the intent is unambiguous:
///   a space after the epoch (`0: 1.57.0-1.cm2`), the package name inside the version
///   (`0:httpd-2.4.2.azl3` for package `httpd`), a dist tag on a version without a release
///   (`0:29.3.azl3` → `29.3`, compared without a release as rpm does), and a comma-separated list of fixes
///   for several upstream branches (`0:1.17.13-2,1.18.8-2,1.21.6-1.azl3`), of which the highest is the
///   release's fix.
/// - Values that name no version (`0:null.cm2`) are refused (`nil`): the caller skips the row with a warning.
enum OVALVersions {
    static func normalise(_ raw: String, package: String) -> String? {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var epoch = ""
        if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy(\.isNumber) {
            epoch = String(text[..<colon])
            text = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let candidates = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var versions: [String] = []
        for var candidate in candidates where !candidate.isEmpty {
            if candidate.hasPrefix(package + "-"), candidate.dropFirst(package.count + 1).first?.isNumber == true {
                candidate = String(candidate.dropFirst(package.count + 1))
            }
            if !candidate.contains("-"), let tag = OVALVendor.distTag(candidate) {
                candidate = String(candidate.dropLast(tag.tag.count))
            }
            guard candidate.first?.isNumber == true else { return nil }
            versions.append(candidate)
        }
        guard var chosen = versions.first else { return nil }
        for version in versions.dropFirst() where (try? VersionScheme.rpm.compare(version, chosen)) == .greater {
            chosen = version
        }
        return epoch.isEmpty || epoch.allSatisfy({ $0 == "0" }) ? chosen : "\(epoch):\(chosen)"
    }

    /// Whether a lower bound is the start of all versions (`0`, `0:0.0.0`, `0.0.0.azl3`).
    static func isZero(_ version: String) -> Bool {
        version.allSatisfy { $0 == "0" || $0 == "." || $0 == ":" }
    }
}
