import DrydockCatalog
import DrydockModel

/// The secret scanner as the catalog walker's content scanner: every regular file of every layer (or of a
/// directory) that `SecretScanner.wants` is scanned, and its findings are stored with the layer.
public struct SecretContentScanner: ContentScanner {
    /// The scanner.
    public let scanner: SecretScanner
    /// Whether findings name files with a leading `/` (image layers, as Trivy names them) or as they are
    /// (directories).
    public let absolutePaths: Bool

    /// Wraps `scanner`; `absolutePaths` for image layers.
    public init(scanner: SecretScanner, absolutePaths: Bool) {
        self.scanner = scanner
        self.absolutePaths = absolutePaths
    }

    public var name: String { "secret" }

    public var fingerprint: String { scanner.fingerprint + (absolutePaths ? "/" : "") }

    public func decision(path: String, size: Int) -> ContentScanDecision {
        if size > scanner.sizeLimit {
            return scanner.isTooLarge(path: path, size: size) ? .tooLarge(limit: scanner.sizeLimit) : .skip
        }
        return scanner.wants(path: path, size: size) ? .scan : .skip
    }

    public func scan(path: String, content: [UInt8]) -> [Finding] {
        scanner.scan(path: path, displayPath: absolutePaths ? "/" + path : path, content: content).map(Finding.secret)
    }
}
