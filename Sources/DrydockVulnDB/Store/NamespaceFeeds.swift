import Foundation

/// Which feed formats filled each namespace (`Ubuntu:22.04:LTS` → `osv`; `Oracle Linux:9` → `oval`), kept in
/// the `metadata` table under ``metadataKey`` as one JSON object, so that a scan's coverage section can say
/// which feed checked the image without counting the `affected` table.
///
/// A DB written before the key existed has none: its namespaces report no feed name (still covered).
enum NamespaceFeeds {
    /// The `metadata` key.
    static let metadataKey = "namespace_feeds"

    /// `{"namespace": ["format", …], …}`: the formats of the documents that gave each namespace's rows, sorted.
    static func encode(_ rows: MergedAdvisories.Rows) -> String {
        let object = rows.namespaceFormats.mapValues { $0.sorted() }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The formats recorded for `namespace`, or `[]`.
    static func decode(_ text: String?, namespace: String) -> [String] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]]
        else { return [] }
        return object[namespace] ?? []
    }
}

extension VulnerabilityDatabase {
    /// The feed formats that filled `namespace` (`osv`, `oval`, `wolfi-secdb`), sorted; `[]` when the DB does
    /// not record them.
    public func formats(namespace: String) throws(VulnDBError) -> [String] {
        NamespaceFeeds.decode(try metadataValue(NamespaceFeeds.metadataKey), namespace: namespace)
    }
}
