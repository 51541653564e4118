import DrydockCatalog
import DrydockLicenses
import DrydockModel
import DrydockPolicy

extension ScanPipeline {
    /// The analyzers `--license-full` adds to the catalog's: license files and file headers.
    var licenseAnalyzers: [any CatalogAnalyzer] {
        options.scans("license") && options.license.licenseFull ? [LicenseFileAnalyzer()] : []
    }

    /// The license results (`--scanners license`): classified licenses of the inventory's packages and, with
    /// `--license-full`, of `files`, as targets for the gate. Empty when the license scanner is off.
    func licenseTargets(_ inventory: Inventory, files: [LicenseFile]) -> [DetectedTarget] {
        guard options.scans("license") else { return [] }
        return timed("licenses") {
            LicenseScanner.scan(inventory, files: files, options: options.license.scanOptions).map { target in
                DetectedTarget(
                    name: target.name, kind: target.kind, type: "", findings: target.findings.map(Finding.license))
            }
        }
    }
}
