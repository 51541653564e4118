import DrydockModel
import Foundation

/// Small, realistic model values for tests: an Alpine musl package and a CVE that affects it.
public enum ModelFixtures {
    /// `musl 1.1.22-r2` from Alpine 3.10's base layer (as in `lib/apk/db/installed`).
    public static func muslPackage(version: String = "1.1.22-r2") -> Package {
        Package(
            name: "musl", version: version, ecosystem: .alpine, sourceName: "musl", architecture: "x86_64",
            licenses: ["MIT"], purl: "pkg:apk/alpine/musl@\(version)?arch=x86_64&distro=3.10.4",
            layer: LayerReference(digest: nil, diffID: "sha256:531743b7", createdBy: "ADD file:d48cac in /"),
            filePath: "lib/apk/db/installed")
    }

    /// An advisory shaped like an Alpine secdb entry (no severity, no text).
    public static func secdbAdvisory(id: String) -> Advisory {
        Advisory(id: id, source: "alpine-secdb")
    }

    /// A finding with the given severity and fixed version.
    public static func finding(
        id: String = "CVE-2019-14697", severity: Severity = .critical, fixedVersion: String? = "1.1.22-r3",
        package: Package = muslPackage()
    ) -> VulnerabilityFinding {
        VulnerabilityFinding(
            vulnerabilityID: id, allIDs: [id], package: package, fixedVersion: fixedVersion,
            status: fixedVersion == nil ? .affected : .fixed,
            advisory: Advisory(
                id: id, title: "musl: x87 floating-point stack adjustment imbalance", description: "Details.",
                severity: severity,
                cvss: [
                    CVSSScore(
                        version: 3, vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, source: "nvd")
                ],
                references: ["https://www.openwall.com/lists/musl/2019/08/06/1"],
                published: Date(timeIntervalSince1970: 1_565_107_200), source: "alpine-secdb"),
            severity: severity, severitySource: "nvd", namespace: "Alpine:v3.10")
    }
}
