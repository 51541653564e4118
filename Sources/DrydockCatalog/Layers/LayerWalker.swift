import DrydockImage

/// A stream of archive entries with their content: a layer tar, or anything shaped like one.
///
/// `TarReader` conforms; tests and future root-filesystem walkers supply their own.
public protocol LayerEntrySource: AnyObject {
    /// The next entry, or `nil` at the end. Unread content of the previous entry is skipped.
    ///
    /// Paths must be normalised as `TarEntry.path` documents (no leading `/` or `./`, no `.` or empty
    /// components, no trailing `/`); the walker compares them as they are.
    func nextEntry() throws -> TarEntry?
    /// The current entry's whole content; throws when it is larger than `limit` bytes.
    func readEntryContent(limit: Int) throws -> [UInt8]
}

extension TarReader: LayerEntrySource {
    /// `next()`.
    public func nextEntry() throws -> TarEntry? { try next() }
    /// `readContent(limit:)`.
    public func readEntryContent(limit: Int) throws -> [UInt8] { try readContent(limit: limit) }
}

/// Walks one layer's entries and produces its `LayerAnalysis`, reading only the files analyzers want.
///
/// Whiteouts follow the OCI image spec: `DIR/.wh.NAME` deletes `DIR/NAME` from lower layers and
/// `DIR/.wh..wh..opq` hides everything lower layers put in `DIR`. Other `.wh..wh.` markers (AUFS
/// internals) are ignored. Only deletions that can reach a wanted path are recorded.
public struct LayerWalker: Sendable {
    /// The analyzers, consulted in order; the first whose selector matches a path reads it.
    public let analyzers: [any CatalogAnalyzer]
    /// Each analyzer's selector, computed once.
    private let selectors: [FileSelector]
    /// The union of `selectors`, checked first for every entry.
    private let selector: FileSelector
    /// The analyzer that reads executable files no selector claims (`ExecutableFileAnalyzer`), if any.
    private let executables: Int?
    /// Paths left out and extra files read (`--skip-dirs`, `--skip-files`, `--file-patterns`).
    public let filter: PathFilter
    /// For each `--file-patterns` entry, the analyzer that reads its matches.
    private let patternClaims: [(pattern: FilePattern, analyzer: Int)]

    /// Creates a walker for `analyzers`, leaving out and adding the paths `filter` says.
    public init(analyzers: [any CatalogAnalyzer], filter: PathFilter = PathFilter()) {
        self.analyzers = analyzers
        self.selectors = analyzers.map(\.selector)
        self.selector = FileSelector.union(selectors)
        self.executables = analyzers.firstIndex { $0 is any ExecutableFileAnalyzer }
        self.filter = filter
        self.patternClaims = filter.filePatterns.compactMap { pattern in
            analyzers.firstIndex { $0.answers(toFilePatternType: pattern.type) }.map { (pattern, $0) }
        }
    }

    /// `name:version` of every analyzer, comma-separated (`os-release:1,apk:1,dpkg:1`), and the filter when
    /// there is one: with a layer's diffID, the key under which its `LayerAnalysis` can be cached.
    public var analyzerFingerprint: String {
        let analyzers = analyzers.map { "\($0.name):\($0.version)" }.joined(separator: ",")
        return filter.isEmpty ? analyzers : analyzers + ";" + filter.fingerprint
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
                selector.matches(path)
                ? selectors.firstIndex(where: { $0.matches(path) })
                : patternClaims.first { $0.pattern.matches(path) }?.analyzer
            let executable = entry.kind == .file && entry.mode & 0o111 != 0 ? executables : nil
            guard let position = claimed ?? executable else { continue }
            let analyzer = analyzers[position]
            switch entry.kind {
            case .symlink:
                analysis.files.append(LayerFile(path: path, node: .symlink(entry.linkTarget ?? "")))
            case .hardlink:
                let target = Self.normalize(entry.linkTarget ?? "")
                if let finding = readInThisLayer[target] {
                    analysis.files.append(LayerFile(path: path, node: .file(finding)))
                } else {
                    analysis.files.append(LayerFile(path: path, node: .hardlink(target)))
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
                        "file is \(entry.size) bytes, over the \(analyzer.name) limit of \(analyzer.sizeLimit); not read"
                ))
            return .unusable
        }
        let content: [UInt8]
        do {
            content = try source.readEntryContent(limit: analyzer.sizeLimit)
        } catch {
            throw CatalogError(
                code: .unreadableLayer, reason: "cannot read \(path)", location: location,
                underlying: String(describing: error))
        }
        analysis.stats.filesRead += 1
        analysis.stats.bytesRead += content.count
        do throws(CatalogError) {
            let finding = try analyzer.analyze(path: path, content: content)
            if case .packageDatabase(let database) = finding {
                analysis.warnings.append(contentsOf: database.warnings)
            } else if case .languageFile(let file) = finding {
                analysis.warnings.append(contentsOf: file.warnings)
            }
            return .file(finding)
        } catch {
            analysis.warnings.append(CatalogWarning(path: path, message: "\(error.reason); file ignored"))
            return .unusable
        }
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
