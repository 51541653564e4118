import DrydockModel

/// Groups advisories that describe the same vulnerability (one lists the other's ID, or they share an alias).
enum AliasGroups {
    /// Partitions `advisories` into groups of aliases, in order of first appearance.
    ///
    /// An index from every ID to its group finds the overlapping groups without comparing against each
    /// group (a package with hundreds of advisories made this quadratic).
    static func group(_ advisories: [Advisory]) -> [[Advisory]] {
        var groups: [[Advisory]] = []
        var idsOfGroup: [Set<String>] = []
        var groupOfID: [String: Int] = [:]
        for advisory in advisories {
            let ids = Set([advisory.id] + advisory.aliases)
            let overlapping = Set(ids.compactMap { groupOfID[$0] }).sorted()
            guard let first = overlapping.first else {
                for id in ids { groupOfID[id] = groups.count }
                groups.append([advisory])
                idsOfGroup.append(ids)
                continue
            }
            groups[first].append(advisory)
            idsOfGroup[first].formUnion(ids)
            for id in ids { groupOfID[id] = first }
            guard overlapping.count > 1 else { continue }
            for other in overlapping.dropFirst().reversed() {
                groups[first] += groups.remove(at: other)
                idsOfGroup[first].formUnion(idsOfGroup.remove(at: other))
            }
            // Groups after a removed one moved down: index them again (rare: one advisory joins two groups).
            groupOfID.removeAll(keepingCapacity: true)
            for (index, ids) in idsOfGroup.enumerated() {
                for id in ids { groupOfID[id] = index }
            }
        }
        return groups
    }

    /// Every ID of a group: the advisories' own IDs first, then their aliases; no duplicates, sorted
    /// with the preferred ID first.
    static func allIDs(of group: [Advisory]) -> [String] {
        var ids = Set<String>()
        for advisory in group {
            ids.insert(advisory.id)
            ids.formUnion(advisory.aliases)
        }
        let preferred = preferredID(Array(ids))
        return [preferred] + ids.subtracting([preferred]).sorted()
    }

    /// The ID users know best: a CVE, else a GHSA, else the lexically smallest.
    static func preferredID(_ ids: [String]) -> String {
        let sorted = ids.sorted()
        return sorted.first(where: { $0.hasPrefix("CVE-") }) ?? sorted.first(where: { $0.hasPrefix("GHSA-") })
            ?? sorted.first ?? ""
    }
}
