import DrydockCatalog
import DrydockModel
import DrydockReport

/// One SBOM component back into a `Package`: from Drydock's and Trivy's properties where present, else
/// from the purl and syft's properties.
struct PackageDecoding {
    let entry: DecodedSBOM.Entry
    let os: OperatingSystem?

    /// The package, or `nil` when the component's purl names a type Drydock has no ecosystem for.
    var package: Package? {
        guard let purlText = entry.purl, let purl = PackageURL(purlText) else { return nil }
        guard let ecosystem = ecosystem(purl) else { return nil }
        var version = entry.version ?? purl.version ?? ""
        let isOSType = ["apk", "deb", "rpm"].contains(purl.type)
        if isOSType, let epoch = purl.qualifiers["epoch"], epoch != "0", !version.contains(":") {
            version = "\(epoch):\(version)"
        }
        let writtenLicenses = entry.properties(.drydock, PropertyName.license)
        var package = Package(
            name: name(purl, version: version), version: version, ecosystem: ecosystem,
            licenses: writtenLicenses.isEmpty ? entry.licenses : writtenLicenses, purl: purlText)
        package.architecture = isOSType ? purl.qualifiers["arch"] : entry.property(.drydock, "Architecture")
        package.sourceName = entry.property(.trivy, PropertyName.srcName)
        package.sourceVersion = sourceVersion()
        if package.sourceName == nil, package.sourceVersion == nil, let upstream = purl.qualifiers["upstream"],
            purl.type == "apk" || purl.type == "deb"
        {
            // syft: `upstream=busybox` (apk origin), `upstream=bash@5.2.15-2` (Debian source and version).
            let parts = upstream.split(separator: "@", maxSplits: 1).map(String.init)
            package.sourceName = parts[0]
            if parts.count == 2 { package.sourceVersion = parts[1] }
        }
        package.modularityLabel = entry.property(.trivy, PropertyName.modularityLabel)
        let digest = entry.property(.trivy, PropertyName.layerDigest)
        let diffID =
            entry.property(.trivy, PropertyName.layerDiffID) ?? entry.property(.other, "syft:location:0:layerID")
        let createdBy = entry.property(.drydock, PropertyName.layerCreatedBy)
        if digest != nil || diffID != nil || createdBy != nil {
            package.layer = LayerReference(digest: digest, diffID: diffID, createdBy: createdBy)
        }
        package.filePath =
            entry.property(.trivy, PropertyName.filePath)
            ?? entry.property(.other, "syft:location:0:path").map { String($0.drop { $0 == "/" }) }
        package.relationship = entry.property(.drydock, PropertyName.relationship).flatMap(
            PackageRelationship.init(rawValue:))
        package.vendor = entry.property(.drydock, PropertyName.vendor)
        package.installedBy = entry.property(.drydock, PropertyName.installedBy)
        // Julia packages are identified by the UUID their purl carries (`pkg:julia/JSON@0.21.4?uuid=…`).
        if ecosystem == .julia { package.uuid = purl.qualifiers["uuid"] }
        return package
    }

    /// `SrcVersion`, with Trivy's separate `SrcEpoch` and `SrcRelease` put back (`1:2.36-9`).
    func sourceVersion() -> String? {
        guard var version = entry.property(.trivy, PropertyName.srcVersion) else { return nil }
        if let release = entry.property(.trivy, PropertyName.srcRelease), !release.isEmpty {
            version += "-" + release
        }
        if let epoch = entry.property(.trivy, PropertyName.srcEpoch), epoch != "0", !version.contains(":") {
            version = "\(epoch):\(version)"
        }
        return version
    }

    /// The name as the ecosystem spells it: from `PkgID` (`name@version`) when Drydock or Trivy wrote it,
    /// else `group:name` for Maven, `namespace/name` for npm scopes, Go modules, Composer and Swift.
    func name(_ purl: PackageURL, version: String) -> String {
        if let id = entry.property(.trivy, PropertyName.pkgID), id.hasSuffix("@" + version),
            id.count > version.count + 1
        {
            return String(id.dropLast(version.count + 1))
        }
        let namespace = entry.group ?? purl.namespace
        switch purl.type {
        case "maven":
            return namespace.map { "\($0):\(purl.name)" } ?? purl.name
        case "npm", "golang", "composer", "swift":
            return namespace.map { "\($0)/\(purl.name)" } ?? purl.name
        case "cocoapods":
            return purl.subpath.map { "\(purl.name)/\($0)" } ?? purl.name
        case "pypi":
            // The component keeps the project's own spelling (`Flask`); the purl is normalised (`flask`).
            return PythonName.normalize(entry.name) == purl.name ? entry.name : purl.name
        default:
            return entry.name.isEmpty ? purl.name : entry.name
        }
    }

    /// `drydock:Ecosystem` when present, else from the purl (the JSON report reader's rule: type, and the
    /// namespace for apk and rpm), an RPM taking the detected OS's own RPM ecosystem when there is one.
    func ecosystem(_ purl: PackageURL) -> Ecosystem? {
        if let written = entry.property(.drydock, PropertyName.ecosystem).flatMap(Ecosystem.init(rawValue:)) {
            return written
        }
        if purl.type == "rpm", let ecosystem = os?.family.packageEcosystem, ecosystem.isRPM { return ecosystem }
        return TrivyJSONReportReader.ecosystem(forPURL: purl.description) ?? (purl.type == "rpm" ? .redHat : nil)
    }
}

extension SBOMInventory {
    /// The OS from the OS component (Drydock's properties keep the os-release ID, pretty name and Ubuntu
    /// Pro), else from the first OS purl's `distro` qualifier (`alpine-3.10.4`, `debian-12.5`, or Trivy's
    /// apk `3.10.4` with the namespace as family).
    static func operatingSystem(_ entry: DecodedSBOM.Entry?, entries: [DecodedSBOM.Entry]) -> OperatingSystem? {
        if let entry {
            guard entry.property(.drydock, PropertyName.osDetected) != "false" else { return nil }
            let id =
                entry.property(.drydock, PropertyName.osID) ?? entry.property(.other, "syft:distro:id") ?? entry.name
            return OperatingSystem(
                family: family(entry.name, id: id), version: entry.version ?? "",
                prettyName: entry.property(.drydock, PropertyName.osPrettyName)
                    ?? entry.property(.other, "syft:distro:prettyName"),
                id: id, extendedSupport: entry.property(.drydock, PropertyName.extendedSupport) == "true")
        }
        for entry in entries {
            guard let purl = entry.purl.flatMap(PackageURL.init), ["apk", "deb", "rpm"].contains(purl.type),
                let distro = purl.qualifiers["distro"]
            else { continue }
            if let first = distro.first, first.isNumber, let namespace = purl.namespace {
                return OperatingSystem(family: family(namespace, id: namespace), version: distro, id: namespace)
            }
            // `ID-VERSION`: the ID may hold dashes (`opensuse-leap-15.5`); the version starts with a digit.
            var split = distro.startIndex
            for index in distro.indices where distro[index] == "-" {
                let next = distro.index(after: index)
                if next < distro.endIndex, distro[next].isNumber {
                    split = index
                    break
                }
            }
            guard split != distro.startIndex else { continue }
            let id = String(distro[..<split])
            return OperatingSystem(
                family: family(id, id: id), version: String(distro[distro.index(after: split)...]), id: id)
        }
        return nil
    }

    /// Trivy's family names (`redhat`, `opensuse.leap`) or os-release IDs (`rhel`, `opensuse-leap`).
    static func family(_ name: String, id: String) -> OSFamily {
        if let family = OSFamily(rawValue: name.lowercased()) { return family }
        let fromID = OSIdentity.family(forID: id.lowercased())
        return fromID != .unknown ? fromID : OSIdentity.family(forID: name.lowercased())
    }
}
