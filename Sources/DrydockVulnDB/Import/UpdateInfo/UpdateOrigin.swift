/// Whose update an `updateinfo.xml` entry is, and where its rows go: Amazon Linux by release (from the ALAS ID),
/// Fedora by release (from the collection or `<release>`).
struct UpdateOrigin {
    /// `Amazon Linux:2`, `Fedora:40`.
    var namespace: String
    /// The vendor-severity source (`amazon`, `fedora`).
    var source: String
    /// Whether version lines of Amazon Linux 2 extras bound the rows.
    private var isAmazon: Bool

    /// The origin of `update`, or `nil` for vendors not imported from updateinfo.
    init?(_ update: UpdateInfoDocument.Update) {
        let id = update.id
        if id.hasPrefix("ALAS") {
            let rest = id.dropFirst(4)
            let release: String
            if rest.hasPrefix("2023") {
                release = "2023"
            } else if rest.hasPrefix("2022") {
                release = "2022"
            } else if rest.hasPrefix("2") {
                release = "2"
            } else if rest.hasPrefix("-") {
                release = "1"
            } else {
                return nil
            }
            namespace = "Amazon Linux:\(release)"
            source = "amazon"
            isAmazon = true
            return
        }
        if id.hasPrefix("FEDORA-"), !id.hasPrefix("FEDORA-EPEL-"), let release = Self.fedoraRelease(update) {
            namespace = "Fedora:\(release)"
            source = "fedora"
            isAmazon = false
            return
        }
        return nil
    }

    /// Fedora's release number from a collection's `short` (`F40`) or name (`Fedora 40`), else `<release>`.
    static func fedoraRelease(_ update: UpdateInfoDocument.Update) -> String? {
        for collection in update.collections {
            if let short = collection.short, short.hasPrefix("F"), short.dropFirst().allSatisfy(\.isNumber),
                short.count > 1
            {
                return String(short.dropFirst())
            }
        }
        for text in update.collections.compactMap(\.name) + [update.release].compactMap({ $0 }) {
            let words = text.split(separator: " ")
            if words.count == 2, words[0] == "Fedora", words[1].allSatisfy(\.isNumber) { return String(words[1]) }
        }
        return nil
    }

    /// The version line of an Amazon Linux 2 extra (`5.15` for `amazon-linux-2---kernel-5.15`, `8.2` for
    /// `---php8.2`, `14` for `---postgresql14`), or `nil` for core repositories and extras without one
    /// (`---docker`, `---kernel-livepatch`).
    func lowerBound(collection short: String?) -> String? {
        guard isAmazon, let short, let range = short.range(of: "---") else { return nil }
        let topic = short[range.upperBound...]
        var end = topic.endIndex
        var start = end
        while start > topic.startIndex {
            let previous = topic.index(before: start)
            guard topic[previous].isNumber || topic[previous] == "." else { break }
            start = previous
        }
        while start < end, topic[start] == "." { start = topic.index(after: start) }
        while end > start, topic[topic.index(before: end)] == "." { end = topic.index(before: end) }
        let line = topic[start..<end]
        return line.isEmpty ? nil : String(line)
    }
}
