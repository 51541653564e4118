import DrydockModel

/// What identifies one finding within a report: its target, kind, ID, package and place.
public struct FindingKey: Sendable, Hashable {
    public var targetName: String
    public var kind: FindingKind
    public var id: String
    /// The package's purl (or name@version), for findings in a package.
    public var package: String?
    /// The file, and for checks the resource and first line.
    public var place: String?

    public init(_ finding: Finding, targetName: String) {
        self.targetName = targetName
        kind = finding.kind
        id = finding.id
        package = finding.package.map { $0.purl ?? $0.id }
        switch finding {
        case .misconfiguration(let check):
            place = "\(check.filePath)#\(check.cause.resource ?? ""):\(check.cause.startLine ?? 0)"
        case .secret(let secret): place = "\(secret.filePath):\(secret.startLine)"
        default: place = finding.filePath
        }
    }
}

extension FindingKey {
    /// The key of the finding a gate hook is asked about.
    public init(_ context: FindingContext) {
        self.init(context.finding, targetName: context.targetName)
    }
}
