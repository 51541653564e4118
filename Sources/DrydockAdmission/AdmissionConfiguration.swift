import DrydockModel
import DrydockPolicy
import Foundation

/// How the webhook decides (`docs/admission.md`): which objects it looks at, the image rules, the gate,
/// exemptions, and what to do when the repository has no answer. Read from YAML by
/// ``AdmissionConfigurationParser``; the defaults are what a server without `--admission-config` uses.
public struct AdmissionConfiguration: Sendable, Hashable {
    /// `enforce` denies; `audit` allows with warnings.
    public var mode: AdmissionMode = .enforce
    /// What to do when the store cannot answer within the time budget.
    public var failurePolicy: FailurePolicy = .closed
    /// The longest a decision may take; a lookup still running then counts as no answer.
    public var timeBudget: Duration = .milliseconds(500)
    /// On `UPDATE`, decide only images the old object did not already run (a scale or a label change is not
    /// blocked by an image admitted earlier).
    public var onlyChangedImagesOnUpdate = true
    /// Namespaces looked at (globs); everything else is allowed without a decision.
    public var includeNamespaces: [GlobText] = [GlobText("*")]
    public var excludeNamespaces: [GlobText] = []
    /// Label selector on the object's labels (and a pod template's labels).
    public var objectSelector = LabelSelector()
    /// Per-namespace overrides of mode and failure policy, first match wins.
    public var namespaceOverrides: [NamespaceOverride] = []
    /// Deny images the repository has not seen.
    public var requireScan = true
    /// Deny images whose last scan (or SBOM push) is older than this.
    public var maxScanAge: TimeInterval?
    /// Deny images not referenced by digest (`@sha256:…`).
    public var requireDigest = false
    /// Registries (`registry.example`, or a prefix `ghcr.io/acme`) images may come from; empty: any.
    public var allowedRegistries: [String] = []
    /// Gate: severities that fail, unfixed findings ignored, and an optional policy file.
    public var gateSeverities: Set<Severity> = [.critical]
    public var ignoreUnfixed = false
    /// The policy file's path (`gate.policy`); its document, once the front end has read and parsed it.
    public var policyFile: String?
    public var policyDocument: PolicyDocument?
    /// Exemptions, each with an owner and an expiry.
    public var exemptions: [AdmissionExemption] = []
    /// Whether the webhook needs a bearer token (scope `read`); `authentication: none` serves it without one.
    public var requireToken = true
    /// The gate policy's supply-chain rules with what checks them (trusted root, keys, a registry client), when
    /// the policy file has a `supplyChain:` section; built by the front end that reads the policy.
    public var supplyChain: SupplyChainAdmissionCheck?
    /// The platforms a multi-platform image must pass for (`images.platforms`): each one's scan record and
    /// signatures are judged when the webhook resolves images in their registries (``platformResolver``).
    public var platforms: [ImagePlatform] = ImagePlatform.defaults
    /// Whether the file set `images.platforms` (then the webhook reads registries even without supply-chain rules).
    public var platformsConfigured = false
    /// Resolves references in their registries, when the webhook reads registries (supply-chain rules in the gate
    /// policy, or `images.platforms` given); built by the front end. `nil`: the scan stored for the reference
    /// decides, whatever platform it is for.
    public var platformResolver: PlatformResolver?
    /// How long an image found in the store is remembered by reference without asking the store again.
    public var lookupCacheTTL: TimeInterval = 10
    /// How long an image's supply-chain results are remembered by digest when every `fail` rule is met
    /// (`signatureCacheTTL`), when one is not (`signatureFailureCacheTTL`: a signature pushed after a denial
    /// counts soon), and how long a tag is remembered as its digest (`tagCacheTTL`). `0s` asks every time.
    public var signatureCacheTTL: TimeInterval = 300
    public var signatureFailureCacheTTL: TimeInterval = 30
    public var tagCacheTTL: TimeInterval = 10

    public init() {}

    /// The gate's policy: the severities fail (as `--severity … --exit-code 1`), or the policy file's rules
    /// decide (every severity reaches them), as the CLI's gate does.
    public var scanPolicy: ScanPolicy {
        ScanPolicy(
            severities: policyDocument == nil ? gateSeverities : Set(Severity.allCases), ignoreUnfixed: ignoreUnfixed,
            failureExitCode: 1, document: policyDocument)
    }

    /// Closes the registry connections of the supply-chain check and the platform resolver (one shared client
    /// when the front end built them).
    public func shutdownRegistryAccess() async {
        if let supplyChain {
            await supplyChain.shutdown()
        } else {
            await platformResolver?.shutdown()
        }
    }

    /// The mode and failure policy for `namespace`.
    public func settings(for namespace: String) -> (mode: AdmissionMode, failurePolicy: FailurePolicy) {
        for override in namespaceOverrides where override.namespaces.contains(where: { $0.matches(namespace) }) {
            return (override.mode ?? mode, override.failurePolicy ?? failurePolicy)
        }
        return (mode, failurePolicy)
    }

    /// Whether objects in `namespace` are decided at all.
    public func selects(namespace: String) -> Bool {
        includeNamespaces.contains { $0.matches(namespace) } && !excludeNamespaces.contains { $0.matches(namespace) }
    }
}

public enum AdmissionMode: String, Sendable, Hashable, Codable {
    case enforce
    case audit
}

/// Fail closed (deny) or open (allow with a warning) when the repository has no answer.
public enum FailurePolicy: String, Sendable, Hashable, Codable {
    case open
    case closed
}

/// A per-namespace setting.
public struct NamespaceOverride: Sendable, Hashable {
    public var namespaces: [GlobText]
    public var mode: AdmissionMode?
    public var failurePolicy: FailurePolicy?

    public init(namespaces: [GlobText], mode: AdmissionMode? = nil, failurePolicy: FailurePolicy? = nil) {
        self.namespaces = namespaces
        self.mode = mode
        self.failurePolicy = failurePolicy
    }
}

/// An exemption: which images in which namespaces skip which rules, who owns it and until when.
public struct AdmissionExemption: Sendable, Hashable {
    public var id: String
    public var owner: String
    public var reason: String
    public var expires: Date
    public var namespaces: [GlobText]
    public var images: [GlobText]
    /// Rules it lifts; empty: every rule.
    public var rules: Set<AdmissionRule>

    public init(
        id: String, owner: String, reason: String, expires: Date, namespaces: [GlobText] = [GlobText("*")],
        images: [GlobText] = [GlobText("*")], rules: Set<AdmissionRule> = []
    ) {
        self.id = id
        self.owner = owner
        self.reason = reason
        self.expires = expires
        self.namespaces = namespaces
        self.images = images
        self.rules = rules
    }

    /// Whether it covers `rule` for `image` in `namespace` (expiry aside).
    public func covers(_ rule: AdmissionRule, image: String, namespace: String) -> Bool {
        (rules.isEmpty || rules.contains(rule)) && namespaces.contains { $0.matches(namespace) }
            && images.contains { $0.matches(image) }
    }
}

/// The rules an image can break; their raw values are the IDs messages, exemptions and the audit log use.
public enum AdmissionRule: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case notScanned = "not-scanned"
    case scanAge = "scan-age"
    case gate
    case registry
    case digest
    /// A supply-chain rule of the gate policy (signature, provenance, digest) is not met.
    case supplyChain = "supply-chain"
    case storeUnavailable = "store-unavailable"
    case invalidImage = "invalid-image"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A glob over names: `*` any run of characters, `?` one character.
public struct GlobText: Sendable, Hashable {
    public var pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    /// Whether `text` matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        Self.match(Array(pattern.utf8)[...], Array(text.utf8)[...])
    }

    static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var star: (p: Int, t: Int)?
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.p + 1
                t = last.t + 1
                star = (last.p, last.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}
