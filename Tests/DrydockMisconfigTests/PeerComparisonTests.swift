import DrydockMisconfig
import DrydockTestSupport
import Foundation
import Testing

/// Drydock against checkov and hadolint on `../shared/fixtures`: for each pair of equivalent checks, the
/// files both report, and the files only one reports — which must match the documented differences below.
///
/// The peers' results are checked in (`Fixtures/peers.json`, written by `scripts/oracles/misconfig_peers.py`,
/// which runs checkov once — it needs tens of seconds — and hadolint on every Dockerfile); rerun the script
/// after changing the fixtures or the peers' versions.
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
                "checkov passes a container whose `resources` has no `requests` (`resources: {}`); it has no CPU request"
        ),
        Pair(drydock: "KSV-0011", tool: "checkov", peer: "CKV_K8S_11", onlyDrydock: 0, onlyPeer: 0, reason: ""),
        Pair(
            drydock: "KSV-0016", tool: "checkov", peer: "CKV_K8S_12", onlyDrydock: 12, onlyPeer: 0,
            reason:
                "checkov passes a container whose `resources` has no `requests`; with no memory request or limit it has none"
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

    struct Peers: Decodable {
        var checkov: [String: [[IntOrString]]]
        var hadolint: [String: [[IntOrString]]]
    }

    enum IntOrString: Decodable {
        case int(Int), string(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let int = try? container.decode(Int.self) {
                self = .int(int)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
        var string: String? { if case .string(let text) = self { text } else { nil } }
    }

    @Test func agreementWithCheckovAndHadolintIsAsDocumented() throws {
        guard PackagePaths.hasShared, let shared = PackagePaths.shared else { return }
        let data = try Data(
            contentsOf: PackagePaths.root.appendingPathComponent("Tests/DrydockMisconfigTests/Fixtures/peers.json"))
        let peers = try JSONDecoder().decode(Peers.self, from: data)
        let (_, outcome) = try FixtureCorpusTests.scan(shared.appendingPathComponent("fixtures"))
        var drydock: [String: Set<String>] = [:]
        for result in outcome.results {
            let file = "fixtures/" + (result.failures.first?.cause.occurrences.first?.filename ?? result.target)
            for failure in result.failures { drydock[failure.id, default: []].insert(file) }
        }
        func peerFiles(_ tool: String, _ id: String) -> (files: Set<String>, scanned: Set<String>) {
            let table = tool == "checkov" ? peers.checkov : peers.hadolint
            let ids = Set(id.split(separator: "|").map(String.init))
            let files = Set(table.filter { $0.value.contains { ids.contains($0.first?.string ?? "") } }.keys)
            return (files, Set(table.keys))
        }
        var summary: [String] = []
        for pair in Self.pairs {
            let (peerReported, scanned) = peerFiles(pair.tool, pair.peer)
            let ours = (drydock[pair.drydock] ?? []).intersection(scanned)
            let both = ours.intersection(peerReported).count
            let onlyDrydock = ours.subtracting(peerReported).sorted()
            let onlyPeer = peerReported.subtracting(ours).sorted()
            summary.append(
                "\(pair): both \(both), only Drydock \(onlyDrydock.count), only \(pair.tool) \(onlyPeer.count)")
            #expect(onlyDrydock.count == pair.onlyDrydock, "\(pair): only Drydock reports \(onlyDrydock.prefix(5))")
            #expect(onlyPeer.count == pair.onlyPeer, "\(pair): only \(pair.tool) reports \(onlyPeer.prefix(5))")
        }
        print("peer comparison:\n" + summary.joined(separator: "\n"))
    }
}
