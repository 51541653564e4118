import DrydockCatalog

/// The catalog analyzer that keeps configuration files for misconfiguration scanning: Dockerfiles and
/// Containerfiles by name, YAML and JSON files whose content may hold Kubernetes objects, and Helm
/// `Chart.yaml` files (so chart folders can be recognised and skipped).
///
/// Other YAML and JSON files it is offered are kept as empty markers, so that they still hide a lower
/// layer's copy of the path.
public struct ConfigFileAnalyzer: CatalogAnalyzer {
    /// The scanner name recorded on kept files.
    public static let scanner = "misconfig"
    /// `ScannableFile.kind` of a Helm chart's `Chart.yaml`.
    public static let chartKind = "helm-chart"

    /// `--file-patterns`: files read as a type whatever their name.
    public var patterns: [ConfigFilePattern]

    /// Creates the analyzer; with `patterns`, every file is offered to it and those matching are kept.
    public init(patterns: [ConfigFilePattern] = []) {
        self.patterns = patterns
    }

    /// `misconfig`, or with patterns `misconfig[…]` naming them, so that the layer cache keeps the two apart.
    public var name: String {
        patterns.isEmpty ? "misconfig" : "misconfig[\(patterns.map(\.description).joined(separator: ","))]"
    }
    public var version: Int { 1 }
    public var sizeLimit: Int { 8 << 20 }

    public var selector: FileSelector {
        FileSelector(
            prefixes: patterns.isEmpty ? [] : [PathPrefix("", directChildrenOnly: false)],
            names: [
                NameRule(suffix: ".yaml"), NameRule(suffix: ".yml"), NameRule(suffix: ".json"),
                NameRule(suffix: ".YAML"), NameRule(suffix: ".YML"), NameRule(suffix: ".JSON"),
                NameRule(prefix: "Dockerfile"), NameRule(prefix: "Containerfile"),
                NameRule(suffix: ".dockerfile"), NameRule(suffix: ".Dockerfile"), NameRule(suffix: ".containerfile"),
                NameRule(suffix: ".Containerfile"),
            ])
    }

    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "Chart.yaml" {
            return .scannable(ScannableFile(scanner: Self.scanner, kind: Self.chartKind, content: content))
        }
        switch patterns.candidate(for: path) ?? ConfigFileClassifier.classify(path: path, content: content) {
        case .dockerfile?:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "dockerfile", content: content))
        case .manifest?:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "manifest", content: content))
        case nil:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "", content: []))
        }
    }
}
