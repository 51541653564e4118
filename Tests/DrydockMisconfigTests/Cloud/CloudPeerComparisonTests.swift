import DrydockMisconfig
import DrydockTestSupport
import Foundation
import Testing

/// Drydock against the real checkov (PyPI `checkov`) on the Terraform and CloudFormation of
/// ``CloudPeerCorpus``: for each pair of checks that ask the same question, the resources both report and the
/// resources only one reports, which must match the documented differences (docs/misconfig.md#peers). checkov
/// runs once, limited to the paired checks (about 10 s).
@Suite struct CloudPeerComparisonTests {
    struct Pair: Sendable, CustomStringConvertible {
        var drydock: String
        var family: String
        var checkov: String
        var onlyDrydock: Int = 0
        var onlyPeer: Int = 0
        var reason: String = ""

        var description: String { "\(drydock) ~ checkov \(checkov)" }
    }

    static let pabReason =
        "Terraform: checkov judges the aws_s3_bucket_public_access_block resource, Drydock the bucket it protects (and a bucket without one)"

    static let pairs: [Pair] =
        [
            Pair(
                drydock: "AWS-0086", family: "s3", checkov: "CKV_AWS_53", onlyDrydock: 2, onlyPeer: 1, reason: pabReason
            ),
            Pair(
                drydock: "AWS-0087", family: "s3", checkov: "CKV_AWS_54", onlyDrydock: 2, onlyPeer: 1, reason: pabReason
            ),
            Pair(
                drydock: "AWS-0091", family: "s3", checkov: "CKV_AWS_55", onlyDrydock: 2, onlyPeer: 1, reason: pabReason
            ),
            Pair(
                drydock: "AWS-0093", family: "s3", checkov: "CKV_AWS_56", onlyDrydock: 2, onlyPeer: 1, reason: pabReason
            ),
            Pair(drydock: "AWS-0090", family: "s3", checkov: "CKV_AWS_21"),
            Pair(drydock: "AWS-0089", family: "s3", checkov: "CKV_AWS_18"),
            Pair(drydock: "AWS-0107", family: "ec2", checkov: "CKV_AWS_24|CKV_AWS_25"),
            Pair(drydock: "AWS-0028", family: "ec2", checkov: "CKV_AWS_79"),
            Pair(drydock: "AWS-0026", family: "ec2", checkov: "CKV_AWS_3"),
            Pair(drydock: "AWS-0080", family: "rds", checkov: "CKV_AWS_16"),
            Pair(drydock: "AWS-0180", family: "rds", checkov: "CKV_AWS_17"),
            Pair(drydock: "AWS-0031", family: "ecr", checkov: "CKV_AWS_51"),
            Pair(drydock: "AWS-0030", family: "ecr", checkov: "CKV_AWS_163"),
            Pair(drydock: "AWS-0065", family: "kms", checkov: "CKV_AWS_7"),
            Pair(drydock: "AWS-0016", family: "cloudtrail", checkov: "CKV_AWS_36"),
            Pair(drydock: "AWS-0014", family: "cloudtrail", checkov: "CKV_AWS_67"),
            Pair(drydock: "AWS-0066", family: "lambda", checkov: "CKV_AWS_50"),
            Pair(drydock: "AWS-0039", family: "eks", checkov: "CKV_AWS_58"),
            Pair(drydock: "AWS-0040", family: "eks", checkov: "CKV_AWS_39"),
            Pair(drydock: "AWS-0052", family: "elb", checkov: "CKV_AWS_131"),
            Pair(drydock: "AWS-0062", family: "password", checkov: "CKV_AWS_9"),
            Pair(drydock: "AWS-0063", family: "password", checkov: "CKV_AWS_10"),
            Pair(drydock: "AWS-0058", family: "password", checkov: "CKV_AWS_11"),
            Pair(drydock: "AWS-0056", family: "password", checkov: "CKV_AWS_13"),
            Pair(drydock: "AWS-0060", family: "password", checkov: "CKV_AWS_14"),
            Pair(drydock: "AWS-0061", family: "password", checkov: "CKV_AWS_15"),
            Pair(drydock: "GCP-0044", family: "gcp-compute", checkov: "CKV_GCP_30"),
            Pair(drydock: "GCP-0030", family: "gcp-compute", checkov: "CKV_GCP_32"),
            Pair(
                drydock: "GCP-0036", family: "gcp-compute", checkov: "CKV_GCP_34", onlyDrydock: 1,
                reason: "checkov takes only `false` for an OS Login override; Compute Engine reads `FALSE` the same"),
            Pair(drydock: "GCP-0032", family: "gcp-compute", checkov: "CKV_GCP_35"),
            Pair(drydock: "GCP-0043", family: "gcp-compute", checkov: "CKV_GCP_36"),
            Pair(drydock: "GCP-0067", family: "gcp-compute", checkov: "CKV_GCP_39"),
            Pair(drydock: "GCP-0031", family: "gcp-compute", checkov: "CKV_GCP_40"),
            Pair(drydock: "GCP-0011", family: "gcp-iam", checkov: "CKV_GCP_41"),
            Pair(drydock: "GCP-0007", family: "gcp-iam", checkov: "CKV_GCP_42"),
            Pair(drydock: "GCP-0005", family: "gcp-iam", checkov: "CKV_GCP_44"),
            Pair(drydock: "GCP-0006", family: "gcp-iam", checkov: "CKV_GCP_46"),
            Pair(drydock: "AZU-0027", family: "azure-database", checkov: "CKV_AZURE_23"),
            Pair(drydock: "AZU-0020", family: "azure-database", checkov: "CKV_AZURE_28|CKV_AZURE_29"),
            Pair(
                drydock: "AZU-0022", family: "azure-database", checkov: "CKV_AZURE_113", onlyDrydock: 2,
                reason: "checkov's check covers SQL Server only; Drydock (as Trivy) also PostgreSQL and MySQL servers"),
        ] + servicePairs

    /// GKE, Cloud SQL, AKS, key vault, Azure storage, RDS and CloudTrail (``CloudPeerCorpus/services``).
    static let servicePairs: [Pair] = [
        Pair(drydock: "GCP-0061", family: "gke", checkov: "CKV_GCP_20"),
        Pair(drydock: "GCP-0051", family: "gke", checkov: "CKV_GCP_21"),
        Pair(drydock: "GCP-0049", family: "gke", checkov: "CKV_GCP_23"),
        Pair(drydock: "GCP-0056", family: "gke", checkov: "CKV_GCP_12"),
        Pair(drydock: "GCP-0055", family: "gke", checkov: "CKV_GCP_71"),
        Pair(drydock: "GCP-0063", family: "gke", checkov: "CKV_GCP_9"),
        Pair(drydock: "GCP-0058", family: "gke", checkov: "CKV_GCP_10"),
        Pair(
            drydock: "GCP-0064", family: "gke", checkov: "CKV_GCP_13", onlyPeer: 1,
            reason:
                "checkov wants `issue_client_certificate = false` written out; GKE issues no client certificate unless asked"
        ),
        Pair(drydock: "GCP-0016", family: "cloud-sql", checkov: "CKV_GCP_52"),
        Pair(drydock: "GCP-0022", family: "cloud-sql", checkov: "CKV_GCP_53"),
        Pair(drydock: "GCP-0020", family: "cloud-sql", checkov: "CKV_GCP_54"),
        Pair(drydock: "GCP-0025", family: "cloud-sql", checkov: "CKV_GCP_51"),
        Pair(drydock: "GCP-0026", family: "cloud-sql", checkov: "CKV_GCP_50"),
        Pair(drydock: "GCP-0024", family: "cloud-sql", checkov: "CKV_GCP_14"),
        Pair(drydock: "AZU-0040", family: "aks", checkov: "CKV_AZURE_4"),
        Pair(drydock: "AZU-0041", family: "aks", checkov: "CKV_AZURE_6"),
        Pair(drydock: "AZU-0043", family: "aks", checkov: "CKV_AZURE_7"),
        Pair(drydock: "AZU-0065", family: "aks", checkov: "CKV_AZURE_115"),
        Pair(drydock: "AZU-0066", family: "aks", checkov: "CKV_AZURE_116"),
        Pair(drydock: "AZU-0067", family: "aks", checkov: "CKV_AZURE_117"),
        Pair(drydock: "AZU-0013", family: "keyvault", checkov: "CKV_AZURE_109"),
        Pair(drydock: "AZU-0014", family: "keyvault", checkov: "CKV_AZURE_40"),
        Pair(drydock: "AZU-0017", family: "keyvault", checkov: "CKV_AZURE_41"),
        Pair(drydock: "AZU-0015", family: "keyvault", checkov: "CKV_AZURE_114"),
        Pair(drydock: "AZU-0012", family: "azure-storage", checkov: "CKV_AZURE_35"),
        Pair(drydock: "AZU-0007", family: "azure-storage", checkov: "CKV_AZURE_34"),
        Pair(drydock: "AZU-0058", family: "azure-storage", checkov: "CKV_AZURE_206"),
        Pair(drydock: "AZU-0056", family: "azure-storage", checkov: "CKV2_AZURE_38"),
        Pair(drydock: "AWS-0176", family: "rds", checkov: "CKV_AWS_161"),
        Pair(
            drydock: "AWS-0177", family: "rds", checkov: "CKV_AWS_293", onlyDrydock: 2,
            reason: "checkov's deletion-protection check for instances reads Terraform only, not CloudFormation"),
        Pair(drydock: "AWS-0343", family: "rds", checkov: "CKV_AWS_139"),
        Pair(
            drydock: "AWS-0162", family: "cloudtrail", checkov: "CKV2_AWS_10", onlyPeer: 1,
            reason:
                "checkov's graph check wants the log group declared alongside; an ARN written out is enough for Drydock (as Trivy)"
        ),
    ]

    /// `file|resource` keys of what Drydock reports per check.
    static func drydock(_ root: URL) -> [String: Set<String>] {
        var reported: [String: Set<String>] = [:]
        let scanner = ConfigScanner()
        var outcome = scanner.scanTerraform(
            CloudPeerCorpus.files.filter { $0.key.hasPrefix("tf/") }.map {
                TerraformProject.SourceFile(path: $0.key, text: $0.value)
            })
        for (path, text) in CloudPeerCorpus.files where path.hasPrefix("cfn/") {
            outcome.merge(scanner.scan(path: path, content: Array(text.utf8)))
        }
        for result in outcome.results {
            for failure in result.failures {
                reported[failure.id, default: []].insert("\(result.target)|\(failure.cause.resource ?? "")")
            }
        }
        return reported
    }

    /// checkov's failures and every resource it judged, as `file|resource` keys.
    static func checkov(_ root: URL) throws -> (version: String, failing: [String: Set<String>], judged: Set<String>) {
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = "ERROR"
        let checks = pairs.flatMap { $0.checkov.split(separator: "|").map(String.init) }
        let result = try ProcessRunner.run(
            "checkov",
            [
                "-d", root.path, "--framework", "terraform", "cloudformation", "--check",
                checks.joined(separator: ","), "--output", "json", "--compact", "--skip-download", "--soft-fail",
            ], environment: environment, timeout: 600)
        guard result.status == 0, let parsed = try? JSONSerialization.jsonObject(with: result.stdout) else {
            throw PeerRun.Failure(description: "checkov failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
        var version = "checkov"
        var failing: [String: Set<String>] = [:]
        var judged: Set<String> = []
        for report in parsed as? [[String: Any]] ?? [parsed as? [String: Any] ?? [:]] {
            if let found = (report["summary"] as? [String: Any])?["checkov_version"] as? String {
                version = "checkov \(found)"
            }
            let results = report["results"] as? [String: Any] ?? [:]
            for (key, failed) in [("failed_checks", true), ("passed_checks", false)] {
                for check in results[key] as? [[String: Any]] ?? [] {
                    guard let id = check["check_id"] as? String, let file = check["file_path"] as? String,
                        var resource = check["resource"] as? String
                    else { continue }
                    // CloudFormation resources are `AWS::S3::Bucket.Name`: the logical ID is what Drydock reports.
                    if resource.hasPrefix("AWS::"), let dot = resource.lastIndex(of: ".") {
                        resource = String(resource[resource.index(after: dot)...])
                    }
                    let entry = "\(file.hasPrefix("/") ? String(file.dropFirst()) : file)|\(resource)"
                    judged.insert(entry)
                    if failed { failing[id, default: []].insert(entry) }
                }
            }
        }
        return (version, failing, judged)
    }

    @Test func agreementWithCheckovPerCheckFamilyIsAsDocumented() throws {
        guard ProcessRunner.which("checkov") != nil else {
            Issue.record("checkov is not installed: run scripts/install-test-deps (PyPI checkov)")
            return
        }
        let root = try PackagePaths.temporaryDirectory("cloud-peers")
        for (path, text) in CloudPeerCorpus.files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let peer = try Self.checkov(root)
        let ours = Self.drydock(root)
        var families: [String: (both: Int, onlyDrydock: Int, onlyPeer: Int)] = [:]
        for pair in Self.pairs {
            let theirs = pair.checkov.split(separator: "|").reduce(into: Set<String>()) {
                $0.formUnion(peer.failing[String($1)] ?? [])
            }
            let mine = ours[pair.drydock] ?? []
            let both = mine.intersection(theirs).count
            let onlyDrydock = mine.subtracting(theirs).sorted()
            let onlyPeer = theirs.subtracting(mine).sorted()
            families[pair.family, default: (0, 0, 0)].both += both
            families[pair.family, default: (0, 0, 0)].onlyDrydock += onlyDrydock.count
            families[pair.family, default: (0, 0, 0)].onlyPeer += onlyPeer.count
            #expect(both > 0, "\(pair): no resource reported by both (\(peer.version))")
            #expect(
                onlyDrydock.count == pair.onlyDrydock, "\(pair) (\(peer.version)): only Drydock reports \(onlyDrydock)")
            #expect(onlyPeer.count == pair.onlyPeer, "\(pair) (\(peer.version)): only checkov reports \(onlyPeer)")
        }
        let summary = families.sorted { $0.key < $1.key }.map {
            "\($0.key): both \($0.value.both), only Drydock \($0.value.onlyDrydock), only checkov \($0.value.onlyPeer)"
        }
        print("cloud peer comparison (\(peer.version)):\n" + summary.joined(separator: "\n"))
    }
}
