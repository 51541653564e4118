import DrydockAdmission
import DrydockPolicy
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
        return configuration
    }
}
