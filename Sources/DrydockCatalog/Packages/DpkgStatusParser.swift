import DrydockModel

/// Parses dpkg's package database: `var/lib/dpkg/status` and the one-file-per-package
/// `var/lib/dpkg/status.d/NAME` that distroless images carry instead.
///
/// The files are RFC 822-like stanzas separated by blank lines: `Field: value` lines, continuation lines
/// starting with a space or tab (ignored: no field Drydock keeps spans lines). Field names are matched
/// without regard to case, as dpkg does. Drydock keeps `Package`, `Version`, `Architecture`, `Source`
/// (`name` or `name (version)`) and `Status`.
///
/// A stanza counts when its `Status` says the package is installed: the third word is `installed` and the
/// first is `install` or `hold` (a held package is still installed). `deinstall`/`purge` and states such
/// as `config-files` or `half-installed` are skipped silently: dpkg lists removed packages too. Files in
/// `status.d/` often have no `Status` and are accepted without one (`requireStatus: false`).
///
/// `sourceName` is always set (to `Package` when there is no `Source`), so matching uses it; `sourceVersion`
/// is set only when `Source` records a version different from `Version`.
///
/// A stanza without `Package` or `Version`, or a line that is neither a field nor a continuation, gives a
/// warning naming the file and line; the stanza is skipped only when it lacks `Package` or `Version`. A
/// second `Package` line in one stanza starts a new stanza, with a warning (the blank line was lost).
public enum DpkgStatusParser {
    /// The main database's path inside an image.
    public static let statusPath = "var/lib/dpkg/status"
    /// The distroless per-package database folder (with trailing `/`).
    public static let statusDirectory = "var/lib/dpkg/status.d/"

    /// Parses the bytes of a status file; `path` names the file in packages and warnings.
    ///
    /// Throws `CatalogError` with code `malformedDatabase` only when the bytes are not text (hold NUL).
    public static func parse(_ bytes: some Collection<UInt8>, path: String = statusPath, requireStatus: Bool = true)
        throws(CatalogError) -> PackageDatabase
    {
        try ByteLines.withContiguousBytes(bytes) { buffer throws(CatalogError) in
            if ByteLines.containsNUL(buffer) {
                throw CatalogError(
                    code: .malformedDatabase, reason: "not a dpkg status file (binary content)", location: path)
            }
            var state = DpkgParseState(path: path, requireStatus: requireStatus)
            ByteLines.forEachLine(buffer) { start, end, number in
                state.consume(buffer, start, end, number)
            }
            state.finishStanza()
            return PackageDatabase(kind: .dpkg, packages: state.packages, warnings: state.warnings)
        }
    }

    /// Splits a `Source` value: `glibc (2.36-9)` → (`glibc`, `2.36-9`); `pam` → (`pam`, nil).
    public static func splitSource(_ value: String) -> (name: String, version: String?) {
        let trimmed = value.trimmingSpaces()
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return (String(trimmed), nil)
        }
        let name = String(trimmed[..<space])
        let rest = trimmed[space...].trimmingSpaces()
        guard rest.first == "(", let close = rest.lastIndex(of: ")") else { return (name, nil) }
        let version = rest[rest.index(after: rest.startIndex)..<close].trimmingSpaces()
        return (name, version.isEmpty ? nil : String(version))
    }

    /// Whether a `Status` value (`want error-flag state`) describes an installed package.
    public static func isInstalled(status: String) -> Bool {
        let words = status.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 3 else { return false }
        return (words[0] == "install" || words[0] == "hold") && words[2] == "installed"
    }
}

/// The stanza being read and everything finished so far.
private struct DpkgParseState {
    let path: String
    let requireStatus: Bool
    var packages: [Package] = []
    var warnings: [CatalogWarning] = []
    var seen: Set<String> = []

    var stanzaLine = 0
    var name: String?
    var version: String?
    var architecture: String?
    var source: String?
    var status: String?

    init(path: String, requireStatus: Bool) {
        self.path = path
        self.requireStatus = requireStatus
    }

    mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ number: Int) {
        if start == end {
            finishStanza()
            return
        }
        let first = buffer[start]
        if first == ByteLines.space || first == ByteLines.tab {
            if stanzaLine == 0 {
                // Whitespace between stanzas is harmless; text there is not.
                let (lower, upper) = ByteLines.trimmed(buffer, start, end)
                if lower < upper {
                    warnings.append(
                        CatalogWarning(
                            path: path, line: number, message: "continuation line outside a stanza; ignored"))
                }
            }
            return
        }
        if stanzaLine == 0 { stanzaLine = number }
        var colon = start
        while colon < end, buffer[colon] != ByteLines.colon { colon += 1 }
        guard colon < end, colon > start else {
            warnings.append(
                CatalogWarning(path: path, line: number, message: "line is not a `Field: value` line; ignored"))
            return
        }
        let (valueStart, valueEnd) = ByteLines.trimmed(buffer, colon + 1, end)
        switch colon - start {
        case 6 where ByteLines.equalsIgnoringCase(buffer, start, colon, "Status"):
            status = ByteLines.string(buffer, valueStart, valueEnd)
        case 6 where ByteLines.equalsIgnoringCase(buffer, start, colon, "Source"):
            source = ByteLines.string(buffer, valueStart, valueEnd)
        case 7 where ByteLines.equalsIgnoringCase(buffer, start, colon, "Package"):
            if name != nil {
                // A second Package in one stanza: the blank line before it is missing. Keep both.
                warnings.append(
                    CatalogWarning(
                        path: path, line: number, message: "new stanza starts without a blank line before it"))
                finishStanza()
                stanzaLine = number
            }
            name = ByteLines.string(buffer, valueStart, valueEnd)
        case 7 where ByteLines.equalsIgnoringCase(buffer, start, colon, "Version"):
            version = ByteLines.string(buffer, valueStart, valueEnd)
        case 12 where ByteLines.equalsIgnoringCase(buffer, start, colon, "Architecture"):
            architecture = ByteLines.string(buffer, valueStart, valueEnd)
        default:
            break
        }
    }

    mutating func finishStanza() {
        defer { reset() }
        guard stanzaLine != 0 else { return }
        if let status {
            guard DpkgStatusParser.isInstalled(status: status) else { return }
        } else if requireStatus {
            warnings.append(
                CatalogWarning(
                    path: path, line: stanzaLine,
                    message: "stanza for \(name ?? "an unnamed package") has no Status field; skipped"))
            return
        }
        guard let name, !name.isEmpty else {
            warnings.append(
                CatalogWarning(path: path, line: stanzaLine, message: "stanza has no Package field; skipped"))
            return
        }
        guard let version, !version.isEmpty else {
            warnings.append(
                CatalogWarning(
                    path: path, line: stanzaLine, message: "stanza for \(name) has no Version field; skipped"))
            return
        }
        let arch = architecture.flatMap { $0.isEmpty ? nil : $0 }
        guard seen.insert(arch.map { "\(name):\($0)" } ?? name).inserted else {
            warnings.append(
                CatalogWarning(
                    path: path, line: stanzaLine, message: "second stanza for package \(name); skipped"))
            return
        }
        var sourceName = name
        var sourceVersion: String?
        if let source, !source.isEmpty {
            let split = DpkgStatusParser.splitSource(source)
            if !split.name.isEmpty { sourceName = split.name }
            if let recorded = split.version, recorded != version { sourceVersion = recorded }
        }
        packages.append(
            Package(
                name: name, version: version, ecosystem: .debian, sourceName: sourceName,
                sourceVersion: sourceVersion, architecture: arch, filePath: path))
    }

    mutating func reset() {
        stanzaLine = 0
        name = nil
        version = nil
        architecture = nil
        source = nil
        status = nil
    }
}
