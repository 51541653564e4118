import DrydockModel
import DrydockPolicy

extension ResultContext {
    /// One finding as its kind's Trivy object, with Drydock's `Decision` as the last member: the decision, the
    /// rule that took it and where that rule is written (``DecisionJSON``).
    func decided(_ decided: DecidedFinding, target: DecidedTarget) -> JSONValue {
        let body: JSONValue
        switch decided.finding {
        case .vulnerability(let value): body = vulnerability(value, target: target)
        case .misconfiguration(let value): body = misconfiguration(value)
        case .secret(let value): body = secret(value)
        case .license(let value): body = license(value)
        }
        guard case .object(var members) = body else { return body }
        members.append(("Decision", DecisionJSON.json(decided.decision)))
        return .object(members)
    }

    /// Trivy's `DetectedVulnerability`, fields in Trivy's order, then Drydock's (`EPSS`, `KnownExploited`, the
    /// DB `Namespace` that matched and the feed the advisory came from, `Reachability`).
    func vulnerability(_ finding: VulnerabilityFinding, target: DecidedTarget) -> JSONValue {
        let advisory = finding.advisory
        var object = JSONObjectBuilder()
        object.add("VulnerabilityID", .string(finding.vulnerabilityID))
        object.add("VendorIDs", strings: finding.allIDs.filter { $0 != finding.vulnerabilityID })
        object.add("PkgID", .string(finding.package.id))
        object.add("PkgName", .string(finding.package.name))
        object.add("PkgPath", string: pkgPath(finding.package, target))
        object.add("PkgIdentifier", identifier(finding.package, target: target))
        object.add("InstalledVersion", .string(finding.package.version))
        object.add("FixedVersion", string: finding.fixedVersion)
        object.add("Status", .string(finding.status.rawValue))
        if let layer = finding.package.layer { object.add("Layer", nonEmpty: TrivyJSONReport.layer(layer)) }
        object.add("SeveritySource", string: finding.severitySource)
        object.add("PrimaryURL", string: TrivyJSONReport.primaryURL(for: finding))
        object.add("DataSource", DataSourceInfo(namespace: finding.namespace, source: advisory.source).json)
        object.add(
            "Fingerprint",
            .string(
                ReportIdentity.fingerprint(
                    artifactID: artifactID, target: target.name, packageID: finding.package.id,
                    vulnerabilityID: finding.vulnerabilityID)))
        object.add("Title", string: advisory.title)
        object.add("Description", string: advisory.description)
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("CweIDs", strings: advisory.cweIDs)
        if !advisory.vendorSeverity.isEmpty {
            // Trivy writes vendor severities as numbers: 0 UNKNOWN, 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL.
            object.add(
                "VendorSeverity",
                .object(
                    advisory.vendorSeverity.sorted { $0.key < $1.key }.map {
                        ($0.key, .int(Int64(TrivySeverityLevel.number($0.value))))
                    }))
        }
        object.add("CVSS", nonEmpty: TrivyJSONReport.cvss(advisory.cvss))
        object.add("References", strings: advisory.references)
        if let published = advisory.published {
            object.add("PublishedDate", .string(TrivyJSONReport.timestamp(published, fractional: false)))
        }
        if let modified = advisory.modified {
            object.add("LastModifiedDate", .string(TrivyJSONReport.timestamp(modified, fractional: false)))
        }
        if let epss = advisory.epss {
            var entry = JSONObjectBuilder()
            entry.add("Score", .double(epss.score))
            entry.add("Percentile", .double(epss.percentile))
            entry.add("Date", string: epss.date)
            object.add("EPSS", entry.value)
        }
        if let kev = advisory.knownExploited {
            var entry = JSONObjectBuilder()
            entry.add("DateAdded", .string(kev.dateAdded))
            entry.add("DueDate", string: kev.dueDate)
            entry.add("RansomwareUse", string: kev.ransomwareUse)
            object.add("KnownExploited", entry.value)
        }
        object.add("Namespace", string: finding.namespace)
        object.add("AdvisorySource", string: advisory.source)
        switch finding.reachability {
        case .reachable(let symbols):
            object.add("Reachability", .object([("Reachable", .bool(true)), ("Symbols", .strings(symbols))]))
        case .notReachable(let symbols):
            object.add("Reachability", .object([("Reachable", .bool(false)), ("Symbols", .strings(symbols))]))
        case nil:
            break
        }
        return object.value
    }

    /// Trivy's `DetectedMisconfiguration`; `Aliases` (older spellings of the ID) is Drydock's addition.
    ///
    /// `AVDID` is the check's `AVD-` spelling (`AVD-DS-0002`). Trivy declares the field deprecated and, since its
    /// checks moved to `DS-0002` IDs, leaves it empty for built-in checks; Drydock keeps writing it so that
    /// dashboards and ignore lists keyed on reports of earlier Trivy releases keep matching.
    func misconfiguration(_ finding: MisconfigurationFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Type", .string(TrivyJSONReport.checkType(fileType: finding.fileType)))
        object.add("ID", .string(finding.id))
        object.add("AVDID", string: ([finding.id] + finding.aliases).first { $0.hasPrefix("AVD-") })
        object.add("Aliases", strings: finding.aliases)
        object.add("Title", string: finding.title)
        object.add("Description", string: finding.description)
        object.add("Message", string: finding.message)
        object.add("Namespace", string: finding.namespace)
        object.add("Query", string: finding.namespace.map { "data.\($0).deny" })
        object.add("Resolution", string: finding.resolution)
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("PrimaryURL", string: finding.primaryURL)
        object.add("References", strings: finding.references)
        object.add("Status", .string(finding.status.rawValue))
        if let layer = finding.layer { object.add("Layer", nonEmpty: TrivyJSONReport.layer(layer)) }
        var cause = JSONObjectBuilder()
        cause.add("Resource", string: finding.cause.resource)
        cause.add("Provider", string: finding.cause.provider)
        cause.add("Service", string: finding.cause.service)
        if let line = finding.cause.startLine, line != 0 { cause.add("StartLine", .int(Int64(line))) }
        if let line = finding.cause.endLine, line != 0 { cause.add("EndLine", .int(Int64(line))) }
        if !finding.cause.code.isEmpty { cause.add("Code", TrivyJSONReport.code(finding.cause.code, highlight: false)) }
        cause.add(
            "Occurrences",
            nonEmpty: .array(
                finding.cause.occurrences.map { occurrence in
                    var entry = JSONObjectBuilder()
                    entry.add("Resource", string: occurrence.resource)
                    entry.add("Filename", string: occurrence.filename)
                    var location = JSONObjectBuilder()
                    if occurrence.startLine != 0 { location.add("StartLine", .int(Int64(occurrence.startLine))) }
                    if occurrence.endLine != 0 { location.add("EndLine", .int(Int64(occurrence.endLine))) }
                    entry.add("Location", location.value)
                    return entry.value
                }))
        object.add("CauseMetadata", nonEmpty: cause.value)
        return object.value
    }

    /// Trivy's `DetectedSecret` (every field always written, as Trivy's struct has no `omitempty` on them).
    func secret(_ finding: SecretFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("RuleID", .string(finding.ruleID))
        object.add("Category", .string(finding.category))
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("Title", .string(finding.title))
        object.add("StartLine", .int(Int64(finding.startLine)))
        object.add("EndLine", .int(Int64(finding.endLine)))
        object.add("Code", TrivyJSONReport.code(finding.code, highlight: true))
        object.add("Match", .string(finding.match))
        if let layer = finding.layer { object.add("Layer", nonEmpty: TrivyJSONReport.layer(layer)) }
        if let offset = finding.offset, offset != 0 { object.add("Offset", .int(Int64(offset))) }
        return object.value
    }

    /// Trivy's `DetectedLicense` (every field always written), then Drydock's additions that name the package
    /// exactly (`PkgID`, `PkgIdentifier`, `PkgPath`, `PkgEcosystem`) and the layer. `FilePath` is, as in Trivy,
    /// the license file, or the lockfile or metadata file of a language package; empty for OS packages.
    func license(_ finding: LicenseFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("Category", .string(finding.category.rawValue))
        object.add("PkgName", .string(finding.package?.name ?? ""))
        let isOSPackage = finding.package?.ecosystem.isDistribution == true
        object.add("FilePath", .string(isOSPackage ? "" : finding.filePath ?? ""))
        object.add("Name", .string(finding.name))
        object.add("Text", .string(finding.text ?? ""))
        object.add("Confidence", .double(finding.confidence))
        object.add("Link", .string(finding.link ?? ""))
        if let package = finding.package {
            object.add("PkgID", .string(package.id))
            var identifier = JSONObjectBuilder()
            identifier.add("PURL", string: package.purl)
            object.add("PkgIdentifier", nonEmpty: identifier.value)
            object.add("PkgPath", string: finding.filePath ?? package.filePath)
            object.add("PkgEcosystem", .string(package.ecosystem.rawValue))
        }
        if let layer = finding.layer ?? finding.package?.layer {
            object.add("Layer", nonEmpty: TrivyJSONReport.layer(layer))
        }
        return object.value
    }
}

/// Trivy's numeric severity levels, as `VendorSeverity` holds them.
enum TrivySeverityLevel {
    static func number(_ severity: Severity) -> Int {
        switch severity {
        case .unknown: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    static func severity(_ number: Int) -> Severity? {
        switch number {
        case 0: .unknown
        case 1: .low
        case 2: .medium
        case 3: .high
        case 4: .critical
        default: nil
        }
    }
}

extension JSONValue {
    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
