import DrydockModel
import DrydockPolicy
import Foundation

/// Reads a JSON report (Drydock's or Trivy's, SchemaVersion 2) back into values: the inverse of
/// ``TrivyJSONReport``, decisions and verdict included, so that a Drydock report renders back to the same bytes.
///
/// Pure: bytes in, values out. A document that is not a report fails with the file and what is wrong; a
/// result or finding missing a required field fails naming its position (`Results[2].Vulnerabilities[5]`).
public enum TrivyJSONReportReader {
    /// Reads the report in `bytes`, read from `path` (named in errors).
    public static func read(_ bytes: [UInt8], path: String) throws(SavedReportError) -> SavedReport {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SavedReportError(path: path, reason: "not JSON: \(error)")
        }
        guard case .object = root else { throw SavedReportError(path: path, reason: "not a JSON report (no object)") }
        guard let schema = root["SchemaVersion"]?.intValue else {
            throw SavedReportError(path: path, reason: "not a JSON report (no SchemaVersion)")
        }
        guard schema == 2 else {
            throw SavedReportError(path: path, reason: "SchemaVersion \(schema) is not supported (only 2)")
        }
        let metadata = root["Metadata"]
        let operatingSystem = metadata?["OS"].flatMap(readOperatingSystem)
        var results: [DecidedTarget] = []
        for (index, result) in (root["Results"]?.arrayValue ?? []).enumerated() {
            results.append(try readResult(result, at: "Results[\(index)]", path: path))
        }
        let drydock = root["Drydock"]
        return SavedReport(
            path: path, createdAt: root["CreatedAt"]?.stringValue.flatMap(parseTimestamp),
            artifact: readArtifact(root, metadata: metadata), operatingSystem: operatingSystem,
            targets: results.map(\.detected), decidedTargets: results,
            verdict: drydock.flatMap(VerdictJSON.read), database: drydock?["Database"].flatMap(readDatabase),
            coverage: drydock?["Coverage"].flatMap(readScanCoverage),
            warnings: drydock?["Warnings"]?.stringArray ?? [], toolVersion: drydock?["Version"]?.stringValue,
            baseline: drydock?["Baseline"].flatMap(BaselineJSON.read),
            supplyChain: drydock?["SupplyChain"].map(SupplyChainJSON.read) ?? [],
            attestations: drydock.map(SupplyChainJSON.readAttestations) ?? ImageAttestations())
    }

    private static func readArtifact(_ root: JSONValue, metadata: JSONValue?) -> ArtifactMetadata {
        ArtifactMetadata(
            name: root["ArtifactName"]?.stringValue ?? "",
            type: root["ArtifactType"]?.stringValue ?? "",
            imageID: metadata?["ImageID"]?.stringValue,
            diffIDs: metadata?["DiffIDs"]?.stringArray ?? [],
            repoTags: metadata?["RepoTags"]?.stringArray ?? [],
            repoDigests: metadata?["RepoDigests"]?.stringArray ?? [],
            layers: (metadata?["Layers"]?.arrayValue ?? []).map(readLayer),
            imageConfigJSON: metadata?["ImageConfig"].map(JSONWriter.write))
    }

    private static func readOperatingSystem(_ value: JSONValue) -> OperatingSystem? {
        guard let family = value["Family"]?.stringValue, let name = value["Name"]?.stringValue else { return nil }
        return OperatingSystem(
            family: OSFamily(rawValue: family) ?? .unknown, version: name, id: family,
            extendedSupport: value["extended"]?.boolValue ?? false)
    }

    static func readLayer(_ value: JSONValue) -> LayerReference {
        LayerReference(
            digest: value["Digest"]?.stringValue, diffID: value["DiffID"]?.stringValue,
            createdBy: value["CreatedBy"]?.stringValue)
    }

    /// One result with the decisions it records: each finding's `Decision`, or for reports that record none
    /// (Trivy's) `warn` for reported findings and the rule Trivy names for set-aside ones.
    private static func readResult(
        _ result: JSONValue, at position: String, path: String
    ) throws(SavedReportError) -> DecidedTarget {
        guard let name = result["Target"]?.stringValue else {
            throw SavedReportError(path: path, reason: "\(position) has no Target")
        }
        let kind = result["Class"]?.stringValue.flatMap(TargetKind.init(rawValue:)) ?? .languagePackages
        let type = result["Type"]?.stringValue ?? ""
        let context = FindingReader(
            path: path, targetName: name, kind: kind, type: type, fallback: ecosystem(forType: type, kind: kind))
        var packages: [Package] = []
        for (index, value) in (result["Packages"]?.arrayValue ?? []).enumerated() {
            packages.append(
                try readPackage(value, at: "\(position).Packages[\(index)]", path: path, fallback: context.fallback))
        }
        var findings: [DecidedFinding] = []
        for (key, read) in context.readers {
            for (index, value) in (result[key]?.arrayValue ?? []).enumerated() {
                let finding = try read(value, "\(position).\(key)[\(index)]")
                findings.append(
                    DecidedFinding(finding: finding, decision: DecisionJSON.read(value["Decision"]) ?? unrecorded(path))
                )
            }
        }
        for (index, value) in (result["ExperimentalModifiedFindings"]?.arrayValue ?? []).enumerated() {
            findings.append(
                try context.modifiedFinding(value, at: "\(position).ExperimentalModifiedFindings[\(index)]"))
        }
        let target = DetectedTarget(
            name: name, kind: kind, type: type, packages: packages, findings: [],
            coverage: result["Coverage"].map(readTargetCoverage),
            checkedPackageCount: result["Coverage"]?["CheckedPackages"]?.intValue ?? 0,
            passedChecks: result["MisconfSummary"]?["Successes"]?.intValue ?? 0)
        return DecidedTarget(target, findings: findings)
    }

    /// The decision of a reported finding whose report records none (Trivy's, or Drydock's before decisions were
    /// written): it was reported, and nothing says it failed the gate.
    static func unrecorded(_ path: String) -> Decision {
        .warn("reported in \(path), which records no decision for it")
    }

    private static func readPackage(
        _ value: JSONValue, at position: String, path: String, fallback: Ecosystem?
    ) throws(SavedReportError) -> Package {
        guard let name = value["Name"]?.stringValue, let version = value["Version"]?.stringValue else {
            throw SavedReportError(path: path, reason: "\(position) has no Name or Version")
        }
        let purl = value["Identifier"]?["PURL"]?.stringValue
        let named = value["Ecosystem"]?.stringValue.flatMap(Ecosystem.init(rawValue:))
        guard let ecosystem = named ?? purl.flatMap(ecosystem(forPURL:)) ?? fallback else {
            throw SavedReportError(path: path, reason: "\(position): cannot tell the ecosystem of \(name)")
        }
        let full = joinVersion(
            epoch: value["Epoch"]?.intValue, version: version, release: value["Release"]?.stringValue)
        let sourceName = value["SrcName"]?.stringValue
        let sourceFull = value["SrcVersion"]?.stringValue.map {
            joinVersion(epoch: value["SrcEpoch"]?.intValue, version: $0, release: value["SrcRelease"]?.stringValue)
        }
        return Package(
            name: name, version: full, ecosystem: ecosystem,
            sourceName: sourceName == name ? nil : sourceName,
            sourceVersion: sourceFull == full ? nil : sourceFull,
            architecture: value["Arch"]?.stringValue, licenses: value["Licenses"]?.stringArray ?? [], purl: purl,
            layer: value["Layer"].map(readLayer), filePath: value["FilePath"]?.stringValue,
            installedFiles: value["InstalledFiles"]?.stringArray ?? [],
            relationship: value["Relationship"]?.stringValue.flatMap(PackageRelationship.init(rawValue:))
                ?? ((value["Indirect"]?.boolValue ?? false) ? .indirect : nil),
            isDevelopment: value["Dev"]?.boolValue ?? false,
            modularityLabel: value["Modularitylabel"]?.stringValue, vendor: value["Vendor"]?.stringValue,
            dependsOn: value["DependsOn"]?.stringArray ?? [],
            // Julia packages are identified by UUID: their `ID`.
            uuid: ecosystem == .julia ? value["ID"]?.stringValue : nil)
    }

    static func readCVSS(_ value: JSONValue?) -> [CVSSScore] {
        var scores: [CVSSScore] = []
        for (source, entry) in value?.objectMembers ?? [] {
            for (prefix, version) in [("V2", 2), ("V3", 3), ("V40", 4)] {
                guard let vector = entry["\(prefix)Vector"]?.stringValue else { continue }
                scores.append(
                    CVSSScore(
                        version: version, vector: vector, score: entry["\(prefix)Score"]?.doubleValue, source: source))
            }
        }
        return scores
    }

    /// `[epoch:]version[-release]`, the inverse of Trivy's split fields.
    static func joinVersion(epoch: Int?, version: String, release: String?) -> String {
        var full = version
        if let release, !release.isEmpty { full += "-" + release }
        if let epoch, epoch != 0 { full = "\(epoch):" + full }
        return full
    }

    /// The ecosystem a purl names (`pkg:deb/ubuntu/…` → Debian rules, as Ubuntu packages are matched).
    public static func ecosystem(forPURL text: String) -> Ecosystem? {
        guard let purl = PackageURL(text) else { return nil }
        switch purl.type {
        case "apk":
            switch purl.namespace {
            case "wolfi": return .wolfi
            case "chainguard": return .chainguard
            default: return .alpine
            }
        case "deb": return .debian
        case "rpm":
            guard let namespace = purl.namespace else { return nil }
            return OSFamily(rawValue: namespace)?.packageEcosystem ?? rpmNamespaces[namespace]
        case "pypi": return .pypi
        case "npm": return .npm
        case "maven": return .maven
        case "golang": return .go
        case "cargo": return .cratesIO
        case "gem": return .rubyGems
        case "composer": return .packagist
        case "nuget": return .nuget
        case "pub": return .pub
        case "hex": return .hex
        case "swift": return .swiftURL
        case "conan": return .conanCenter
        case "cocoapods": return .cocoaPods
        case "conda": return .conda
        case "julia": return .julia
        default: return nil
        }
    }

    private static let rpmNamespaces: [String: Ecosystem] = [
        "suse": .suse, "opensuse": .openSUSE, "almalinux": .almaLinux, "rhel": .redHat, "ol": .oracleLinux,
        "amzn": .amazonLinux, "mariner": .mariner,
    ]

    /// The ecosystem of a result's `Type`: an OS family for OS packages, a lockfile type for language packages.
    public static func ecosystem(forType type: String, kind: TargetKind) -> Ecosystem? {
        if kind == .osPackages { return OSFamily(rawValue: type)?.packageEcosystem }
        return languageTypes[type]
    }

    private static let languageTypes: [String: Ecosystem] = {
        var table: [String: Ecosystem] = [:]
        let groups: [(Ecosystem, [String])] = [
            (.pypi, ["pip", "pipenv", "poetry", "uv", "pylock", "pdm", "python-pkg"]),
            (.npm, ["npm", "yarn", "pnpm", "bun", "node-pkg"]),
            (.rubyGems, ["bundler", "gemspec"]),
            (.packagist, ["composer", "composer-vendor"]),
            (.nuget, ["nuget", "dotnet-core", "packages-props"]),
            (.pub, ["pub"]), (.swiftURL, ["swift"]), (.hex, ["hex"]), (.conanCenter, ["conan"]),
            (.cocoaPods, ["cocoapods"]), (.conda, ["conda-pkg", "conda-environment"]), (.julia, ["julia"]),
            (.maven, ["jar", "pom", "gradle", "sbt"]), (.go, ["gomod", "gobinary"]),
            (.cratesIO, ["cargo", "rustbinary"]),
        ]
        for (ecosystem, types) in groups {
            for type in types { table[type] = ecosystem }
        }
        return table
    }()

    /// Parses an RFC 3339 timestamp with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension JSONValue {
    /// The integer value of a number without a fractional part, or `nil`.
    var intValue: Int? {
        switch self {
        case .int(let value): Int(exactly: value)
        case .double(let value): Int(exactly: value)
        default: nil
        }
    }

    /// The value of any number, or `nil`.
    var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    var objectMembers: [(String, JSONValue)]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The strings of an array of strings (other elements skipped).
    var stringArray: [String]? {
        arrayValue?.compactMap(\.stringValue)
    }
}
