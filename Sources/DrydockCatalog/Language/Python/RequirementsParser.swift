import DrydockModel
import Foundation

/// Reads pip's `requirements.txt`: pinned `name[extras]==version` lines, with environment markers,
/// `--hash` options, comments and `\` continuations.
///
/// Only exact pins (`==`, `===`) name an installed version; ranges, URLs and options (`-r`, `-c`,
/// `-e`, `--index-url`) are skipped, as Trivy does (included files are read on their own when their
/// name is `requirements.txt`). Lines whose name or version is not valid are skipped with a warning.
public enum RequirementsParser {
    /// Parses one requirements file.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        var pending = ""
        var pendingLine = 0
        for (offset, rawLine) in TextLines.lines(bytes).enumerated() {
            var line = Substring(rawLine)
            if !line.contains("://"), let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            if pending.isEmpty { pendingLine = offset + 1 }
            if line.hasSuffix("\\") {
                pending += String(line.dropLast()) + " "
                continue
            }
            let logical = (pending + line).trimmed()
            pending = ""
            guard !logical.isEmpty, !logical.hasPrefix("-") else { continue }
            switch requirement(logical) {
            case .pinned(let name, let version):
                packages.append(
                    LanguagePackage.make(name: name, version: version, ecosystem: .pypi, path: path, relationship: .direct))
            case .unpinned:
                continue
            case .invalid(let reason):
                warnings.append(CatalogWarning(path: path, line: pendingLine, message: "\(reason); line skipped"))
            }
        }
        return LanguageFile(type: .pip, packages: packages, warnings: warnings)
    }

    enum Requirement: Equatable {
        case pinned(name: String, version: String)
        case unpinned
        case invalid(String)
    }

    /// Classifies one logical line (comments and continuations already removed).
    static func requirement(_ line: String) -> Requirement {
        var text = Substring(line)
        if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
        if let option = text.range(of: " --") { text = text[..<option.lowerBound] }
        if text.contains("://") || text.hasPrefix(".") || text.hasPrefix("/") { return .unpinned }
        guard let operatorRange = text.range(of: "==") else { return .unpinned }
        var name = text[..<operatorRange.lowerBound].trimmed()
        var version = text[operatorRange.upperBound...].trimmed()
        if version.hasPrefix("=") { version = String(version.dropFirst()).trimmed() }
        if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]).trimmed() }
        if let comma = version.firstIndex(of: ",") { version = String(version[..<comma]).trimmed() }
        if version.contains("*") { return .unpinned }
        guard !name.isEmpty, name.utf8.allSatisfy(isNameByte) else { return .invalid("'\(name)' is not a package name") }
        guard !version.isEmpty, version.utf8.allSatisfy(isVersionByte) else {
            return .invalid("'\(version)' is not a version")
        }
        return .pinned(name: name, version: version)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    private static func isVersionByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "*")
    }
}
