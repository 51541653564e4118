import DrydockModel

/// One finding with everything around it that a rule, an exception, a VEX statement or a baseline may look at:
/// the target (result) it was found in and the scanned artifact.
public struct FindingContext: Sendable {
    public var finding: Finding
    /// The target's name as reports show it (`alpine:3.10 (alpine 3.10.4)`, `app/requirements.txt`).
    public var targetName: String
    /// The target's class (Trivy's `Class`).
    public var targetKind: TargetKind
    /// The target's type (Trivy's `Type`: `alpine`, `pip`, `gobinary`, …).
    public var targetType: String
    /// The scanned artifact (image name, tags, digests, config with labels), when known.
    public var artifact: ArtifactMetadata?

    public init(
        finding: Finding, targetName: String, targetKind: TargetKind, targetType: String,
        artifact: ArtifactMetadata? = nil
    ) {
        self.finding = finding
        self.targetName = targetName
        self.targetKind = targetKind
        self.targetType = targetType
        self.artifact = artifact
    }

    /// The context of `finding`, found in `target` of `artifact`.
    public init(_ finding: Finding, in target: DetectedTarget, artifact: ArtifactMetadata?) {
        self.init(
            finding: finding, targetName: target.name, targetKind: target.kind, targetType: target.type,
            artifact: artifact)
    }
}
