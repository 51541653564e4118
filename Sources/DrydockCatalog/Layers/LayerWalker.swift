import DrydockImage
import DrydockModel

/// A stream of archive entries with their content: a layer tar, or anything shaped like one.
///
/// `TarReader` conforms; `DirectoryEntrySource` presents a directory tree; tests supply their own.
public protocol LayerEntrySource: AnyObject {
    /// The next entry, or `nil` at the end. Unread content of the previous entry is skipped.
    ///
    /// Paths must be normalised as `TarEntry.path` documents (no leading `/` or `./`, no `.` or empty
    /// components, no trailing `/`); the walker compares them as they are.
    func nextEntry() throws -> TarEntry?
    /// The current entry's whole content; throws when it is larger than `limit` bytes.
    func readEntryContent(limit: Int) throws -> [UInt8]
    /// Reads up to `buffer.count` more bytes of the current entry's content; returns how many, `0` at its end.
    func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// The current entry as a file read by offset, when the source holds it as a file of its own (a directory
    /// tree), so nothing is copied; `nil` for streamed entries (the default). Throws `CatalogError` when the
    /// file cannot be opened: the walker warns and goes on.
    func openEntryFile() throws(CatalogError) -> (any RandomAccessBytes)?
}

extension LayerEntrySource {
    /// Streamed entries: no file to open.
    public func openEntryFile() throws(CatalogError) -> (any RandomAccessBytes)? { nil }
}

extension TarReader: LayerEntrySource {
    /// `next()`.
    public func nextEntry() throws -> TarEntry? { try next() }
    /// `readContent(limit:)`.
    public func readEntryContent(limit: Int) throws -> [UInt8] { try readContent(limit: limit) }
    /// `readContent(into:)`.
    public func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try readContent(into: buffer)
    }
}

/// Walks one layer's entries and produces its `LayerAnalysis`, reading only the files analyzers want.
///
/// Whiteouts follow the OCI image spec: `DIR/.wh.NAME` deletes `DIR/NAME` from lower layers and
/// `DIR/.wh..wh..opq` hides everything lower layers put in `DIR`. Other `.wh..wh.` markers (AUFS
/// internals) are ignored. Only deletions that can reach a wanted path are recorded.
///
/// Memory does not grow with the size of the files read: a `RandomAccessAnalyzer` (executables, Java
/// archives) reads a file of a directory tree in place, by offset, and a layer entry from memory when it is up
/// to `spill.inMemoryLimit` bytes, else from a private temporary file it is first copied to (see `SpillPolicy`)
/// — unless the analyzer rules the entry out from its first `prefixSize` bytes. Other analyzers read whole
/// files up to their `sizeLimit`. What is kept per entry is small and fixed: wanted files only, as `LayerFile`s.
public struct LayerWalker: Sendable {
    /// How many leading bytes of a large layer entry a `RandomAccessAnalyzer` sees before it is put aside.
    public static let prefixSize = 64 * 1024

    /// The analyzers, consulted in order; the first whose selector matches a path reads it.
    public let analyzers: [any CatalogAnalyzer]
    /// Where large layer entries are put aside for analyzers that read by offset.
    public var spill: SpillPolicy
    /// Each analyzer's selector, computed once.
    private let selectors: [FileSelector]
    /// The union of `selectors`: the paths the walk reads.
    public let selector: FileSelector
    /// `selector`, compiled: checked first for every entry.
    private let matcher: PathMatcher
    /// The analyzer that reads executable files no selector claims (`ExecutableFileAnalyzer`), if any.
    private let executables: Int?
    /// Paths left out and extra files read (`--skip-dirs`, `--skip-files`, `--file-patterns`).
    public let filter: PathFilter
    /// For each `--file-patterns` entry, the analyzer that reads its matches.
    private let patternClaims: [(pattern: FilePattern, analyzer: Int)]
    /// Offered every regular file (secret scanning); see `ContentScanner`.
    public let contentScanner: (any ContentScanner)?

    /// Creates a walker for `analyzers`, leaving out and adding the paths `filter` says, and `contentScanner`
    /// when given; large layer entries are put aside under `spill`.
    public init(
        analyzers: [any CatalogAnalyzer], filter: PathFilter = PathFilter(),
        contentScanner: (any ContentScanner)? = nil, spill: SpillPolicy = SpillPolicy()
    ) {
        self.analyzers = analyzers
        self.spill = spill
        self.selectors = analyzers.map(\.selector)
        self.selector = FileSelector.union(selectors)
        self.matcher = PathMatcher(selector)
        self.executables = analyzers.firstIndex { $0 is any ExecutableFileAnalyzer }
        self.filter = filter
        self.patternClaims = filter.filePatterns.compactMap { pattern in
            analyzers.firstIndex { $0.answers(toFilePatternType: pattern.type) }.map { (pattern, $0) }
        }
        self.contentScanner = contentScanner
    }

    /// `name:version` of every analyzer, comma-separated (`os-release:1,apk:1,dpkg:1`), the filter when there
    /// is one, then the content scanner's fingerprint (`;secret:1:…`): with a layer's diffID, the key under
    /// which its `LayerAnalysis` can be cached.
    public var analyzerFingerprint: String {
        var key = analyzers.map { "\($0.name):\($0.version)" }.joined(separator: ",")
        if !filter.isEmpty { key += ";" + filter.fingerprint }
        if let contentScanner { key += ";" + contentScanner.fingerprint }
        return key
    }

    /// Analyzes one layer. `location` names the layer in errors (`sha256:ab12… of alpine:3.10`).
    ///
    /// Throws `CatalogError` (`unreadableLayer`) when the stream itself fails; problems with single
    /// files become warnings in the result.
    public func analyze(_ source: some LayerEntrySource, diffID: String?, location: String) throws(CatalogError)
        -> LayerAnalysis
    {
        var analysis = LayerAnalysis(diffID: diffID)
        var readInThisLayer: [String: FileFinding] = [:]
        while true {
            let entry: TarEntry
            do {
                guard let next = try source.nextEntry() else { break }
                entry = next
            } catch {
                throw CatalogError(
                    code: .unreadableLayer, reason: "cannot read layer", location: location,
                    underlying: String(describing: error))
            }
            analysis.stats.entries += 1
            let path = entry.path
            if Self.isWhiteoutMarker(path) {
                analysis.stats.whiteoutMarkers += 1
                let (folder, name) = Self.split(path)
                recordWhiteout(folder: folder, name: name, into: &analysis)
                continue
            }
            if !filter.isEmpty, entry.kind == .directory ? filter.skipsDirectory(path) : filter.skipsFile(path) {
                continue
            }
            let claimed =
                matcher.matches(path)
                ? selectors.firstIndex(where: { $0.matches(path) })
                : patternClaims.first { $0.pattern.matches(path) }?.analyzer
            let executable = entry.kind == .file && entry.mode & 0o111 != 0 ? executables : nil
            guard let position = claimed ?? executable else {
                // Content scanning (secrets) of a file no analyzer wants.
                if entry.kind == .file { try scanUnclaimed(entry, source: source, location: location, into: &analysis) }
                continue
            }
            let analyzer = analyzers[position]
            switch entry.kind {
            case .symlink:
                // A link an analyzer does not follow still hides lower layers' file at its path.
                let node: LayerFileNode = analyzer.followsLinks ? .symlink(entry.linkTarget ?? "") : .unusable
                analysis.files.append(LayerFile(path: path, node: node))
            case .hardlink:
                let target = Self.normalize(entry.linkTarget ?? "")
                if let finding = readInThisLayer[target] {
                    analysis.files.append(LayerFile(path: path, node: .file(finding)))
                } else {
                    analysis.files.append(
                        LayerFile(path: path, node: analyzer.followsLinks ? .hardlink(target) : .unusable))
                }
            case .file:
                let node = try read(
                    entry, path: path, analyzer: analyzer, source: source, location: location, into: &analysis)
                if case .file(let finding) = node { readInThisLayer[path] = finding }
                analysis.files.append(LayerFile(path: path, node: node))
            case .directory, .other:
                // Not a file any more: it hides lower layers' file at this path.
                analysis.files.append(LayerFile(path: path, node: .unusable))
            }
        }
        return analysis
    }

    private func read(
        _ entry: TarEntry, path: String, analyzer: any CatalogAnalyzer, source: some LayerEntrySource,
        location: String, into analysis: inout LayerAnalysis
    ) throws(CatalogError) -> LayerFileNode {
        guard entry.size <= Int64(analyzer.sizeLimit) else {
            guard analyzer.warnsAboutLargeFiles else { return .unusable }
            analysis.warnings.append(
                CatalogWarning(
                    path: path,
                    message:
                        "file is \(entry.size) bytes, over the \(analyzer.name) limit of \(analyzer.sizeLimit); not read",
                    kind: .fileTooLarge))
            try scanUnclaimed(entry, source: source, location: location, into: &analysis)
            return .unusable
        }
        let finding: FileFinding?
        if let analyzer = analyzer as? any RandomAccessAnalyzer {
            finding = try readByOffset(
                entry, path: path, analyzer: analyzer, source: source, location: location, into: &analysis)
        } else {
            let content: [UInt8]
            do {
                content = try source.readEntryContent(limit: analyzer.sizeLimit)
            } catch let error as CatalogError where error.code == .unreadableFile {
                analysis.warnings.append(
                    CatalogWarning(path: path, message: "\(error.reason); not read", kind: .fileUnreadable))
                return .unusable
            } catch {
                throw unreadable(path, location, error)
            }
            analysis.stats.filesRead += 1
            analysis.stats.bytesRead += content.count
            finding = findings(path, &analysis) { () throws(CatalogError) in
                try analyzer.analyze(path: path, content: content)
            }
            scanContent(content, path: path, into: &analysis)  // the same bytes, for content scanning (secrets)
        }
        return finding.map { .file($0) } ?? .unusable
    }

    /// Reads `entry` for an analyzer that reads by offset: the file in place when the source has one, else from
    /// memory or a temporary file (see the type's notes). `nil` when it gave nothing usable (with a warning).
    private func readByOffset(
        _ entry: TarEntry, path: String, analyzer: any RandomAccessAnalyzer, source: some LayerEntrySource,
        location: String, into analysis: inout LayerAnalysis
    ) throws(CatalogError) -> FileFinding? {
        let file: any RandomAccessBytes
        do throws(CatalogError) {
            if let opened = try source.openEntryFile() {
                file = opened
            } else if entry.size <= Int64(spill.inMemoryLimit) {
                do {
                    file = InMemoryBytes(try source.readEntryContent(limit: spill.inMemoryLimit))
                } catch {
                    throw unreadable(path, location, error)
                }
            } else {
                guard let spilled = try spillEntry(path: path, analyzer: analyzer, source: source, location: location)
                else {
                    analysis.stats.bytesRead += Self.prefixSize
                    return nil
                }
                analysis.stats.bytesSpilled += spilled.count
                file = spilled
            }
        } catch  where error.code == .unreadableFile {
            analysis.warnings.append(
                CatalogWarning(path: path, message: "\(error.reason); not read", kind: .fileUnreadable))
            return nil
        }
        let counted = CountingBytes(file)
        defer {
            analysis.stats.filesRead += 1
            analysis.stats.bytesRead += counted.bytesRead
        }
        return findings(path, &analysis) { () throws(CatalogError) in
            try analyzer.analyze(path: path, file: counted)
        }
    }

    /// Copies the current (large) entry to a private temporary file, after its first `prefixSize` bytes showed
    /// `analyzer` may want it; `nil` when they did not. Throws `CatalogError`: `unreadable-file` when the
    /// temporary file cannot be written, `unreadable-layer` when the layer stream fails.
    private func spillEntry(
        path: String, analyzer: any RandomAccessAnalyzer, source: some LayerEntrySource, location: String
    ) throws(CatalogError) -> (any RandomAccessBytes)? {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        var prefixed = 0
        do {
            while prefixed < Self.prefixSize {
                let got = try source.readEntryContent(
                    into: UnsafeMutableRawBufferPointer(rebasing: chunk[prefixed..<Self.prefixSize]))
                if got == 0 { break }
                prefixed += got
            }
        } catch {
            throw unreadable(path, location, error)
        }
        guard analyzer.mayRead(prefix: Array(chunk[0..<prefixed])) else { return nil }
        let buffer = SpillBuffer(policy: SpillPolicy(inMemoryLimit: 0, directory: spill.directory))
        try buffer.append(UnsafeRawBufferPointer(rebasing: chunk[0..<prefixed]))
        while true {
            let got: Int
            do {
                got = try source.readEntryContent(into: chunk)
            } catch {
                throw unreadable(path, location, error)
            }
            if got == 0 { break }
            try buffer.append(UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
        }
        return buffer.finish()
    }

    /// Runs `analyze`, keeping the warnings its finding carries; a file it cannot use becomes a warning.
    private func findings(
        _ path: String, _ analysis: inout LayerAnalysis, _ analyze: () throws(CatalogError) -> FileFinding
    ) -> FileFinding? {
        do throws(CatalogError) {
            let finding = try analyze()
            if case .packageDatabase(let database) = finding {
                analysis.warnings.append(contentsOf: database.warnings)
            } else if case .languageFile(let file) = finding {
                analysis.warnings.append(contentsOf: file.warnings)
            }
            return finding
        } catch {
            let kind: ScanWarning.Kind = error.code == .unreadableFile ? .fileUnreadable : .fileUnusable
            analysis.warnings.append(CatalogWarning(path: path, message: "\(error.reason); file ignored", kind: kind))
            return nil
        }
    }

    /// The layer stream failed while `path` was read.
    private func unreadable(_ path: String, _ location: String, _ error: any Error) -> CatalogError {
        CatalogError(
            code: .unreadableLayer, reason: "cannot read \(path)", location: location,
            underlying: String(describing: error))
    }

    private func recordWhiteout(folder: String, name: String, into analysis: inout LayerAnalysis) {
        if name == ".wh..wh..opq" {
            if executables != nil || selector.isAffected(byDeletionOf: folder) {
                analysis.opaqueDirectories.append(folder)
            }
            return
        }
        if name.hasPrefix(".wh..wh.") { return }
        let target = folder.isEmpty ? String(name.dropFirst(4)) : folder + "/" + name.dropFirst(4)
        if executables != nil || selector.isAffected(byDeletionOf: target) { analysis.whiteouts.append(target) }
    }

    /// `./a//b/` → `a/b`: no leading `./` or `/`, no empty or `.` components, no trailing `/`.
    static func normalize(_ path: String) -> String {
        if !path.hasPrefix("/"), !path.hasPrefix("./"), !path.hasSuffix("/"), !path.contains("//"),
            !path.contains("/./")
        {
            return path
        }
        return path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// Whether the last component of `path` starts with `.wh.`, without building substrings.
    static func isWhiteoutMarker(_ path: String) -> Bool {
        let utf8 = path.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return utf8[start...].starts(with: ".wh.".utf8)
    }

    /// `a/b/c` → (`a/b`, `c`); `c` → (``, `c`).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
