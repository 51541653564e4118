import DrydockCatalog
import Synchronization

/// Wraps the layer cache during a `--server` scan and keeps every layer analysis the cataloger used (from
/// the cache or freshly read), so the client can send the server only the layers it lacks.
final class LayerRecorder: LayerAnalysisCache {
    private struct State {
        var inner: (any LayerAnalysisCache)?
        var analyses: [String: LayerAnalysis] = [:]
        var key: String?
    }

    private let state = Mutex(State())

    /// This recorder in front of `cache` (the local layer cache, or none with `--no-cache`).
    func wrapping(_ cache: (any LayerAnalysisCache)?) -> LayerRecorder {
        state.withLock { $0.inner = cache }
        return self
    }

    func analyses(for diffIDs: [String], analyzerKey: String) -> [String: LayerAnalysis] {
        let inner = state.withLock { $0.inner }
        let found = inner?.analyses(for: diffIDs, analyzerKey: analyzerKey) ?? [:]
        state.withLock { state in
            state.key = analyzerKey
            state.analyses.merge(found) { $1 }
        }
        return found
    }

    func store(_ analyses: [LayerAnalysis], analyzerKey: String) {
        let inner = state.withLock { $0.inner }
        inner?.store(analyses, analyzerKey: analyzerKey)
        state.withLock { state in
            state.key = analyzerKey
            for analysis in analyses { if let id = analysis.diffID { state.analyses[id] = analysis } }
        }
    }

    /// The analyses of `diffIDs`, in order, and the analyzer key — `nil` unless every layer was recorded.
    func layers(_ diffIDs: [String]) -> (analyses: [LayerAnalysis], analyzerKey: String)? {
        state.withLock { state in
            guard let key = state.key, !diffIDs.isEmpty else { return nil }
            let analyses = diffIDs.compactMap { state.analyses[$0] }
            return analyses.count == diffIDs.count ? (analyses, key) : nil
        }
    }
}
