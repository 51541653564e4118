import NIOSSL

/// Recognises TLS handshake and certificate failures among the errors async-http-client throws, and
/// words them so a user knows which flag fixes them.
enum TLSFailure {
    /// The reason for a `tlsFailed` error when `error` is a TLS failure talking to `host`, else `nil`.
    static func classify(_ error: any Error, host: String) -> String? {
        guard let detail = detail(of: error) else { return nil }
        return "the TLS certificate of \(host) is not trusted (\(detail)); pass --cacert FILE with the CA that "
            + "signed it, or --insecure to skip verification"
    }

    /// What went wrong in the handshake, or `nil` when `error` is not a TLS failure.
    static func detail(of error: any Error) -> String? {
        switch error {
        case let error as NIOSSLExtraError:
            return "\(error)"
        case let error as NIOSSLError:
            switch error {
            case .handshakeFailed, .unableToValidateCertificate, .noCertificateToValidate:
                return "\(error)"
            default:
                return nil
            }
        case let error as BoringSSLError:
            return "\(error)"
        default:
            let text = "\(error)"
            let markers = ["CERTIFICATE_VERIFY_FAILED", "handshakeFailed", "failedToValidateHostname"]
            return markers.contains { text.contains($0) } ? text : nil
        }
    }
}
