/// Imports SUSE's CVRF 1.2 advisories (`cvrf1.2/cvrf-suse-su-….xml`, `cvrf-opensuse-su-….xml`): the fallback for
/// releases older than SUSE's CSAF, read into the same shape and by the same rules as ``SUSECSAFImporter``.
///
/// Recognised by content: root element `<cvrfdoc>` whose publisher names SUSE (`security@suse.de`, "SUSE Security
/// Team"). The document's `DocumentTracking` ID (`SUSE-SU-2015:0011-2`) is the vendor ID of its fixes, and its
/// CVE records are placeholders that a CSAF VEX record of the same CVE replaces.
public struct SUSECVRFImporter: AdvisoryFileImporter {
    /// Creates the importer.
    public init() {}

    /// `suse-cvrf`.
    public var format: String { "suse-cvrf" }

    /// A `<cvrfdoc>` whose start names SUSE.
    public func recognizes(head: [UInt8]) -> Bool {
        guard XMLRootElement.name(head) == "cvrfdoc" else { return false }
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("suse.de") || text.contains("SUSE Security") || text.contains("suse.com")
    }

    /// Parses one CVRF file.
    public func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords {
        try parse(try file.content(), file: file.path)
    }

    /// Parses one CVRF document.
    public func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> ImportedRecords {
        let (document, _) = try CVRFDocument.parse(bytes, file: file)
        return CSAFVendorImport(rules: SUSECSAFImporter.Rules(), format: format).parse(document, file: file)
    }
}
