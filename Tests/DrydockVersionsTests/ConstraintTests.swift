import Testing

@testable import DrydockVersions

/// `VersionScheme.satisfies` over each ecosystem's constraint syntax, one row per rule.
@Suite struct ConstraintTests {
    static let rows: [(VersionScheme, String, String, Bool)] = [
        // npm: primitives, caret, tilde, x-ranges, hyphen ranges, unions, pre-release rule.
        (.npm, "1.2.3", ">=1.2.0 <2.0.0", true), (.npm, "2.0.0", ">=1.2.0 <2.0.0", false),
        (.npm, "1.9.9", "^1.2.3", true), (.npm, "2.0.0", "^1.2.3", false), (.npm, "1.2.2", "^1.2.3", false),
        (.npm, "0.2.9", "^0.2.3", true), (.npm, "0.3.0", "^0.2.3", false), (.npm, "0.0.4", "^0.0.3", false),
        (.npm, "0.9.0", "^0", true), (.npm, "1.0.0", "^0", false), (.npm, "1.2.9", "~1.2.3", true),
        (.npm, "1.3.0", "~1.2.3", false), (.npm, "1.9.0", "~1", true), (.npm, "1.2.7", "1.2.x", true),
        (.npm, "1.3.0", "1.2.x", false), (.npm, "1.5.0", "1", true), (.npm, "3.0.0", "*", true),
        (.npm, "2.3.4", "1.2.3 - 2.3.4", true), (.npm, "2.3.5", "1.2.3 - 2.3.4", false),
        (.npm, "2.3.9", "1.2.3 - 2.3", true), (.npm, "2.4.0", "1.2.3 - 2.3", false),
        (.npm, "3.1.0", "<2.0.0 || >=3.0.0", true), (.npm, "2.5.0", "<2.0.0 || >=3.0.0", false),
        (.npm, "1.3.0", ">1.2", true), (.npm, "1.2.9", ">1.2", false), (.npm, "1.2.9", "<=1.2", true),
        (.npm, "1.3.0", "<=1.2", false), (.npm, "1.2.3", ">= 1.2.3", true), (.npm, "v1.2.3", "=1.2.3", true),
        (.npm, "1.2.3-beta.2", ">1.2.3-beta.1", true), (.npm, "1.2.4-beta.2", ">1.2.3-beta.1", false),
        (.npm, "1.0.0-beta", "*", false), (.npm, "1.2.3-rc.1", "^1.2.3-beta", true),
        (.npm, "1.2.3", "1.2.3+build", true),
        // Cargo: bare means caret, comma-separated, pre-release rule.
        (.cargo, "1.9.0", "1.2.3", true), (.cargo, "2.0.0", "1.2.3", false), (.cargo, "1.2.3", "=1.2.3", true),
        (.cargo, "1.5.0", ">=1.2, <1.5", false), (.cargo, "1.4.9", ">=1.2, <1.5", true),
        (.cargo, "0.1.9", "~0.1", true), (.cargo, "1.2.0", "1.1.*", false), (.cargo, "1.1.7", "1.1.*", true),
        (.cargo, "1.9.0", "1.*", true), (.cargo, "2.0.0", "1.x", false), (.cargo, "1.2.0", "1.0.0-x", true),
        (.cargo, "2.0.0-alpha", ">=1.0", false),
        // SemVer, Go, Swift, Pub: node-semver syntax with the scheme's versions.
        (.go, "v1.4.0", ">=1.2.0 <1.5.0", true), (.go, "v1.5.0", "^1.2", true),
        (.go, "v2.0.0+incompatible", "<2.0.0", false),
        (.pub, "1.5.0", "^1.2.0", true), (.pub, "2.0.0", "any", true), (.pub, "1.5.0-dev", ">=1.0.0 <2.0.0", true),
        (.pub, "0.0.9", "^0.0.3", true), (.pub, "0.1.0", "^0.0.3", false), (.npm, "0.0.9", "^0.0.3", false),
        (.semver, "1.5.0-dev", ">=1.0.0 <2.0.0", false), (.swift, "5.9.0", ">=5.0.0", true),
        // Pub: an exclusive maximum also excludes its own pre-releases, unless the minimum is one of them or
        // the maximum is a pre-release or has build metadata.
        (.pub, "2.0.0-beta", "<2.0.0", false), (.pub, "2.0.0-beta", ">=1.0.0 <2.0.0", false),
        (.pub, "2.0.0-beta", ">=2.0.0-alpha <2.0.0", true), (.pub, "2.0.0-beta", "<2.0.0+1", true),
        (.pub, "2.0.0-beta", "<=2.0.0", true), (.pub, "2.0.0-beta", "<2.0.0-rc <3.0.0", true),
        (.pub, "1.9.9", ">=1.0.0 <2.0.0", true),
        // PEP 440 specifiers.
        (.pep440, "1.4.5", "~=1.4.2", true), (.pep440, "1.5", "~=1.4.2", false), (.pep440, "2.2", "~=2.1", true),
        (.pep440, "3.0", "~=2.1", false), (.pep440, "1.1.5", "==1.1.*", true), (.pep440, "1.2", "==1.1.*", false),
        (.pep440, "1.1", "==1.1.*", true), (.pep440, "1.1a1", "==1.1.*", true),
        (.pep440, "1.1.post1", "!=1.1.*", false),
        (.pep440, "1.0+local", "==1.0", true), (.pep440, "1.0", "==1.0+local", false),
        (.pep440, "1.0.0", "==1.0", true),
        (.pep440, "1.5", ">=1.0,<2.0,!=1.5", false), (.pep440, "1.6", ">=1.0, <2.0, !=1.5", true),
        (.pep440, "2.0rc1", "<2.0", false), (.pep440, "2.0rc1", "<2.0rc2", true), (.pep440, "1.9", "<2.0", true),
        (.pep440, "1.0.post1", ">1.0", false), (.pep440, "1.0.post2", ">1.0.post1", true),
        (.pep440, "1.0+l", ">1.0", false),
        (.pep440, "1.0.1", ">1.0", true), (.pep440, "1.0", "===1.0.0", false), (.pep440, "1.0", "===1.0", true),
        (.pep440, "2.0b1", ">=1.0", true),
        // Maven ranges.
        (.maven, "1.5", "[1.0,2.0)", true), (.maven, "2.0", "[1.0,2.0)", false), (.maven, "1.0", "(1.0,2.0)", false),
        (.maven, "1.0", "(,1.0]", true), (.maven, "1.0.1", "(,1.0]", false), (.maven, "1.2", "[1.2]", true),
        (.maven, "1.2.1", "[1.2]", false), (.maven, "3.5", "(,1.0],[3.0,)", true),
        (.maven, "2.0", "(,1.0],[3.0,)", false),
        (.maven, "2.0-SNAPSHOT", "[1.0,2.0)", true), (.maven, "7.0", "1.0", true),
        // RubyGems requirements.
        (.gem, "1.2.9", "~> 1.2.3", true), (.gem, "1.3.0", "~> 1.2.3", false), (.gem, "1.9", "~> 1.2", true),
        (.gem, "2.0", "~> 1.2", false), (.gem, "1.9", "~> 1", true), (.gem, "1.2.3", "1.2.3", true),
        (.gem, "1.5", ">= 1.0, < 2.0", true), (.gem, "1.5", "!= 1.5", false), (.gem, "1.3.0.a", "~> 1.2", true),
        // Composer constraints.
        (.composer, "1.9.0", "^1.2.3", true), (.composer, "2.0.0", "^1.2.3", false), (.composer, "0.3.9", "^0.3", true),
        (.composer, "0.4.0", "^0.3", false), (.composer, "1.9", "~1.2", true), (.composer, "2.0", "~1.2", false),
        (.composer, "1.2.9", "~1.2.3", true), (.composer, "1.3.0", "~1.2.3", false),
        (.composer, "1.2.5", "1.2.*", true),
        (.composer, "1.3.0", "1.2.*", false), (.composer, "2.0.9", "1.0 - 2.0", true),
        (.composer, "2.1.0", "1.0 - 2.0", false),
        (.composer, "2.1.0", "1.0.0 - 2.1.0", true), (.composer, "1.5.0", ">=1.0 <2.0", true),
        (.composer, "1.5.0", ">=1.0,<1.5", false), (.composer, "3.0.0", "^1.0 || ^3.0", true),
        (.composer, "2.0.0-beta1", "<2.0", false), (.composer, "2.0.0-beta1", "^2.0", true),
        (.composer, "1.0.0", "*", true), (.composer, "dev-main", "dev-main", true),
        (.composer, "dev-main", ">=1.0", false),
        (.composer, "1.0.0", "1.0.0@stable", true), (.composer, "1.0.0", "== 1.0", true),
        // NuGet ranges.
        (.nuget, "1.0", "1.0", true), (.nuget, "0.9", "1.0", false), (.nuget, "1.0", "[1.0]", true),
        (.nuget, "1.0.1", "[1.0]", false), (.nuget, "1.5", "[1.0,2.0)", true), (.nuget, "2.0", "[1.0,2.0)", false),
        (.nuget, "1.0", "(1.0,)", false), (.nuget, "0.5", "(,1.0]", true), (.nuget, "1.3.7", "1.*", true),
        (.nuget, "0.9", "1.*", false), (.nuget, "1.0", "(1.0,1.0)", false), (.nuget, "1.0", "[1.0, 1.0]", true),
        // Hex (Elixir) requirements.
        (.hex, "2.9.0", "~> 2.1", true), (.hex, "3.0.0", "~> 2.1", false), (.hex, "2.1.9", "~> 2.1.3", true),
        (.hex, "2.2.0", "~> 2.1.3", false), (.hex, "1.5.0", ">= 1.0.0 and < 2.0.0", true),
        (.hex, "3.0.0", "< 2.0.0 or >= 3.0.0", true), (.hex, "1.0.0", "1.0.0", true),
        // Generic op-version clauses.
        (.deb, "1.0-1", ">= 1.0, << 1.1", true), (.deb, "1.1~rc1", "<< 1.1", true), (.deb, "1.1", "<< 1.1", false),
        (.rpm, "1.0-2.el8", ">= 1.0-1.el8 < 2", true), (.apk, "1.2.3-r1", "<1.2.3-r2", true),
        (.apk, "1.2.3-r2", "<1.2.3-r2 || =1.2.3-r2", true), (.conan, "1.5", "[>=1.0 <2.0]", true),
        (.conan, "2.0", "[>=1.0 <2.0]", false), (.rpm, "1.0-1", "1.0-1", true),
    ]

    @Test(arguments: rows)
    func satisfies(_ scheme: VersionScheme, _ version: String, _ constraint: String, _ expected: Bool) throws {
        #expect(try scheme.satisfies(version, constraint: constraint) == expected)
    }

    static let invalid: [(VersionScheme, String, String)] = [
        (.npm, "not.a.version", "^1.0.0"), (.npm, "1.0.0", "^1.x.2"), (.npm, "1.0.0", "!=1.0.0"),
        (.pep440, "1.0-foo", "===1.0-foo"), (.pep440, "1.0", "1.0"), (.pep440, "1.0", ">=1.0.*"),
        (.pep440, "1.0", "~=1"), (.pep440, "2.0", "==2.0b2.*"),
        (.maven, "1.0", "[1.0,2.0"), (.maven, "1.0", "(1.0)"), (.gem, "1..0", ">= 1"), (.composer, "1.0", "~>1.0"),
        (.composer, "1.0", ">=foo"), (.nuget, "1.0", "[1.0,2.0"), (.nuget, "1.0", "[1.0,1.0)"), (.nuget, "1.0", "(,)"),
        (.nuget, "1.0", "[2.0,1.0]"), (.hex, "1.0.0", "~> 1"), (.deb, "1.0", ">="),
        (.rpm, "1.0", ""),
    ]

    @Test(arguments: invalid)
    func rejects(_ scheme: VersionScheme, _ version: String, _ constraint: String) {
        #expect(throws: VersionError.self) { try scheme.satisfies(version, constraint: constraint) }
    }
}
