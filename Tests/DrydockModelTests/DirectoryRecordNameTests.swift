import DrydockModel
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Directory record names (read in place, never past the record)")
struct DirectoryRecordNameTests {
    @Test("every name comes back byte for byte: one byte, 255 bytes, invalid UTF-8")
    func namesRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-dirent-\(UUID())").path
        #expect(mkdir(folder, 0o700) == 0)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names: [[UInt8]] = [
            Array("a".utf8), Array(repeating: UInt8(ascii: "x"), count: 255), Array("é-✓".utf8),
            [0x62, 0xFF, 0xFE, 0x63],  // not UTF-8: kept as bytes
        ]
        for name in names {
            let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
            }
            try #require(descriptor >= 0, "cannot create \(name)")
            close(descriptor)
        }
        let handle = try #require(opendir(folder))
        defer { closedir(handle) }
        var seen: [[UInt8]] = []
        while let record = readdir(handle) {
            let bytes = DirectoryRecordName.bytes(of: record)
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            seen.append(bytes)
        }
        #expect(Set(seen) == Set(names))
        #expect(seen.count == names.count)
    }
}
