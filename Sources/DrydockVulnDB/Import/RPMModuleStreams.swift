/// Reads the RPM module stream an OSV record's entries belong to.
///
/// AlmaLinux's OSV records name the stream only in the summary (`Important: nodejs:18 security update`,
/// `ALSA-2022:5468: php:8.0 security update (Important)`, `httpd:2.4/httpd security update`); their entries carry
/// no `ecosystem_specific` and the package name has no `name:stream` prefix. A `name:stream` word of the summary is
/// a stream; a word ending in `:` (the advisory ID) or whose name is an advisory ID is not; `/profile` is cut off.
/// An entry gets the stream only when one of its versions is a module build (`.module_el…`, `.module+el…`), so
/// the plain packages some module advisories also list stay plain. A summary naming several streams
/// (`virt:rhel and virt-devel:rhel`) gives them all, comma-separated.
enum RPMModuleStreams {
    /// The streams named in `summary`, in order, without repeats.
    static func streams(inSummary summary: String) -> [String] {
        var streams: [String] = []
        for word in summary.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            var token = word
            while let last = token.last, ",;()".contains(last) { token = token.dropLast() }
            while let first = token.first, "(".contains(first) { token = token.dropFirst() }
            if token.hasSuffix(":") { continue }
            if let slash = token.firstIndex(of: "/") { token = token[..<slash] }
            let parts = token.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy(isStreamPart), !isAdvisoryID(parts[0]) else { continue }
            let stream = String(token)
            if !streams.contains(stream) { streams.append(stream) }
        }
        return streams
    }

    /// The value of ``AffectedPackage/module`` for an entry with these versions in a record with this summary.
    static func module(summary: String?, versions: [String]) -> String? {
        guard let summary, versions.contains(where: isModuleBuild) else { return nil }
        let streams = streams(inSummary: summary)
        return streams.isEmpty ? nil : streams.joined(separator: ",")
    }

    /// Whether the release of `[EPOCH:]VERSION-RELEASE` marks a module build.
    static func isModuleBuild(_ version: String) -> Bool {
        guard let dash = version.lastIndex(of: "-") else { return false }
        let release = version[dash...]
        return release.contains(".module_") || release.contains(".module+")
    }

    private static func isStreamPart(_ part: Substring) -> Bool {
        guard let first = part.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.+-".contains($0)) }
    }

    /// `ALSA-2022`, `RHSA-2021`: upper-case letters, a dash, digits.
    private static func isAdvisoryID(_ name: Substring) -> Bool {
        guard let dash = name.firstIndex(of: "-") else { return false }
        let letters = name[..<dash]
        let digits = name[name.index(after: dash)...]
        return !letters.isEmpty && letters.allSatisfy(\.isUppercase) && !digits.isEmpty
            && digits.allSatisfy(\.isNumber)
    }
}
