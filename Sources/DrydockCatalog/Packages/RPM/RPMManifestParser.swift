import DrydockModel

/// Parses `var/lib/rpmmanifest/container-manifest-2`, the package list CBL-Mariner's distroless images carry
/// instead of an rpm database.
///
/// Each line is the output of `rpm -qa --qf` with ten tab-separated fields:
/// `NAME  VERSION-RELEASE  INSTALLTIME  BUILDTIME  VENDOR  (none)  SIZE  ARCH  EPOCHNUM  SOURCERPM`.
/// `VERSION-RELEASE` is split at its last `-` (a release holds no `-`). The manifest has no license or file list.
/// A line with another number of fields, or an unsplittable version, is skipped with a warning naming the line.
public enum RPMManifestParser {
    /// The manifest's path inside an image.
    public static let path = "var/lib/rpmmanifest/container-manifest-2"

    /// Parses the manifest's bytes; `path` names the file in warnings.
    ///
    /// Throws `CatalogError` (`malformed-database`) only when the bytes are not text (hold NUL).
    public static func parse(_ bytes: [UInt8], path: String = path) throws(CatalogError) -> RPMDatabase {
        if bytes.contains(0) {
            throw CatalogError.rpm("not an rpm manifest (binary content)", path: path, offset: bytes.firstIndex(of: 0))
        }
        var packages: [RPMPackage] = []
        var warnings: [CatalogWarning] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            if let last = fields.last, last.last == UInt8(ascii: "\r") { fields[fields.count - 1] = last.dropLast() }
            if fields.count == 1, fields[0].allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
            guard fields.count == 10 else {
                warnings.append(
                    CatalogWarning(
                        path: path, line: number,
                        message: "expected 10 tab-separated fields, found \(fields.count); skipped"))
                continue
            }
            let text = fields.map { String(decoding: $0, as: UTF8.self) }
            guard let dash = text[1].lastIndex(of: "-"), dash != text[1].startIndex,
                text[1].index(after: dash) != text[1].endIndex, !text[0].isEmpty
            else {
                warnings.append(
                    CatalogWarning(path: path, line: number, message: "cannot split version \"\(text[1])\"; skipped"))
                continue
            }
            let epoch = Int(text[8])
            packages.append(
                RPMPackage(
                    name: text[0], epoch: epoch == 0 ? nil : epoch, version: String(text[1][..<dash]),
                    release: String(text[1][text[1].index(after: dash)...]),
                    architecture: text[7] == "(none)" ? nil : text[7],
                    sourceRPM: text[9] == "(none)" || text[9].isEmpty ? nil : text[9],
                    vendor: text[4] == "(none)" || text[4].isEmpty ? nil : text[4]))
        }
        return RPMDatabase(format: .containerManifest, packages: packages, warnings: warnings)
    }
}
