import Foundation

/// Yelp's `detect-secrets` (PyPI), the peer secret scanner the corpus suite runs over the same inputs as
/// Drydock (`scripts/install-test-deps` installs it).
public enum DetectSecrets {
    /// One line detect-secrets flags.
    public struct Hit: Sendable, Hashable {
        /// The file, relative to the scanned folder.
        public var file: String
        /// 1-based line number.
        public var line: Int
        /// The plugin's secret type (`AWS Access Key`, `Secret Keyword`).
        public var type: String
    }

    /// Plugin types that name a credential format Drydock has a rule for. The others are heuristics with no
    /// counterpart in Drydock or Trivy, which report only known formats: high-entropy strings, `secret`-like
    /// keywords, `user:password@` in any URL, public IP addresses.
    public static let formatTypes: Set<String> = [
        "AWS Access Key", "Private Key", "JSON Web Token", "GitHub Token", "Slack Token", "Stripe Access Key",
        "Twilio API Key", "Mailchimp Access Key", "NPM tokens", "SendGrid API Key", "Azure Storage Account access key",
        "GitLab Token", "OpenAI Token", "PyPI Token", "Discord Bot Token",
    ]

    /// Lines of Trivy's secret test inputs (`../shared/fixtures/trivy/pkg/fanal/secret/testdata`) that
    /// detect-secrets' format plugins flag and Drydock does not, each with the reason (docs/secrets.md).
    public static let trivyTestdataDifferences: [String: String] = [
        "aws-secrets.txt:4": "AKIAIOSFODNN7EXAMPLE: Trivy's allow rule drops matches containing 'example'",
        "example-secret.txt:1": "an example key in a file named example: Trivy's allow rule 'examples'",
        "wrapped-secrets-sensitive.txt:1": "the AWS key ID is glued to other letters: no word boundary",
        "wrapped-secrets.txt:5": "the token is inside a longer word: no word boundary",
        "wrapped-secrets.txt:6": "the token is inside a longer word: no word boundary",
        "wrapped-secrets.txt:7": "the token is inside a longer word: no word boundary",
        "openai-invalid.txt:1": "not a valid OpenAI key (watermark segments of the wrong length)",
        "openai-invalid.txt:2": "not a valid OpenAI key (watermark segments of the wrong length)",
    ]

    /// The heuristic plugins that cost the most time (a third of a scan); their findings are never compared.
    public static let slowHeuristics = ["Base64HighEntropyString", "HexHighEntropyString", "KeywordDetector"]

    /// Every line `detect-secrets scan --all-files` flags in the files under `directory`, with every plugin
    /// but those `disabling` names.
    ///
    /// Throws when detect-secrets is missing or fails: the comparison must never pass for want of a peer.
    public static func scan(_ directory: URL, disabling plugins: [String] = []) throws -> [Hit] {
        let arguments = ["scan", "--all-files"] + plugins.flatMap { ["--disable-plugin", $0] } + ["."]
        let output = try ImageFixtures.run("detect-secrets", arguments, in: directory)
        guard let report = try JSONSerialization.jsonObject(with: output) as? [String: Any],
            let results = report["results"] as? [String: [[String: Any]]]
        else {
            throw ImageFixtures.FixtureError(
                description: "detect-secrets printed no results object in \(directory.path)")
        }
        return results.flatMap { file, items in
            items.map { Hit(file: file, line: $0["line_number"] as? Int ?? 0, type: $0["type"] as? String ?? "") }
        }
    }
}
