import DrydockCatalog
import DrydockTestSupport
import Foundation
import Testing

/// The pclntab reader on binaries built here by Debian's `golang-go` (plain, `-s -w`, and with the ELF
/// section table removed) and on hand-built tables of every header layout.
@Suite struct GoFunctionTableTests {
    static let program = """
        package main

        import "fmt"

        type Reader struct{ n int }

        //go:noinline
        func (r *Reader) Read() int { return r.n }

        //go:noinline
        func Used() int { return 42 }

        func main() { r := &Reader{n: 1}; fmt.Println(Used() + r.Read()) }
        """

    /// Builds the program with `flags`; the binary's bytes.
    static func build(_ flags: [String]) throws -> [UInt8] {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-pclntab")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "module example.com/tiny\n\ngo 1.18\n".write(
            to: folder.appendingPathComponent("go.mod"), atomically: true, encoding: .utf8)
        try program.write(to: folder.appendingPathComponent("main.go"), atomically: true, encoding: .utf8)
        let environment = [
            "GOCACHE=\(folder.path)/cache", "GOPATH=\(folder.path)/gopath", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local",
            "CGO_ENABLED=0",
        ]
        _ = try CatalogFixtures.run(
            "env", environment + ["go", "build"] + flags + ["-o", "prog", "."], in: folder)
        return try [UInt8](Data(contentsOf: folder.appendingPathComponent("prog")))
    }

    static let expected = ["main.main", "main.(*Reader).Read", "main.Used", "fmt.Fprintln", "runtime.main"]

    @Test(.enabled(if: CatalogFixtures.commandAvailable("go")))
    func readsFunctionNamesOfPlainAndStrippedBinaries() throws {
        let plain = try GoFunctionTable(executable: try Self.build([]))
        let stripped = try GoFunctionTable(executable: try Self.build(["-ldflags=-s -w"]))
        for name in Self.expected {
            #expect(plain.names.contains(name), "\(name) missing")
        }
        #expect([.go118, .go120].contains(plain.layout))
        #expect(plain.names.count > 500)
        #expect(Set(stripped.names) == Set(plain.names))
    }

    @Test(.enabled(if: CatalogFixtures.commandAvailable("go")))
    func findsTheTableByItsHeaderWhenTheSectionTableIsGone() throws {
        var bytes = try Self.build(["-ldflags=-s -w"])
        let withSections = try GoFunctionTable(executable: bytes)
        // ELF64: e_shoff at 0x28 (8 bytes), e_shnum at 0x3c (2 bytes).
        for index in 0x28..<0x30 { bytes[index] = 0 }
        bytes[0x3c] = 0
        bytes[0x3d] = 0
        #expect(ExecutableFile(bytes)?.sections.isEmpty == true)
        let found = try GoFunctionTable(executable: bytes)
        #expect(found == withSections)
    }

    @Test(arguments: GoFunctionTable.Layout.allCases, [4, 8])
    func readsEveryHeaderLayout(layout: GoFunctionTable.Layout, pointerSize: Int) throws {
        let names = ["main.main", "example.com/m/v2/pkg.(*T).Method", "runtime.goexit"]
        let table = Self.synthetic(layout: layout, pointerSize: pointerSize, names: names)
        let read = try GoFunctionTable(executable: [0x00, 0x11] + table + [0x22])
        #expect(read.layout == layout)
        #expect(read.names == names)
    }

    @Test func damagedTablesAreTypedErrors() throws {
        #expect(throws: GoFunctionTable.Error.notFound) { try GoFunctionTable(executable: Array("hello".utf8)) }
        let table = Self.synthetic(layout: .go120, pointerSize: 8, names: ["main.main"])
        // Cut inside the function table.
        #expect(throws: GoFunctionTable.Error.self) { try GoFunctionTable(executable: Array(table.prefix(80))) }
        // A function count far beyond what the table can hold.
        var huge = table
        huge[8] = 0xff
        huge[12] = 0x7f
        #expect(throws: GoFunctionTable.Error.self) { try GoFunctionTable(executable: huge) }
        // A name offset pointing past the end.
        var wild = table
        wild[wild.count - "main.main".count - 2] = 0x7f  // high byte of the last record's name offset
        #expect(throws: GoFunctionTable.Error.self) { try GoFunctionTable(executable: wild) }
    }

    @Test func normalizesLinkerNamesTheWayAdvisoriesNameSymbols() {
        let cases: [(String, String)] = [
            ("main.main", "main.main"),
            ("golang.org/x/text/language.Parse", "golang.org/x/text/language.Parse"),
            ("example.com/m/v2/pkg.(*T).Method", "example.com/m/v2/pkg.T.Method"),
            ("example.com/m.T.Method", "example.com/m.T.Method"),
            ("example.com/m.Map[go.shape.string_0,go.shape.int_1]", "example.com/m.Map"),
            ("example.com/m.(*List[...]).Push", "example.com/m.List.Push"),
            ("gopkg.in/yaml.v3.(*parser).parse", "gopkg.in/yaml.v3.parser.parse"),
        ]
        for (linker, normalized) in cases {
            #expect(GoSymbolName.normalized(linker) == normalized, "\(linker)")
        }
        let set = GoSymbolSet(linkerNames: cases.map(\.0) + ["example.com/m.Walk.func1"])
        #expect(set.contains(importPath: "gopkg.in/yaml.v3", symbol: "parser.parse"))
        #expect(set.contains(importPath: "example.com/m/v2/pkg", symbol: "T.Method"))
        // A closure stands for the function it was written in (the function itself may be inlined).
        #expect(set.contains(importPath: "example.com/m", symbol: "Walk"))
        #expect(!set.contains(importPath: "example.com/m", symbol: "Wal"))
        #expect(!set.contains(importPath: "example.com/m/v2", symbol: "pkg.T.Method"))
        #expect(!set.contains(importPath: "golang.org/x/text/language", symbol: "MustParse"))
    }

    /// A table in `layout`: header, function table (pairs plus the end entry), records, then names, all
    /// little-endian; offsets as each layout counts them.
    static func synthetic(layout: GoFunctionTable.Layout, pointerSize word: Int, names: [String]) -> [UInt8] {
        func le(_ value: Int, _ width: Int) -> [UInt8] {
            (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        let pairWidth = layout == .go118 || layout == .go120 ? 4 : word
        let entryWidth = pairWidth
        let headerWords: Int
        switch layout {
        case .go12: headerWords = 1
        case .go116: headerWords = 7
        case .go118, .go120: headerWords = 8
        }
        let headerSize = 8 + headerWords * word
        let functab = headerSize
        let functabSize = (names.count + 1) * 2 * pairWidth
        let recordSize = entryWidth + 4
        let records = functab + functabSize
        let nameTable = records + names.count * recordSize
        var nameBytes: [UInt8] = []
        var nameOffsets: [Int] = []
        for name in names {
            nameOffsets.append(nameBytes.count)
            nameBytes += Array(name.utf8) + [0]
        }
        let nameBase = layout == .go12 ? 0 : nameTable
        let recordBase = layout == .go12 ? 0 : functab
        var out = le(Int(layout.rawValue), 4) + [0, 0, 1, UInt8(word)]
        switch layout {
        case .go12: out += le(names.count, word)
        case .go116:
            out +=
                le(names.count, word) + le(0, word) + le(nameTable, word) + le(0, word) + le(0, word)
                + le(0, word) + le(functab, word)
        case .go118, .go120:
            out +=
                le(names.count, word) + le(0, word) + le(0x1000, word) + le(nameTable, word) + le(0, word)
                + le(0, word) + le(0, word) + le(functab, word)
        }
        for index in names.indices {
            out += le(index * 16, pairWidth) + le(records + index * recordSize - recordBase, pairWidth)
        }
        out += le(names.count * 16, pairWidth) + le(0, pairWidth)
        for index in names.indices {
            out += le(index * 16, entryWidth) + le(nameTable + nameOffsets[index] - nameBase, 4)
        }
        return out + nameBytes
    }
}
