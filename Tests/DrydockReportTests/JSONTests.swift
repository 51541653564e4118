import Testing

@testable import DrydockReport

@Suite("JSON reading and writing")
struct JSONTests {
    @Test("parsing then writing keeps member order and values")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,false,null,"x\"y\\z\n"],"c":{"d":5.3,"e":-2,"f":"\u00e9\ud83d\ude00"}}"#
        let value = try JSONParser.parse(Array(text.utf8))
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["b", "a", "c"])
        #expect(value["c"]?["f"]?.stringValue == "é😀")
        let written = JSONWriter.write(value)
        #expect(try JSONParser.parse(written) == value)
    }

    @Test(
        "numbers print as Trivy prints them",
        arguments: [(5.0, "5"), (5.3, "5.3"), (9.8, "9.8"), (0.0, "0"), (10.0, "10")])
    func numbers(value: Double, expected: String) {
        #expect(JSONWriter.format(value) == expected)
    }

    @Test("control characters are escaped")
    func escaping() {
        let bytes = JSONWriter.write(.string("a\u{01}\t\"b"))
        #expect(String(decoding: bytes, as: UTF8.self) == "\"a\\u0001\\t\\\"b\"\n")
    }

    @Test(
        "malformed JSON is an error with the offset",
        arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "{} x", "[1 2]"])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test("deep nesting is refused, not a stack overflow")
    func depthLimit() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test("empty containers print compactly")
    func emptyContainers() {
        let bytes = JSONWriter.write(.object([("a", .array([])), ("b", .object([]))]))
        #expect(String(decoding: bytes, as: UTF8.self) == "{\n  \"a\": [],\n  \"b\": {}\n}\n")
    }
}
