import DrydockModel
import DrydockPolicy
import DrydockRepository
import Foundation
import Hummingbird
import HummingbirdCore

/// The UI's pages: store queries turned into the plain dictionaries the templates render.
struct UIPages: Sendable {
    let store: any RepositoryStore
    let sla: SLAPolicy
    /// Findings per page of the findings pages.
    static let pageSize = 100

    static func render(_ template: String, _ context: [String: Any]) -> String {
        UITemplates.library.render(context, withTemplate: template) ?? "template \(template) missing"
    }

    /// What every page has: its title, the user and the CSRF field, a message.
    func base(_ title: String, _ session: UISession, flash: String? = nil, error: String? = nil) -> [String: Any] {
        var context: [String: Any] = [
            "title": title, "heading": title, "csrf": session.csrf, "canWrite": session.identity.scope >= .write,
            "user": ["name": session.identity.name, "scope": session.identity.scope.rawValue],
        ]
        if let flash { context["flash"] = flash }
        if let error { context["error"] = error }
        return context
    }

    /// Findings of one image, or of every image (filtered by team), with the filters applied: a page of
    /// ``pageSize``, most severe first, over every stored image.
    func findings(_ query: FlatDictionary<Substring, Substring>, image digest: String?, session: UISession) async throws
        -> String
    {
        let severity = query.get("severity").flatMap { Severity(rawValue: $0) }
        let fixable = query.get("fixable").flatMap { $0.isEmpty ? nil : $0 == "yes" }
        let kev = query.get("kev").flatMap { $0.isEmpty ? nil : $0 == "yes" }
        let since = query.get("since").flatMap { $0.isEmpty ? nil : PolicyDate.parse($0) }
        let triaged = query.get("triaged").flatMap { $0.isEmpty ? nil : $0 == "yes" }
        let team = query.get("team").flatMap { $0.isEmpty ? nil : $0 }
        let pageNumber = max(1, query.get("page").flatMap { Int($0) } ?? 1)
        var context = base(
            digest == nil ? "Findings" : "Image", session, flash: query.get("flash"), error: query.get("error"))
        if let digest {
            guard let image = try await store.image(digest: digest) else {
                throw RepositoryError(.notFound, "no image \(digest) in the repository")
            }
            var summary: [String: Any] = [
                "name": image.name, "digest": image.digest, "lastScanned": Self.day(image.lastScanned),
                "labels": image.labels.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] },
            ]
            if let os = image.operatingSystem { summary["os"] = os }
            context["image"] = summary
            context["action"] = "/ui/images/" + UIHTTP.pathSegment(digest)
        } else {
            context["action"] = "/ui/findings"
        }
        let filter = FindingFilter(
            severity: severity, fixable: fixable, knownExploited: kev, since: since,
            labels: digest == nil ? (team.map { ["team": $0] } ?? [:]) : [:], image: digest, triaged: triaged)
        let page = try await store.openFindings(
            filter, limit: Self.pageSize, offset: (pageNumber - 1) * Self.pageSize)
        let action = context["action"] as? String ?? "/ui/findings"
        let back = action + Self.query(query, dropping: ["flash", "error"])
        context["rows"] = page.items.map { item -> [String: Any] in
            let (record, image) = (item.finding, item.image)
            var row = Self.row(record.finding, image: image)
            row["firstSeen"] = Self.day(record.firstSeen)
            row["purl"] = record.finding.purl ?? ""
            row["back"] = back
            if let team = image.labels["team"] { row["imageTeam"] = team }
            if let decision = record.decision { row["decision"] = Self.decision(decision) }
            return row
        }
        context["count"] = page.total
        let pages = max(1, (page.total + Self.pageSize - 1) / Self.pageSize)
        if pages > 1 {
            var pager: [String: Any] = ["page": pageNumber, "pages": pages]
            let base = action + Self.query(query, dropping: ["flash", "error", "page"])
            if pageNumber > 1 { pager["previous"] = Self.appending(base, "page", "\(pageNumber - 1)") }
            if pageNumber < pages { pager["next"] = Self.appending(base, "page", "\(pageNumber + 1)") }
            context["pager"] = pager
        }
        context["severities"] = Severity.allCases.reversed().map { ["name": $0.rawValue, "selected": $0 == severity] }
        context["fixableYes"] = fixable == true
        context["fixableNo"] = fixable == false
        context["kevYes"] = kev == true
        context["kevNo"] = kev == false
        context["triaged"] = triaged == true
        context["untriaged"] = triaged == false
        context["since"] = query.get("since") ?? ""
        context["team"] = team ?? ""
        return Self.render("findings", context)
    }

    /// Open findings against their severity's SLA.
    func sla(session: UISession) async throws -> String {
        var context = base("SLA", session)
        var summary: [[String: Any]] = []
        for (severity, days) in sla.days.sorted(by: { $0.key > $1.key }) {
            let open = try await store.overdueFindings(sla: SLAPolicy(days: [severity: 0]), now: Date(), limit: 0).total
            let overdue = try await store.overdueFindings(sla: SLAPolicy(days: [severity: days]), limit: 0).total
            summary.append(["severity": severity.rawValue, "days": days, "open": open, "overdue": overdue])
        }
        context["summary"] = summary
        let page = try await store.overdueFindings(sla: sla, limit: 200)
        context["rows"] = page.items.map { item -> [String: Any] in
            var row = Self.row(item.finding.finding, image: item.image)
            row["age"] = item.ageDays
            row["sla"] = item.slaDays
            if let decision = item.finding.decision { row["decision"] = Self.decision(decision) }
            return row
        }
        return Self.render("sla", context)
    }

    /// "Which images contain X": a package (name or purl, optional version constraint) or a vulnerability.
    func search(_ query: FlatDictionary<Substring, Substring>, session: UISession) async throws -> String {
        var context = base("Search", session)
        let package = query.get("package")?.trimmingCharacters(in: .whitespaces) ?? ""
        let version = query.get("version")?.trimmingCharacters(in: .whitespaces) ?? ""
        let vulnerability = query.get("vulnerability")?.trimmingCharacters(in: .whitespaces) ?? ""
        context["package"] = package
        context["version"] = version
        context["vulnerability"] = vulnerability
        if !package.isEmpty {
            let hits = try await store.images(
                containing: PackageQuery(
                    purl: package.hasPrefix("pkg:") ? package : nil, name: package.hasPrefix("pkg:") ? nil : package,
                    versionConstraint: version.isEmpty ? nil : version, limit: 200))
            context["asked"] = ["total": hits.total]
            context["total"] = hits.total
            context["rows"] = hits.items.map { hit in
                Self.imageRow(hit.image, matches: hit.packages.map { "\($0.name) \($0.version)" })
            }
        } else if !vulnerability.isEmpty {
            let hits = try await store.images(affectedBy: vulnerability, limit: 200)
            context["asked"] = ["total": hits.total]
            context["total"] = hits.total
            context["rows"] = hits.items.map { hit in
                Self.imageRow(
                    hit.image, matches: hit.findings.map { "\($0.finding.packageName) \($0.finding.installedVersion)" })
            }
        }
        return Self.render("search", context)
    }

    /// The current exceptions.
    func exceptions(session: UISession) async throws -> String {
        var context = base("Exceptions", session)
        context["rows"] = try await store.exceptions().compactMap { record -> [String: Any]? in
            guard let body = record.exception else { return nil }
            let scope =
                [("purl", body.purl), ("path", body.path), ("image", body.image)].compactMap { name, values in
                    values.map { "\(name) " + $0.joined(separator: "|") }
                }.joined(separator: ", ")
            return [
                "id": record.id, "version": record.version, "location": record.path,
                "ids": body.id.joined(separator: ", "),
                "action": body.action, "scope": scope.isEmpty ? "everywhere" : scope, "owner": body.owner,
                "expires": body.expires, "expired": record.expired == true, "reason": body.reason,
                "changedBy": record.changedBy, "changedAt": PolicyDate.timestamp(record.changedAt),
            ]
        }
        return Self.render("exceptions", context)
    }

    static func row(_ finding: StoredFinding, image: ImageSummary) -> [String: Any] {
        var row: [String: Any] = [
            "id": finding.vulnerabilityID, "severity": finding.severity.rawValue,
            "package": finding.packageName, "version": finding.installedVersion, "fixed": finding.fixedVersion ?? "",
            "digest": image.digest, "digestPath": UIHTTP.pathSegment(image.digest),
            "imageName": image.references.first ?? image.name,
        ]
        // Absent, not `nil`: Mustache would print "nil".
        if let title = finding.title { row["advisoryTitle"] = title }
        if let entry = finding.knownExploited {
            row["kev"] = [
                "added": entry.dateAdded, "due": entry.dueDate ?? "", "ransomware": entry.ransomwareUse == "Known",
            ]
        }
        return row
    }

    static func imageRow(_ image: ImageSummary, matches: [String]) -> [String: Any] {
        [
            "digest": image.digest, "digestPath": UIHTTP.pathSegment(image.digest),
            "imageName": image.references.first ?? image.name, "matches": matches.joined(separator: ", "),
        ]
    }

    static func decision(_ decision: Decision) -> [String: Any] {
        [
            "action": decision.action.rawValue, "reason": decision.rule.description, "owner": decision.rule.owner ?? "",
            "expires": decision.rule.expires ?? "", "location": decision.rule.location?.file ?? "",
            "exception": Self.exceptionLabel(decision.rule.location?.file ?? ""),
        ]
    }

    /// `x-3f9c2a1b04 v2` for `/api/v1/exceptions/x-3f9c2a1b04/versions/2`.
    static func exceptionLabel(_ path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 2] == "versions" else { return path }
        return "\(parts[parts.count - 3]) v\(parts[parts.count - 1])"
    }

    /// Most severe first, then by ID.
    static func rank(_ row: [String: Any]) -> (Int, String) {
        let severity = Severity(rawValue: row["severity"] as? String ?? "") ?? .unknown
        return (-(Severity.allCases.firstIndex(of: severity) ?? 0), row["id"] as? String ?? "")
    }

    static func day(_ date: Date) -> String { String(PolicyDate.timestamp(date).prefix(10)) }

    /// `?a=b&…` of `query` without `dropping`, or empty.
    static func query(_ query: FlatDictionary<Substring, Substring>, dropping: Set<String>) -> String {
        let pairs = query.filter { !dropping.contains(String($0.key)) }.map {
            "\(UIHTTP.queryValue(String($0.key)))=\(UIHTTP.queryValue(String($0.value)))"
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// `path` when it is a path of this UI (a form's `back` field), else `nil`: never a redirect elsewhere.
    static func localPath(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/ui/"), !path.hasPrefix("//"), !path.contains("\\") else { return nil }
        return path
    }

    /// `path` with `name=value` added to its query.
    static func appending(_ path: String, _ name: String, _ value: String) -> String {
        path + (path.contains("?") ? "&" : "?") + name + "=" + UIHTTP.queryValue(value)
    }
}
