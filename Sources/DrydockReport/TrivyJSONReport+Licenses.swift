import DrydockModel
import DrydockPolicy

extension TrivyJSONReport {
    /// Trivy's `Licenses` of a license result: every `DetectedLicense` field always written. `FilePath` is the
    /// package's file for language packages (the lockfile or metadata file) and the license file for
    /// license files; empty for OS packages, as in Trivy.
    static func licenses(_ target: DecidedTarget) -> JSONValue {
        .array(target.reported.compactMap(\.finding.license).map(license))
    }

    static func license(_ finding: LicenseFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("Category", .string(finding.category.rawValue))
        object.add("PkgName", .string(finding.package?.name ?? ""))
        object.add("FilePath", .string(finding.filePath ?? ""))
        object.add("Name", .string(finding.name))
        object.add("Text", .string(finding.text ?? ""))
        object.add("Confidence", .double(finding.confidence))
        object.add("Link", .string(finding.link ?? ""))
        return object.value
    }
}

extension TrivyJSONReport {
    /// A license result: `Target`, `Class` and `Licenses` (Trivy writes no `Type` for them).
    static func licenseResult(_ target: DecidedTarget) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Target", .string(target.name))
        object.add("Class", .string(target.kind.rawValue))
        object.add("Licenses", nonEmpty: licenses(target))
        return object.value
    }
}
