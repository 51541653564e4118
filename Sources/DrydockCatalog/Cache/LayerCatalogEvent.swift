import DrydockImage

/// What the cataloger did with one layer: reused its cached analysis, or read it.
public struct LayerCatalogEvent: Sendable, Hashable {
    /// How the layer's analysis was obtained.
    public enum Outcome: Sendable, Hashable {
        /// Taken from the layer cache; the layer was not opened.
        case cached
        /// Read from the image; `duration` is the walk's time.
        case analysed(duration: Duration)
    }

    /// The layer.
    public var layer: ImageLayer
    /// What happened.
    public var outcome: Outcome

    /// Creates an event.
    public init(layer: ImageLayer, outcome: Outcome) {
        self.layer = layer
        self.outcome = outcome
    }

    /// `layer sha256:… (sha256:…) cached: skipped` or `layer sha256:… (sha256:…) analysed in 12 ms`: the blob
    /// digest (or path in the archive), then the diffID.
    public var debugLine: String {
        let name = layer.reference.digest ?? layer.path
        let diffID = layer.reference.diffID ?? "no diffID"
        switch outcome {
        case .cached:
            return "layer \(name) (\(diffID)) cached: skipped"
        case .analysed(let duration):
            let (seconds, attoseconds) = duration.components
            let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
            return "layer \(name) (\(diffID)) analysed in \(Int(milliseconds.rounded())) ms"
        }
    }
}
