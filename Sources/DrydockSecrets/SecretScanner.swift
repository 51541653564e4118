import DrydockModel
import Foundation

/// Finds secrets in file contents: one pass of a keyword automaton over the bytes, then each rule whose
/// keywords occur runs its regular expression only around them (or over the file, for `.wholeFile` rules).
///
/// Everything it returns is masked: a `SecretFinding`'s `match` and `code` hold the file's lines with every
/// secret found in the file replaced by `*`, never the secret itself.
public struct SecretScanner: Sendable {
    /// The rules run, after the configuration's `enable-builtin-rules` and `disable-rules`.
    public let rules: [SecretRule]
    /// The allow rules applied to every rule, after `disable-allow-rules`.
    public let allowRules: [SecretAllowRule]
    /// Paths never scanned (`skip-patterns`).
    public let skipPatterns: [GlobPattern]
    /// Files larger than this many bytes are not scanned.
    public let sizeLimit: Int
    /// Changes whenever the scanner's output for the same file may change (rules, configuration, this code):
    /// part of the layer cache's key.
    public let fingerprint: String

    let compiled: [CompiledRule]
    let automaton: KeywordAutomaton
    /// For each keyword of the automaton: the rules it triggers.
    let keywordRules: [[Int]]
    /// Rules without keywords: run on every file.
    let unconditional: [Int]
    /// Rules that apply only to some paths (a `path`, or path allow rules of their own).
    let pathDependent: [Int]
    /// The allow rules and exclude blocks that apply to every rule.
    let globals: GlobalRules
    /// Paths never scanned because they are the configuration file itself.
    let ownPaths: Set<String>
    /// `skipPatterns`, sorted by shape.
    let skipMatcher: SkipPatterns

    /// The version of the matching code, in `fingerprint`: bump when results for the same input change.
    static let engineVersion = 1
    /// Trivy skips files under 10 bytes.
    static let minimumSize = 10
    /// The default `sizeLimit`: 10 MiB, where Trivy starts warning about large files.
    public static let defaultSizeLimit = 10 << 20

    /// A scanner with the built-in rules and `configuration` applied. `ownPaths` are root-relative paths
    /// never scanned (the configuration file, when it lies inside the scanned directory).
    ///
    /// Throws `SecretConfigError` when an expression of the configuration does not compile.
    public init(
        configuration: SecretConfiguration = SecretConfiguration(), sizeLimit: Int = SecretScanner.defaultSizeLimit,
        ownPaths: Set<String> = []
    ) throws(SecretConfigError) {
        let effective = configuration.effectiveRules()
        rules = effective.rules
        allowRules = effective.allowRules
        skipPatterns = effective.skipPatterns
        skipMatcher = SkipPatterns(effective.skipPatterns)
        self.sizeLimit = sizeLimit
        self.ownPaths = ownPaths
        var compiled: [CompiledRule] = []
        for rule in rules {
            do {
                compiled.append(try CompiledRule(rule))
            } catch {
                throw SecretConfigError.badPattern(
                    error.pattern, field: error.field, rule: rule.id, file: configuration.source,
                    line: configuration.lines[rule.id])
            }
        }
        var paths: [PathMatcher] = []
        var regexes: [NSRegularExpression] = []
        for allow in allowRules {
            do {
                if let path = allow.path { paths.append(try CompiledRule.pathMatcher(path, field: "path")) }
                if let regex = allow.regex { regexes.append(try CompiledRule.regex(regex, field: "regex")) }
            } catch {
                throw SecretConfigError.badPattern(
                    error.pattern, field: "allow-rules \(error.field)", rule: allow.id, file: configuration.source,
                    line: configuration.lines["allow:" + allow.id])
            }
        }
        var blocks: [NSRegularExpression] = []
        for block in effective.excludeBlocks {
            do {
                blocks.append(try CompiledRule.regex(block, field: "exclude-block regexes"))
            } catch {
                throw SecretConfigError.badPattern(
                    error.pattern, field: error.field, rule: nil, file: configuration.source,
                    line: configuration.lines["exclude-block"])
            }
        }
        self.compiled = compiled
        globals = GlobalRules(allowPaths: paths, allowRegexes: regexes, excludeBlocks: blocks)
        // One automaton for every rule's keywords; a keyword shared by rules is searched once.
        var keywordIndex: [String: Int] = [:]
        var keywords: [String] = []
        var keywordRules: [[Int]] = []
        var unconditional: [Int] = []
        for (index, rule) in rules.enumerated() {
            let words = rule.keywords.filter { !$0.isEmpty }
            if words.isEmpty || words.count < rule.keywords.count {
                unconditional.append(index)
                continue
            }
            for word in Set(words.map { $0.lowercased() }) {
                let slot = keywordIndex[word] ?? keywords.count
                if slot == keywords.count {
                    keywordIndex[word] = slot
                    keywords.append(word)
                    keywordRules.append([])
                }
                keywordRules[slot].append(index)
            }
        }
        automaton = KeywordAutomaton(keywords: keywords)
        self.keywordRules = keywordRules
        self.unconditional = unconditional
        pathDependent = compiled.indices.filter { compiled[$0].path != nil || !compiled[$0].allowPaths.isEmpty }
        fingerprint = Self.fingerprint(of: effective, sizeLimit: sizeLimit, ownPaths: ownPaths)
    }

    /// Whether the file at `path` (root-relative, no leading `/`) of `size` bytes is to be scanned: not too
    /// small or large, not skipped by `skip-patterns`, not allowed by a path allow rule. Cheap: called for
    /// every file of every layer.
    public func wants(path: String, size: Int) -> Bool {
        guard size >= Self.minimumSize, size <= sizeLimit, !ownPaths.contains(path) else { return false }
        if skipMatcher.matches(path) { return false }
        return !globals.allowPaths.contains { $0.matches(path) }
    }

    /// Whether a file of `size` bytes is too large to scan (though its path is wanted).
    public func isTooLarge(path: String, size: Int) -> Bool {
        size > sizeLimit && wants(path: path, size: sizeLimit)
    }

    /// The secrets in `content`, the bytes of the file at `path` (root-relative, no leading `/`), sorted as
    /// Trivy sorts them (rule ID, then matched line). `displayPath` is the path findings carry (`/etc/app.env`
    /// for an image layer, `app.env` in a directory). Binary files are not scanned, except Python bytecode
    /// (`.pyc`), whose printable strings are.
    public func scan(path: String, displayPath: String, content: [UInt8]) -> [SecretFinding] {
        let binary = FileContent.isBinary(content)
        if binary && !path.hasSuffix(".pyc") { return [] }
        let text = binary ? FileContent.printableStrings(content) : content
        return text.withUnsafeBufferPointer { bytes in
            let located = locate(path: path, in: bytes)
            guard !located.isEmpty else { return [] }
            return FindingBuilder(bytes: bytes, located: located, rules: compiled).findings(
                displayPath: displayPath, binary: binary)
        }
    }
}

/// The allow rules and exclude blocks of a configuration that apply to every rule, compiled.
struct GlobalRules: @unchecked Sendable {
    // `NSRegularExpression` is immutable and thread-safe (Foundation's documentation says so).
    let allowPaths: [PathMatcher]
    let allowRegexes: [NSRegularExpression]
    let excludeBlocks: [NSRegularExpression]
}
