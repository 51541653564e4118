/// Maven version ordering: a port of the rules of Maven's `ComparableVersion`.
///
/// The version is lower-cased and split into items at `.`, `-` and digit/letter transitions; a `-` or a
/// transition opens a nested list. Numbers compare numerically and above qualifiers; known qualifiers
/// order `alpha` (`a1`) < `beta` (`b1`) < `milestone` (`m1`) < `rc` (`cr`) < `snapshot` < release (``,
/// `ga`, `final`, `release`) < `sp`, and unknown qualifiers sort after `sp`, alphabetically. Trailing
/// zeros and release qualifiers are dropped (`1.0.0 == 1 == 1-ga`), so padding never matters.
enum MavenVersion {
    /// One parsed item.
    indirect enum Item: Equatable {
        /// Digits without leading zeros (`""` is zero).
        case number(String)
        case qualifier(String)
        case list([Item])
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        VersionOrder(sign: compare(.list(try parse(lhs)), .list(try parse(rhs))))
    }

    private static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    private static let releaseIndex = "5"

    private static func comparable(_ qualifier: String) -> String {
        if let index = qualifiers.firstIndex(of: qualifier) { return String(index) }
        return "\(qualifiers.count)-\(qualifier)"
    }

    private static func sign(_ a: String, _ b: String) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

    private static func compareDigits(_ a: String, _ b: String) -> Int {
        if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
        return sign(a, b)
    }

    /// `ComparableVersion`'s `Item.compareTo`, with `nil` standing for a missing item.
    static func compare(_ a: Item, _ b: Item?) -> Int {
        switch a {
        case .number(let x):
            switch b {
            case nil: return x.isEmpty ? 0 : 1
            case .number(let y): return compareDigits(x, y)
            case .qualifier, .list: return 1
            }
        case .qualifier(let x):
            switch b {
            case nil: return sign(comparable(x), releaseIndex)
            case .number: return -1
            case .qualifier(let y): return sign(comparable(x), comparable(y))
            case .list: return -1
            }
        case .list(let items):
            switch b {
            case nil:
                for item in items {
                    let result = compare(item, nil)
                    if result != 0 { return result }
                }
                return 0
            case .number: return -1
            case .qualifier: return 1
            case .list(let others):
                for index in 0..<max(items.count, others.count) {
                    let left = index < items.count ? items[index] : nil
                    let right = index < others.count ? others[index] : nil
                    let result: Int
                    if let left {
                        result = compare(left, right)
                    } else if let right {
                        result = -compare(right, nil)
                    } else {
                        result = 0
                    }
                    if result != 0 { return result }
                }
                return 0
            }
        }
    }

    private static func isNull(_ item: Item) -> Bool {
        switch item {
        case .number(let digits): digits.isEmpty
        case .qualifier(let value): comparable(value) == releaseIndex
        case .list(let items): items.isEmpty
        }
    }

    private static func normalize(_ items: inout [Item]) {
        var index = items.count - 1
        while index >= 0 {
            if isNull(items[index]) {
                items.remove(at: index)
            } else if case .list = items[index] {
            } else {
                break
            }
            index -= 1
        }
    }

    private static func item(_ text: Substring, digits: Bool, followedByDigit: Bool = false) -> Item {
        if digits { return .number(String(text.drop { $0 == "0" })) }
        var value = String(text)
        if followedByDigit && value.count == 1 {
            switch value {
            case "a": value = "alpha"
            case "b": value = "beta"
            case "m": value = "milestone"
            default: break
            }
        }
        switch value {
        case "ga", "final", "release": value = ""
        case "cr": value = "rc"
        default: break
        }
        return .qualifier(value)
    }

    /// A stack of open lists; closing folds each into its parent.
    private struct Builder {
        var stack: [[Item]] = [[]]
        mutating func add(_ item: Item) { stack[stack.count - 1].append(item) }
        mutating func open() { stack.append([]) }
        mutating func finish() -> [Item] {
            while stack.count > 1 {
                var last = stack.removeLast()
                MavenVersion.normalize(&last)
                stack[stack.count - 1].append(.list(last))
            }
            MavenVersion.normalize(&stack[0])
            return stack[0]
        }
    }

    /// Splits a version into `ComparableVersion` items; throws only for empty or whitespace-containing text.
    static func parse(_ text: String) throws(VersionError) -> [Item] {
        let chars = text.utf8.map(ByteClass.lower)
        guard !chars.isEmpty, !chars.contains(where: ByteClass.isSpace) else {
            throw VersionError(
                code: .invalidVersion, reason: "invalid Maven version: empty or contains spaces", version: text)
        }
        func slice(_ from: Int, _ to: Int) -> Substring {
            Substring(String(decoding: chars[from..<to], as: UTF8.self))
        }
        var builder = Builder()
        var isDigit = false
        var start = 0
        for (index, char) in chars.enumerated() {
            if char == UInt8(ascii: ".") || char == UInt8(ascii: "-") {
                builder.add(index == start ? .number("") : item(slice(start, index), digits: isDigit))
                start = index + 1
                if char == UInt8(ascii: "-") { builder.open() }
            } else if ByteClass.isDigit(char) {
                if !isDigit && index > start {
                    builder.add(item(slice(start, index), digits: false, followedByDigit: true))
                    start = index
                    builder.open()
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    builder.add(item(slice(start, index), digits: true))
                    start = index
                    builder.open()
                }
                isDigit = false
            }
        }
        if chars.count > start { builder.add(item(slice(start, chars.count), digits: isDigit)) }
        return builder.finish()
    }
}
