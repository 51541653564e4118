import DrydockModel

/// The products a finding's package belongs to, as VEX sees them: the package, the packages that depend on
/// it, its target (the operating system or the application file) and the scanned image.
///
/// The shape is Trivy's SBOM graph: a package belongs to the target when nothing in the target depends on it
/// (or, for a direct dependency, when the target has no root package); the target belongs to the image. A
/// statement about a product with subcomponents sets a finding aside when every path from the package up to
/// the image passes through a product the statement names with the package as subcomponent.
struct VEXProductGraph {
    /// A node: a package of the target (by index), the finding's own package when the target does not list
    /// it, the target, the image.
    enum Node: Hashable {
        case package(Int)
        case leaf
        case target
        case root
    }

    let target: DetectedTarget
    let context: VEXScanContext
    /// Indices of the packages that depend on each package ID.
    private let dependents: [String: [Int]]
    private let indexByID: [String: Int]
    private let hasRootPackage: Bool

    init(target: DetectedTarget, context: VEXScanContext) {
        self.target = target
        self.context = context
        var dependents: [String: [Int]] = [:]
        var indexByID: [String: Int] = [:]
        for (index, package) in target.packages.enumerated() {
            if indexByID[package.id] == nil { indexByID[package.id] = index }
            for dependency in package.dependsOn { dependents[dependency, default: []].append(index) }
        }
        self.dependents = dependents
        self.indexByID = indexByID
        hasRootPackage = target.packages.contains { $0.relationship == .root }
    }

    /// The node of `package`: its index in the target, or `.leaf` when the target does not list it.
    func node(of package: Package) -> Node {
        indexByID[package.id].map(Node.package) ?? .leaf
    }

    func parents(of node: Node) -> [Node] {
        switch node {
        case .package(let index):
            let package = target.packages[index]
            let up = (dependents[package.id] ?? []).filter { $0 != index }.map(Node.package)
            let belongsToTarget = package.relationship == .direct ? !hasRootPackage : up.isEmpty
            return up + (belongsToTarget ? [.target] : [])
        case .leaf: return [.target]
        case .target: return [.root]
        case .root: return []
        }
    }

    /// Whether `identifier` names `node`.
    func matches(_ identifier: VEXIdentifier, node: Node, leaf: Package) -> Bool {
        switch node {
        case .package(let index): VEXProductGraph.matches(identifier, package: target.packages[index])
        case .leaf: VEXProductGraph.matches(identifier, package: leaf)
        case .target:
            if case .cpe(let cpe) = identifier, target.kind == .osPackages, let os = context.operatingSystem {
                OperatingSystemCPE.matches(cpe, os)
            } else {
                false
            }
        case .root: context.image.matches(identifier)
        }
    }

    static func matches(_ identifier: VEXIdentifier, package: Package) -> Bool {
        guard case .purl(let pattern) = identifier, let purl = package.purl.flatMap(PackageURL.init) else {
            return false
        }
        return VEXPurlMatcher.matches(pattern, purl)
    }
}

/// What VEX matching knows about the scan beyond one target: the image and its operating system.
public struct VEXScanContext: Sendable, Hashable {
    public var image: ImageProductIdentity
    public var operatingSystem: OperatingSystem?

    public init(artifact: ArtifactMetadata, operatingSystem: OperatingSystem?) {
        image = ImageProductIdentity(artifact)
        self.operatingSystem = operatingSystem
    }
}

extension ImageProductIdentity {
    /// Whether `identifier` names this image: one of its purls, digests (as a `sha-256` hash or a string),
    /// repository digests or image ID.
    func matches(_ identifier: VEXIdentifier) -> Bool {
        switch identifier {
        case .purl(let pattern): purls.contains { VEXPurlMatcher.matches(pattern, $0) }
        case .hash(let algorithm, let value):
            ["sha-256", "sha256"].contains(algorithm) && digests.contains("sha256:" + value)
        case .other(let text): names.contains(text)
        case .cpe: false
        }
    }
}
