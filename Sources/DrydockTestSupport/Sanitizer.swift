import Foundation

/// Whether the tests run under a sanitizer (`scripts/sanitize` sets `DRYDOCK_SANITIZER=address`).
///
/// AddressSanitizer keeps shadow memory and a quarantine of freed blocks, so a process's peak memory under it
/// says nothing about Drydock's; tests that bound peak memory are skipped there.
public enum Sanitizer {
    /// The sanitizer's name, or `nil` in a normal build.
    public static let active: String? = ProcessInfo.processInfo.environment["DRYDOCK_SANITIZER"].flatMap {
        $0.isEmpty ? nil : $0
    }
}
