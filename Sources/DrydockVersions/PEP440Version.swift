/// A PEP 440 version (Python packages), parsed and normalised the way PyPI `packaging` does.
///
/// Accepts the permissive spellings `packaging` accepts: surrounding whitespace, a `v` prefix, any letter
/// case, `-`, `_` or `.` separators, `alpha`/`beta`/`c`/`pre`/`preview` for `a`/`b`/`rc`, `rev`/`r`/`-N` for
/// `.post`, implicit `0` numbers. Ordering follows `packaging`'s sort key: epoch, release (trailing zeros
/// ignored), then `.devN` < `aN` < `bN` < `rcN` < release < `.postN`, and a local version `+…` sorts
/// above the same public version.
struct PEP440Version: Sendable, Hashable {
    /// A local-version segment: numbers sort above strings.
    enum LocalSegment: Sendable, Hashable {
        case number(Int)
        case text(String)
    }

    /// Release numbers, the first four stored inline so that parsing and comparing allocate nothing.
    /// Reading past the end gives 0, which is how PEP 440 pads releases.
    struct Release: Sendable {
        private var head: (Int, Int, Int, Int) = (0, 0, 0, 0)
        private var tail: [Int] = []
        /// How many numbers the version spells out.
        private(set) var count = 0

        init() {}

        init(_ values: some Sequence<Int>) {
            for value in values { append(value) }
        }

        subscript(index: Int) -> Int {
            guard index < count else { return 0 }
            switch index {
            case 0: return head.0
            case 1: return head.1
            case 2: return head.2
            case 3: return head.3
            default: return tail[index - 4]
            }
        }

        mutating func append(_ value: Int) {
            switch count {
            case 0: head.0 = value
            case 1: head.1 = value
            case 2: head.2 = value
            case 3: head.3 = value
            default: tail.append(value)
            }
            count += 1
        }

        /// The numbers as spelled out.
        var values: [Int] { (0..<count).map { self[$0] } }

        /// The numbers without trailing zeros.
        var trimmed: [Int] { Array(values.reversed().drop { $0 == 0 }.reversed()) }
    }

    var epoch = 0
    var release = Release()
    /// Pre-release kind (0 `a`, 1 `b`, 2 `rc`) and number.
    var pre: (kind: Int, number: Int)?
    var post: Int?
    var dev: Int?
    var local: [LocalSegment]?

    static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == .equal }
    func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(release.trimmed)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(pre?.kind)
        hasher.combine(pre?.number)
    }

    /// The public version without its local part, normalised (`1.0rc1.post2`).
    var publicText: String {
        var text = epoch != 0 ? "\(epoch)!" : ""
        text += release.values.map(String.init).joined(separator: ".")
        if let pre { text += ["a", "b", "rc"][pre.kind] + String(pre.number) }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        return text
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        compare(try parse(lhs), try parse(rhs))
    }

    static func compare(_ a: Self, _ b: Self) -> VersionOrder {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? .less : .greater }
        let release = compareRelease(a.release, b.release)
        if release != .equal { return release }
        let preA = a.preKey
        let preB = b.preKey
        if preA != preB { return preA < preB ? .less : .greater }
        let postA = a.post ?? -1
        let postB = b.post ?? -1
        if postA != postB { return postA < postB ? .less : .greater }
        let devA = a.dev ?? Int.max
        let devB = b.dev ?? Int.max
        if devA != devB { return devA < devB ? .less : .greater }
        return compareLocal(a.local, b.local)
    }

    /// Release segments compared with trailing zeros removed (`1.0 == 1.0.0`).
    static func compareRelease(_ a: Release, _ b: Release) -> VersionOrder {
        let count = max(a.count, b.count)
        for index in 0..<count {
            let x = a[index]
            let y = b[index]
            if x != y { return x < y ? .less : .greater }
        }
        return .equal
    }

    /// `packaging`'s pre-release key: a dev-only release sorts below every pre-release.
    private var preKey: (Int, Int) {
        if let pre { return (pre.kind, pre.number) }
        if post == nil && dev != nil { return (-1, 0) }
        return (3, 0)
    }

    private static func compareLocal(_ a: [LocalSegment]?, _ b: [LocalSegment]?) -> VersionOrder {
        guard let a else { return b == nil ? .equal : .less }
        guard let b else { return .greater }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.number(let m), .number(let n)) where m != n: return m < n ? .less : .greater
            case (.text(let s), .text(let t)) where s != t: return s < t ? .less : .greater
            case (.number, .text): return .greater
            case (.text, .number): return .less
            default: continue
            }
        }
        return VersionOrder(sign: a.count - b.count)
    }

    /// Parses `text` with `packaging`'s rules; throws `invalidVersion` when it is not PEP 440.
    static func parse(_ text: String) throws(VersionError) -> PEP440Version {
        guard let version = PEP440Scanner.parse(text.utf8.span) else {
            throw VersionError(code: .invalidVersion, reason: "not a PEP 440 version", version: text)
        }
        return version
    }
}
