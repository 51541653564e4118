extension VersionScheme {
    /// Whether `version` satisfies `constraint`, written in the constraint syntax of this scheme's ecosystem.
    ///
    /// - `npm`: node-semver ranges (`^`, `~`, `x`, hyphen ranges, `||`); pre-releases only match a
    ///   comparator naming a pre-release of the same `major.minor.patch`.
    /// - `cargo`: Cargo requirements (comma-separated; a bare version means `^`), same pre-release rule.
    /// - `semver`, `go`, `swift`, `pub`: node-semver range syntax (Pub also takes `any`, and its `^0.0.3`
    ///   means `<0.1.0`); the pre-release rule applies to `semver` only.
    /// - `pep440`: PEP 440 specifiers (`~=`, `==1.*`, `!=`, `===`, comma-separated).
    /// - `maven`: Maven ranges (`[1.0,2.0)`, `(,1.5]`, unions).
    /// - `gem`: RubyGems requirements (`~> 1.2`, comma-separated).
    /// - `composer`: Composer constraints (`^`, `~`, `*`, hyphen, `||`, `@stability`).
    /// - `nuget`: NuGet ranges (`[1.0,2.0)`, bare minimum, floating `1.*`).
    /// - `hex`: Elixir requirements (`~> 2.1`, `and`, `or`).
    /// - `deb`, `rpm`, `apk`, `conan`: `op version` clauses, comma- or space-separated, `||` alternatives.
    ///
    /// Throws `invalidVersion` when `version` is not valid for the scheme and `invalidConstraint` when the
    /// constraint cannot be read.
    public func satisfies(_ version: String, constraint: String) throws(VersionError) -> Bool {
        switch self {
        case .npm:
            return try NPMRange.parse(constraint).contains(version, scheme: .npm, prereleaseRule: true)
        case .cargo:
            // A bare version means `^`, but a bare wildcard (`1.2.*`) is already the range it names.
            let mapped = Substring(constraint).pieces([","]).map { clause in
                let core = clause.prefix { $0 != "-" && $0 != "+" }
                let wildcard = core.contains { $0 == "*" || $0 == "x" || $0 == "X" }
                return clause.first.map { $0.isNumber } == true && !wildcard ? "^" + clause : String(clause)
            }
            guard !mapped.isEmpty else { throw invalidConstraint("empty requirement", constraint) }
            return try NPMRange.parse(mapped.joined(separator: " ")).contains(
                version, scheme: .cargo, prereleaseRule: true)
        case .semver, .go, .swift, .pub:
            try validate(version)
            let text = self == .pub && constraint.trimmingSpaces == "any" ? "*" : constraint
            var range = try NPMRange.parse(text, pubCaret: self == .pub)
            if self == .pub { range = range.withPubExclusiveMaxima() }
            return try range.contains(version, scheme: self, prereleaseRule: self == .semver)
        case .pep440: return try PEP440Specifier.contains(version, constraint: constraint)
        case .maven: return try MavenRange.contains(version, constraint: constraint)
        case .gem: return try GemRequirement.contains(version, constraint: constraint)
        case .composer: return try ComposerConstraint.contains(version, constraint: constraint)
        case .nuget: return try NuGetRange.contains(version, constraint: constraint)
        case .hex: return try ElixirRequirement.contains(version, constraint: constraint)
        case .deb, .rpm, .apk, .conan:
            return try GenericConstraint.contains(version, constraint: constraint, scheme: self)
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String { String(Substring(self).trimmed) }
}
