import DrydockModel

/// The secrets of one file: one secret result (Trivy's `Class: "secret"` result, named after the file).
public struct SecretFile: Sendable, Hashable {
    /// The file, as the result's target names it (`/app/.env` in an image, `app/.env` in a directory,
    /// `config.json` for the image configuration).
    public var path: String
    /// Its secrets, sorted as Trivy sorts them (rule ID, then matched line).
    public var findings: [SecretFinding]

    public init(path: String, findings: [SecretFinding]) {
        self.path = path
        self.findings = findings
    }

    /// Groups findings by file, in path order.
    ///
    /// Findings from several layers are all kept — a secret a later layer deletes or replaces is still in the
    /// earlier layer's blob, which anyone who pulls the image gets. A finding repeated unchanged in a later
    /// layer (same rule, place and masked text: a file copied up by a `chmod`) is reported once, with the
    /// earliest layer that holds it. Trivy keeps only the newest layer's finding of each rule per file, which
    /// hides a replaced secret; `docs/secrets.md` says so.
    public static func group(_ findings: [SecretFinding]) -> [SecretFile] {
        var byPath: [String: [SecretFinding]] = [:]
        var seen: Set<Key> = []
        for finding in findings {
            let key = Key(
                path: finding.filePath, rule: finding.ruleID, start: finding.startLine, end: finding.endLine,
                offset: finding.offset, match: finding.match)
            guard seen.insert(key).inserted else { continue }
            byPath[finding.filePath, default: []].append(finding)
        }
        return byPath.keys.sorted().map { path in
            SecretFile(
                path: path,
                findings: byPath[path, default: []].sorted {
                    ($0.ruleID, $0.match, $0.startLine) < ($1.ruleID, $1.match, $1.startLine)
                })
        }
    }

    private struct Key: Hashable {
        var path: String
        var rule: String
        var start: Int
        var end: Int
        var offset: Int?
        var match: String
    }
}

extension SecretScanner {
    /// The secrets in an image's configuration (`configJSON`, the config blob): environment variables,
    /// history commands, labels… scanned as Trivy's `config.json` target (see `ImageConfigDocument`).
    public func scanImageConfig(_ configJSON: [UInt8]) -> SecretFile? {
        scanImageConfigMasking(configJSON).file
    }

    /// `scanImageConfig(_:)`, and the configuration with every secret found in it masked, for reports that
    /// show the configuration (`Metadata.ImageConfig`): the same bytes otherwise.
    public func scanImageConfigMasking(_ configJSON: [UInt8]) -> (file: SecretFile?, masked: [UInt8]) {
        guard let document = ImageConfigDocument.render(configJSON) else { return (nil, configJSON) }
        let name = ImageConfigDocument.targetName
        let findings = scan(path: name, displayPath: name, content: document)
        guard !findings.isEmpty else { return (nil, configJSON) }
        let secrets = document.withUnsafeBufferPointer { bytes in
            locate(path: name, in: bytes).map { Array(bytes[$0.range]) }
        }
        var masked = configJSON
        for secret in secrets where !secret.isEmpty {
            let slashes = secret.flatMap { $0 == UInt8(ascii: "/") ? Array(#"\/"#.utf8) : [$0] }
            for spelling in [secret, slashes] { Self.maskOccurrences(of: spelling, in: &masked) }
        }
        return (SecretFile(path: name, findings: findings), masked)
    }

    /// Replaces every byte of every occurrence of `needle` in `bytes` by `*`.
    static func maskOccurrences(of needle: [UInt8], in bytes: inout [UInt8]) {
        guard let first = needle.first, needle.count <= bytes.count else { return }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                for offset in index..<(index + needle.count) { bytes[offset] = UInt8(ascii: "*") }
                index += needle.count
            } else {
                index += 1
            }
        }
    }
}
