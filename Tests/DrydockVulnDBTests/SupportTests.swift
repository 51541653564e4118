import DrydockModel
import Foundation
import Testing

@testable import DrydockVulnDB

@Test(arguments: [
    ("Django", "PyPI", "django"),
    ("zope.interface", "PyPI", "zope-interface"),
    ("Foo__Bar-._baz", "PyPI", "foo-bar-baz"),
    ("PyYAML", "PyPI", "pyyaml"),
    ("Django", "Go", "Django"),
    ("lock_api", "crates.io", "lock_api"),
    ("musl", "Alpine:v3.10", "musl"),
])
func packageNameKeys(name: String, namespace: String, expected: String) {
    #expect(PackageNameKey.make(name: name, namespace: namespace) == expected)
}

@Test func namespacesForReleases() {
    #expect(AdvisoryNamespace.forRelease(of: OperatingSystem(family: .alpine, version: "3.10.4")) == "Alpine:v3.10")
    #expect(AdvisoryNamespace.forRelease(of: OperatingSystem(family: .alpine, version: "edge")) == "Alpine:edge")
    #expect(AdvisoryNamespace.forRelease(of: OperatingSystem(family: .debian, version: "12.5")) == "Debian:12")
    #expect(AdvisoryNamespace.forRelease(of: OperatingSystem(family: .unknown, version: "1")) == nil)
    #expect(AdvisoryNamespace.alpine(release: "v3.16") == "Alpine:v3.16")
    #expect(AdvisoryNamespace.debian(release: "11") == "Debian:11")
    #expect(AdvisoryNamespace.ecosystemName(of: "AlmaLinux:9") == "AlmaLinux")
    #expect(AdvisoryNamespace.release(of: "AlmaLinux:9") == "9")
    #expect(AdvisoryNamespace.release(of: "PyPI") == nil)
}

@Test(arguments: [
    ("2019-05-07T03:38:54Z", 1_557_200_334.0),
    ("2019-05-07T03:38:54.5Z", 1_557_200_334.5),
    ("2019-05-07T05:38:54+02:00", 1_557_200_334.0),
    ("2019-05-07", 1_557_187_200.0),
    ("1970-01-01T00:00:00Z", 0.0),
])
func timestampsParse(text: String, seconds: Double) throws {
    let date = try #require(Timestamp.parse(text))
    #expect(date.timeIntervalSince1970 == seconds)
}

@Test func timestampsRejectOtherShapesAndGoZeroTime() {
    #expect(Timestamp.parse("0001-01-01T00:00:00Z") == nil)
    #expect(Timestamp.parse("yesterday") == nil)
    #expect(Timestamp.parse("2019-13-01T00:00:00Z") == nil)
    #expect(Timestamp.parse("2019-05-07T03:38:54") != nil)
    #expect(Timestamp.parse("2019-05-07T03:38:54Q") == nil)
}

@Test func timestampsRoundTrip() throws {
    for text in ["2019-05-07T03:38:54Z", "2000-02-29T23:59:59.123Z", "1999-12-31T00:00:00Z"] {
        #expect(Timestamp.format(try #require(Timestamp.parse(text))) == text)
    }
}

@Test func jsonParserReadsEscapesAndKeepsMemberOrder() throws {
    let text = #"{"b": [1, -2.5e2, true, null], "a": "x\"\u00e9\ud83d\ude00\n", "c": {}}"#
    let value = try JSONParser.parse(Array(text.utf8))
    #expect(value.objectValue?.map(\.key) == ["b", "a", "c"])
    #expect(value["a"]?.stringValue == "x\"é😀\n")
    #expect(value["b"] == .array([.number(1), .number(-250), .bool(true), .null]))
}

@Test(arguments: [#"{"a": 1"#, #"{"a" 1}"#, "[1,]", #""abc"#, "tru", "{} x", "01x", #"{"a":"\q"}"#])
func jsonParserRejectsMalformedInput(text: String) {
    #expect(throws: VulnDBError.self) { try JSONParser.parse(Array(text.utf8)) }
}
