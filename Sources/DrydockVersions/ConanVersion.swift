/// Conan 2 version ordering (`conans.model.version.Version`).
///
/// Not SemVer: `main[-pre][+build]` where `pre` and `build` are versions themselves (split at the last
/// `-` and `+`). The main part splits at `.` into items, numbers compared numerically and other items as
/// text (a number against text compares as text); trailing zero items are ignored (`1.0 == 1`). A
/// pre-release sorts below the same main version; a missing build sorts below any build.
struct ConanVersion: Equatable {
    /// One `.`-separated item.
    enum Item: Equatable {
        case number(Int)
        case text(String)

        var text: String {
            switch self {
            case .number(let value): String(value)
            case .text(let value): value
            }
        }
    }

    var items: [Item]
    var pre: [ConanVersion]
    var build: [ConanVersion]

    init(_ text: String) {
        var value = Substring(text)
        if let plus = value.lastIndex(of: "+") {
            build = [ConanVersion(String(value[value.index(after: plus)...]))]
            value = value[..<plus]
        } else {
            build = []
        }
        if let hyphen = value.lastIndex(of: "-") {
            pre = [ConanVersion(String(value[value.index(after: hyphen)...]))]
            value = value[..<hyphen]
        } else {
            pre = []
        }
        var items = value.split(separator: ".", omittingEmptySubsequences: false).map { part -> Item in
            if !part.isEmpty, part.utf8.allSatisfy(ByteClass.isDigit), let number = Int(part) {
                return .number(number)
            }
            return .text(String(part))
        }
        while items.last == .number(0) { items.removeLast() }
        self.items = items
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        for text in [lhs, rhs] where text.isEmpty || text.utf8.contains(where: ByteClass.isSpace) {
            throw VersionError(
                code: .invalidVersion, reason: "invalid Conan version: empty or has spaces", version: text)
        }
        return compare(ConanVersion(lhs), ConanVersion(rhs))
    }

    private static func compareItems(_ a: [Item], _ b: [Item]) -> VersionOrder {
        for (x, y) in zip(a, b) where x != y {
            if case .number(let m) = x, case .number(let n) = y { return m < n ? .less : .greater }
            return x.text < y.text ? .less : .greater
        }
        return VersionOrder(sign: a.count - b.count)
    }

    private static func compareOptional(_ a: [ConanVersion], _ b: [ConanVersion]) -> VersionOrder {
        switch (a.first, b.first) {
        case (nil, nil): .equal
        case (nil, _): .less
        case (_, nil): .greater
        case (let x?, let y?): compare(x, y)
        }
    }

    static func compare(_ a: ConanVersion, _ b: ConanVersion) -> VersionOrder {
        let main = compareItems(a.items, b.items)
        switch (a.pre.isEmpty, b.pre.isEmpty) {
        case (false, false):
            if main != .equal { return main }
            let pre = compareOptional(a.pre, b.pre)
            return pre != .equal ? pre : compareOptional(a.build, b.build)
        case (false, true): return main == .equal ? .less : main
        case (true, false): return main == .equal ? .greater : main
        case (true, true): return main != .equal ? main : compareOptional(a.build, b.build)
        }
    }
}
