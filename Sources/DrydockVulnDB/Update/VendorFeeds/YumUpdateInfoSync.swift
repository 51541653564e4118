import Crypto
import Foundation

/// Keeps one yum/dnf repository's `updateinfo` (Amazon Linux's ALAS, Fedora's updates) in a local folder.
///
/// The repository is found through its `mirror.list` (Amazon Linux: the first mirror, `$basearch` filled in) or
/// given directly (Fedora). Every sync reads `repodata/repomd.xml` (only when its `ETag` changed) and downloads the
/// `updateinfo` it names only when its checksum differs from the copy held; the download is verified against that
/// checksum and kept compressed as served (`updateinfo.xml.gz`, `.xz`, `.zst`), which `db build` reads as it is.
/// State (`state.json`): the repository URL, `repomd.xml`'s `ETag`, the checksum held.
struct YumUpdateInfoSync {
    /// How the repository is found.
    enum Repository: Sendable {
        /// Its `mirror.list` (the first line naming a URL is used).
        case mirrorList(URL)
        /// Its base URL (the folder holding `repodata/`).
        case base(URL)
    }

    struct State: Codable {
        var repository: String
        var repomdETag: String?
        var checksum: String?
        var file: String?
    }

    let downloader: FeedDownloader
    let repository: Repository
    let directory: String
    var architecture = "x86_64"

    private var statePath: String { directory + "/state.json" }

    /// Brings the local copy up to date; `false` when the repository is absent (HTTP 404), which callers report.
    /// Returns whether a new file was downloaded.
    func sync() async throws(VulnDBError) -> (found: Bool, downloaded: Bool) {
        let base: URL
        switch repository {
        case .base(let url):
            base = url
        case .mirrorList(let list):
            guard let bytes = try await downloader.fetch(list, allowMissing: true) else { return (false, false) }
            guard let first = Self.firstMirror(bytes, architecture: architecture), let url = URL(string: first) else {
                throw VulnDBError(
                    code: .downloadFailed, reason: "the mirror list names no repository", location: list.absoluteString)
            }
            base = url
        }
        var state = readState()
        if state?.repository != base.absoluteString { state = nil }
        let held = state?.file.map { directory + "/" + $0 }
        let holdsFile = held.map { FileManager.default.fileExists(atPath: $0) } ?? false
        let repomdURL = base.appendingPathComponent("repodata").appendingPathComponent("repomd.xml")
        let answer = try await downloader.fetch(
            repomdURL, ifNoneMatch: holdsFile ? state?.repomdETag : nil, allowMissing: true)
        let repomd: [UInt8]
        let etag: String?
        switch answer {
        case .missing: return (false, false)
        case .notModified: return (true, false)
        case .body(let bytes, let tag): (repomd, etag) = (bytes, tag)
        }
        guard let entry = try RepositoryMetadata.updateInfo(repomd, location: repomdURL.absoluteString) else {
            throw VulnDBError(
                code: .downloadFailed, reason: "the repository publishes no updateinfo",
                location: repomdURL.absoluteString)
        }
        if holdsFile, let checksum = entry.checksum, checksum == state?.checksum {
            state?.repomdETag = etag
            try writeState(state)
            return (true, false)
        }
        let url = entry.href.split(separator: "/").reduce(base) { $0.appendingPathComponent(String($1)) }
        guard let body = try await downloader.fetch(url) else {
            throw VulnDBError(code: .downloadFailed, reason: "not found", location: url.absoluteString)
        }
        if let expected = entry.checksum, let actual = Self.digest(body, type: entry.checksumType), actual != expected {
            throw VulnDBError(
                code: .downloadFailed,
                reason:
                    "checksum mismatch: repomd.xml says \(expected), the download is \(actual) (mirror out of sync?)",
                location: url.absoluteString)
        }
        let name = "updateinfo.xml" + Self.compressionSuffix(entry.href)
        try AtomicFile.write(body, to: directory + "/" + name)
        if let old = state?.file, old != name { try? FileManager.default.removeItem(atPath: directory + "/" + old) }
        try writeState(State(repository: base.absoluteString, repomdETag: etag, checksum: entry.checksum, file: name))
        return (true, true)
    }

    /// The first line of a mirror list that is a URL, with `$basearch` filled in and a trailing `/`.
    static func firstMirror(_ bytes: [UInt8], architecture: String) -> String? {
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else { continue }
            let filled = text.replacingOccurrences(of: "$basearch", with: architecture)
            return filled.hasSuffix("/") ? filled : filled + "/"
        }
        return nil
    }

    /// `.gz`, `.xz`, `.zst`, `.bz2` as the served file name ends, else nothing.
    static func compressionSuffix(_ href: String) -> String {
        for suffix in [".gz", ".xz", ".zst", ".bz2"] where href.hasSuffix(suffix) { return suffix }
        return ""
    }

    /// The hex digest of `bytes` by a repomd checksum type, `nil` for types Drydock does not compute.
    static func digest(_ bytes: [UInt8], type: String?) -> String? {
        let hex: (any Sequence<UInt8>) -> String = { $0.map { String(format: "%02x", $0) }.joined() }
        switch type?.lowercased() {
        case "sha256", nil: return hex(SHA256.hash(data: bytes))
        case "sha512": return hex(SHA512.hash(data: bytes))
        case "sha384": return hex(SHA384.hash(data: bytes))
        case "sha1", "sha": return hex(Insecure.SHA1.hash(data: bytes))
        default: return nil
        }
    }

    private func readState() -> State? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        return try? JSONDecoder().decode(State.self, from: data)
    }

    private func writeState(_ state: State?) throws(VulnDBError) {
        guard let state, let data = try? JSONEncoder().encode(state) else { return }
        try AtomicFile.write([UInt8](data), to: statePath)
    }
}
