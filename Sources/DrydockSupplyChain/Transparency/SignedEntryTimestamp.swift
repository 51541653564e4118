/// Rekor v1's signed entry timestamp (the bundle's `inclusionPromise`): the log's signature over the
/// canonical JSON `{"body":…,"integratedTime":…,"logID":…,"logIndex":…}`.
public enum SignedEntryTimestamp {
    /// The canonical JSON the log signed for `entry` (keys sorted, no spaces; the body in base64, the log ID
    /// in lowercase hex).
    public static func signedPayload(for entry: TransparencyLogEntry) -> [UInt8] {
        let logID = hex(entry.logID)
        let text =
            "{\"body\":\"\(Base64.encode(entry.canonicalizedBody))\",\"integratedTime\":\(entry.integratedTime),"
            + "\"logID\":\"\(logID)\",\"logIndex\":\(entry.logIndex)}"
        return Array(text.utf8)
    }
}
