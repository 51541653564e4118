import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// Compressed and damaged vendor inputs through the DB builder: read when whole, skipped with a warning naming
/// the file when cut off or corrupt, never a crash.
@Suite(.enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
struct CompressedInputTests {
    @Test("xz, gzip and bzip2 inputs build; cut-off and corrupt ones are skipped with the file named")
    func damagedInputs() throws {
        let shared = try #require(VulnDBTestSupport.sharedAdvisoriesDirectory())
        let root = try VulnDBTestSupport.makeScratchDirectory("compressed")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let xz = try Data(contentsOf: URL(fileURLWithPath: shared + "/redhat-csaf/vex/2024/cve-2024-2961.json.xz"))
        try xz.write(to: URL(fileURLWithPath: input + "/glibc.json.xz"))
        try xz.prefix(xz.count / 2).write(to: URL(fileURLWithPath: input + "/cut.json.xz"))
        var corrupt = [UInt8](xz)
        for index in stride(from: 200, to: 4000, by: 7) { corrupt[index] ^= 0x5A }
        try Data(corrupt).write(to: URL(fileURLWithPath: input + "/corrupt.json.xz"))
        let gzip = try Data(contentsOf: URL(fileURLWithPath: shared + "/amazon-alas-excerpts/updateinfo_2.xml.gz"))
        try gzip.prefix(gzip.count - 40).write(to: URL(fileURLWithPath: input + "/cut.xml.gz"))
        // bzip2 by the system tool, as SUSE and Oracle compress.
        let cvrf = input + "/cvrf.xml"
        try FileManager.default.copyItem(atPath: shared + "/suse/cvrf/cvrf-suse-su-2015-0011-2.xml", toPath: cvrf)
        let bzip2 = try ProcessRunner.run("bzip2", [cvrf])
        #expect(bzip2.status == 0, "\(bzip2.stderr)")

        let summary = try DatabaseBuilder.build(output: root + "/drydock.db", sources: [input], builtAt: Date())
        let source = try #require(summary.sources.first)
        #expect(source.format == "redhat-csaf,suse-cvrf")
        #expect(source.skipped == 3)
        for name in ["cut.json.xz", "corrupt.json.xz", "cut.xml.gz"] {
            #expect(summary.warnings.contains { $0.contains(name) }, "\(name): \(summary.warnings)")
        }
        #expect(summary.warnings.contains { $0.contains("cut.json.xz") && $0.contains("ends early") })
        let db = try VulnerabilityDatabase.open(path: root + "/drydock.db")
        #expect(try db.affected(namespace: "Red Hat:enterprise_linux:9::baseos", packageName: "glibc").count == 1)
        #expect(try db.hasNamespace("SUSE:Linux Enterprise Server 11 SP2"))
    }

    @Test("an xz stream over the size limit is refused, not inflated")
    func inflationLimit() throws {
        let shared = try #require(VulnDBTestSupport.sharedAdvisoriesDirectory())
        let xz = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: shared + "/redhat-csaf/vex/2024/cve-2024-2961.json.xz")))
        let file = FeedFile(path: "big.json.xz", bytes: xz)
        #expect(file.compression == .xz)
        let error = #expect(throws: VulnDBError.self) { _ = try file.content(limit: 1 << 20) }
        #expect(error?.reason.contains("limit") == true)
        #expect(error?.location == "big.json.xz")
        #expect(try file.content(limit: 64 << 20).count == 23_218_486)
    }
}
