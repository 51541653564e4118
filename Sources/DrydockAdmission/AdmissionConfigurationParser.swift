import DrydockModel
import DrydockPolicy
import Foundation
import Yams

/// Reads an admission configuration file (YAML, `docs/admission.md`): bytes in, ``AdmissionConfiguration`` out.
/// Unknown keys, wrong types, unknown rules, bad durations and exemptions without an owner or an expiry are
/// errors naming the file and the field.
public enum AdmissionConfigurationParser {
    /// The `apiVersion` the file must carry.
    public static let apiVersion = "drydock.dev/admission/v1"

    public static func parse(_ bytes: [UInt8], path: String) throws(AdmissionConfigurationError)
        -> AdmissionConfiguration
    {
        let file: ConfigFile
        do {
            file = try YAMLDecoder().decode(ConfigFile.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw AdmissionConfigurationError(path: path, reason: Self.describe(error))
        } catch let error as AdmissionConfigurationError {
            throw AdmissionConfigurationError(path: path, reason: error.reason)
        } catch {
            throw AdmissionConfigurationError(path: path, reason: "invalid YAML: \(error)")
        }
        do {
            return try file.configuration()
        } catch {
            throw AdmissionConfigurationError(path: path, reason: error.reason)
        }
    }

    /// A duration: a number followed by `ms`, `s`, `m`, `h` or `d` (`500ms`, `7d`).
    public static func duration(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if number.hasSuffix("m") && suffix == "s" { continue }
            guard let value = Double(number), value >= 0 else { return nil }
            return value * scale
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "invalid YAML: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
                : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// A configuration file that cannot be used: the file and what is wrong.
public struct AdmissionConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "admission config \(path): \(reason)" }
}

/// Throws on keys a section does not know (a typo must not silently turn a rule off).
private func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: K.Type, _ section: String)
    throws
{
    let known = Set(K.allCases.map(\.stringValue))
    let container = try decoder.container(keyedBy: AnyKey.self)
    if let unknown = container.allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
        throw AdmissionConfigurationError(
            path: "",
            reason: "\(section): unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
    }
}

/// Any key, to list what a mapping holds.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

struct ConfigFile: Decodable {
    struct Namespaces: Decodable {
        var include: [String]?
        var exclude: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case include, exclude }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self, "namespaces")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            include = try c.decodeIfPresent([String].self, forKey: .include)
            exclude = try c.decodeIfPresent([String].self, forKey: .exclude)
        }
    }
    struct Override: Decodable {
        var namespaces: [String]
        var mode: AdmissionMode?
        var failurePolicy: FailurePolicy?
    }
    struct Images: Decodable {
        var requireScan: Bool?
        var maxScanAge: String?
        var requireDigest: Bool?
        var allowedRegistries: [String]?
        var platforms: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case requireScan, maxScanAge, requireDigest, allowedRegistries, platforms
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self, "images")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            requireScan = try c.decodeIfPresent(Bool.self, forKey: .requireScan)
            maxScanAge = try c.decodeIfPresent(String.self, forKey: .maxScanAge)
            requireDigest = try c.decodeIfPresent(Bool.self, forKey: .requireDigest)
            allowedRegistries = try c.decodeIfPresent([String].self, forKey: .allowedRegistries)
            platforms = try c.decodeIfPresent([String].self, forKey: .platforms)
        }
    }
    struct GateSection: Decodable {
        var severities: [String]?
        var ignoreUnfixed: Bool?
        var policy: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case severities, ignoreUnfixed, policy }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self, "gate")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            severities = try c.decodeIfPresent([String].self, forKey: .severities)
            ignoreUnfixed = try c.decodeIfPresent(Bool.self, forKey: .ignoreUnfixed)
            policy = try c.decodeIfPresent(String.self, forKey: .policy)
        }
    }
    struct Exemption: Decodable {
        var id: String
        var owner: String?
        var reason: String?
        var expires: String?
        var namespaces: [String]?
        var images: [String]?
        var rules: [String]?
    }

    var apiVersion: String?
    var mode: AdmissionMode?
    var failurePolicy: FailurePolicy?
    var timeBudget: String?
    var updates: String?
    var namespaces: Namespaces?
    var objectSelector: LabelSelector?
    var namespaceOverrides: [Override]?
    var images: Images?
    var gate: GateSection?
    var exemptions: [Exemption]?
    var cacheTTL: String?
    var signatureCacheTTL: String?
    var signatureFailureCacheTTL: String?
    var tagCacheTTL: String?
    var authentication: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case apiVersion, mode, failurePolicy, timeBudget, updates, namespaces, objectSelector, namespaceOverrides
        case images, gate, exemptions, cacheTTL, signatureCacheTTL, signatureFailureCacheTTL, tagCacheTTL
        case authentication
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self, "the file")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        mode = try c.decodeIfPresent(AdmissionMode.self, forKey: .mode)
        failurePolicy = try c.decodeIfPresent(FailurePolicy.self, forKey: .failurePolicy)
        timeBudget = try c.decodeIfPresent(String.self, forKey: .timeBudget)
        updates = try c.decodeIfPresent(String.self, forKey: .updates)
        namespaces = try c.decodeIfPresent(Namespaces.self, forKey: .namespaces)
        objectSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .objectSelector)
        namespaceOverrides = try c.decodeIfPresent([Override].self, forKey: .namespaceOverrides)
        images = try c.decodeIfPresent(Images.self, forKey: .images)
        gate = try c.decodeIfPresent(GateSection.self, forKey: .gate)
        exemptions = try c.decodeIfPresent([Exemption].self, forKey: .exemptions)
        cacheTTL = try c.decodeIfPresent(String.self, forKey: .cacheTTL)
        signatureCacheTTL = try c.decodeIfPresent(String.self, forKey: .signatureCacheTTL)
        signatureFailureCacheTTL = try c.decodeIfPresent(String.self, forKey: .signatureFailureCacheTTL)
        tagCacheTTL = try c.decodeIfPresent(String.self, forKey: .tagCacheTTL)
        authentication = try c.decodeIfPresent(String.self, forKey: .authentication)
    }

    func configuration() throws(AdmissionConfigurationError) -> AdmissionConfiguration {
        func fail(_ reason: String) -> AdmissionConfigurationError {
            AdmissionConfigurationError(path: "", reason: reason)
        }
        func duration(_ text: String?, _ field: String) throws(AdmissionConfigurationError) -> TimeInterval? {
            guard let text else { return nil }
            guard let value = AdmissionConfigurationParser.duration(text) else {
                throw fail("\(field) '\(text)': expected a duration such as 500ms, 30s, 12h or 7d")
            }
            return value
        }
        guard let apiVersion else {
            throw fail("apiVersion is required: write 'apiVersion: \(AdmissionConfigurationParser.apiVersion)'")
        }
        guard apiVersion == AdmissionConfigurationParser.apiVersion else {
            throw fail("apiVersion '\(apiVersion)': expected \(AdmissionConfigurationParser.apiVersion)")
        }
        var config = AdmissionConfiguration()
        if let mode { config.mode = mode }
        if let failurePolicy { config.failurePolicy = failurePolicy }
        if let budget = try duration(timeBudget, "timeBudget") {
            guard budget > 0, budget <= 30 else { throw fail("timeBudget must be above 0 and at most 30s") }
            config.timeBudget = .milliseconds(Int64((budget * 1000).rounded()))
        }
        switch updates {
        case nil, "changed-images": config.onlyChangedImagesOnUpdate = true
        case "all-images": config.onlyChangedImagesOnUpdate = false
        case let other?: throw fail("updates '\(other)': expected changed-images or all-images")
        }
        if let include = namespaces?.include { config.includeNamespaces = include.map(GlobText.init) }
        if let exclude = namespaces?.exclude { config.excludeNamespaces = exclude.map(GlobText.init) }
        if let objectSelector { config.objectSelector = objectSelector }
        for (index, override) in (namespaceOverrides ?? []).enumerated() {
            guard !override.namespaces.isEmpty else { throw fail("namespaceOverrides[\(index)].namespaces is empty") }
            config.namespaceOverrides.append(
                NamespaceOverride(
                    namespaces: override.namespaces.map(GlobText.init), mode: override.mode,
                    failurePolicy: override.failurePolicy))
        }
        if let images {
            if let value = images.requireScan { config.requireScan = value }
            if let value = images.requireDigest { config.requireDigest = value }
            config.maxScanAge = try duration(images.maxScanAge, "images.maxScanAge")
            config.allowedRegistries = (images.allowedRegistries ?? []).map {
                $0.hasSuffix("/") ? String($0.dropLast()) : $0
            }
            if let names = images.platforms {
                var platforms: [ImagePlatform] = []
                for name in names {
                    guard let platform = ImagePlatform(name) else {
                        throw fail(
                            "images.platforms: '\(name)' is not a platform (os/architecture[/variant], linux/arm64)")
                    }
                    guard !platforms.contains(platform) else {
                        throw fail("images.platforms: '\(name)' is given twice")
                    }
                    platforms.append(platform)
                }
                config.platforms = platforms
                config.platformsConfigured = true
            }
        }
        if let gate {
            if let severities = gate.severities {
                var set: Set<Severity> = []
                for name in severities {
                    guard let severity = Severity(rawValue: name.uppercased()) else {
                        throw fail(
                            "gate.severities: '\(name)' is not a severity (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)")
                    }
                    set.insert(severity)
                }
                config.gateSeverities = set
            }
            if let value = gate.ignoreUnfixed { config.ignoreUnfixed = value }
            config.policyFile = gate.policy
        }
        if let ttl = try duration(cacheTTL, "cacheTTL") { config.lookupCacheTTL = ttl }
        // How long supply-chain results are remembered: a long memory delays a revocation (a key removed from the
        // policy takes a restart anyway, a deleted signature does not), a short one asks the registry more often.
        let limits: [(String?, String, TimeInterval, WritableKeyPath<AdmissionConfiguration, TimeInterval>)] = [
            (signatureCacheTTL, "signatureCacheTTL", 86_400, \.signatureCacheTTL),
            (signatureFailureCacheTTL, "signatureFailureCacheTTL", 3600, \.signatureFailureCacheTTL),
            (tagCacheTTL, "tagCacheTTL", 3600, \.tagCacheTTL),
        ]
        for (text, field, limit, keyPath) in limits {
            guard let ttl = try duration(text, field) else { continue }
            guard ttl <= limit else {
                throw fail("\(field) '\(text ?? "")' is longer than \(AdmissionDecider.age(limit)), the most it may be")
            }
            config[keyPath: keyPath] = ttl
        }
        switch authentication {
        case nil, "token": config.requireToken = true
        case "none": config.requireToken = false
        case let other?: throw fail("authentication '\(other)': expected token or none")
        }
        var ids: Set<String> = []
        for (index, exemption) in (exemptions ?? []).enumerated() {
            let field = "exemptions[\(index)] (\(exemption.id))"
            guard ids.insert(exemption.id).inserted else { throw fail("\(field): id given twice") }
            guard let owner = exemption.owner, !owner.isEmpty else { throw fail("\(field): owner is required") }
            guard let expiresText = exemption.expires else {
                throw fail("\(field): expires is required (YYYY-MM-DD or RFC 3339); exemptions do not last forever")
            }
            guard let expires = PolicyDate.parse(expiresText) else {
                throw fail("\(field): expires '\(expiresText)' is not a date (YYYY-MM-DD or RFC 3339)")
            }
            var rules: Set<AdmissionRule> = []
            for name in exemption.rules ?? [] {
                guard let rule = AdmissionRule(rawValue: name) else {
                    throw fail(
                        "\(field): rule '\(name)' is unknown (\(AdmissionRule.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                rules.insert(rule)
            }
            config.exemptions.append(
                AdmissionExemption(
                    id: exemption.id, owner: owner, reason: exemption.reason ?? "", expires: expires,
                    namespaces: (exemption.namespaces ?? ["*"]).map(GlobText.init),
                    images: (exemption.images ?? ["*"]).map(GlobText.init), rules: rules))
        }
        return config
    }
}
