import DrydockModel

/// The misconfiguration results of one target: a Dockerfile, a manifest, or a chart template of
/// `helm template` output.
public struct ConfigTargetResult: Sendable, Hashable {
    /// The name reports show: the file path, or the chart template (`chart/templates/deployment.yaml`).
    public var target: String
    /// The file type (`dockerfile`, `kubernetes`, `helm`).
    public var fileType: ConfigFileType
    /// Failed checks, in file order.
    public var failures: [MisconfigurationFinding]
    /// Passed checks (status `PASS`), one per check and resource.
    public var passes: [MisconfigurationFinding]

    /// Creates a result.
    public init(
        target: String, fileType: ConfigFileType, failures: [MisconfigurationFinding] = [],
        passes: [MisconfigurationFinding] = []
    ) {
        self.target = target
        self.fileType = fileType
        self.failures = failures
        self.passes = passes
    }
}

/// A file that could not be scanned, with where and why.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong (with the line, when known).
    public var error: ConfigParseError

    /// Creates a warning.
    public init(path: String, error: ConfigParseError) {
        self.path = path
        self.error = error
    }

    /// `path:line`, or the path.
    public var location: String { error.line.map { "\(path):\($0)" } ?? path }

    /// `path:line: reason; the file was not scanned`.
    public var description: String {
        "\(location): \(error.reason); the file was not scanned for misconfigurations"
    }
}

/// What scanning some files gave: results per target, files that could not be read, and notes (charts
/// skipped).
public struct ConfigScanOutcome: Sendable, Hashable {
    public var results: [ConfigTargetResult]
    public var warnings: [ConfigWarning]
    /// Things worth telling the user that are not errors (a Helm chart folder skipped).
    public var notes: [String]

    /// Creates an outcome.
    public init(results: [ConfigTargetResult] = [], warnings: [ConfigWarning] = [], notes: [String] = []) {
        self.results = results
        self.warnings = warnings
        self.notes = notes
    }

    /// Adds another outcome's contents.
    public mutating func merge(_ other: ConfigScanOutcome) {
        results += other.results
        warnings += other.warnings
        notes += other.notes
    }
}
