/// A parsed image reference, normalised the way Docker does it: `alpine` is
/// `docker.io/library/alpine:latest`, `user/app` is `docker.io/user/app:latest`, and a first component
/// with a `.` or `:`, or `localhost`, names the registry (`127.0.0.1:5000/app`, `ghcr.io/o/app@sha256:…`).
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, with its port when given (`docker.io`, `127.0.0.1:5000`).
    public var registry: String
    /// The repository path inside the registry (`library/alpine`).
    public var repository: String
    /// The tag; `latest` when neither a tag nor a digest was given.
    public var tag: String?
    /// The `algorithm:hex` digest when the reference pins one.
    public var digest: String?

    /// Docker Hub's canonical registry name.
    public static let dockerHub = "docker.io"

    /// A reference from its parts (no validation).
    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `text`; throws `invalidInput` naming what is wrong.
    public static func parse(_ text: String) throws(NetworkError) -> ImageReference {
        func invalid(_ why: String) -> NetworkError {
            NetworkError(code: .invalidInput, reason: "invalid image reference: \(why)", location: text)
        }
        var rest = Substring(text)
        guard !rest.isEmpty else { throw invalid("it is empty") }
        guard !rest.contains(where: { $0.isWhitespace }) else { throw invalid("it contains white space") }
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            guard Digest.isValid(value) else {
                throw invalid("digest '\(value)' is not algorithm:hex (sha256 needs 64 lowercase hex digits)")
            }
            digest = value
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let value = String(rest[rest.index(after: colon)...])
            guard isValidTag(value) else {
                throw invalid(
                    "tag '\(value)' must be 1–128 of letters, digits, '_', '.', '-' and not start with '.' or '-'")
            }
            tag = value
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = dockerHub
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost" || first.first == "["
        {
            registry = first
            components.removeFirst()
            guard isValidHost(registry) else { throw invalid("registry host '\(registry)' is not valid") }
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = dockerHub }
        guard !components.isEmpty else { throw invalid("it names no repository") }
        for component in components {
            guard isValidComponent(component) else {
                throw invalid(
                    "repository component '\(component)' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"
                )
            }
        }
        if registry == dockerHub && components.count == 1 { components.insert("library", at: 0) }
        let repository = components.joined(separator: "/")
        guard repository.count <= 255 else { throw invalid("the repository name is longer than 255 characters") }
        return ImageReference(
            registry: registry, repository: repository, tag: tag ?? (digest == nil ? "latest" : nil), digest: digest)
    }

    /// `registry/repository` (`docker.io/library/alpine`).
    public var name: String { "\(registry)/\(repository)" }

    /// What to ask the registry for: the digest when pinned, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The fully qualified reference: `name:tag`, `name@digest` or `name:tag@digest`.
    public var description: String {
        name + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
    }

    /// `name@digest` for a digest: the `RepoDigests` form.
    public func pinned(to digest: String) -> String { "\(name)@\(digest)" }

    /// The host the registry API is reached at: Docker Hub's API lives at `registry-1.docker.io`.
    public var apiHost: String { registry == Self.dockerHub ? "registry-1.docker.io" : registry }

    static func isValidTag(_ tag: String) -> Bool {
        guard (1...128).contains(tag.count), let first = tag.first, first != ".", first != "-" else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }

    static func isValidComponent(_ component: String) -> Bool {
        // [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*
        guard let first = component.first, let last = component.last, isAlnum(first), isAlnum(last) else {
            return false
        }
        var previous: Character = first
        var underscores = 0
        for character in component {
            if isAlnum(character) {
                underscores = 0
            } else if character == "_" {
                underscores += 1
                if underscores > 2 || (previous != "_" && !isAlnum(previous)) { return false }
            } else if character == "." {
                if !isAlnum(previous) { return false }
            } else if character == "-" {
                if !isAlnum(previous) && previous != "-" { return false }
            } else {
                return false
            }
            previous = character
        }
        return true
    }

    static func isValidHost(_ host: String) -> Bool {
        guard !host.isEmpty else { return false }
        return host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) }
    }

    private static func isAlnum(_ character: Character) -> Bool {
        character.isASCII && (character.isNumber || character.isLowercase)
    }
}
