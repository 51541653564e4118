/// A package ecosystem: whose version rules and advisory namespace a package belongs to.
///
/// The raw value is the ecosystem's OSV name where OSV has one.
public enum Ecosystem: String, Sendable, Hashable, Codable, CaseIterable {
    case alpine = "Alpine"
    case debian = "Debian"
    case ubuntu = "Ubuntu"
    case pypi = "PyPI"
    case npm = "npm"
    case maven = "Maven"
    case go = "Go"
    case cratesIO = "crates.io"
    case rubyGems = "RubyGems"
    case packagist = "Packagist"
    case nuget = "NuGet"
    case pub = "Pub"
    case hex = "Hex"
    case swiftURL = "SwiftURL"
    case conanCenter = "ConanCenter"
    case almaLinux = "AlmaLinux"
    /// CocoaPods (`Podfile.lock`); OSV publishes no advisories for it, so packages are inventoried only.
    case cocoaPods = "CocoaPods"
    /// Conda (`conda-meta/*.json`); OSV publishes no advisories for it, so packages are inventoried only.
    case conda = "Conda"

    /// Finds an ecosystem by its OSV name, ignoring case (`pypi` → `.pypi`).
    public init?(osvName: String) {
        let lowered = osvName.lowercased()
        guard let match = Ecosystem.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            return nil
        }
        self = match
    }
}
