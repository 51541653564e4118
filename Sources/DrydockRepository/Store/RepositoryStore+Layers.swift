import DrydockCatalog
import Foundation

extension RepositoryStore {
    /// Which of `diffIDs` the repository holds no analysis of (for `analyzerKey`): the layers a client must
    /// send. Order follows `diffIDs`.
    public func missingLayers(_ diffIDs: [String], analyzerKey: String) async throws -> [String] {
        guard !diffIDs.isEmpty else { return [] }
        let known = try await read { session in
            try await session.query(
                "SELECT diff_id FROM layers WHERE analyzer_key = $1 AND diff_id IN (\(SQL.placeholders(diffIDs.count, from: 2)))",
                [.text(analyzerKey)] + diffIDs.map(SQLValue.text))
        }
        let present = Set(known.compactMap { $0[0].string })
        return diffIDs.filter { !present.contains($0) }
    }

    /// Stores layer analyses a client sent (each keyed by its `diffID`); a layer already stored is kept.
    public func storeLayers(_ analyses: [LayerAnalysis], analyzerKey: String) async throws {
        var rows: [[SQLValue]] = []
        let now = RepositoryClock.now()
        for analysis in analyses {
            guard let diffID = analysis.diffID else {
                throw RepositoryError(.invalid, "a layer analysis without a diffID cannot be stored")
            }
            let bytes: [UInt8]
            do {
                bytes = try LayerAnalysisCodec.encode(analysis)
            } catch {
                throw RepositoryError(.invalid, "layer \(diffID): \(error)")
            }
            rows.append([.text(diffID), .text(analyzerKey), .blob(bytes), .integer(now)])
        }
        let values = rows
        try await transaction { session in
            try await session.insertRows(
                "INSERT INTO layers (diff_id, analyzer_key, analysis, stored_at) VALUES", rows: values,
                suffix: "ON CONFLICT DO NOTHING")
        }
    }

    /// The stored analyses of `diffIDs` (for `analyzerKey`), by diffID; absent layers are left out.
    public func layers(_ diffIDs: [String], analyzerKey: String) async throws -> [String: LayerAnalysis] {
        guard !diffIDs.isEmpty else { return [:] }
        let rows = try await read { session in
            try await session.query(
                "SELECT diff_id, analysis FROM layers WHERE analyzer_key = $1 AND diff_id IN (\(SQL.placeholders(diffIDs.count, from: 2)))",
                [.text(analyzerKey)] + diffIDs.map(SQLValue.text))
        }
        var analyses: [String: LayerAnalysis] = [:]
        for row in rows {
            guard let diffID = row[0].string, let bytes = row[1].bytes else { continue }
            do {
                analyses[diffID] = try LayerAnalysisCodec.decode(bytes)
            } catch {
                continue  // an unreadable entry is a miss: the client is asked for the layer again
            }
        }
        return analyses
    }
}
