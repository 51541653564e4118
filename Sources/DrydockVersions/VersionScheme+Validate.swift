extension VersionScheme {
    /// Throws when `version` is not a valid version for this scheme.
    ///
    /// The coverage report uses this to list packages whose versions cannot be matched.
    public func validate(_ version: String) throws(VersionError) {
        _ = try compare(version, version)
    }
}
