import DrydockCatalog
import DrydockModel
import Testing

/// `MODULARITYLABEL` and `VENDOR` carried from an RPM header into the `Package` later stages use.
@Suite struct RPMPackageFieldsTests {
    @Test("label and vendor are copied; empty and (none) become nil")
    func labelAndVendor() {
        let modular = RPMPackage(
            name: "nodejs", epoch: 1, version: "18.14.2", release: "2.module_el8.8.0+1+aa",
            modularityLabel: "nodejs:18:8080020230512000000:1a2b3c4d", vendor: "AlmaLinux")
        let converted = modular.package(ecosystem: .almaLinux)
        #expect(converted.modularityLabel == "nodejs:18:8080020230512000000:1a2b3c4d")
        #expect(converted.moduleStream == "nodejs:18")
        #expect(converted.vendor == "AlmaLinux")
        let plain = RPMPackage(name: "bash", version: "5.1.8", release: "6.el9", modularityLabel: "", vendor: "(none)")
        #expect(plain.package(ecosystem: .almaLinux).modularityLabel == nil)
        #expect(plain.package(ecosystem: .almaLinux).vendor == nil)
    }
}
