import DrydockImage
import Foundation

/// Keeps a vendor's CSAF directory (CSAF 2.0 section 7.1.13–7.1.14: documents plus `changes.csv`) in a local
/// folder, incrementally: Red Hat's `csaf/v2/vex/` and SUSE's `csaf-vex/`.
///
/// Layout under `directory`: `documents/<name>.json` (one per CVE, by file name) and `state.json` (the archive's
/// date, `changes.csv`'s `ETag`, and the change time of every document held or passed over). The first sync
/// downloads the vendor's archive (Red Hat: the `.tar.zst` `archive_latest.txt` names; SUSE: `csaf-vex.tar.bz2`),
/// streams it to disk and reads it entry by entry into a fresh folder that replaces `documents` once complete.
/// Every sync then reads `changes.csv` (only when its `ETag` changed) and downloads each document changed after
/// the copy held (or after the archive), and removes those `deletions.csv` lists. Documents `keep` rejects (Red
/// Hat's VEX for products other than RHEL) are recorded, not stored. A failed sync leaves the documents and the
/// state of the last good one.
struct CSAFDirectorySync {
    /// Where the full archive is.
    enum Archive: Sendable {
        /// A text file in the directory names the archive beside it (Red Hat's `archive_latest.txt` →
        /// `csaf_vex_2024-08-04.tar.zst`, dated by its name).
        case named(by: String)
        /// A fixed URL (SUSE's `csaf-vex.tar.bz2`, dated by its `Last-Modified`).
        case at(URL)
    }

    /// What one sync did.
    struct Result: Sendable {
        var downloadedArchive = false
        var documents: [String] = []
        var removed: [String] = []
        var warnings: [String] = []
    }

    /// The persisted state.
    struct State: Codable {
        var archiveDate: Date?
        var changesETag: String?
        var deletionsETag: String?
        /// Document file name → the `changes.csv` time of the copy held (or passed over).
        var held: [String: String] = [:]
    }

    let downloader: FeedDownloader
    /// The CSAF directory (`…/csaf/v2/vex`, `…/csaf-vex`).
    let directoryURL: URL
    let archive: Archive
    /// The local folder.
    let directory: String
    /// Whether a document is stored (by its bytes).
    let keep: @Sendable ([UInt8]) -> Bool

    var documentsDirectory: String { directory + "/documents" }
    private var statePath: String { directory + "/state.json" }

    /// Brings the local copy up to date.
    func sync() async throws(VulnDBError) -> Result {
        var result = Result()
        var state = readState()
        if state == nil || !FileManager.default.fileExists(atPath: documentsDirectory) {
            state = try await replaceFromArchive()
            result.downloadedArchive = true
            try writeState(state)
        }
        guard var state else { return result }
        let changesURL = directoryURL.appendingPathComponent("changes.csv")
        switch try await downloader.fetch(changesURL, ifNoneMatch: state.changesETag) {
        case .notModified, .missing:
            break
        case .body(let bytes, let etag):
            let (changes, skipped) = CSAFChangeList.parse(bytes)
            if skipped > 0 { result.warnings.append("\(changesURL.absoluteString): \(skipped) unreadable line(s)") }
            for change in changes {
                let name = (change.path as NSString).lastPathComponent
                if let held = state.held[name].flatMap(Timestamp.parse), held >= change.date { continue }
                if state.held[name] == nil, let archived = state.archiveDate, change.date <= archived { continue }
                let url = change.path.split(separator: "/").reduce(directoryURL) {
                    $0.appendingPathComponent(String($1))
                }
                guard let body = try await downloader.fetch(url, allowMissing: true) else {
                    result.warnings.append("\(url.absoluteString): listed in changes.csv but not found (HTTP 404)")
                    continue
                }
                let path = documentsDirectory + "/" + name
                if keep(body) {
                    try AtomicFile.write(body, to: path)
                    result.documents.append(name)
                } else if FileManager.default.fileExists(atPath: path) {
                    try? FileManager.default.removeItem(atPath: path)
                }
                state.held[name] = change.modified
                // Progress survives an interruption: what was fetched is not fetched again.
                try writeState(state)
            }
            state.changesETag = etag
        }
        let deletionsURL = directoryURL.appendingPathComponent("deletions.csv")
        switch try await downloader.fetch(deletionsURL, ifNoneMatch: state.deletionsETag, allowMissing: true) {
        case .notModified, .missing:
            break
        case .body(let bytes, let etag):
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                guard let path = CSAFChangeList.fields(line).first, !path.isEmpty else { continue }
                let name = (path as NSString).lastPathComponent
                guard name.hasSuffix(".json"), !name.contains("..") else { continue }
                if FileManager.default.fileExists(atPath: documentsDirectory + "/" + name) {
                    try? FileManager.default.removeItem(atPath: documentsDirectory + "/" + name)
                    result.removed.append(name)
                }
                state.held[name] = nil
            }
            state.deletionsETag = etag
        }
        try writeState(state)
        return result
    }

    /// Downloads the archive, reads its `.json` members into a fresh folder and swaps it in as `documents`.
    private func replaceFromArchive() async throws(VulnDBError) -> State {
        let url: URL
        var date: Date?
        switch archive {
        case .named(let file):
            let listURL = directoryURL.appendingPathComponent(file)
            guard let bytes = try await downloader.fetch(listURL) else { throw missing(listURL) }
            let name = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, !name.contains("/"), !name.contains("..") else {
                throw VulnDBError(
                    code: .downloadFailed, reason: "names no archive: \"\(name)\"", location: listURL.absoluteString)
            }
            url = directoryURL.appendingPathComponent(name)
            date = Self.date(inName: name)
        case .at(let fixed):
            url = fixed
        }
        let archivePath = directory + "/.archive"
        let head = try await downloader.stream(url, to: archivePath)
        defer { try? FileManager.default.removeItem(atPath: archivePath) }
        if date == nil, let modified = head.header("Last-Modified") { date = Self.httpDate(modified) }
        let staging = directory + "/.documents.tmp-\(getpid())"
        // Folders an interrupted sync left behind (its process is gone: the update lock is ours now).
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where leftover.hasPrefix(".documents.tmp-") || leftover.hasPrefix(".documents.old-") {
            try? FileManager.default.removeItem(atPath: directory + "/" + leftover)
        }
        var state = State(archiveDate: date)
        let stamp = date.map(Timestamp.format) ?? ""
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let source = try Self.decompressing(path: archivePath, location: url.absoluteString)
            let reader = TarReader(source: source, location: url.absoluteString)
            while let entry = try reader.next() {
                guard entry.kind == .file, entry.path.hasSuffix(".json") else { continue }
                let name = (entry.path as NSString).lastPathComponent
                guard !name.hasPrefix("."), !name.contains("..") else { continue }
                let bytes = try reader.readContent(limit: 1 << 30)
                if keep(bytes) {
                    try AtomicFile.writePlain(bytes, to: staging + "/" + name)
                }
                state.held[name] = stamp
            }
        } catch let error as VulnDBError {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw VulnDBError(
                code: .downloadFailed, reason: "the archive cannot be read (corrupt download?)",
                location: url.absoluteString, underlying: "\(error)")
        }
        try AtomicFile.replaceDirectory(documentsDirectory, with: staging)
        return state
    }

    /// The archive at `path` as a decompressed stream (bzip2, zstd, gzip, xz, by their magic bytes).
    static func decompressing(path: String, location: String) throws(VulnDBError) -> any ByteSource {
        let magic = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 8).map { [UInt8]($0) }
        }
        do throws(ImageError) {
            return try FeedFile.decompressing(
                try FileByteSource(path: path), compression: FeedFile.compression(of: magic ?? []), location: location)
        } catch {
            throw VulnDBError(code: .downloadFailed, reason: error.reason, location: location)
        }
    }

    /// `2024-08-04` in `csaf_vex_2024-08-04.tar.zst`, as midnight UTC.
    static func date(inName name: String) -> Date? {
        let characters = Array(name)
        guard characters.count >= 10 else { return nil }
        for start in 0...(characters.count - 10) {
            let candidate = String(characters[start..<(start + 10)])
            if let date = Timestamp.parse(candidate + "T00:00:00Z") { return date }
        }
        return nil
    }

    /// An HTTP date (`Sun, 04 Aug 2024 10:00:00 GMT`).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    private func missing(_ url: URL) -> VulnDBError {
        VulnDBError(code: .downloadFailed, reason: "not found (HTTP 404)", location: url.absoluteString)
    }

    private func readState() -> State? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(State.self, from: data)
    }

    private func writeState(_ state: State?) throws(VulnDBError) {
        guard let state else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(state) else { return }
        try AtomicFile.write([UInt8](data), to: statePath)
    }
}
