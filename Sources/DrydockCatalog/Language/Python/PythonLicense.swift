import DrydockLicenses

/// Which of a Python package's license fields declares its license: `License-Expression` (PEP 639) first, then
/// `License` when it names a license, then the `License ::` classifiers; a `License` that holds a license text
/// is recognised from the text when nothing else says.
enum PythonLicense {
    static func declared(expression: String?, license: String?, classifiers: [String]) -> [String] {
        if let expression, !expression.isEmpty { return [expression] }
        let license = license?.trimmed() ?? ""
        if namesALicense(license) { return [license] }
        let fromClassifiers = classifiers.compactMap { classifier -> String? in
            let parts = classifier.split(separator: "::").map { $0.trimmed() }
            guard parts.first == "License", parts.count >= 2, let last = parts.last, last != "OSI Approved" else {
                return nil
            }
            return last
        }
        if !fromClassifiers.isEmpty { return fromClassifiers }
        guard !license.isEmpty, !LicenseNames.isPlaceholder(license) else { return [] }
        if license.contains("\n") || license.count >= 100 {
            return LicenseTextClassifier.classify(license).map(\.name)
        }
        return [license]
    }

    /// Whether `license` is a license name or expression Drydock recognises (not `UNKNOWN`, not a text, not
    /// "Dual License" or "see LICENSE").
    static func namesALicense(_ license: String) -> Bool {
        guard !license.isEmpty, !license.contains("\n"), license.count < 100, !LicenseNames.isPlaceholder(license),
            let parsed = LicenseExpressionParser.parse(license)
        else { return false }
        return parsed.terms.allSatisfy { term in
            guard term.isReference, let id = term.licenseID else { return true }
            return LicenseNames.known(String(id.dropFirst("LicenseRef-".count))) != nil
        }
    }
}
