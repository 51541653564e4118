/// Alpine apk version ordering. Placeholder: implemented in the versions work.
enum APKVersion {
    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        throw VersionError(code: .unsupportedScheme, reason: "apk not implemented", version: lhs)
    }
}
