import DrydockNetwork
import Foundation
import Testing

@Suite("HTTP values")
struct HTTPTransportTests {
    @Test("header lookup is case-insensitive and returns the first value")
    func headerLookup() {
        let head = HTTPResponseHead(
            status: 200, headers: [HTTPHeader("Content-Type", "a"), HTTPHeader("content-type", "b")])
        #expect(head.header("CONTENT-TYPE") == "a")
        #expect(head.header("Location") == nil)
    }
}
