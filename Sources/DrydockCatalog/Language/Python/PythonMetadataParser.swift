import DrydockModel

/// Reads installed Python package metadata: wheel `METADATA` and egg `PKG-INFO` (core metadata,
/// email-header style).
public enum PythonMetadataParser {
    /// Parses one metadata file. Throws when it has no `Name` or `Version`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var fields: [(String, String)] = []
        var inBody = false
        for line in TextLines.lines(bytes) {
            if line.isEmpty {
                inBody = true
                continue
            }
            // Metadata 1.x descriptions may hold blank lines; past one, only license classifiers count.
            if inBody {
                if line.hasPrefix("Classifier: License ::") {
                    fields.append(("Classifier", String(line.dropFirst(12))))
                }
                continue
            }
            if line.first == " " || line.first == "\t" {
                if let last = fields.popLast() { fields.append((last.0, last.1 + "\n" + line)) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            fields.append((String(line[..<colon]), String(value)))
        }
        func first(_ key: String) -> String? {
            fields.first { $0.0.caseInsensitiveEquals(key) }?.1.trimmed()
        }
        guard let name = first("Name"), !name.isEmpty, let version = first("Version"), !version.isEmpty else {
            throw CatalogError(
                code: .malformedLockfile, reason: "Python metadata without Name or Version", location: path)
        }
        let licenses = PythonLicense.declared(
            expression: first("License-Expression"), license: first("License"),
            classifiers: fields.filter { $0.0.caseInsensitiveEquals("Classifier") }.map(\.1))
        return LanguageFile(
            type: .pythonPackage,
            packages: [
                LanguagePackage.make(name: name, version: version, ecosystem: .pypi, path: path, licenses: licenses)
            ])
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmed() -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" || character == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// ASCII case-insensitive equality.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
