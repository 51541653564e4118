import DrydockTestSupport
import Foundation
import Testing

/// Thin wrappers over `CatalogFixtures` that resolve `../shared` from this test target's location.
enum Shared {
    /// Whether `../shared/<relativePath>` exists; prints the reason a test is skipped when it does not.
    /// For `.enabled(if:)` traits.
    static func available(_ relativePath: String, filePath: String = #filePath) -> Bool {
        CatalogFixtures.sharedFileAvailable(relativePath, filePath: filePath)
    }

    /// `../shared/<relativePath>`; records a failure when it is absent (guard tests with `available`).
    static func file(_ relativePath: String, filePath: String = #filePath) throws -> URL {
        try #require(CatalogFixtures.sharedFile(relativePath, filePath: filePath))
    }

    /// The bytes of a file.
    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
