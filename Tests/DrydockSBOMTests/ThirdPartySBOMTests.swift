import DrydockModel
import Testing

@testable import DrydockSBOM

/// Other tools' SBOMs, written here in the shapes those tools write (Trivy's property names, UUID
/// `bom-ref`s, an SPDX 2.2 document without package purposes), read into the inventory an image scan gives.
@Suite("Reading Trivy's CycloneDX and SPDX")
struct ThirdPartySBOMTests {
    /// Imitates `trivy image --format cyclonedx` (its `pkg/sbom/cyclonedx` marshaller): UUID refs for the
    /// root, OS and lockfile components, purls as package refs, Trivy's properties, a maven name with its group.
    static let trivyCycloneDX = #"""
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "metadata": {"component": {"bom-ref": "0f585d64", "type": "container", "name": "app:1.0",
           "properties": [{"name": "aquasecurity:trivy:ImageID", "value": "sha256:4919"},
                          {"name": "aquasecurity:trivy:DiffID", "value": "sha256:dd56"},
                          {"name": "aquasecurity:trivy:SchemaVersion", "value": "2"}]}},
         "components": [
           {"bom-ref": "pkg:apk/alpine/musl@1.2.3-r0?distro=3.16.0", "type": "library", "name": "musl",
            "version": "1.2.3-r0", "licenses": [{"license": {"name": "MIT"}}],
            "purl": "pkg:apk/alpine/musl@1.2.3-r0?distro=3.16.0",
            "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "musl"},
                           {"name": "aquasecurity:trivy:SrcVersion", "value": "1.2.3-r0"},
                           {"name": "aquasecurity:trivy:LayerDiffID", "value": "sha256:dd56"}]},
           {"bom-ref": "60e9f57b", "type": "operating-system", "name": "alpine", "version": "3.16.0",
            "properties": [{"name": "aquasecurity:trivy:Type", "value": "alpine"},
                           {"name": "aquasecurity:trivy:Class", "value": "os-pkgs"}]},
           {"bom-ref": "100925ff", "type": "application", "name": "app/composer.lock",
            "properties": [{"name": "aquasecurity:trivy:Type", "value": "composer"},
                           {"name": "aquasecurity:trivy:Class", "value": "lang-pkgs"}]},
           {"bom-ref": "pkg:composer/pear/log@1.13.1", "type": "library", "name": "pear/log", "version": "1.13.1",
            "purl": "pkg:composer/pear/log@1.13.1"},
           {"bom-ref": "pkg:maven/com.example/example@0.0.1", "type": "library", "name": "com.example:example",
            "version": "0.0.1", "purl": "pkg:maven/com.example/example@0.0.1",
            "properties": [{"name": "aquasecurity:trivy:PkgType", "value": "jar"},
                           {"name": "aquasecurity:trivy:FilePath", "value": "app/example.jar"}]},
           {"bom-ref": "pkg:pypi/flask@1.0", "type": "library", "name": "Flask", "version": "1.0",
            "purl": "pkg:pypi/flask@1.0", "properties": [{"name": "aquasecurity:trivy:PkgType", "value": "python-pkg"}]}
         ],
         "dependencies": [
           {"ref": "0f585d64", "dependsOn": ["60e9f57b", "100925ff", "pkg:maven/com.example/example@0.0.1", "pkg:pypi/flask@1.0"]},
           {"ref": "60e9f57b", "dependsOn": ["pkg:apk/alpine/musl@1.2.3-r0?distro=3.16.0"]},
           {"ref": "100925ff", "dependsOn": ["pkg:composer/pear/log@1.13.1"]}
         ]}
        """#

    @Test("Trivy's CycloneDX: OS, source package, layer, lockfile target, jar and Python packages")
    func trivyCycloneDX() throws {
        let read = try SBOMReader.read(Array(Self.trivyCycloneDX.utf8), path: "trivy.cdx.json")
        let inventory = read.inventory
        #expect(inventory.operatingSystem?.family == .alpine)
        #expect(inventory.operatingSystem?.version == "3.16.0")
        #expect(read.artifact.imageID == "sha256:4919")
        #expect(read.artifact.diffIDs == ["sha256:dd56"])
        #expect(
            inventory.targets.map { "\($0.kind.rawValue) \($0.type) \($0.name)" } == [
                "os-pkgs alpine trivy.cdx.json (alpine 3.16.0)", "lang-pkgs python-pkg Python",
                "lang-pkgs composer app/composer.lock", "lang-pkgs jar app/example.jar",
            ])
        let musl = inventory.targets[0].packages.first
        #expect(musl?.ecosystem == .alpine)
        #expect(musl?.sourceName == "musl")
        #expect(musl?.layer?.diffID == "sha256:dd56")
        #expect(musl?.licenses == ["MIT"])
        #expect(inventory.targets[1].packages.map(\.id) == ["Flask@1.0"])
        #expect(inventory.targets[2].packages.map(\.id) == ["pear/log@1.13.1"])
        #expect(inventory.targets[2].packages.first?.ecosystem == .packagist)
        #expect(inventory.targets[3].packages.map(\.id) == ["com.example:example:0.0.1"])
    }

    /// Imitates an SPDX 2.2 document of Trivy's: no package purposes (2.3 only), `SPDXRef-OperatingSystem-`
    /// IDs, `sourceInfo` naming the source package, properties as `KEY: VALUE` annotations, an epoch in the
    /// purl.
    static let trivySPDX22 = #"""
        {"spdxVersion": "SPDX-2.2", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "debian:12",
         "documentNamespace": "http://aquasecurity.github.io/trivy/container_image/debian:12-1",
         "creationInfo": {"creators": ["Tool: trivy-0.40.0"], "created": "2023-01-01T00:00:00Z"},
         "packages": [
           {"name": "debian:12", "SPDXID": "SPDXRef-ContainerImage-1", "downloadLocation": "NONE"},
           {"name": "debian", "SPDXID": "SPDXRef-OperatingSystem-2", "versionInfo": "12.5", "downloadLocation": "NONE"},
           {"name": "login", "SPDXID": "SPDXRef-Package-3", "versionInfo": "1:4.13+dfsg1-1", "downloadLocation": "NONE",
            "sourceInfo": "built package from: shadow 1:4.13+dfsg1-1", "licenseDeclared": "GPL-2.0-or-later",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
              "referenceLocator": "pkg:deb/debian/login@4.13%2Bdfsg1-1?arch=amd64&distro=debian-12.5&epoch=1"}],
            "annotations": [{"annotator": "Tool: trivy-0.40.0", "annotationDate": "2023-01-01T00:00:00Z",
              "annotationType": "OTHER", "comment": "LayerDiffID: sha256:aa"}]}
         ],
         "relationships": [
           {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-ContainerImage-1"},
           {"spdxElementId": "SPDXRef-ContainerImage-1", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-OperatingSystem-2"},
           {"spdxElementId": "SPDXRef-OperatingSystem-2", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-Package-3"}
         ]}
        """#

    @Test("Trivy's SPDX 2.2: OS from the OperatingSystem package, source package from sourceInfo, epoch kept")
    func trivySPDX() throws {
        let read = try SBOMReader.read(Array(Self.trivySPDX22.utf8), path: "trivy.spdx.json")
        #expect(read.format == "SPDX-2.2")
        #expect(read.inventory.operatingSystem?.family == .debian)
        #expect(read.inventory.operatingSystem?.version == "12.5")
        let login = read.inventory.targets.first?.packages.first
        #expect(login?.version == "1:4.13+dfsg1-1")
        #expect(login?.ecosystem == .debian)
        #expect(login?.sourceName == "shadow")
        #expect(login?.sourceVersion == "1:4.13+dfsg1-1")
        #expect(login?.architecture == "amd64")
        #expect(login?.layer?.diffID == "sha256:aa")
        #expect(login?.licenses == ["GPL-2.0-or-later"])
    }

    @Test("no OS component: the OS from the purls' distro qualifier (syft's alpine-3.10.4, Trivy's debian-12.5)")
    func osFromPurl() {
        let syft = DecodedSBOM.Entry(
            ref: "a", kind: .library, name: "musl", version: "1.1.22-r3",
            purl: "pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10.4")
        #expect(SBOMInventory.operatingSystem(nil, entries: [syft])?.family == .alpine)
        #expect(SBOMInventory.operatingSystem(nil, entries: [syft])?.version == "3.10.4")
        let suse = DecodedSBOM.Entry(
            ref: "b", kind: .library, name: "bash", version: "4.4-9.10.1",
            purl: "pkg:rpm/opensuse/bash@4.4-9.10.1?distro=opensuse-leap-15.5")
        #expect(SBOMInventory.operatingSystem(nil, entries: [suse])?.family == .openSUSELeap)
        #expect(SBOMInventory.operatingSystem(nil, entries: [suse])?.version == "15.5")
    }
}
