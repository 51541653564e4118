import ArgumentParser
import DrydockLicenses
import DrydockModel
import Foundation

/// Flags of the license scanner (`--scanners license`), with Trivy's names. The category lists are Trivy's
/// config-file keys (`license.forbidden`, …) as flags: each replaces that category's default list. Lists are
/// comma-separated and the flag may be repeated, as Trivy's list flags may.
struct LicenseOptions: ParsableArguments {
    @Flag(
        name: .long,
        help: "With --scanners license, also classify license files and source file headers (fs, rootfs, image).")
    var licenseFull = false

    @Option(name: .long, help: "Licenses to ignore, comma-separated (SPDX IDs, or names as packages write them).")
    var ignoredLicenses: [String] = []

    @Option(name: .long, help: "Confidence a license text match needs, above this value (0-1; default 0.9).")
    var licenseConfidenceLevel: Double = 0.9

    @Option(name: .long, help: "Forbidden licenses (CRITICAL), comma-separated; replaces Trivy's list.")
    var licenseForbidden: [String] = []

    @Option(name: .long, help: "Restricted licenses (HIGH), comma-separated; replaces Trivy's list.")
    var licenseRestricted: [String] = []

    @Option(name: .long, help: "Reciprocal licenses (MEDIUM), comma-separated; replaces Trivy's list.")
    var licenseReciprocal: [String] = []

    @Option(name: .long, help: "Notice licenses (LOW), comma-separated; replaces Trivy's list.")
    var licenseNotice: [String] = []

    @Option(name: .long, help: "Permissive licenses (LOW), comma-separated; replaces Trivy's (empty) list.")
    var licensePermissive: [String] = []

    @Option(name: .long, help: "Unencumbered licenses (LOW), comma-separated; replaces Trivy's list.")
    var licenseUnencumbered: [String] = []

    mutating func validate() throws {
        guard (0...1).contains(licenseConfidenceLevel) else {
            throw ValidationError("--license-confidence-level \(licenseConfidenceLevel): expected a number from 0 to 1")
        }
    }

    /// The scanner's options from these flags.
    var scanOptions: LicenseScanOptions {
        var overrides: [LicenseFinding.Category: [String]] = [:]
        let lists: [(LicenseFinding.Category, [String])] = [
            (.forbidden, licenseForbidden), (.restricted, licenseRestricted), (.reciprocal, licenseReciprocal),
            (.notice, licenseNotice), (.permissive, licensePermissive), (.unencumbered, licenseUnencumbered),
        ]
        for (category, given) in lists where !given.isEmpty {
            overrides[category] = Self.split(given)
        }
        return LicenseScanOptions(
            categories: LicenseCategories(overrides: overrides), full: licenseFull,
            confidenceLevel: licenseConfidenceLevel)
    }

    /// `--ignored-licenses` as the gate compares them.
    var ignoredLicenseNames: LicenseNameSet {
        LicenseNameSet(Self.split(ignoredLicenses))
    }

    /// The names of repeated, comma-separated list flags.
    static func split(_ lists: [String]) -> [String] {
        lists.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
