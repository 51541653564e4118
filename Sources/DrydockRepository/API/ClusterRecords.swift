import Foundation

/// One container of a workload running in a cluster, as `drydock k8s --server` reports it.
public struct ClusterWorkloadRecord: Sendable, Hashable, Codable {
    public var namespace: String
    /// `Deployment`, `Pod`, …
    public var kind: String
    public var name: String
    public var container: String
    /// `container`, `initContainer` or `ephemeralContainer`.
    public var role: String
    /// The image as the workload writes it.
    public var image: String

    public init(namespace: String, kind: String, name: String, container: String, role: String, image: String) {
        self.namespace = namespace
        self.kind = kind
        self.name = name
        self.container = container
        self.role = role
        self.image = image
    }
}

/// `POST /api/v1/clusters/{cluster}/workloads`: what runs in a cluster, replacing the previous report.
public struct ClusterInventorySubmission: Sendable, Hashable, Codable {
    public var workloads: [ClusterWorkloadRecord]

    public init(workloads: [ClusterWorkloadRecord]) { self.workloads = workloads }
}

/// The repository's view of one image a cluster runs.
public struct ClusterImageStatus: Sendable, Hashable, Codable {
    /// The image as workloads write it.
    public var image: String
    /// The stored image it resolves to, when the repository has one.
    public var digest: String?
    public var lastScanned: Date?
    /// Open findings per severity (`CRITICAL`: 2).
    public var openFindings: [String: Int]

    public init(image: String, digest: String?, lastScanned: Date?, openFindings: [String: Int]) {
        self.image = image
        self.digest = digest
        self.lastScanned = lastScanned
        self.openFindings = openFindings
    }
}

/// The answer to a cluster inventory: each distinct image and what the repository knows of it.
public struct ClusterInventoryAnswer: Sendable, Hashable, Codable {
    public var cluster: String
    public var workloads: Int
    public var images: [ClusterImageStatus]

    public init(cluster: String, workloads: Int, images: [ClusterImageStatus]) {
        self.cluster = cluster
        self.workloads = workloads
        self.images = images
    }
}

/// A stored image found by reference: the key it is stored under and when it was last scanned.
public struct StoredImageMatch: Sendable, Hashable {
    public var digest: String
    public var lastScanned: Date

    public init(digest: String, lastScanned: Date) {
        self.digest = digest
        self.lastScanned = lastScanned
    }
}

/// One stored line of the admission audit log (the triage log's lines are ``AuditEntry``).
public struct AdmissionAuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    /// Who asked (the Kubernetes user for admission).
    public var actor: String
    /// `admission.allow`, `admission.deny`, `admission.warn`.
    public var action: String
    /// `Deployment/team/web`.
    public var object: String
    /// The decision record as JSON.
    public var detail: [UInt8]

    public init(at: Date, actor: String, action: String, object: String, detail: [UInt8]) {
        self.at = at
        self.actor = actor
        self.action = action
        self.object = object
        self.detail = detail
    }
}
