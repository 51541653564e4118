/// PEP 440 version specifiers (`>=1.0,<2`, `~=1.4.2`, `==1.*`, `!=1.3.*`, `===1.0-foo`), as `packaging`
/// evaluates them for an installed version (pre-releases are accepted, as PEP 440 asks for installed ones).
///
/// `<V` excludes pre-releases of V's own release unless V is one; `>V` excludes post-releases and local
/// versions of V unless V is a post-release; `==`/`!=` ignore the candidate's local part when the
/// specifier has none; `==V.*` compares the release as a prefix (zero-padded); `~=V.N` means `>=V.N, ==V.*`.
enum PEP440Specifier {
    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        let candidate = try PEP440Version.parse(version)
        // Every clause is read (and so validated) even after one fails, as `SpecifierSet` parses them all.
        var result = true
        for clause in Substring(constraint).pieces([","]) {
            if try !matches(candidate, raw: version, clause: clause, constraint: constraint) { result = false }
        }
        return result
    }

    private static func matches(
        _ candidate: PEP440Version, raw: String, clause: Substring, constraint: String
    ) throws(VersionError) -> Bool {
        let operators = ["===", "~=", "==", "!=", "<=", ">=", "<", ">"]
        guard let op = operators.first(where: { clause.hasPrefix($0) }) else {
            throw invalidConstraint("missing operator in \"\(clause)\"", constraint)
        }
        let target = clause.dropFirst(op.count).trimmed
        if op == "===" { return String(target).lowercased() == raw.trimmingSpaces.lowercased() }
        let wildcard = target.hasSuffix(".*")
        let spec: PEP440Version
        do {
            spec = try PEP440Version.parse(String(wildcard ? target.dropLast(2) : target))
        } catch {
            throw invalidConstraint("bad version in \"\(clause)\"", constraint)
        }
        if wildcard && op != "==" && op != "!=" { throw invalidConstraint("\".*\" only follows == or !=", constraint) }
        if wildcard && (spec.pre != nil || spec.post != nil || spec.dev != nil || spec.local != nil) {
            throw invalidConstraint("\".*\" only follows a plain release", constraint)
        }
        if spec.local != nil && op != "==" && op != "!=" {
            throw invalidConstraint("local version in \(op)", constraint)
        }
        var publicCandidate = candidate
        publicCandidate.local = nil
        switch op {
        case "==", "!=":
            let equal: Bool
            if wildcard {
                equal = prefixMatches(candidate, spec)
            } else {
                equal = PEP440Version.compare(spec.local == nil ? publicCandidate : candidate, spec) == .equal
            }
            return op == "==" ? equal : !equal
        case "~=":
            guard spec.release.count >= 2 else { throw invalidConstraint("~= needs two release numbers", constraint) }
            var prefix = PEP440Version()
            prefix.epoch = spec.epoch
            prefix.release = PEP440Version.Release(spec.release.values.dropLast())
            return PEP440Version.compare(publicCandidate, spec) != .less && prefixMatches(candidate, prefix)
        case "<=": return PEP440Version.compare(publicCandidate, spec) != .greater
        case ">=": return PEP440Version.compare(publicCandidate, spec) != .less
        case "<":
            guard PEP440Version.compare(candidate, spec) == .less else { return false }
            if spec.pre == nil && spec.dev == nil && (candidate.pre != nil || candidate.dev != nil) {
                return base(candidate) != base(spec)
            }
            return true
        default:
            guard PEP440Version.compare(candidate, spec) == .greater else { return false }
            if spec.post == nil && candidate.post != nil && base(candidate) == base(spec) { return false }
            if candidate.local != nil && base(candidate) == base(spec) { return false }
            return true
        }
    }

    /// Epoch and release with trailing zeros dropped (`packaging`'s `base_version` compared as a version).
    private static func base(_ version: PEP440Version) -> [Int] {
        [version.epoch] + version.release.trimmed
    }

    /// `==V.*`: the candidate's epoch matches and its zero-padded release starts with the prefix's.
    private static func prefixMatches(_ candidate: PEP440Version, _ prefix: PEP440Version) -> Bool {
        guard candidate.epoch == prefix.epoch else { return false }
        for index in 0..<prefix.release.count where candidate.release[index] != prefix.release[index] { return false }
        return true
    }
}

extension String {
    fileprivate var trimmingSpaces: String { String(Substring(self).trimmed) }
}
