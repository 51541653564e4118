/// A feed format that is not one JSON document per file (OVAL, yum `updateinfo.xml` and SUSE CVRF XML, Wolfi's
/// advisory YAML): the importer gets the file (``FeedFile``, read through its compression) and returns values,
/// with no I/O.
///
/// Recognised by content: ``recognizes(head:)`` sees the first bytes of the decompressed content (XML formats
/// by their root element, ``XMLRootElement``), never the file name.
public protocol AdvisoryFileImporter: Sendable {
    /// The format's name as `db info` shows it and the `sources` table stores it (`oval`, `updateinfo`).
    var format: String { get }

    /// Whether content starting with `head` (at most ``FeedFile/headLength`` bytes) is in this format.
    func recognizes(head: [UInt8]) -> Bool

    /// Turns one file into advisories and affected packages.
    func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords
}

extension AdvisoryImporters {
    /// The importers for formats that are not one JSON document per file, tried in order on every file that is
    /// not JSON: vendor OVAL (Oracle, Photon, Azure Linux, CBL-Mariner), yum `updateinfo.xml` (Amazon Linux,
    /// Fedora), SUSE CVRF and Wolfi's advisory YAML.
    public static let files: [any AdvisoryFileImporter] = [
        OVALImporter(), UpdateInfoImporter(), SUSECVRFImporter(), WolfiAdvisoryImporter(),
    ]
}
