import DrydockMisconfig
import Testing

/// Every built-in check fails on each of its failing examples and passes each of its passing ones.
@Suite struct BuiltinCheckExampleTests {
    static let ids = BuiltinChecks.all.map(\.metadata.id)

    @Test(arguments: ids)
    func examplesFailAndPass(id: String) throws {
        let check = try #require(BuiltinChecks.check(id))
        #expect(!check.examples.failing.isEmpty, "\(id) has no failing example")
        #expect(!check.examples.passing.isEmpty, "\(id) has no passing example")
        for example in check.examples.failing {
            let failures = try CheckExampleRunner.failures(of: check, in: example)
            #expect(!failures.isEmpty, "\(id) did not fail on:\n\(example)")
            for failure in failures {
                #expect(!failure.message.isEmpty)
            }
        }
        for example in check.examples.passing {
            let failures = try CheckExampleRunner.failures(of: check, in: example)
            #expect(failures.isEmpty, "\(id) failed on its passing example:\n\(example)\n\(failures.map(\.message))")
        }
    }

    @Test func idsAreUniqueAndCarryOlderSpellings() {
        #expect(Set(Self.ids).count == Self.ids.count)
        let privileged = BuiltinChecks.check("KSV017")
        #expect(privileged?.metadata.id == "KSV-0017")
        #expect(BuiltinChecks.check("AVD-KSV-0017")?.metadata.id == "KSV-0017")
        #expect(BuiltinChecks.check("ds002")?.metadata.id == "DS-0002")
        #expect(BuiltinChecks.check("AVD-DS-0002")?.metadata.id == "DS-0002")
        #expect(BuiltinChecks.check("KSV0108")?.metadata.id == "KSV-0108")
        #expect(BuiltinChecks.check("KSV01010")?.metadata.id == "KSV-01010")
        #expect(BuiltinChecks.check("no-privileged-containers")?.metadata.id == "KSV-0017")
    }

    @Test func coversEveryTrivyDockerfileAndKubernetesCheck() {
        // Trivy's Dockerfile checks and its general and Pod Security Standards Kubernetes checks (trivy-checks,
        // checks/docker and checks/kubernetes, KSV and the one KCV check that reads manifests).
        let dockerfile = [
            1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 29, 30, 31,
        ]
        .map { "DS-" + String(repeating: "0", count: 4 - String($0).count) + String($0) }
        let kubernetes =
            (Array(1...18) + [
                20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                48, 49, 50, 51, 52, 53, 54, 55, 56,
            ]
            + [
                102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,
                123, 124, 125,
            ])
            .filter { $0 != 19 }.map { "KSV-" + String(repeating: "0", count: 4 - String($0).count) + String($0) }
            + ["KSV-01010", "KSV-01011", "KCV-0093"]
        let known = Set(Self.ids)
        for id in dockerfile + kubernetes {
            #expect(known.contains(id), "missing \(id)")
        }
    }
}
