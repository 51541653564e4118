import Crypto
import Dispatch
import DrydockModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one `db build` input (a file, or a directory walked recursively) and runs the importers.
///
/// Files are parsed in parallel; results are kept in path order so the build is deterministic.
struct SourceLoader {
    /// What became of one file.
    enum Outcome: Sendable {
        case imported(format: String, ImportedRecords)
        /// Valid JSON (or not JSON at all) that no importer recognises.
        case unknown
        /// Looks like JSON but does not parse: a malformed record.
        case malformed(String)
        case unreadable(String)
    }

    struct Loaded {
        var info: SourceInfo
        /// Each imported document's records with its format's name.
        var results: [(format: String, records: ImportedRecords)]
        var warnings: [String]
    }

    let importers: [any AdvisoryImporter]
    /// Importers for XML and YAML feeds (``AdvisoryFileImporter``), tried on files that are not JSON.
    var fileImporters: [any AdvisoryFileImporter] = AdvisoryImporters.files

    func load(_ path: String) throws(VulnDBError) -> Loaded {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VulnDBError(code: .notFound, reason: "advisory source does not exist", location: path)
        }
        let files: [(relative: String, full: String)]
        if isDirectory.boolValue {
            files = try Self.walk(path)
        } else {
            files = [((path as NSString).lastPathComponent, path)]
        }
        let outcomes = parseAll(files.map(\.full))
        var hasher = SHA256()
        var formats: Set<String> = []
        var results: [(format: String, records: ImportedRecords)] = []
        var warnings: [String] = []
        var records = 0
        var skipped = 0
        var unknown = 0
        var skippedRanges = 0
        var newest: Date?
        for (file, outcome) in zip(files, outcomes) {
            hasher.update(data: Array(file.relative.utf8) + [0])
            switch outcome.1 {
            case .imported(let format, let imported):
                formats.insert(format)
                records += imported.records
                skipped += imported.skipped
                skippedRanges += imported.skippedRanges
                warnings += imported.warnings
                for advisory in imported.advisories {
                    if let modified = advisory.advisory.modified, newest.map({ modified > $0 }) ?? true {
                        newest = modified
                    }
                }
                if let stamp = imported.feedTimestamp, newest.map({ stamp > $0 }) ?? true { newest = stamp }
                results.append((format, imported))
            case .unknown:
                guard isDirectory.boolValue else {
                    throw VulnDBError(
                        code: .unknownFormat,
                        reason:
                            "not a recognised advisory format (expected OSV, Alpine, Wolfi or Chainguard secdb, Debian "
                            + "tracker, Red Hat or SUSE CSAF, Photon CVE metadata, NVD or KEV JSON, EPSS CSV, vendor "
                            + "OVAL, yum updateinfo or SUSE CVRF XML, or Wolfi advisory YAML; plain or gzip, zstd, xz "
                            + "or bzip2-compressed)",
                        location: path)
                }
                unknown += 1
            case .malformed(let reason):
                skipped += 1
                warnings.append("\(file.full): skipped: \(reason)")
            case .unreadable(let reason):
                throw VulnDBError(code: .ioFailure, reason: "cannot read file", location: file.full, underlying: reason)
            }
            hasher.update(data: outcome.0)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let info = SourceInfo(
            path: path, format: formats.isEmpty ? "none" : formats.sorted().joined(separator: ","), files: files.count,
            records: records, skipped: skipped, unknownFiles: unknown, skippedRanges: skippedRanges,
            newestModified: newest, sha256: digest)
        return Loaded(info: info, results: results, warnings: warnings)
    }

    /// Regular files under `root`, hidden entries skipped, sorted by relative path.
    ///
    /// Uses `opendir`/`readdir` directly: Foundation's enumerator with resource values takes
    /// seconds on a tree of 14,000 files.
    static func walk(_ path: String) throws(VulnDBError) -> [(relative: String, full: String)] {
        var root = path
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        var files: [(relative: String, full: String)] = []
        var pending: [String] = [""]
        while let relativeDirectory = pending.popLast() {
            let directory = relativeDirectory.isEmpty ? root : root + "/" + relativeDirectory
            guard let handle = opendir(directory) else {
                throw VulnDBError(
                    code: .ioFailure, reason: "cannot list directory", location: directory,
                    underlying: String(cString: strerror(errno)))
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = DirectoryRecordName.string(of: entry)
                if name.hasPrefix(".") { continue }
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                let full = root + "/" + relative
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var info = stat()
                    guard stat(full, &info) == 0 else { continue }
                    let mode = info.st_mode & S_IFMT
                    type = mode == S_IFDIR ? UInt8(DT_DIR) : (mode == S_IFREG ? UInt8(DT_REG) : UInt8(DT_UNKNOWN))
                }
                if type == UInt8(DT_DIR) {
                    pending.append(relative)
                } else if type == UInt8(DT_REG) {
                    files.append((relative, full))
                }
            }
        }
        files.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
        return files
    }

    /// Reads and parses every file, two at a time or more, keeping results in input order.
    private func parseAll(_ paths: [String]) -> [([UInt8], Outcome)] {
        let slots = ResultSlots(count: paths.count)
        let importers = self.importers
        let fileImporters = self.fileImporters
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            slots.store(Self.parseFile(paths[index], importers: importers, fileImporters: fileImporters), at: index)
        }
        return slots.values()
    }

    /// One file: its content digest and what the importers made of it.
    ///
    /// Compressed files (gzip, zstd, xz, bzip2) are read through; the digest stays the stored file's. JSON goes
    /// to the JSON importers, anything else to the first file importer that recognises its first bytes.
    static func parseFile(
        _ path: String, importers: [any AdvisoryImporter], fileImporters: [any AdvisoryFileImporter] = []
    ) -> ([UInt8], Outcome) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], .unreadable("the file could not be opened"))
        }
        let file = FeedFile(path: path, bytes: [UInt8](data))
        let digest = Array(SHA256.hash(data: file.bytes))
        let head: [UInt8]
        do {
            head = try file.head()
        } catch {
            return (digest, .malformed(error.reason))
        }
        let text = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
        let firstByte = text.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        let isJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        guard isJSON || EPSSImporter.recognizes(head) else {
            return (digest, parseOther(file, head: head, importers: fileImporters))
        }
        let bytes: [UInt8]
        do {
            bytes = try file.content()
        } catch {
            return (digest, .malformed(error.reason))
        }
        if !isJSON {
            return (digest, .imported(format: EPSSImporter.format, EPSSImporter.parse(bytes, file: path)))
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            return (digest, .malformed("\(error.reason) at \(error.location)"))
        }
        for importer in importers where importer.recognizes(document) {
            do {
                return (digest, .imported(format: importer.format, try importer.parse(document, file: path)))
            } catch {
                return (digest, .malformed(error.reason))
            }
        }
        return (digest, .unknown)
    }
}

extension SourceLoader {
    /// A file that is not JSON (XML or YAML), read by the first file importer that recognises its first bytes:
    /// OVAL, updateinfo and CVRF by their root element, Wolfi's advisory YAML by its first keys.
    static func parseOther(_ file: FeedFile, head: [UInt8], importers: [any AdvisoryFileImporter]) -> Outcome {
        for importer in importers where importer.recognizes(head: head) {
            do {
                return .imported(format: importer.format, try importer.parse(file))
            } catch {
                return error.code == .unknownFormat ? .unknown : .malformed(error.reason)
            }
        }
        return .unknown
    }
}

/// Fixed slots that concurrent iterations fill, each at its own index.
///
/// `@unchecked Sendable`: every access takes `lock`, so no two threads touch `storage` at once.
private final class ResultSlots: @unchecked Sendable {
    private var storage: [([UInt8], SourceLoader.Outcome)?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ value: ([UInt8], SourceLoader.Outcome), at index: Int) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [([UInt8], SourceLoader.Outcome)] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0 ?? ([], .unreadable("not parsed")) }
    }
}
