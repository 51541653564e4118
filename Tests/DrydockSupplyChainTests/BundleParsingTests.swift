import DrydockSupplyChain
import Testing

@Suite struct BundleParsingTests {
    @Test func unknownMediaTypeIsAnUnsupportedVersion() {
        let json = #"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.9+json","verificationMaterial":{}}"#
        #expect(
            throws: SupplyChainError(
                .unsupportedVersion,
                "unknown bundle media type 'application/vnd.dev.sigstore.bundle.v0.9+json' (supported: Sigstore bundle versions 0.1, 0.2 and 0.3)",
                at: "bundle.mediaType")
        ) {
            try SigstoreBundle.parse(Array(json.utf8))
        }
    }
}
