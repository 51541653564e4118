/// An upstream feed in XML the DB builder can import (yum `updateinfo.xml`, SUSE CVRF): the XML counterpart of
/// ``AdvisoryImporter``.
///
/// Importers are pure: they get one document's bytes (already decompressed) and return values, with no file
/// I/O. They are chosen by the document's root element (``XMLRootElement``), never by file name.
public protocol XMLAdvisoryImporter: Sendable {
    /// The format's name as `db info` shows it and the `sources` table stores it (`updateinfo`, `suse-cvrf`).
    var format: String { get }

    /// Whether a document whose root element has this local name (`updates`, `cvrfdoc`) and starts with
    /// `prefix` (its first few KiB) is in this format.
    func recognizes(rootElement: String, prefix: ArraySlice<UInt8>) -> Bool

    /// Turns one document into advisories and affected packages; `file` is used in errors and warnings only.
    func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> ImportedRecords
}

/// The XML importers the builder tries, in order, for every input whose content starts with `<`.
public enum XMLAdvisoryImporters {
    /// yum/dnf `updateinfo.xml` (Amazon Linux ALAS, Fedora) and SUSE CVRF 1.2.
    public static let all: [any XMLAdvisoryImporter] = [UpdateInfoImporter(), SUSECVRFImporter()]
}

/// Reads the local name of an XML document's root element without parsing the document.
public enum XMLRootElement {
    /// The root element's name without its namespace prefix (`cvrfdoc` for `<cvrf:cvrfdoc …>`), or `nil` when
    /// `bytes` do not start (after a byte-order mark, the XML declaration, comments, processing instructions and a
    /// doctype) with an element.
    public static func name(_ bytes: [UInt8]) -> String? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        func skip(past terminator: [UInt8]) -> Bool {
            while index + terminator.count <= bytes.count {
                if bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                    index += terminator.count
                    return true
                }
                index += 1
            }
            return false
        }
        while true {
            skipSpace()
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                guard skip(past: Array("?>".utf8)) else { return nil }
            } else if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { return nil }
            } else if next == UInt8(ascii: "!") {
                guard skip(past: [UInt8(ascii: ">")]) else { return nil }
            } else {
                index += 1
                let start = index
                while index < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                let qualified = String(decoding: bytes[start..<index], as: UTF8.self)
                return qualified.split(separator: ":").last.map(String.init)
            }
        }
    }
}
