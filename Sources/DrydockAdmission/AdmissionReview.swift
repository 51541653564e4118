import Foundation

/// An `admission.k8s.io/v1` `AdmissionReview` as the API server sends it to a validating webhook: the
/// request with the object (decoded as a ``KubernetesWorkload``) and, for updates, the old object.
public struct AdmissionReviewRequest: Sendable, Decodable {
    /// `admission.k8s.io/v1` (`v1beta1` has the same shape and is answered in kind).
    public var apiVersion: String
    public var kind: String
    public var request: AdmissionRequest

    /// The API versions answered.
    public static let supportedVersions: Set<String> = ["admission.k8s.io/v1", "admission.k8s.io/v1beta1"]

    /// Reads a review from a request body; the error says what is wrong in words a cluster admin can act on.
    public static func decode(_ bytes: [UInt8]) throws(AdmissionInputError) -> AdmissionReviewRequest {
        guard !bytes.isEmpty else {
            throw AdmissionInputError("the request body is empty; expected an AdmissionReview")
        }
        let review: AdmissionReviewRequest
        do {
            review = try JSONDecoder().decode(AdmissionReviewRequest.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw AdmissionInputError("not an AdmissionReview: \(path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw AdmissionInputError(
                "not an AdmissionReview: \(path(context.codingPath)) has the wrong type (\(context.debugDescription))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw AdmissionInputError("not an AdmissionReview: \(path(context.codingPath)) is null")
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw AdmissionInputError("the request body is not JSON")
        } catch {
            throw AdmissionInputError("not an AdmissionReview: \(error)")
        }
        guard review.kind == "AdmissionReview" else {
            throw AdmissionInputError("kind is '\(review.kind)'; expected AdmissionReview")
        }
        guard supportedVersions.contains(review.apiVersion) else {
            throw AdmissionInputError(
                "apiVersion '\(review.apiVersion)' is not supported; set admissionReviewVersions: [\"v1\"]")
        }
        guard !review.request.uid.isEmpty else { throw AdmissionInputError("request.uid is empty") }
        return review
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }
}

/// A body that is not an `AdmissionReview` the webhook can answer (the server answers 400 with the reason).
public struct AdmissionInputError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// `request` of an `AdmissionReview`.
public struct AdmissionRequest: Sendable, Decodable {
    /// Echoed in the response.
    public var uid: String
    /// `{group, version, kind}` of the object.
    public var kind: GroupVersionKind
    /// `{group, version, resource}` (`pods`, `deployments`).
    public var resource: GroupVersionResource?
    /// `ephemeralcontainers`, `status`, `scale`, … for subresource requests.
    public var subResource: String?
    public var name: String?
    public var namespace: String?
    /// `CREATE`, `UPDATE`, `DELETE` or `CONNECT`.
    public var operation: String
    public var userInfo: UserInfo?
    /// The object as it would be stored; `nil` for `DELETE`.
    public var object: KubernetesWorkload?
    /// The object before an `UPDATE` (or the deleted one).
    public var oldObject: KubernetesWorkload?
    public var dryRun: Bool?

    public init(
        uid: String, kind: GroupVersionKind, resource: GroupVersionResource? = nil, subResource: String? = nil,
        name: String? = nil, namespace: String? = nil, operation: String, userInfo: UserInfo? = nil,
        object: KubernetesWorkload? = nil, oldObject: KubernetesWorkload? = nil, dryRun: Bool? = nil
    ) {
        self.uid = uid
        self.kind = kind
        self.resource = resource
        self.subResource = subResource
        self.name = name
        self.namespace = namespace
        self.operation = operation
        self.userInfo = userInfo
        self.object = object
        self.oldObject = oldObject
        self.dryRun = dryRun
    }
}

public struct GroupVersionKind: Sendable, Hashable, Codable {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case group, version, kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
        version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
        kind = try container.decode(String.self, forKey: .kind)
    }
}

public struct GroupVersionResource: Sendable, Hashable, Codable {
    public var group: String?
    public var version: String?
    public var resource: String?
}

/// Who asks: recorded in the audit log.
public struct UserInfo: Sendable, Hashable, Codable {
    public var username: String?
    public var groups: [String]?

    public init(username: String? = nil, groups: [String]? = nil) {
        self.username = username
        self.groups = groups
    }
}

/// The answer: an `AdmissionReview` with `response.uid` echoed, `allowed`, a `status` (a `metav1.Status`)
/// carrying what a user sees in `kubectl` when denied, and `warnings` (shown by `kubectl` as `Warning:`).
public struct AdmissionReviewResponse: Sendable, Codable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var response: AdmissionResponse

    public init(apiVersion: String = "admission.k8s.io/v1", response: AdmissionResponse) {
        self.apiVersion = apiVersion
        self.kind = "AdmissionReview"
        self.response = response
    }
}

public struct AdmissionResponse: Sendable, Codable, Hashable {
    public var uid: String
    public var allowed: Bool
    public var status: AdmissionStatus?
    public var warnings: [String]?

    public init(uid: String, allowed: Bool, status: AdmissionStatus? = nil, warnings: [String]? = nil) {
        self.uid = uid
        self.allowed = allowed
        self.status = status
        self.warnings = warnings
    }
}

/// A `metav1.Status`: `code` 403 with reason `Forbidden` for a denial.
public struct AdmissionStatus: Sendable, Codable, Hashable {
    /// `Success` or `Failure`.
    public var status: String
    public var code: Int
    public var reason: String
    public var message: String

    public init(status: String = "Failure", code: Int, reason: String, message: String) {
        self.status = status
        self.code = code
        self.reason = reason
        self.message = message
    }
}
