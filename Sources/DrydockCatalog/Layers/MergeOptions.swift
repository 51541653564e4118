/// Choices that shape the inventory made from merged layers.
public struct MergeOptions: Sendable, Hashable {
    /// Report language packages whose files an OS package installed, besides the OS package (Trivy's
    /// `--detection-priority comprehensive`); by default each is reported once, as the OS package.
    public var keepOSOwnedLanguagePackages: Bool
    /// Keep packages lockfiles mark as development-only (`--include-dev-deps`).
    public var includeDevelopmentDependencies: Bool

    public init(keepOSOwnedLanguagePackages: Bool = false, includeDevelopmentDependencies: Bool = false) {
        self.keepOSOwnedLanguagePackages = keepOSOwnedLanguagePackages
        self.includeDevelopmentDependencies = includeDevelopmentDependencies
    }
}
