import DrydockModel

/// Parses Alpine's installed-packages database, `lib/apk/db/installed`.
///
/// The file is a list of records separated by blank lines; each line is `X:value` with a one-letter key
/// (see the apk-tools "installed database" format). Drydock keeps:
///
/// | key | meaning | becomes |
/// |---|---|---|
/// | `P` | package name | `name` |
/// | `V` | version | `version` |
/// | `A` | architecture | `architecture` |
/// | `L` | license expression | `licenses` (split by ``ApkLicense/split(_:)``) |
/// | `o` | origin (the source package, `APKBUILD` name) | `sourceName` |
/// | `F` + `R` | folder, then files in it | `installedFiles` as `folder/file` |
///
/// A record without `P` or `V` is skipped with a warning naming the file and the record's first line;
/// a second record for a name already seen is skipped the same way (apk never writes one). A `P` line in
/// a record that already has one starts a new record, with a warning (the blank line was lost).
public enum ApkInstalledParser {
    /// The database's path inside an image.
    public static let path = "lib/apk/db/installed"

    /// Parses the bytes of an installed database; `path` names the file in packages and warnings.
    ///
    /// Throws `CatalogError` with code `malformedDatabase` only when the bytes are not text (hold NUL).
    public static func parse(_ bytes: some Collection<UInt8>, path: String = path) throws(CatalogError)
        -> PackageDatabase
    {
        try ByteLines.withContiguousBytes(bytes) { buffer throws(CatalogError) in
            if ByteLines.containsNUL(buffer) {
                throw CatalogError(
                    code: .malformedDatabase, reason: "not an apk installed database (binary content)",
                    location: path)
            }
            var state = ApkParseState(path: path)
            ByteLines.forEachLine(buffer) { start, end, number in
                state.consume(buffer, start, end, number)
            }
            state.finishRecord()
            return PackageDatabase(kind: .apk, packages: state.packages, warnings: state.warnings)
        }
    }
}

/// The record being read and everything finished so far.
private struct ApkParseState {
    let path: String
    var packages: [Package] = []
    var warnings: [CatalogWarning] = []
    var seenNames: Set<String> = []

    var recordLine = 0
    var name: String?
    var version: String?
    var architecture: String?
    var license: String?
    var origin: String?
    var folder = ""
    var files: [String] = []

    init(path: String) {
        self.path = path
    }

    mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ number: Int) {
        if start == end {
            finishRecord()
            return
        }
        if recordLine == 0 { recordLine = number }
        guard end - start >= 2, buffer[start + 1] == ByteLines.colon else {
            warnings.append(
                CatalogWarning(path: path, line: number, message: "line is not a `X:value` field; ignored"))
            return
        }
        switch buffer[start] {
        case UInt8(ascii: "P"):
            if name != nil {
                // A second name in one record: the blank line before it is missing. Keep both packages.
                warnings.append(
                    CatalogWarning(
                        path: path, line: number, message: "new record starts without a blank line before it"))
                finishRecord()
                recordLine = number
            }
            name = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "V"): version = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "A"): architecture = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "L"): license = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "o"): origin = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "F"): folder = ByteLines.string(buffer, start + 2, end)
        case UInt8(ascii: "R"):
            let file = ByteLines.string(buffer, start + 2, end)
            files.append(folder.isEmpty ? file : folder + "/" + file)
        default: break
        }
    }

    mutating func finishRecord() {
        defer { reset() }
        guard recordLine != 0 else { return }
        guard let name, !name.isEmpty else {
            warnings.append(
                CatalogWarning(path: path, line: recordLine, message: "record has no package name (P:); skipped"))
            return
        }
        guard let version, !version.isEmpty else {
            warnings.append(
                CatalogWarning(
                    path: path, line: recordLine, message: "record for \(name) has no version (V:); skipped"))
            return
        }
        guard seenNames.insert(name).inserted else {
            warnings.append(
                CatalogWarning(
                    path: path, line: recordLine, message: "second record for package \(name); skipped"))
            return
        }
        packages.append(
            Package(
                name: name, version: version, ecosystem: .alpine,
                sourceName: origin.flatMap { $0.isEmpty ? nil : $0 },
                architecture: architecture.flatMap { $0.isEmpty ? nil : $0 },
                licenses: license.map(ApkLicense.split) ?? [], filePath: path, installedFiles: files))
    }

    mutating func reset() {
        recordLine = 0
        name = nil
        version = nil
        architecture = nil
        license = nil
        origin = nil
        folder = ""
        files = []
    }
}
