import DrydockPolicy
import Foundation

extension SupplyChainEvaluator {
    /// The evaluator for `policy`, read from the policy file at `policyPath`: the trusted root it names (else the
    /// built-in public-good root) and the keys its rules name, paths relative to the policy file's directory.
    /// A file that cannot be read or parsed is an error located at the policy line that names it.
    public static func load(_ policy: SupplyChainPolicy, policyPath: String) throws(SupplyChainError)
        -> SupplyChainEvaluator
    {
        let base = URL(fileURLWithPath: policyPath).deletingLastPathComponent()
        let resolve = { (path: String) in path.hasPrefix("/") ? path : base.appendingPathComponent(path).path }
        let root: TrustedRoot
        if let path = policy.trustedRoot {
            root = try read(resolve(path), what: "trusted root", at: policy.location) {
                (bytes) throws(SupplyChainError) in try TrustedRoot.parse(bytes, source: path)
            }
        } else {
            root = try TrustedRoot.publicGood
        }
        var keys: [String: VerificationKey] = [:]
        for rule in policy.rules {
            guard case .key(let path) = rule.signer, keys[path] == nil else { continue }
            keys[path] = try read(resolve(path), what: "key", at: rule.location) { (bytes) throws(SupplyChainError) in
                try VerificationKey(pemOrDER: bytes, source: path)
            }
        }
        return SupplyChainEvaluator(trustedRoot: root, keys: keys)
    }

    private static func read<Value>(
        _ path: String, what: String, at location: SourceLocation,
        parse: ([UInt8]) throws(SupplyChainError) -> Value
    ) throws(SupplyChainError) -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SupplyChainError(.malformed, "cannot read the \(what) \(path)", at: location.description)
        }
        do {
            return try parse(Array(data))
        } catch {
            throw SupplyChainError(error.code, "the \(what) \(path): \(error)", at: location.description)
        }
    }
}
