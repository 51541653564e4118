/// Recognises Ubuntu Pro / Expanded Security Maintenance (ESM) in an image, as Trivy does.
///
/// ESM is on when `var/lib/ubuntu-advantage/status.json` lists an `esm-infra` or `esm-apps` service with
/// `status` `enabled`, or when an apt source list `etc/apt/sources.list.d/ubuntu-esm-*` holds an active
/// (uncommented) `deb` line or a deb822 `Types:` stanza that is not disabled.
public enum UbuntuExtendedSupport {
    /// The file that shows ESM is enabled, or `nil` when none does.
    public static func source(_ files: OSReleaseFiles) -> String? {
        if let status = files.ubuntuAdvantageStatus, statusEnablesESM(status) {
            return OSReleaseFiles.ubuntuAdvantageStatusPath
        }
        for path in files.esmSourceLists.keys.sorted() {
            if let bytes = files.esmSourceLists[path], sourceListIsActive(bytes) { return path }
        }
        return nil
    }

    /// Whether a `status.json` enables `esm-infra` or `esm-apps`; unreadable JSON enables nothing.
    public static func statusEnablesESM(_ bytes: [UInt8]) -> Bool {
        guard let document = try? TreeValue.json(bytes, path: OSReleaseFiles.ubuntuAdvantageStatusPath),
            let services = document["services"]?.array
        else { return false }
        return services.contains { service in
            guard let name = service["name"]?.string, name == "esm-infra" || name == "esm-apps" else {
                return false
            }
            return service["status"]?.string == "enabled"
        }
    }

    /// Whether an apt source list has an active entry.
    public static func sourceListIsActive(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        var deb822Types = false
        var deb822Disabled = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingSpaces()
            if line.hasPrefix("deb ") { return true }
            if line.hasPrefix("Types:") && line.contains("deb") { deb822Types = true }
            if line.lowercased().hasPrefix("enabled:") && line.lowercased().contains("no") { deb822Disabled = true }
        }
        return deb822Types && !deb822Disabled
    }
}
