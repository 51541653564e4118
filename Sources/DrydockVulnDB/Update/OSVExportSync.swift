import Foundation
import ZIPFoundation

/// Keeps one OSV ecosystem's records in a local folder, incrementally.
///
/// Layout under `directory`: `records/<ID>.json` and `index.csv` (`<modified>,<ID>` for every record
/// held). The first sync downloads `all.zip` and unpacks it into a fresh folder that replaces
/// `records` only once complete; every sync then reads `modified_id.csv` and downloads
/// `<ID>.json` for each record that is new or modified later than the copy held, so after the first
/// time only changed records cross the network. A corrupt or truncated archive fails the sync and
/// leaves the previous records as they were.
struct OSVExportSync {
    let downloader: FeedDownloader
    let baseURL: URL
    let ecosystem: String
    let directory: String

    /// What one sync did.
    struct Result {
        var downloadedArchive: Bool
        var downloadedRecords: [String]
        var warnings: [String]
    }

    var recordsDirectory: String { directory + "/records" }
    private var indexPath: String { directory + "/index.csv" }
    private var ecosystemURL: URL { baseURL.appendingPathComponent(ecosystem) }

    func sync() async throws(VulnDBError) -> Result {
        var result = Result(downloadedArchive: false, downloadedRecords: [], warnings: [])
        let listURL = ecosystemURL.appendingPathComponent("modified_id.csv")
        guard let listBytes = try await downloader.fetch(listURL, allowMissing: true) else {
            result.warnings.append("\(listURL.absoluteString): not found (HTTP 404); ecosystem \(ecosystem) skipped")
            return result
        }
        let (entries, skipped) = ModifiedIDList.parse(listBytes)
        if skipped > 0 { result.warnings.append("\(ecosystem)/modified_id.csv: \(skipped) unreadable line(s) skipped") }
        var index = readIndex()
        if index == nil || !FileManager.default.fileExists(atPath: recordsDirectory) {
            let fresh = try await replaceFromArchive()
            try writeIndex(fresh)
            index = fresh
            result.downloadedArchive = true
        }
        var held = index ?? [:]
        for entry in entries {
            if let current = held[entry.id], let date = Timestamp.parse(current), date >= entry.date { continue }
            let url = ecosystemURL.appendingPathComponent(entry.id + ".json")
            try await downloader.download(url, to: recordsDirectory + "/" + entry.id + ".json")
            held[entry.id] = entry.modified
            result.downloadedRecords.append(entry.id)
        }
        try writeIndex(held)
        return result
    }

    /// Downloads and unpacks `all.zip`, swaps it in as `records`, and returns the index it implies.
    private func replaceFromArchive() async throws(VulnDBError) -> [String: String] {
        let archiveURL = ecosystemURL.appendingPathComponent("all.zip")
        let archivePath = directory + "/.all.zip"
        let staging = directory + "/.records.tmp-\(getpid())"
        try await downloader.download(archiveURL, to: archivePath)
        defer { try? FileManager.default.removeItem(atPath: archivePath) }
        try? FileManager.default.removeItem(atPath: staging)
        var index: [String: String] = [:]
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
            for entry in archive where entry.type == .file {
                let name = (entry.path as NSString).lastPathComponent
                guard name.hasSuffix(".json"), !name.hasPrefix(".") else { continue }
                var bytes: [UInt8] = []
                _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes += chunk }
                try AtomicFile.writePlain(bytes, to: staging + "/" + name)
                let id = String(name.dropLast(".json".count))
                if let document = try? JSONParser.parse(bytes), let modified = document["modified"]?.stringValue {
                    index[id] = modified
                } else {
                    index[id] = ""
                }
            }
        } catch let error as VulnDBError {
            // Writing the records failed (a full disk): say so, not that the archive is bad.
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw VulnDBError(
                code: .downloadFailed, reason: "\(ecosystem)/all.zip is not a readable ZIP archive (corrupt download?)",
                location: archiveURL.absoluteString, underlying: "\(error)")
        }
        try AtomicFile.replaceDirectory(recordsDirectory, with: staging)
        // The index no longer matches the old records: drop it until the new one is written.
        try? FileManager.default.removeItem(atPath: indexPath)
        return index
    }

    private func readIndex() -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: indexPath) else { return nil }
        var index: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let comma = line.firstIndex(of: ",") else { continue }
            index[String(line[line.index(after: comma)...])] = String(line[..<comma])
        }
        return index
    }

    private func writeIndex(_ index: [String: String]) throws(VulnDBError) {
        let text = index.sorted { $0.key < $1.key }.map { "\($0.value),\($0.key)\n" }.joined()
        try FeedDownloader.writeAtomically(Array(text.utf8), to: indexPath)
    }
}
