import DrydockModel
import DrydockSecrets
import Testing

@Suite("Built-in secret rules")
struct BuiltinRuleTests {
    static let scanner: SecretScanner = {
        do {
            return try SecretScanner()
        } catch {
            fatalError("built-in rules do not compile: \(error)")
        }
    }()

    /// Where a rule's sample is put: Maven rules only look at their settings files.
    static func path(for id: String) -> String {
        switch id {
        case "maven-settings-password", "maven-settings-passphrase": "home/app/.m2/settings.xml"
        case "maven-settings-security-master": "home/app/.m2/settings-security.xml"
        default: "srv/app/config.env"
        }
    }

    static func ruleIDs(in text: String, id: String) -> [String] {
        let path = path(for: id)
        return scanner.scan(path: path, displayPath: path, content: Array(text.utf8)).map(\.ruleID)
    }

    @Test("every built-in rule has a sample, and Trivy's rules are all there")
    func everyRuleHasSamples() {
        let sampled = Set(ruleSamples.map(\.id))
        let rules = BuiltinRules.all.map(\.id)
        #expect(Set(rules) == sampled)
        #expect(rules.count == Set(rules).count, "rule IDs are unique")
        #expect(BuiltinRules.all.filter { $0.origin == .trivy }.count == 105)
    }

    @Test("a rule finds its positive sample", arguments: ruleSamples.map(\.id))
    func positive(id: String) throws {
        let sample = try #require(ruleSamples.first { $0.id == id })
        #expect(Self.ruleIDs(in: sample.positive, id: id).contains(id), "\(id) misses \(sample.positive)")
    }

    @Test("a rule does not find its near miss", arguments: ruleSamples.map(\.id))
    func negative(id: String) throws {
        let sample = try #require(ruleSamples.first { $0.id == id })
        #expect(!Self.ruleIDs(in: sample.negative, id: id).contains(id), "\(id) finds \(sample.negative)")
    }

    @Test("no finding holds the secret in clear", arguments: ruleSamples.map(\.id))
    func masked(id: String) throws {
        let sample = try #require(ruleSamples.first { $0.id == id })
        let path = Self.path(for: id)
        let findings = Self.scanner.scan(path: path, displayPath: path, content: Array(sample.positive.utf8))
        for finding in findings {
            #expect(finding.match.contains("*"))
            for line in finding.code.lines where line.isCause { #expect(line.content.contains("*")) }
        }
        // The sample's longest run of letters and digits is (part of) its secret: it never shows up in a finding.
        let secret = try #require(Self.longestToken(sample.positive))
        guard secret.count >= 16 else { return }
        for finding in findings {
            #expect(!finding.match.contains(secret))
            #expect(!finding.code.lines.contains { $0.content.contains(secret) })
        }
    }

    /// The longest run of letters and digits in `text` (the secret, in every sample).
    static func longestToken(_ text: String) -> String? {
        text.split { !$0.isLetter && !$0.isNumber }.map(String.init).max { $0.count < $1.count }
    }

    @Test("rule metadata is Trivy's for a few well-known rules")
    func metadata() throws {
        let aws = try #require(BuiltinRules.rule(id: "aws-access-key-id"))
        #expect(aws.category == "AWS" && aws.title == "AWS Access Key ID" && aws.severity == .critical)
        let key = try #require(BuiltinRules.rule(id: "private-key"))
        #expect(key.category == "AsymmetricPrivateKey" && key.severity == .high)
        let ionic = try #require(BuiltinRules.rule(id: "ionic-api-token"))
        #expect(ionic.severity == .unknown)
        let packagist = try #require(BuiltinRules.rule(id: "private-packagist-token"))
        #expect(packagist.category == "Private Packagist")
    }
}
