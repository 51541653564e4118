import DrydockModel
import DrydockPolicy

/// Reads the findings of one `Results[]` entry: the inverse of ``ResultContext``'s finding writers.
struct FindingReader {
    var path: String
    var targetName: String
    var kind: TargetKind
    var type: String
    /// The ecosystem of the result's `Type`, for packages whose purl does not name one.
    var fallback: Ecosystem?

    /// The finding arrays of a result, in the order the writer puts them.
    var readers: [(String, (JSONValue, String) throws(SavedReportError) -> Finding)] {
        [
            (
                "Vulnerabilities",
                { value, position throws(SavedReportError) in .vulnerability(try vulnerability(value, at: position)) }
            ),
            (
                "Misconfigurations",
                { value, position throws(SavedReportError) in
                    .misconfiguration(try misconfiguration(value, at: position))
                }
            ),
            ("Secrets", { value, position throws(SavedReportError) in .secret(try secret(value, at: position)) }),
            ("Licenses", { value, position throws(SavedReportError) in .license(try license(value, at: position)) }),
        ]
    }

    private func failure(_ position: String, _ reason: String) -> SavedReportError {
        SavedReportError(path: path, reason: "\(position) \(reason)")
    }

    func vulnerability(_ value: JSONValue, at position: String) throws(SavedReportError) -> VulnerabilityFinding {
        guard let id = value["VulnerabilityID"]?.stringValue, let name = value["PkgName"]?.stringValue,
            let installed = value["InstalledVersion"]?.stringValue
        else { throw failure(position, "has no VulnerabilityID, PkgName or InstalledVersion") }
        let purl = value["PkgIdentifier"]?["PURL"]?.stringValue
        guard let ecosystem = purl.flatMap(TrivyJSONReportReader.ecosystem(forPURL:)) ?? fallback else {
            throw failure(position, "names \(name), whose ecosystem cannot be told (no purl, unknown Type)")
        }
        let severity = value["Severity"]?.stringValue.flatMap(Severity.init(name:)) ?? .unknown
        let dataSource = value["DataSource"]?["ID"]?.stringValue
        var advisory = Advisory(
            id: id, aliases: value["VendorIDs"]?.stringArray ?? [], title: value["Title"]?.stringValue,
            description: value["Description"]?.stringValue, severity: severity,
            severitySource: value["SeveritySource"]?.stringValue, cvss: TrivyJSONReportReader.readCVSS(value["CVSS"]),
            references: value["References"]?.stringArray ?? [],
            published: value["PublishedDate"]?.stringValue.flatMap(TrivyJSONReportReader.parseTimestamp),
            modified: value["LastModifiedDate"]?.stringValue.flatMap(TrivyJSONReportReader.parseTimestamp),
            source: value["AdvisorySource"]?.stringValue ?? dataSource ?? "report")
        advisory.cweIDs = value["CweIDs"]?.stringArray ?? []
        for (source, rating) in value["VendorSeverity"]?.objectMembers ?? [] {
            // Trivy writes numbers; older Drydock reports wrote names.
            if let level = rating.intValue.flatMap(TrivySeverityLevel.severity)
                ?? rating.stringValue.flatMap(Severity.init(name:))
            {
                advisory.vendorSeverity[source] = level
            }
        }
        if let epss = value["EPSS"], let score = epss["Score"]?.doubleValue {
            advisory.epss = EPSSScore(
                score: score, percentile: epss["Percentile"]?.doubleValue ?? 0, date: epss["Date"]?.stringValue)
        }
        if let kev = value["KnownExploited"], let added = kev["DateAdded"]?.stringValue {
            advisory.knownExploited = KnownExploited(
                dateAdded: added, dueDate: kev["DueDate"]?.stringValue, ransomwareUse: kev["RansomwareUse"]?.stringValue
            )
        }
        let package = Package(
            name: name, version: installed, ecosystem: ecosystem, purl: purl,
            layer: value["Layer"].map(TrivyJSONReportReader.readLayer), filePath: value["PkgPath"]?.stringValue)
        let fixed = value["FixedVersion"]?.stringValue
        let status =
            value["Status"]?.stringValue.flatMap(VulnerabilityStatus.init(rawValue:))
            ?? ((fixed?.isEmpty ?? true) ? .affected : .fixed)
        var reachability: Reachability?
        if let entry = value["Reachability"], let reachable = entry["Reachable"]?.boolValue {
            let symbols = entry["Symbols"]?.stringArray ?? []
            reachability = reachable ? .reachable(symbols: symbols) : .notReachable(checkedSymbols: symbols)
        }
        return VulnerabilityFinding(
            vulnerabilityID: id, allIDs: [id] + advisory.aliases, package: package,
            fixedVersion: (fixed?.isEmpty ?? true) ? nil : fixed, status: status, advisory: advisory,
            severity: severity, severitySource: advisory.severitySource,
            namespace: value["Namespace"]?.stringValue ?? dataSource ?? "", reachability: reachability)
    }

    func misconfiguration(_ value: JSONValue, at position: String) throws(SavedReportError) -> MisconfigurationFinding {
        guard let id = value["ID"]?.stringValue ?? value["AVDID"]?.stringValue else {
            throw failure(position, "has no ID")
        }
        let cause = value["CauseMetadata"]
        let occurrences: [CauseOccurrence] = (cause?["Occurrences"]?.arrayValue ?? []).map { entry in
            CauseOccurrence(
                resource: entry["Resource"]?.stringValue ?? "", filename: entry["Filename"]?.stringValue ?? "",
                startLine: entry["Location"]?["StartLine"]?.intValue ?? 0,
                endLine: entry["Location"]?["EndLine"]?.intValue ?? 0)
        }
        // An older Trivy report's `AVDID` (`AVD-DS-0002` beside `ID: DS002`) is one more spelling of the check.
        var aliases = value["Aliases"]?.stringArray ?? []
        if let avdID = value["AVDID"]?.stringValue, avdID != id, !aliases.contains(avdID) { aliases.append(avdID) }
        return MisconfigurationFinding(
            fileType: type, filePath: targetName, id: id, aliases: aliases,
            title: value["Title"]?.stringValue ?? "", description: value["Description"]?.stringValue ?? "",
            message: value["Message"]?.stringValue ?? "", namespace: value["Namespace"]?.stringValue,
            resolution: value["Resolution"]?.stringValue ?? "",
            severity: value["Severity"]?.stringValue.flatMap(Severity.init(name:)) ?? .unknown,
            primaryURL: value["PrimaryURL"]?.stringValue, references: value["References"]?.stringArray ?? [],
            status: value["Status"]?.stringValue.flatMap(MisconfigurationFinding.Status.init(rawValue:)) ?? .fail,
            layer: value["Layer"].map(TrivyJSONReportReader.readLayer),
            cause: CauseMetadata(
                resource: cause?["Resource"]?.stringValue, provider: cause?["Provider"]?.stringValue,
                service: cause?["Service"]?.stringValue, startLine: cause?["StartLine"]?.intValue,
                endLine: cause?["EndLine"]?.intValue, code: code(cause?["Code"]), occurrences: occurrences))
    }

    func secret(_ value: JSONValue, at position: String) throws(SavedReportError) -> SecretFinding {
        guard let rule = value["RuleID"]?.stringValue else { throw failure(position, "has no RuleID") }
        return SecretFinding(
            filePath: targetName, ruleID: rule, category: value["Category"]?.stringValue ?? "",
            severity: value["Severity"]?.stringValue.flatMap(Severity.init(name:)) ?? .unknown,
            title: value["Title"]?.stringValue ?? "", startLine: value["StartLine"]?.intValue ?? 0,
            endLine: value["EndLine"]?.intValue ?? 0, code: code(value["Code"]),
            match: value["Match"]?.stringValue ?? "", layer: value["Layer"].map(TrivyJSONReportReader.readLayer),
            offset: value["Offset"]?.intValue)
    }

    func license(_ value: JSONValue, at position: String) throws(SavedReportError) -> LicenseFinding {
        guard let name = value["Name"]?.stringValue else { throw failure(position, "has no Name") }
        var package: Package?
        let packageName = value["PkgName"]?.stringValue ?? ""
        if !packageName.isEmpty {
            let purl = value["PkgIdentifier"]?["PURL"]?.stringValue
            let ecosystem =
                value["PkgEcosystem"]?.stringValue.flatMap(Ecosystem.init(rawValue:))
                ?? purl.flatMap(TrivyJSONReportReader.ecosystem(forPURL:)) ?? fallback ?? .npm
            var version = ""
            // `PkgID` spells the version after `@`, `:` (Maven) or `/` (Conan, .NET deps.json).
            if let id = value["PkgID"]?.stringValue, id.count > packageName.count + 1, id.hasPrefix(packageName),
                ["@", ":", "/"].contains(id.dropFirst(packageName.count).first)
            {
                version = String(id.dropFirst(packageName.count + 1))
            }
            package = Package(name: packageName, version: version, ecosystem: ecosystem, purl: purl)
        }
        let filePath = value["FilePath"]?.stringValue ?? ""
        return LicenseFinding(
            name: name,
            category: value["Category"]?.stringValue.flatMap(LicenseFinding.Category.init(rawValue:)) ?? .unknown,
            severity: value["Severity"]?.stringValue.flatMap(Severity.init(name:)) ?? .unknown, package: package,
            filePath: filePath.isEmpty ? (package == nil ? nil : value["PkgPath"]?.stringValue) : filePath,
            text: value["Text"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            confidence: value["Confidence"]?.doubleValue ?? 1,
            link: value["Link"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            layer: value["Layer"].map(TrivyJSONReportReader.readLayer))
    }

    /// One `ExperimentalModifiedFindings` entry: a finding set aside, with the decision recorded in its `Decision`,
    /// else (Trivy's reports) the rule Trivy's `Status`, `Statement` and `Source` name.
    func modifiedFinding(_ value: JSONValue, at position: String) throws(SavedReportError) -> DecidedFinding {
        guard let type = value["Type"]?.stringValue.flatMap(FindingKind.init(rawValue:)), let body = value["Finding"]
        else { throw failure(position, "has no Type (vulnerability, misconfiguration, secret, license) or Finding") }
        let finding: Finding
        switch type {
        case .vulnerability: finding = .vulnerability(try vulnerability(body, at: position + ".Finding"))
        case .misconfiguration: finding = .misconfiguration(try misconfiguration(body, at: position + ".Finding"))
        case .secret: finding = .secret(try secret(body, at: position + ".Finding"))
        case .license: finding = .license(try license(body, at: position + ".Finding"))
        }
        let decision = DecisionJSON.read(body["Decision"]) ?? ModifiedFindings.decision(forTrivyEntry: value)
        return DecidedFinding(finding: finding, decision: decision)
    }

    private func code(_ value: JSONValue?) -> CodeSnippet {
        CodeSnippet(
            lines: (value?["Lines"]?.arrayValue ?? []).map { line in
                CodeLine(
                    number: line["Number"]?.intValue ?? 0, content: line["Content"]?.stringValue ?? "",
                    isCause: line["IsCause"]?.boolValue ?? false, annotation: line["Annotation"]?.stringValue ?? "",
                    truncated: line["Truncated"]?.boolValue ?? false,
                    firstCause: line["FirstCause"]?.boolValue ?? false,
                    lastCause: line["LastCause"]?.boolValue ?? false)
            })
    }
}
