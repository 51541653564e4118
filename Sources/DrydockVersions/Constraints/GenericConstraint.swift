/// The constraint syntax for schemes without one of their own (deb, rpm, apk, Conan): `||` alternatives
/// of comma- or space-separated `op version` clauses (`>=`, `>`, `<=`, `<`, `=`/`==`, `!=`, Debian's
/// `<<`/`>>`; no operator means `=`). A Conan range in brackets (`[>=1.0 <2.0]`) is read the same way.
enum GenericConstraint {
    static func contains(_ version: String, constraint: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        try scheme.validate(version)
        var text = Substring(constraint).trimmed
        if text.first == "[" && text.last == "]" { text = text.dropFirst().dropLast() }
        var alternatives: [[Comparator]] = []
        for alternative in text.components(separatedBy: "||") {
            var clauses: [Comparator] = []
            var pending: Comparator.Operator?
            for word in alternative.pieces([" ", ",", "\t"]) {
                let (op, rest) = Comparator.split(word)
                if rest.isEmpty {
                    guard let op, pending == nil else {
                        throw invalidConstraint("operator without version", constraint)
                    }
                    pending = op
                    continue
                }
                clauses.append(Comparator(op: pending ?? op ?? .equal, version: String(rest)))
                pending = nil
            }
            guard pending == nil, !clauses.isEmpty else {
                throw invalidConstraint("empty or incomplete clause", constraint)
            }
            alternatives.append(clauses)
        }
        var result = false
        for set in alternatives {
            var ok = true
            for clause in set {
                do {
                    if try !clause.matches(version, scheme: scheme) { ok = false }
                } catch {
                    throw invalidConstraint("bad version \"\(clause.version)\"", constraint)
                }
            }
            result = result || ok
        }
        return result
    }
}
