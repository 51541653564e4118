import Foundation

/// A Sigstore trusted root (`application/vnd.dev.sigstore.trustedroot+json;version=0.1`): the transparency
/// logs, certificate authorities, certificate-transparency logs and timestamp authorities a verifier trusts,
/// each with the window in which it may be used.
public struct TrustedRoot: Sendable, Hashable {
    /// A time window; `end == nil` means still valid.
    public struct ValidityWindow: Sendable, Hashable {
        public var start: Date?
        public var end: Date?

        /// Whether `date` falls inside the window (both ends inclusive). A window without a start is never
        /// open: the trusted-root format requires one, and a key of unknown age must not be trusted.
        public func contains(_ date: Date) -> Bool {
            guard let start, date >= start else { return false }
            if let end, date > end { return false }
            return true
        }
    }

    /// A transparency log or CT log: its public key and ID.
    public struct Log: Sendable, Hashable {
        public var baseURL: String
        /// SHA-256 of the DER public key; what entries and SCTs name the log by.
        public var logID: [UInt8]
        /// DER SubjectPublicKeyInfo.
        public var publicKey: [UInt8]
        /// `PKIX_ECDSA_P256_SHA_256`, `PKIX_ED25519`, ….
        public var keyDetails: String
        public var validFor: ValidityWindow
    }

    /// A certificate authority (Fulcio) or timestamp authority: its chain, leaf/intermediate first, root last.
    public struct Authority: Sendable, Hashable {
        public var uri: String
        public var subject: String
        /// DER certificates.
        public var certificates: [[UInt8]]
        public var validFor: ValidityWindow
    }

    public var transparencyLogs: [Log]
    public var certificateAuthorities: [Authority]
    public var ctLogs: [Log]
    public var timestampAuthorities: [Authority]

    /// Parses a trusted root's JSON; `source` names it in errors.
    public static func parse(_ bytes: [UInt8], source: String = "trusted root") throws(SupplyChainError)
        -> TrustedRoot
    {
        let root = try JSONFields.parse(bytes, path: source)
        let mediaType = try root.optionalString("mediaType") ?? ""
        guard mediaType.hasPrefix("application/vnd.dev.sigstore.trustedroot") else {
            throw SupplyChainError(
                .unsupportedVersion,
                "media type '\(mediaType)' is not a Sigstore trusted root "
                    + "(application/vnd.dev.sigstore.trustedroot+json;version=0.1)",
                at: "\(source).mediaType")
        }
        return TrustedRoot(
            transparencyLogs: try root.objects("tlogs").map { (log) throws(SupplyChainError) in try parseLog(log) },
            certificateAuthorities: try root.objects("certificateAuthorities").map {
                (authority) throws(SupplyChainError) in try parseAuthority(authority)
            },
            ctLogs: try root.objects("ctlogs").map { (log) throws(SupplyChainError) in try parseLog(log) },
            timestampAuthorities: try root.objects("timestampAuthorities").map {
                (authority) throws(SupplyChainError) in try parseAuthority(authority)
            })
    }

    private static func parseWindow(_ object: JSONFields?) throws(SupplyChainError) -> ValidityWindow {
        ValidityWindow(start: try object?.optionalDate("start"), end: try object?.optionalDate("end"))
    }

    private static func parseLog(_ log: JSONFields) throws(SupplyChainError) -> Log {
        let key = try log.object("publicKey")
        return Log(
            baseURL: try log.optionalString("baseUrl") ?? "", logID: try log.object("logId").bytes("keyId"),
            publicKey: try key.bytes("rawBytes"), keyDetails: try key.optionalString("keyDetails") ?? "",
            validFor: try parseWindow(try key.optionalObject("validFor")))
    }

    private static func parseAuthority(_ authority: JSONFields) throws(SupplyChainError) -> Authority {
        let certificates = try authority.object("certChain").objects("certificates").map {
            (entry) throws(SupplyChainError) in try entry.bytes("rawBytes")
        }
        guard !certificates.isEmpty else { throw .malformed("holds no certificate", at: "\(authority.path).certChain") }
        let subject = try authority.optionalObject("subject")
        let names = [try subject?.optionalString("organization"), try subject?.optionalString("commonName")]
        return Authority(
            uri: try authority.optionalString("uri") ?? "", subject: names.compactMap { $0 }.joined(separator: "/"),
            certificates: certificates, validFor: try parseWindow(try authority.optionalObject("validFor")))
    }

    /// The transparency log an entry names, if this root trusts it.
    public func transparencyLog(id: [UInt8]) -> Log? { transparencyLogs.first { $0.logID == id } }

    /// The CT log an SCT names, if this root trusts it.
    public func ctLog(id: [UInt8]) -> Log? { ctLogs.first { $0.logID == id } }
}
