import DrydockNetwork
import Foundation

/// Keeps one vendor feed file (Oracle's OVAL, Photon's and Microsoft's files, a `security.json`) in the cache,
/// fetching it only when it changed.
///
/// Every file is kept with a sidecar `.<name>.validators` (hidden, so `db build` passes over it) holding the
/// `ETag` and `Last-Modified` the server sent; the next update asks with `If-None-Match` / `If-Modified-Since`,
/// and a `304 Not Modified` answer costs no download. A file whose server sends neither is fetched again each
/// time (these feeds are single files, with no per-record change list to consult). A failed download leaves the
/// previous copy and fails the update.
struct VendorFileSync {
    /// What became of the file.
    enum Outcome { case downloaded, unchanged, missing }

    let downloader: FeedDownloader

    /// Fetches `url` into `path` unless the copy held is current; `missing` on HTTP 404.
    func fetch(_ url: URL, to path: String) async throws(VulnDBError) -> Outcome {
        let validatorsPath = Self.validatorsPath(for: path)
        var headers: [HTTPHeader] = []
        if FileManager.default.fileExists(atPath: path), let saved = Self.readValidators(validatorsPath) {
            if let tag = saved["etag"] { headers.append(HTTPHeader("If-None-Match", tag)) }
            if let date = saved["last-modified"] { headers.append(HTTPHeader("If-Modified-Since", date)) }
        }
        guard let (head, body) = try await downloader.fetchResponse(url, headers: headers, allowMissing: true) else {
            return .missing
        }
        if head.status == 304 { return .unchanged }
        try AtomicFile.write(body, to: path)
        var validators: [String: String] = [:]
        if let tag = head.header("ETag") { validators["etag"] = tag }
        if let date = head.header("Last-Modified") { validators["last-modified"] = date }
        let text = validators.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined()
        try AtomicFile.write(Array(text.utf8), to: validatorsPath)
        return .downloaded
    }

    /// `DIR/.NAME.validators` beside `path`.
    static func validatorsPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).validators").path
    }

    private static func readValidators(_ path: String) -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            values[String(line[..<colon])] = value
        }
        return values.isEmpty ? nil : values
    }
}
