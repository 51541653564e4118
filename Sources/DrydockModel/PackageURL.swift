/// A parsed package URL (purl, `pkg:type/namespace/name@version?qualifiers#subpath`).
///
/// Parsing follows the purl specification: the scheme and type are case-insensitive, each component is
/// percent-decoded, qualifier keys are lower-cased and qualifiers without a value are dropped. ``description``
/// writes the canonical form (components percent-encoded, qualifiers sorted by key), so two spellings of one
/// purl compare equal after a round trip. Type-specific normalisation (PyPI names lower-cased with `_` as
/// `-`) is applied, as the specification asks, so that purls from other tools match Drydock's own.
public struct PackageURL: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The package type (`apk`, `deb`, `rpm`, `pypi`, `npm`, `maven`, `golang`, …), lower-cased.
    public var type: String
    /// The namespace (`debian`, `@angular`, `org.apache.logging.log4j`), when there is one.
    public var namespace: String?
    public var name: String
    public var version: String?
    /// Qualifiers by lower-cased key (`arch`, `distro`, `epoch`).
    public var qualifiers: [String: String]
    public var subpath: String?

    public init(
        type: String, namespace: String? = nil, name: String, version: String? = nil,
        qualifiers: [String: String] = [:], subpath: String? = nil
    ) {
        self.type = type.lowercased()
        self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
        normalise()
    }

    /// Parses `text`; `nil` when it is not a purl (no `pkg:` scheme, no type or no name).
    public init?(_ text: String) {
        var rest = Substring(text.trimmingSpaces)
        guard rest.count > 4, rest.prefix(4).lowercased() == "pkg:" else { return nil }
        rest = rest.dropFirst(4)
        while rest.first == "/" { rest = rest.dropFirst() }
        var subpath: String?
        if let hash = rest.lastIndex(of: "#") {
            let parts = rest[rest.index(after: hash)...].split(separator: "/").filter { $0 != "." && $0 != ".." }
            subpath = parts.isEmpty ? nil : parts.map { PackageURL.decode($0) }.joined(separator: "/")
            rest = rest[..<hash]
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.lastIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let value = PackageURL.decode(pair[pair.index(after: equals)...])
                if !value.isEmpty { qualifiers[pair[..<equals].lowercased()] = value }
            }
            rest = rest[..<question]
        }
        var version: String?
        if let at = rest.lastIndex(of: "@"), rest[..<at].contains("/") {
            version = PackageURL.decode(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count >= 2 else { return nil }
        let type = segments[0].lowercased()
        guard !type.isEmpty else { return nil }
        let name = PackageURL.decode(segments[segments.count - 1])
        guard !name.isEmpty else { return nil }
        let namespace = segments.dropFirst().dropLast().map { PackageURL.decode($0) }.joined(separator: "/")
        self.init(
            type: type, namespace: namespace, name: name, version: version.flatMap { $0.isEmpty ? nil : $0 },
            qualifiers: qualifiers, subpath: subpath)
    }

    /// The canonical purl string.
    public var description: String {
        var text = "pkg:\(type)/"
        if let namespace {
            text += namespace.split(separator: "/").map { PackageURL.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += PackageURL.encode(name)
        if let version { text += "@" + PackageURL.encode(version) }
        if !qualifiers.isEmpty {
            text +=
                "?"
                + qualifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\(PackageURL.encode($0.value))" }
                .joined(separator: "&")
        }
        if let subpath {
            text += "#" + subpath.split(separator: "/").map { PackageURL.encode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    /// The purl without version, qualifiers and subpath: the package's identity across versions.
    public var versionless: PackageURL {
        PackageURL(type: type, namespace: namespace, name: name)
    }

    /// Whether this purl, used as a pattern, matches `other`: type, namespace and name must be equal; the
    /// version must be equal when this purl has one; every qualifier this purl has must be equal in `other`.
    /// A purl without version or qualifiers therefore names every version of a package.
    public func matches(_ other: PackageURL) -> Bool {
        guard type == other.type, namespace == other.namespace, name == other.name else { return false }
        if let version, version != other.version { return false }
        for (key, value) in qualifiers where other.qualifiers[key] != value { return false }
        if let subpath, subpath != other.subpath { return false }
        return true
    }

    /// The specification's per-type rules: which components are case-insensitive (written lower-cased),
    /// and PyPI's `_` that is `-`. Go module paths are case-sensitive and stay as written.
    private mutating func normalise() {
        switch type {
        case "pypi":
            name = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        case "deb", "rpm", "alpm":
            namespace = namespace?.lowercased()
        case "apk", "bitbucket", "github", "composer", "hex":
            namespace = namespace?.lowercased()
            name = name.lowercased()
        default:
            break
        }
    }

    /// Percent-decodes one component (invalid escapes are kept as written).
    static func decode(_ text: some StringProtocol) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes one component: only `A-Z a-z 0-9 . - _ ~` stay as they are.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars = scalars.dropFirst() }
        while scalars.last?.isWhitespace == true { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
