import DrydockImage
import DrydockModel

/// Reads the content of (almost) every regular file of a layer, not the few paths analyzers select: secret
/// scanning. The walker offers it every regular file and hands it the bytes of those it wants — the same
/// bytes an analyzer reads when one claims the file, so each file is read once.
///
/// Its findings are stored per layer (`LayerAnalysis.contentFindings`) and so cached with the layer;
/// `fingerprint` is part of the cache key.
public protocol ContentScanner: Sendable {
    /// Short name for messages (`secret`).
    var name: String { get }
    /// Identifies everything that decides the scanner's output (rules, configuration, version).
    var fingerprint: String { get }
    /// Whether the regular file at `path` (root-relative) of `size` bytes is to be read. Cheap: called for
    /// every regular file of every layer.
    func decision(path: String, size: Int) -> ContentScanDecision
    /// The findings in a wanted file (values only: no clear secret in them), without layer.
    func scan(path: String, content: [UInt8]) -> [Finding]
}

/// Whether a content scanner reads a file.
public enum ContentScanDecision: Sendable, Hashable {
    /// Read it and scan it.
    case scan
    /// Not wanted (its path, or too small).
    case skip
    /// Wanted, but over `limit` bytes: not read, and a warning says so.
    case tooLarge(limit: Int)
}

extension LayerWalker {
    /// Hands `content` (the entry at `path`) to the content scanner, when it wants it.
    func scanContent(_ content: [UInt8], path: String, into analysis: inout LayerAnalysis) {
        guard let contentScanner, case .scan = contentScanner.decision(path: path, size: content.count) else { return }
        analysis.contentFindings += contentScanner.scan(path: path, content: content)
    }

    /// For a regular file no analyzer claims: reads it for the content scanner when it is wanted, or warns when
    /// it is wanted but too large.
    func scanUnclaimed(
        _ entry: TarEntry, source: some LayerEntrySource, location: String, into analysis: inout LayerAnalysis
    ) throws(CatalogError) {
        guard let contentScanner else { return }
        let size = Int(clamping: entry.size)
        switch contentScanner.decision(path: entry.path, size: size) {
        case .skip:
            return
        case .tooLarge(let limit):
            analysis.warnings.append(
                CatalogWarning(
                    path: entry.path,
                    message: "file is \(size) bytes, over the \(contentScanner.name) scanning limit of \(limit); "
                        + "not scanned for \(contentScanner.name)s"))
        case .scan:
            let content: [UInt8]
            do {
                content = try source.readEntryContent(limit: size)
            } catch let error as CatalogError where error.code == .unreadableFile {
                // A file of a live tree that changed or vanished since it was listed: that file only.
                analysis.warnings.append(
                    CatalogWarning(
                        path: entry.path,
                        message: "\(error.reason); not scanned for \(contentScanner.name)s", kind: .fileUnreadable))
                return
            } catch {
                throw CatalogError(
                    code: .unreadableLayer, reason: "cannot read \(entry.path)", location: location,
                    underlying: String(describing: error))
            }
            analysis.contentFindings += contentScanner.scan(path: entry.path, content: content)
        }
    }
}

extension Finding {
    /// The finding with `layer` recorded (secrets; other kinds as they are).
    func placed(in layer: LayerReference) -> Finding {
        switch self {
        case .secret(var secret):
            secret.layer = layer
            return .secret(secret)
        case .license(var license):
            license.layer = layer
            return .license(license)
        case .misconfiguration(var misconfiguration):
            misconfiguration.layer = layer
            return .misconfiguration(misconfiguration)
        case .vulnerability:
            return self
        }
    }
}
