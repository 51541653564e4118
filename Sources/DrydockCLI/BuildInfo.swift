/// What this binary was built from. `scripts/release` writes the commit into a copy of this file in the
/// tree it builds from; a development build has none.
enum BuildInfo {
    /// Drydock's release.
    static let version = "0.1.0"
    /// The Git commit the release was built from, or `nil` for a development build.
    static let commit: String? = nil
}
