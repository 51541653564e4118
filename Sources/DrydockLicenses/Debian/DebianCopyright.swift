import Foundation

/// The licenses of a Debian package, read from its `usr/share/doc/PACKAGE/copyright` file.
///
/// A machine-readable file (Debian's copyright format 1.0, "DEP-5": the first paragraph has a `Format`
/// field) declares them in the first line of the `License` field of its header paragraph and of each `Files`
/// paragraph (a header `License` with a text but no name is a summary, and names nothing; a `Files` paragraph's
/// is recognised from its text); stand-alone `License` paragraphs only hold the texts of licenses named there, and pointers to
/// `/usr/share/common-licenses` inside license texts name nothing new. Each first line is an expression
/// (`GPL-2+ or Artistic, and BSD-3-clause`) split into its licenses on `and`, `or`, `and/or` and commas in
/// any case, `X with Y exception` kept as `X WITH Y`.
///
/// A free-text file names its licenses in prose: `License:` lines, GNU notices ("either version 2 of the
/// License, or … any later version"), full license texts (`LicenseTextClassifier`) and pointers to
/// `/usr/share/common-licenses/NAME` (used only when no notice or text already names that license).
public struct DebianCopyright: Sendable, Hashable {
    /// Whether the file is in Debian's machine-readable copyright format.
    public var isMachineReadable: Bool
    /// The license names as the file writes them, in order (the `License` first lines for machine-readable
    /// files).
    public var declared: [String]
    /// The licenses, normalised and split: SPDX IDs, `X WITH Y` and `LicenseRef-` names, without repeats.
    public var licenses: [String]
    /// The licenses recognised from `Files` paragraphs that give a license text but no name (machine-readable
    /// files only).
    public var recognised: [String]

    public init(isMachineReadable: Bool, declared: [String], licenses: [String], recognised: [String] = []) {
        self.isMachineReadable = isMachineReadable
        self.declared = declared
        self.licenses = licenses
        self.recognised = recognised
    }

    /// Reads a copyright file. Never fails: an unreadable file yields no licenses.
    public static func parse(_ bytes: some Collection<UInt8>) -> DebianCopyright {
        let text = String(decoding: bytes, as: UTF8.self)
        let paragraphs = DebianControlParagraphs.parse(text)
        if let header = paragraphs.first, header.has("Format") || header.has("Format-Specification") {
            return machineReadable(paragraphs)
        }
        return freeText(text)
    }

    static func machineReadable(_ paragraphs: [DebianControlParagraphs.Paragraph]) -> DebianCopyright {
        var declared: [String] = []
        var licenses: [String] = []
        var recognised: [String] = []
        for (index, paragraph) in paragraphs.enumerated() where index == 0 || paragraph.has("Files") {
            guard let license = paragraph.value("License") else { continue }
            let synopsis = license.firstLine.trimmingCharacters(in: .whitespaces)
            if synopsis.isEmpty {
                // The header's text without a name is a summary; a `Files` paragraph's is its license.
                guard index > 0 else { continue }
                let matches = LicenseTextClassifier.classify(license.rest).map(\.name)
                append(matches, to: &recognised)
                append(matches, to: &licenses)
                continue
            }
            declared.append(synopsis)
            append(names(in: synopsis), to: &licenses)
        }
        return DebianCopyright(isMachineReadable: true, declared: declared, licenses: licenses, recognised: recognised)
    }

    static func freeText(_ text: String) -> DebianCopyright {
        var declared: [String] = []
        var licenses: [String] = []
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("License:") {
            let value = line.dropFirst("License:".count).trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { continue }
            declared.append(value)
            append(names(in: value), to: &licenses)
        }
        append(LicenseTextClassifier.classify(text).map(\.name), to: &licenses)
        for pointer in commonLicensePointers(in: text) {
            declared.append("/usr/share/common-licenses/\(pointer)")
            guard let license = pointerLicense(pointer) else { continue }
            if licenses.contains(where: { covers($0, license) }) { continue }
            append([license], to: &licenses)
        }
        return DebianCopyright(isMachineReadable: false, declared: declared, licenses: licenses)
    }

    /// The licenses one expression names, split and normalised.
    public static func names(in expression: String) -> [String] {
        LicenseExpressionParser.parse(expression)?.terms.map(\.description) ?? []
    }

    /// The names after `/usr/share/common-licenses/` (`GPL-2`, `Artistic`), in order, without repeats.
    static func commonLicensePointers(in text: String) -> [String] {
        let marker = Array("/usr/share/common-licenses/".utf8)
        let bytes = Array(text.utf8)
        var found: [String] = []
        var start = 0
        while let position = ByteSearch.firstIndex(of: marker, in: bytes, from: start) {
            var end = position + marker.count
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            var name = String(decoding: bytes[(position + marker.count)..<end], as: UTF8.self)
            while let last = name.last, last == "." || last == "-" || last == "_" { name.removeLast() }
            if !name.isEmpty, !found.contains(name) { found.append(name) }
            start = end
        }
        return found
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// The license a `/usr/share/common-licenses` file holds: `BSD` is the 3-clause BSD license, `Artistic`
    /// Perl's; unversioned `GPL`, `LGPL` and `GFDL` (links to the newest version) name only the family.
    static func pointerLicense(_ name: String) -> String? {
        if name == "BSD" { return "BSD-3-Clause" }
        return LicenseNames.normalize(name).terms.first?.description
    }

    /// Whether `found` already names what `pointer` names: the same family (`GPL`, `Apache`) and, when the
    /// pointer has one, the same version (`GPL-2.0-or-later` covers `GPL-2.0-only` and `LicenseRef-GPL`).
    static func covers(_ found: String, _ pointer: String) -> Bool {
        func parts(_ license: String) -> (family: Substring, version: Substring?) {
            let name = license.hasPrefix("LicenseRef-") ? license.dropFirst("LicenseRef-".count) : license[...]
            let components = name.split(separator: "-")
            let version = components.dropFirst().first.flatMap { $0.first?.isNumber == true ? $0 : nil }
            return (components.first ?? name, version)
        }
        let (family, version) = parts(found)
        let (pointerFamily, pointerVersion) = parts(pointer)
        guard family == pointerFamily else { return false }
        return pointerVersion == nil || pointerVersion == version
    }

    private static func append(_ names: [String], to licenses: inout [String]) {
        for name in names where !licenses.contains(name) { licenses.append(name) }
    }
}
