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

    /// The file types `--file-patterns` may name for this analyzer (Trivy's analyzer types), and what each
    /// makes of a matching file.
    public static let patternTypes: [String: ConfigFileClassifier.Candidate] = [
        "dockerfile": .dockerfile, "kubernetes": .manifest, "helm": .manifest,
    ]

    /// `--file-patterns` entries for this analyzer's types: the walker offers their matches to it, and it
    /// reads each as its pattern's type whatever the file's name.
    public var patterns: [FilePattern]

    /// Creates the analyzer; `patterns` of other analyzers' types are left out.
    public init(patterns: [FilePattern] = []) {
        self.patterns = patterns.filter { Self.patternTypes[$0.type] != nil }
    }

    public var name: String { "misconfig" }
    public var version: Int { 1 }
    public var sizeLimit: Int { 8 << 20 }

    public var selector: FileSelector {
        FileSelector(names: [
            NameRule(suffix: ".yaml"), NameRule(suffix: ".yml"), NameRule(suffix: ".json"),
            NameRule(suffix: ".YAML"), NameRule(suffix: ".YML"), NameRule(suffix: ".JSON"),
            NameRule(prefix: "Dockerfile"), NameRule(prefix: "Containerfile"),
            NameRule(suffix: ".dockerfile"), NameRule(suffix: ".Dockerfile"), NameRule(suffix: ".containerfile"),
            NameRule(suffix: ".Containerfile"),
        ])
    }

    /// It reads Trivy's `dockerfile`, `kubernetes` and `helm` files.
    public func answers(toFilePatternType type: String) -> Bool { Self.patternTypes[type] != nil }

    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "Chart.yaml" {
            return .scannable(ScannableFile(scanner: Self.scanner, kind: Self.chartKind, content: content))
        }
        let claimed = patterns.first { $0.matches(path) }.flatMap { Self.patternTypes[$0.type] }
        switch claimed ?? ConfigFileClassifier.classify(path: path, content: content) {
        case .dockerfile?:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "dockerfile", content: content))
        case .manifest?:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "manifest", content: content))
        case nil:
            return .scannable(ScannableFile(scanner: Self.scanner, kind: "", content: []))
        }
    }
}
