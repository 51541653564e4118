import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// Header decoding, source RPM names, versions and purls, on headers built by the test.
struct RPMHeaderTests {
    static let bash = RPMHeaderBuilder.package(
        name: "bash", epoch: nil, version: "5.1.8", release: "6.el9", sourceRPM: "bash-5.1.8-6.el9.src.rpm",
        license: "GPLv3+", files: ["/usr/bin/", "/usr/bin/bash", "/usr/bin/sh", "/etc/skel/.bashrc"]
    ).build()

    @Test func decodesFieldsAndFiles() throws {
        let decoded = try RPMHeaderDecoder.decode(Self.bash, headerNumber: 7)
        let package = decoded.package
        #expect(decoded.problems.isEmpty)
        #expect(package.name == "bash")
        #expect(package.epoch == nil)
        #expect(package.fullVersion == "5.1.8-6.el9")
        #expect(package.architecture == "x86_64")
        #expect(package.license == "GPLv3+")
        #expect(package.headerNumber == 7)
        #expect(package.installedFiles == ["usr/bin/bash", "usr/bin/sh", "etc/skel/.bashrc"])
    }

    @Test func epochAndSourcePackage() throws {
        let blob = RPMHeaderBuilder.package(
            name: "openssl-libs", epoch: 1, version: "3.0.7", release: "24.el9",
            sourceRPM: "openssl-3.0.7-24.el9.src.rpm"
        ).build()
        let package = try RPMHeaderDecoder.decode(blob).package
        #expect(package.fullVersion == "1:3.0.7-24.el9")
        let converted = package.package(ecosystem: .almaLinux, filePath: "var/lib/rpm/rpmdb.sqlite")
        #expect(converted.version == "1:3.0.7-24.el9")
        #expect(converted.sourceName == "openssl")
        #expect(converted.sourceVersion == nil)
        #expect(converted.advisoryVersion == "1:3.0.7-24.el9")
        #expect(converted.filePath == "var/lib/rpm/rpmdb.sqlite")
        #expect(
            package.purl(namespace: "alma", distro: "alma-9.3")
                == "pkg:rpm/alma/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=alma-9.3&epoch=1")
    }

    @Test func sourceVersionKeptWhenItDiffers() throws {
        let package = RPMPackage(
            name: "libuuid", version: "2.32.1", release: "42.el8_8", architecture: "x86_64",
            sourceRPM: "util-linux-2.32.1-42.el8_8.src.rpm", license: "")
        let converted = package.package(ecosystem: .almaLinux)
        #expect(converted.sourceName == "util-linux")
        #expect(converted.sourceVersion == nil)
        #expect(converted.licenses == [])
        let gcc = RPMPackage(name: "libgcc", version: "11.2.0", release: "2.cm2", sourceRPM: "gcc-11.2.0-3.cm2.src.rpm")
        #expect(gcc.package(ecosystem: .almaLinux).sourceVersion == "11.2.0-3.cm2")
        #expect(gcc.purl(namespace: nil, distro: nil) == "pkg:rpm/libgcc@11.2.0-2.cm2")
    }

    @Test(arguments: [
        ("util-linux-2.32.1-42.el8_8.src.rpm", "util-linux", "2.32.1", "42.el8_8", "src"),
        ("foo-1.0-1.i386.rpm", "foo", "1.0", "1", "i386"),
        ("python3-pip-wheel-21.2.3-6.el9.noarch", "python3-pip-wheel", "21.2.3", "6.el9", "noarch"),
        ("a-b-c-d-e.src.rpm", "a-b-c", "d", "e", "src"),
    ])
    func splitsFileNames(file: String, name: String, version: String, release: String, arch: String) throws {
        let parts = try #require(RPMFileName(parsing: file))
        #expect([parts.name, parts.version, parts.release, parts.architecture] == [name, version, release, arch])
    }

    @Test(arguments: ["(none)", "bash.src.rpm", "-1-2.src.rpm", "noarch", ""])
    func rejectsMalformedFileNames(file: String) {
        #expect(RPMFileName(parsing: file) == nil)
    }

    @Test func damagedHeadersAreTypedFailures() throws {
        let blob = Self.bash
        // Index count out of range, data length beyond the blob, a truncated index.
        var hugeCount = blob
        hugeCount[0] = 0x7F
        var longData = blob
        longData[4] = 0x01
        for damaged in [hugeCount, longData, Array(blob.prefix(7)), Array(blob.prefix(40)), [UInt8]()] {
            #expect(throws: CatalogError.self) { try RPMHeaderDecoder.decode(damaged) }
        }
        // Every offset of the first NAME entry pointing past the data: skipped, no crash.
        for position in 0..<blob.count {
            var flipped = blob
            flipped[position] ^= 0xFF
            _ = try? RPMHeaderDecoder.decode(flipped)
        }
    }

    @Test func oldFileNamesFallback() throws {
        var builder = RPMHeaderBuilder()
        builder.add(1000, .string("legacy"))
        builder.add(1001, .string("1"))
        builder.add(1002, .string("1"))
        builder.add(1027, .strings(["/bin/legacy", "/etc/legacy.conf"]))
        let package = try RPMHeaderDecoder.decode(builder.build()).package
        #expect(package.installedFiles == ["bin/legacy", "etc/legacy.conf"])
        #expect(package.architecture == nil)
    }

    @Test func mismatchedFileArraysDropTheListWithAProblem() throws {
        var builder = RPMHeaderBuilder.package(name: "x", version: "1", release: "1")
        builder.add(1117, .strings(["a", "b"]))
        builder.add(1116, .int32([0]))
        builder.add(1118, .strings(["/"]))
        let decoded = try RPMHeaderDecoder.decode(builder.build())
        #expect(decoded.package.installedFiles.isEmpty)
        #expect(decoded.problems.count == 1)
    }
}
