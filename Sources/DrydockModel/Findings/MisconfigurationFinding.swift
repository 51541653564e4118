import Foundation

/// A configuration check's result for one resource of one file (Trivy's `DetectedMisconfiguration`).
public struct MisconfigurationFinding: Sendable, Hashable, Codable {
    /// Whether the check failed or passed (passes are reported only with `--include-non-failures`).
    public enum Status: String, Sendable, Hashable, Codable {
        case fail = "FAIL"
        case pass = "PASS"
    }

    /// The kind of file checked, Trivy's `Type` (`dockerfile`, `kubernetes`, `helm`, `terraform`,
    /// `cloudformation`).
    public var fileType: String
    /// The file checked, relative to the scan root (or the image's history for image-config checks).
    public var filePath: String
    /// The check's current ID (`DS-0002`, `KSV-0017`, `AWS-0086`).
    public var id: String
    /// Older spellings of the ID that ignore files and policies may still use (`DS002`, `AVD-DS-0002`).
    public var aliases: [String]
    public var title: String
    public var description: String
    /// What is wrong with this resource, in words.
    public var message: String
    /// The check's namespace (`builtin.dockerfile.DS002`), when it has one.
    public var namespace: String?
    /// How to fix it.
    public var resolution: String
    public var severity: Severity
    /// The page users open first.
    public var primaryURL: String?
    public var references: [String]
    public var status: Status
    /// The image layer the file came from, for files read from an image.
    public var layer: LayerReference?
    /// Where in the file the cause is.
    public var cause: CauseMetadata
    /// The `# trivy:ignore:ID` comment in the scanned file that covers this finding, when there is one: the
    /// gate turns it into an `ignore` decision with source `inline` (unless it has expired).
    public var inlineIgnore: InlineIgnore?

    public init(
        fileType: String, filePath: String, id: String, aliases: [String] = [], title: String,
        description: String, message: String, namespace: String? = nil, resolution: String, severity: Severity,
        primaryURL: String? = nil, references: [String] = [], status: Status = .fail, layer: LayerReference? = nil,
        cause: CauseMetadata = CauseMetadata(), inlineIgnore: InlineIgnore? = nil
    ) {
        self.fileType = fileType
        self.filePath = filePath
        self.id = id
        self.aliases = aliases
        self.title = title
        self.description = description
        self.message = message
        self.namespace = namespace
        self.resolution = resolution
        self.severity = severity
        self.primaryURL = primaryURL
        self.references = references
        self.status = status
        self.layer = layer
        self.cause = cause
        self.inlineIgnore = inlineIgnore
    }
}

/// An inline ignore comment (`# trivy:ignore:DS-0002`, `# trivy:ignore:KSV017:exp:2025-12-31`) that covers
/// a misconfiguration finding.
public struct InlineIgnore: Sendable, Hashable, Codable {
    /// The rule as written in the comment (any spelling of the check's ID).
    public var rule: String
    /// The file the comment is in.
    public var file: String
    /// The comment's 1-based line.
    public var line: Int
    /// The expiry date as written (`2025-12-31`), when the comment has one.
    public var expires: String?

    public init(rule: String, file: String, line: Int, expires: String? = nil) {
        self.rule = rule
        self.file = file
        self.line = line
        self.expires = expires
    }

    /// Whether the comment no longer applies on `day` (`YYYY-MM-DD`, UTC). As Trivy reads it, the date is
    /// 00:00 UTC of that day, so the comment stops applying on the day itself (as `.trivyignore` entries do);
    /// an `exp:` that is not a real `YYYY-MM-DD` day counts as expired (Trivy reads it as the zero time), so a
    /// typo never silences a check for ever. A comment without `exp:` never expires.
    public func hasExpired(on day: String) -> Bool {
        guard let expires else { return false }
        return !hasReadableExpiry || expires <= day
    }

    /// Whether `expires`, when present, is a real day written `YYYY-MM-DD`.
    public var hasReadableExpiry: Bool {
        guard let expires else { return true }
        let parts = expires.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return DateComponents(year: year, month: month, day: day).isValidDate(in: calendar)
    }
}

/// Where a misconfiguration is (Trivy's `CauseMetadata`).
public struct CauseMetadata: Sendable, Hashable, Codable {
    /// The resource (`Deployment/web`, `aws_s3_bucket.logs`), when there is one.
    public var resource: String?
    /// The provider (`Dockerfile`, `Kubernetes`, `AWS`).
    public var provider: String?
    /// The service (`general`, `s3`).
    public var service: String?
    /// 1-based first line of the cause; `nil` when the cause is the whole file or not in a file.
    public var startLine: Int?
    /// 1-based last line of the cause.
    public var endLine: Int?
    /// The lines of the cause.
    public var code: CodeSnippet
    /// Further places that lead to the cause (a module call down to the resource), outermost first.
    public var occurrences: [CauseOccurrence]

    public init(
        resource: String? = nil, provider: String? = nil, service: String? = nil, startLine: Int? = nil,
        endLine: Int? = nil, code: CodeSnippet = CodeSnippet(), occurrences: [CauseOccurrence] = []
    ) {
        self.resource = resource
        self.provider = provider
        self.service = service
        self.startLine = startLine
        self.endLine = endLine
        self.code = code
        self.occurrences = occurrences
    }
}

/// One step on the way to a cause in another file (Trivy's `Occurrence`).
public struct CauseOccurrence: Sendable, Hashable, Codable {
    public var resource: String
    public var filename: String
    public var startLine: Int
    public var endLine: Int

    public init(resource: String, filename: String, startLine: Int, endLine: Int) {
        self.resource = resource
        self.filename = filename
        self.startLine = startLine
        self.endLine = endLine
    }
}
