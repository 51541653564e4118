/// Which platform(s) of a multi-platform image to scan: `--platform os/arch[/variant]`, `all`, or the
/// host's by default.
public enum PlatformSelection: Sendable, Hashable {
    /// The host's platform (`linux/amd64` or `linux/arm64`); a single-platform image is taken as is.
    case host
    /// One platform, `os/arch[/variant]`.
    case platform(String)
    /// Every platform of the index (attestation entries excluded).
    case all

    /// Parses a `--platform` value: `nil` is `host`, `all` is `all`, else `os/arch[/variant]`.
    public static func parse(_ text: String?) throws(ImageError) -> PlatformSelection {
        guard let text, !text.isEmpty else { return .host }
        if text == "all" { return .all }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ImageError(
                code: .tagNotFound, reason: "--platform must be os/arch[/variant] (linux/arm64/v8) or 'all'",
                location: text)
        }
        return .platform(text)
    }

    /// The host's platform name.
    public static var hostPlatform: String { OCIResolver.hostPlatform }
}
