import DrydockModel
import Foundation
import Testing

/// `Package` JSON written before `modularityLabel`, `vendor` and `dependsOn` existed still decodes.
@Suite struct PackageCodingTests {
    @Test("old JSON without the new fields decodes with their defaults")
    func oldJSON() throws {
        let old =
            #"{"name":"musl","version":"1.1.22-r3","ecosystem":"Alpine","licenses":["MIT"],"installedFiles":[],"isDevelopment":false}"#
        let package = try JSONDecoder().decode(Package.self, from: Data(old.utf8))
        #expect(package.id == "musl@1.1.22-r3")
        #expect(package.modularityLabel == nil)
        #expect(package.vendor == nil)
        #expect(package.dependsOn == [])
    }

    @Test("the new fields round-trip")
    func roundTrip() throws {
        let package = Package(
            name: "nodejs", version: "1:18.14.2-2.module_el8.8.0+1+aa", ecosystem: .almaLinux,
            modularityLabel: "nodejs:18:1:2", vendor: "AlmaLinux", dependsOn: ["npm@9.5.0"])
        let decoded = try JSONDecoder().decode(Package.self, from: JSONEncoder().encode(package))
        #expect(decoded == package)
    }
}
