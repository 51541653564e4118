import Testing

@testable import DrydockVersions

@Suite struct VersionQueryTests {
    @Test func batchAnswersOneLinePerPair() {
        let input = Array("1.0 1.1\n\n2.0\t2.0.0\n  1.0a1   1.0  \n1.0rc1 1.0rc1".utf8)
        let result = VersionQuery.compareBatch(input, scheme: .pep440)
        #expect(String(decoding: result.output, as: UTF8.self) == "<\n=\n<\n=\n")
        #expect(result.errors.isEmpty)
    }

    @Test func batchReportsBadLinesAndKeepsAlignment() {
        let input = Array("1.0 1.1\nnot-valid 1.0\na b c\n2 1\n".utf8)
        let result = VersionQuery.compareBatch(input, scheme: .pep440)
        #expect(String(decoding: result.output, as: UTF8.self) == "<\n!\n!\n>\n")
        #expect(result.errors.count == 2)
        #expect(result.errors.first?.contains("not-valid") == true)
        #expect(result.errors.last?.hasPrefix("line 3:") == true)
    }

    @Test func schemeNames() throws {
        #expect(try VersionQuery.scheme(named: "DEB") == .deb)
        #expect(throws: VersionError.self) { try VersionQuery.scheme(named: "debian") }
        for scheme in VersionScheme.allCases { #expect(try VersionQuery.scheme(named: scheme.rawValue) == scheme) }
    }

    /// Every scheme orders a few plain versions and rejects empty text.
    @Test(arguments: VersionScheme.allCases)
    func everySchemeIsImplemented(_ scheme: VersionScheme) throws {
        #expect(try scheme.compare("1.2.3", "1.10.0") == .less)
        #expect(try scheme.compare("2.0.0", "2.0.0") == .equal)
        if scheme != .gem {
            #expect(throws: VersionError.self) { try scheme.validate("") }
        }
    }
}
