import DrydockModel

/// Reads compiled programs (Trivy types `gobinary` and `rustbinary`): every file with an executable bit,
/// and every file directly in the usual `bin` folders, identified by content.
///
/// Programs are read by offset: the headers and section table, then the Go build-info section or the
/// cargo-auditable `.dep-v0` section alone, so a program of any size is read in bounded memory. A Go program's
/// function table (`pclntab`) is read too, page by page, and its names kept as a `GoSymbolSet` for
/// reachability; a table that cannot be read leaves the set out (reachability unknown), never the packages.
/// A link to a program is not followed: the program is read where it lies.
public struct ExecutableAnalyzer: ExecutableFileAnalyzer, RandomAccessAnalyzer {
    /// The folders whose files are read whatever their mode.
    public static let binaryFolders = ["bin/", "sbin/", "usr/bin/", "usr/sbin/", "usr/local/bin/", "usr/local/sbin/"]

    /// See `CatalogAnalyzer.name`.
    public var name: String { "lang-binary" }
    /// See `CatalogAnalyzer.version`: 4 reads programs of any size by offset and records links as not followed;
    /// 5 keeps Go programs' function names; 6 records cargo-auditable binaries' `DependsOn` and root crate.
    public var version: Int { 6 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(prefixes: Self.binaryFolders.map { PathPrefix($0) }) }
    /// See `CatalogAnalyzer.sizeLimit`: 64 GiB; memory does not grow with the size (see the type's notes).
    public var sizeLimit: Int { 64 << 30 }
    /// See `CatalogAnalyzer.followsLinks`: a program reached through a link is read where it lies.
    public var followsLinks: Bool { false }

    /// Creates the analyzer.
    public init() {}

    /// See `RandomAccessAnalyzer.mayRead(prefix:)`: an ELF, Mach-O (thin or universal) or PE magic.
    public func mayRead(prefix: [UInt8]) -> Bool {
        FatMachO.isFat(prefix) || ExecutableFile.format(ofPrefix: prefix) != nil
    }

    /// See `RandomAccessAnalyzer.analyze(path:file:)`. Not a Go or auditable Rust program: no packages.
    /// A universal (fat) Mach-O file is read slice by slice; identical build information is read once.
    public func analyze(path: String, file: any RandomAccessBytes) throws(CatalogError) -> FileFinding {
        if let slices = try FatMachO.slices(file) {
            var goInfos: [GoBuildInfo] = []
            var goNames: [String] = []
            var goTableRead = true
            var rustPackages: [Package] = []
            for slice in slices {
                let thin = ByteReader(SliceBytes(file, range: slice))
                guard let executable = try ExecutableFile(thin) else { continue }
                if let info = try GoBinaryParser.buildInfo(thin, executable: executable, path: path) {
                    if !goInfos.contains(info) { goInfos.append(info) }
                    if let table = try Self.functionTable(thin, executable: executable) {
                        goNames += table.names
                    } else {
                        goTableRead = false
                    }
                } else if let packages = try RustAuditableParser.packages(
                    thin.file, executable: executable, path: path)
                {
                    rustPackages += packages.filter { !rustPackages.contains($0) }
                }
            }
            if !goInfos.isEmpty {
                var packages: [Package] = []
                for info in goInfos {
                    packages += GoBinaryParser.packages(info, path: path).filter { !packages.contains($0) }
                }
                return .languageFile(
                    LanguageFile(
                        type: .gobinary, packages: packages,
                        goSymbols: goTableRead ? GoSymbolSet(linkerNames: goNames) : nil))
            }
            return .languageFile(
                LanguageFile(type: rustPackages.isEmpty ? .gobinary : .rustbinary, packages: rustPackages))
        }
        let reader = ByteReader(file)
        if let executable = try ExecutableFile(reader) {
            if let info = try GoBinaryParser.buildInfo(reader, executable: executable, path: path) {
                let table = try Self.functionTable(reader, executable: executable)
                return .languageFile(
                    LanguageFile(
                        type: .gobinary, packages: GoBinaryParser.packages(info, path: path),
                        goSymbols: table.map { GoSymbolSet(linkerNames: $0.names) }))
            }
            if let packages = try RustAuditableParser.packages(file, executable: executable, path: path) {
                return .languageFile(LanguageFile(type: .rustbinary, packages: packages))
            }
        } else if ExecutableFile.format(ofPrefix: reader.bytes(0..<min(4, reader.count)) ?? []) == nil {
            if let failure = reader.failure { throw failure }
            return .languageFile(LanguageFile(type: .gobinary, packages: []))
        }
        let damage = ExecutableDamage.cutShort(reader)
        if let failure = reader.failure { throw failure }
        if let damage {
            throw CatalogError(
                code: .malformedBinary, reason: "executable is cut short: \(damage) (damaged or incompletely copied)",
                location: path)
        }
        return .languageFile(LanguageFile(type: .gobinary, packages: []))
    }

    /// The function table of a Go program, `nil` when it has none that can be read (reachability is then
    /// unknown). Throws only when the file itself cannot be read.
    static func functionTable(_ reader: ByteReader, executable: ExecutableFile) throws(CatalogError)
        -> GoFunctionTable?
    {
        let table = try? GoFunctionTable(reader, executable: executable)
        if let failure = reader.failure { throw failure }
        return table
    }
}
