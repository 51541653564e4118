import DrydockModel
import Testing

@testable import DrydockReport

@Suite("Trivy's version fields")
struct TrivyVersionFieldsTests {
    @Test(
        "Debian versions split into epoch, version and release",
        arguments: [
            ("1:2.36-9+deb12u3", 1, "2.36", "9+deb12u3"),
            ("2.36-9", nil, "2.36", "9"),
            ("3.0.11-1~deb12u2", nil, "3.0.11", "1~deb12u2"),
            ("1.2.3", nil, "1.2.3", nil),
            ("2:1.0-rc1-2", 2, "1.0-rc1", "2"),
        ] as [(String, Int?, String, String?)])
    func debian(full: String, epoch: Int?, version: String, release: String?) {
        let fields = TrivyVersionFields(full, ecosystem: .debian)
        #expect(fields == TrivyVersionFields(epoch: epoch, version: version, release: release))
    }

    @Test("apk versions are kept whole")
    func apk() {
        #expect(
            TrivyVersionFields("1.1.22-r3", ecosystem: .alpine)
                == TrivyVersionFields(epoch: nil, version: "1.1.22-r3", release: nil))
    }
}
