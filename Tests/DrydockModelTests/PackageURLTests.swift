import DrydockModel
import Testing

@Suite("Package URLs")
struct PackageURLTests {
    @Test(
        "parses and writes back the canonical form",
        arguments: [
            (
                "pkg:deb/debian/login@4.13%2Bdfsg1-1?arch=amd64&distro=debian-12.5&epoch=1",
                "pkg:deb/debian/login@4.13%2Bdfsg1-1?arch=amd64&distro=debian-12.5&epoch=1"
            ),
            ("PKG:PyPI/Django_Rest@1.0", "pkg:pypi/django-rest@1.0"),
            ("pkg:npm/%40angular/core@16.2.0", "pkg:npm/%40angular/core@16.2.0"),
            (
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar"
            ),
            ("pkg:golang/github.com/Foo/Bar@v1.2.3", "pkg:golang/github.com/Foo/Bar@v1.2.3"),
            (
                "pkg:apk/Alpine/MUSL@1.1.22-r3?distro=3.10.4&arch=x86_64",
                "pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4"
            ),
            ("pkg:cocoapods/GoogleUtilities@7.5.2#NSData+zlib", "pkg:cocoapods/GoogleUtilities@7.5.2#NSData%2Bzlib"),
        ])
    func roundTrip(input: String, canonical: String) throws {
        let purl = try #require(PackageURL(input))
        #expect(purl.description == canonical)
        #expect(PackageURL(purl.description) == purl)
    }

    @Test("components are split and decoded")
    func components() throws {
        let purl = try #require(PackageURL("pkg:npm/%40angular/core@16.2.0?vcs_url=git%2Bhttps"))
        #expect(purl.type == "npm")
        #expect(purl.namespace == "@angular")
        #expect(purl.name == "core")
        #expect(purl.version == "16.2.0")
        #expect(purl.qualifiers == ["vcs_url": "git+https"])
    }

    @Test("text that is not a purl is refused", arguments: ["", "pkg:", "pkg:npm", "npm/left-pad@1", "pkg:/x"])
    func refused(text: String) {
        #expect(PackageURL(text) == nil)
    }

    @Test("a purl without version or qualifiers matches every version; given parts must be equal")
    func matching() throws {
        let installed = try #require(PackageURL("pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12"))
        #expect(try #require(PackageURL("pkg:deb/debian/openssl")).matches(installed))
        #expect(try #require(PackageURL("pkg:deb/debian/openssl@3.0.11-1")).matches(installed))
        #expect(try #require(PackageURL("pkg:deb/debian/openssl?arch=amd64")).matches(installed))
        #expect(!(try #require(PackageURL("pkg:deb/debian/openssl@3.0.12-1")).matches(installed)))
        #expect(!(try #require(PackageURL("pkg:deb/debian/openssl?arch=arm64")).matches(installed)))
        #expect(!(try #require(PackageURL("pkg:deb/ubuntu/openssl")).matches(installed)))
        #expect(installed.versionless.description == "pkg:deb/debian/openssl")
    }
}
