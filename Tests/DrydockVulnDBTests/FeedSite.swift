import DrydockTestSupport
import Foundation

@testable import DrydockVulnDB

/// A served copy of the public feeds' layout, built from small records: OSV `PyPI/all.zip`,
/// `PyPI/modified_id.csv` and `PyPI/<ID>.json`, Alpine `alpine/v3.10/main.json`, Debian `debian/json`.
struct FeedSite {
    let root: URL
    /// Record ID → (modified, JSON text) as currently published.
    private(set) var records: [String: (String, String)] = [:]

    init() throws {
        root = URL(fileURLWithPath: try VulnDBTestSupport.makeScratchDirectory("feedsite"))
        for index in 1...3 {
            set(id: "PYSEC-2024-\(index)", modified: "2024-01-0\(index)T00:00:00Z", fixed: "1.\(index)")
        }
        try VulnDBTestSupport.write(secdbDocument, to: "alpine/v3.10/main.json", in: root.path)
        try VulnDBTestSupport.write(debianTrackerDocument, to: "debian/json", in: root.path)
        try publish()
    }

    /// Sets a record; ``publish()`` writes it and the list.
    mutating func set(id: String, modified: String, fixed: String) {
        records[id] = (
            modified,
            """
            {"id": "\(id)", "modified": "\(modified)",
             "affected": [{"package": {"ecosystem": "PyPI", "name": "pkg-\(id.suffix(1))"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\(fixed)"}]}]}]}
            """
        )
    }

    /// Writes every record, a fresh `all.zip` (only when `archive`) and `modified_id.csv` newest first.
    func publish(archive: Bool = true) throws {
        let directory = root.appendingPathComponent("PyPI")
        for (id, (_, text)) in records {
            try VulnDBTestSupport.write(text, to: "PyPI/\(id).json", in: root.path)
        }
        if archive {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("all.zip"))
            try FeedServer.zip(directory: directory, to: directory.appendingPathComponent("all.zip"))
        }
        let list = records.sorted { $0.value.0 > $1.value.0 }.map { "\($0.value.0),\($0.key)\n" }.joined()
        try VulnDBTestSupport.write(list, to: "PyPI/modified_id.csv", in: root.path)
    }

    /// The configuration that points every feed at `server`.
    static func configuration(_ server: FeedServer) -> FeedConfiguration {
        FeedConfiguration(
            osvBaseURL: server.baseURL, alpineSecDBBaseURL: server.baseURL.appendingPathComponent("alpine"),
            debianTrackerURL: server.baseURL.appendingPathComponent("debian/json"), ecosystems: ["PyPI"],
            alpineReleases: ["v3.10"])
    }
}
