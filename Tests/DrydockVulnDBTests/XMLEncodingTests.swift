import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// Feeds whose UTF-8 is broken are refused before (or while) Foundation's XML parser reads them: it would crash.
@Suite("XML feeds with broken UTF-8")
struct XMLEncodingTests {
    static let document =
        Array(
            "<oval_definitions><generator><product_name>x</product_name></generator><definitions><definition id=\"".utf8
        )
        + [0xE4, 0x65] + Array("\"/></definitions></oval_definitions>".utf8)

    @Test("an OVAL file read whole")
    func whole() throws {
        let error = #expect(throws: VulnDBError.self) {
            try OVALImporter().parse(FeedFile(path: "bad.xml", bytes: Self.document))
        }
        #expect(error?.location == "bad.xml")
        #expect(error?.reason == "not valid UTF-8 (at byte 100) and no other encoding declared")
    }

    @Test("an OVAL file read as it decompresses")
    func streamed() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xml-encoding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let plain = work.appendingPathComponent("bad.xml")
        try Data(Self.document).write(to: plain)
        let gzipped = try ImageFixtures.gzip(plain)
        let file = FeedFile(path: "bad.xml.gz", bytes: [UInt8](try Data(contentsOf: gzipped)))
        #expect(file.compression == .gzip)
        let error = #expect(throws: VulnDBError.self) { try OVALImporter().parse(file) }
        #expect(error?.location == "bad.xml.gz")
        #expect(error?.reason.contains("not valid UTF-8") == true, "\(String(describing: error))")
    }

    @Test("updateinfo read whole")
    func updateinfo() throws {
        let bytes = Array("<updates><update from=\"".utf8) + [0xC0, 0xAF] + Array("\"/></updates>".utf8)
        let error = #expect(throws: VulnDBError.self) {
            try UpdateInfoImporter().parse(FeedFile(path: "updateinfo.xml", bytes: bytes))
        }
        #expect(error?.reason.contains("not valid UTF-8") == true, "\(String(describing: error))")
    }
}
