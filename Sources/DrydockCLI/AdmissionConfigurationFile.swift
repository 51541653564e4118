import DrydockAdmission
import DrydockNetwork
import DrydockPolicy
import DrydockSupplyChain
import Foundation

/// Reads `--admission-config FILE` and the policy file it names (relative to the configuration's folder).
enum AdmissionConfigurationFile {
    static func load(_ path: String) throws -> AdmissionConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.usage, "cannot read --admission-config \(path)")
        }
        var configuration: AdmissionConfiguration
        do {
            configuration = try AdmissionConfigurationParser.parse(Array(data), path: path)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        if let policy = configuration.policyFile {
            let resolved =
                policy.hasPrefix("/")
                ? policy : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(policy)
            guard let bytes = FileManager.default.contents(atPath: resolved) else {
                throw CommandFailure(.usage, "admission config \(path): cannot read gate.policy \(resolved)")
            }
            do {
                configuration.policyDocument = try PolicyParser.parse(Array(bytes), path: resolved)
            } catch {
                throw CommandFailure(.usage, "admission config \(path): gate.policy: \(error)")
            }
        }
        try registryAccess(&configuration, configuration: path)
        return configuration
    }

    /// What reads registries at admission, when anything must: the supply-chain rules of the gate policy, and the
    /// platform resolver (with those rules, or `images.platforms` given) — sharing one registry client with the
    /// server's registry credentials (docker's `config.json` and helpers, `DOCKER_CONFIG`).
    static func registryAccess(_ configuration: inout AdmissionConfiguration, configuration path: String) throws {
        let hasRules = configuration.policyDocument?.supplyChain?.rules.isEmpty == false
        guard hasRules || (configuration.platformsConfigured && !configuration.platforms.isEmpty) else { return }
        let client: RegistryClient
        do {
            client = RegistryClient(
                transport: try AsyncHTTPTransport(options: AsyncHTTPTransport.Options()),
                credentials: try CredentialResolver.load(explicit: nil),
                configuration: try RegistryConfiguration.load(path: nil))
        } catch {
            throw CommandFailure(.usage, "admission config \(path): registry access: \(error)")
        }
        if !configuration.platforms.isEmpty {
            configuration.platformResolver = PlatformResolver(
                client: client, platforms: configuration.platforms, tagTTL: configuration.tagCacheTTL)
        }
        configuration.supplyChain = try supplyChainCheck(
            configuration.policyDocument, configuration: path, settings: configuration, client: client)
    }

    /// The check of the gate policy's `supplyChain:` rules: its trusted root and keys, and the registry client.
    static func supplyChainCheck(
        _ document: PolicyDocument?, configuration path: String, settings: AdmissionConfiguration,
        client: RegistryClient
    ) throws -> SupplyChainAdmissionCheck? {
        guard let document, let policy = document.supplyChain, !policy.rules.isEmpty else { return nil }
        let evaluator: SupplyChainEvaluator
        let repository: ImageReference?
        do {
            evaluator = try SupplyChainEvaluator.load(policy, policyPath: document.path)
            repository = try ImageSupplyChainFetcher.signatureRepository(
                policy, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(.usage, "admission config \(path): gate.policy: \(error)")
        }
        return SupplyChainAdmissionCheck(
            policy: policy, evaluator: evaluator, client: client, ttl: settings.signatureCacheTTL,
            failureTTL: settings.signatureFailureCacheTTL, tagTTL: settings.tagCacheTTL,
            signatureRepository: repository, resolver: settings.platformResolver)
    }
}
