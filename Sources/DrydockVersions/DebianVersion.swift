/// Debian (dpkg) version ordering. Placeholder: implemented in the versions work.
enum DebianVersion {
    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        throw VersionError(code: .unsupportedScheme, reason: "deb not implemented", version: lhs)
    }
}
