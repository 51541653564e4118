import DrydockModel

/// Matches a VEX purl (a pattern) against a scanned component's purl: OpenVEX's rule (`PackageURL.matches`:
/// type, namespace and name equal; version and each qualifier only when the pattern has them), after putting
/// both sides' qualifiers in one spelling where vendors spell the same thing differently.
///
/// - `deb` `distro`: Ubuntu's own VEX writes the codename (`jammy`, `esm-infra/focal`), Drydock and Trivy
///   `ubuntu-22.04`; Debian's codenames and point releases (`bookworm`, `debian-12.5`) read as `debian-12`.
/// - `oci` `repository_url`: Docker Hub's host aliases (`docker.io`, `index.docker.io`,
///   `registry-1.docker.io`) and its implicit `library/` are one repository.
public enum VEXPurlMatcher {
    public static func matches(_ pattern: PackageURL, _ target: PackageURL) -> Bool {
        normalised(pattern).matches(normalised(target))
    }

    static func normalised(_ purl: PackageURL) -> PackageURL {
        var copy = purl
        switch purl.type {
        case "deb":
            if let distro = purl.qualifiers["distro"] { copy.qualifiers["distro"] = canonicalDistro(distro) }
        case "oci":
            copy.name = purl.name.lowercased()
            if let url = purl.qualifiers["repository_url"] {
                copy.qualifiers["repository_url"] = ImageProductIdentity.normalisedRepository(url)
            }
        default:
            break
        }
        return copy
    }

    /// `ubuntu-22.04` for `jammy`, `esm-apps/jammy` and `ubuntu-22.04`; `debian-12` for `bookworm`,
    /// `debian-12` and `debian-12.5`; anything else as written (lower-cased).
    static func canonicalDistro(_ value: String) -> String {
        var text = value.lowercased()
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if let release = ubuntuCodenames[text] { return "ubuntu-" + release }
        if let release = debianCodenames[text] { return "debian-" + release }
        if text.hasPrefix("debian-") {
            let release = text.dropFirst("debian-".count)
            return "debian-" + (release.split(separator: ".").first.map(String.init) ?? String(release))
        }
        return text
    }

    static let ubuntuCodenames: [String: String] = [
        "trusty": "14.04", "xenial": "16.04", "bionic": "18.04", "focal": "20.04", "jammy": "22.04",
        "kinetic": "22.10", "lunar": "23.04", "mantic": "23.10", "noble": "24.04", "oracular": "24.10",
        "plucky": "25.04", "questing": "25.10",
    ]

    static let debianCodenames: [String: String] = [
        "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13",
        "forky": "14",
    ]
}
