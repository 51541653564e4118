import DrydockModel

/// A Maven coordinate: `groupId:artifactId` at `version`.
public struct MavenArtifact: Sendable, Hashable, Codable {
    /// `org.apache.logging.log4j`; empty when unknown (identified from a file name only).
    public var groupID: String
    /// `log4j-core`.
    public var artifactID: String
    /// `2.14.1`.
    public var version: String

    /// Creates a coordinate.
    public init(groupID: String, artifactID: String, version: String) {
        self.groupID = groupID
        self.artifactID = artifactID
        self.version = version
    }

    /// `groupId:artifactId`, or the bare artifactId when the group is unknown.
    public var name: String { groupID.isEmpty ? artifactID : "\(groupID):\(artifactID)" }

    /// `pkg:maven/GROUP/ARTIFACT@VERSION` (no namespace when the group is unknown).
    public var purl: String {
        let encode = PackageURLEncoding.encode
        let namespace = groupID.isEmpty ? "" : encode(groupID) + "/"
        return "pkg:maven/\(namespace)\(encode(artifactID))@\(encode(version))"
    }

    /// A `.maven` package for this coordinate, read from `filePath`.
    public func package(filePath: String) -> Package {
        Package(name: name, version: version, ecosystem: .maven, purl: purl, filePath: filePath)
    }

    /// From a `pom.properties` file (Java properties: `key=value` or `key: value`, `#`/`!` comments);
    /// `nil` unless `groupId`, `artifactId` and `version` are all present.
    public static func fromPomProperties(_ bytes: [UInt8]) -> MavenArtifact? {
        var properties: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingWhitespace()
            guard let first = trimmed.first, first != "#", first != "!" else { continue }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            properties[String(trimmed[..<separator]).trimmingWhitespace()] =
                String(trimmed[trimmed.index(after: separator)...]).trimmingWhitespace()
        }
        guard let group = properties["groupId"], let artifact = properties["artifactId"],
            let version = properties["version"], !group.isEmpty, !artifact.isEmpty, !version.isEmpty
        else { return nil }
        return MavenArtifact(groupID: group, artifactID: artifact, version: version)
    }

    /// From `META-INF/MANIFEST.MF`, with Trivy's precedence:
    /// group from `Implementation-Vendor-Id`, else `Bundle-SymbolicName` minus its last dotted element,
    /// else `Implementation-Vendor`, else `Specification-Vendor`; artifact from `Implementation-Title`,
    /// else `Specification-Title`, else `Bundle-Name`; version from `Implementation-Version`, else
    /// `Specification-Version`, else `Bundle-Version`. `nil` unless all three are found.
    public static func fromManifest(_ bytes: [UInt8]) -> MavenArtifact? {
        let attributes = manifestAttributes(bytes)
        func first(_ keys: String...) -> String? {
            keys.lazy.compactMap { attributes[$0] }.first { !$0.isEmpty }
        }
        var group = first("Implementation-Vendor-Id")
        if group == nil, let symbolic = first("Bundle-SymbolicName") {
            let bare = String(symbolic.prefix { $0 != ";" }).trimmingWhitespace()
            if let dot = bare.lastIndex(of: "."), dot > bare.startIndex {
                group = String(bare[..<dot])
            } else {
                group = bare
            }
        }
        if group == nil { group = first("Implementation-Vendor", "Specification-Vendor") }
        guard let group, let artifact = first("Implementation-Title", "Specification-Title", "Bundle-Name"),
            let version = first("Implementation-Version", "Specification-Version", "Bundle-Version")
        else { return nil }
        return MavenArtifact(groupID: group, artifactID: artifact, version: version)
    }

    /// From a file name `NAME-VERSION.jar` (the version starts at the first `-` followed by a digit);
    /// the group is unknown.
    public static func fromFileName(_ path: String) -> MavenArtifact? {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        guard let dot = name.lastIndex(of: ".") else { return nil }
        name = name[..<dot]
        var index = name.startIndex
        while let dash = name[index...].firstIndex(of: "-") {
            let next = name.index(after: dash)
            if next < name.endIndex, name[next].isNumber {
                let artifact = String(name[..<dash])
                return artifact.isEmpty
                    ? nil : MavenArtifact(groupID: "", artifactID: artifact, version: String(name[next...]))
            }
            index = next
        }
        return nil
    }

    /// The main section's attributes; continuation lines (starting with a space) are joined.
    static func manifestAttributes(_ bytes: [UInt8]) -> [String: String] {
        var attributes: [String: String] = [:]
        var lastKey: String?
        for rawLine in String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        {
            let line = rawLine
            if line.isEmpty { break }  // end of the main section
            if line.hasPrefix(" "), let key = lastKey {
                attributes[key, default: ""] += line.dropFirst()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            attributes[key] = String(line[line.index(after: colon)...]).trimmingWhitespace()
            lastKey = key
        }
        return attributes.mapValues { $0.trimmingWhitespace() }
    }
}
