import DrydockCatalog
import DrydockLicenses

/// Targets for what the catalog reads in an image: OS package databases, release files, programs and archives.
enum CatalogTargets {
    static let all: [FuzzTarget] = [
        apk, dpkg, dpkgFiles, rpmDatabase, rpmHeader, rpmManifest, osRelease, legacyRelease, debianCopyright,
        binary, jar, zip, layerCache,
    ]

    /// Alpine's `lib/apk/db/installed`.
    static let apk = FuzzTarget("apk", "Alpine's lib/apk/db/installed", seeds: ["**/apk/**/*"]) { bytes in
        FuzzOutcome.of { describe(try ApkInstalledParser.parse(bytes)) }
    }

    /// dpkg's `var/lib/dpkg/status` (and distroless `status.d` files).
    static let dpkg = FuzzTarget(
        "dpkg", "dpkg's var/lib/dpkg/status", seeds: ["**/dpkg/**/*.txtar", "**/dpkg/**/status*"]
    ) { bytes in
        FuzzOutcome.of { describe(try DpkgStatusParser.parse(bytes)) }
    }

    /// dpkg's `info/*.list` file lists.
    static let dpkgFiles = FuzzTarget("dpkg-files", "dpkg's info/*.list file lists") { bytes in
        .parsed(counted(DpkgFileList.parse(bytes).count, "file"))
    }

    /// rpm databases: SQLite (`rpmdb.sqlite`), NDB (`Packages.db`) and Berkeley DB hash (`Packages`), recognised
    /// by their magic.
    static let rpmDatabase = FuzzTarget(
        "rpm-db", "rpm databases: SQLite, NDB and Berkeley DB, by magic",
        seeds: ["**/Packages", "**/Packages.db", "**/rpmdb.sqlite"]
    ) { bytes in
        FuzzOutcome.of {
            let database = try RPMDatabaseParser.parse(bytes, path: "var/lib/rpm/Packages")
            return "\(database.format), \(counted(database.packages.count, "package")), "
                + counted(database.warnings.count, "warning")
        }
    }

    /// One rpm header blob (index entries and data store).
    static let rpmHeader = FuzzTarget("rpm-header", "one rpm header blob", seeds: ["**/blob.bin"]) { bytes in
        FuzzOutcome.of {
            let decoded = try RPMHeaderDecoder.decode(bytes)
            return "\(decoded.package.name), \(counted(decoded.problems.count, "problem"))"
        }
    }

    /// CBL-Mariner's distroless `container-manifest-2`.
    static let rpmManifest = FuzzTarget("rpm-manifest", "CBL-Mariner's container-manifest-2") { bytes in
        FuzzOutcome.of {
            counted(try RPMManifestParser.parse(bytes).packages.count, "package")
        }
    }

    /// `etc/os-release`.
    static let osRelease = FuzzTarget(
        "os-release", "etc/os-release", seeds: ["**/os/**/*release*", "**/os/**/os-release"]
    ) { bytes in
        .parsed(counted(OSReleaseFile.parse(bytes).fields.count, "field"))
    }

    /// Distribution release files (`alpine-release`, `debian_version`, `redhat-release`, ...).
    static let legacyRelease = FuzzTarget(
        "legacy-release", "distribution release files (redhat-release, debian_version, ...)",
        seeds: ["**/os/**/*-release", "**/os/**/*_version"]
    ) { bytes in
        let parsed = LegacyReleaseFile.parse(bytes, path: "etc/redhat-release")
        return .parsed(parsed == nil ? "not recognised" : "recognised")
    }

    /// Debian machine-readable `copyright` files.
    static let debianCopyright = FuzzTarget(
        "debian-copyright", "Debian copyright files", seeds: ["**/dpkg/**/*copyright*"]
    ) { bytes in
        .parsed(counted(DebianCopyright.parse(bytes).licenses.count, "license"))
    }

    /// Programs: ELF, PE and Mach-O (thin and fat) headers and sections, Go build info and function tables,
    /// Rust `cargo auditable` data, as the image analyzer reads them.
    static let binary = FuzzTarget(
        "binary", "ELF, PE and Mach-O programs: Go build info, Go function tables, Rust audit data",
        seeds: ["**/golang/binary/**/*", "**/rust/binary/**/*", "**/*.elf", "**/*.exe", "**/*.macho"]
    ) { bytes in
        FuzzOutcome.of {
            let finding = try ExecutableAnalyzer().analyze(path: "usr/bin/program", file: InMemoryBytes(bytes))
            return describe(finding)
        }
    }

    /// Java archives: zip directory, nested archives, manifests, `pom.properties`, license files.
    static let jar = FuzzTarget(
        "jar", "Java archives (jar, war, ear, par), nested",
        seeds: ["**/*.jar", "**/*.war", "**/*.ear", "**/*.par", "**/*.egg"]
    ) { bytes in
        FuzzOutcome.of {
            let limits = JavaArchiveParser.Limits(maximumInflatedBytes: 64 << 20)
            let parsed = try JavaArchiveParser.parse(bytes, path: "app/lib/app.jar", limits: limits)
            return "\(counted(parsed.packages.count, "package")), \(counted(parsed.warnings.count, "warning"))"
        }
    }

    /// The zip container alone: end of central directory, zip64, entries, inflating each one.
    static let zip = FuzzTarget("zip", "zip central directory and entries", seeds: ["**/*.jar", "**/*.egg"]) {
        bytes in
        FuzzOutcome.of {
            let archive = try ZipArchive(bytes)
            var inflated = 0
            for entry in archive.entries.prefix(64) {
                inflated += (try? archive.contents(of: entry, limit: ImageTargets.contentLimit).count) ?? 0
            }
            return "\(counted(archive.entries.count, "entry")), \(counted(inflated, "byte")) inflated"
        }
    }

    /// An entry of the layer analysis cache (what a corrupt cache file holds).
    static let layerCache = FuzzTarget("layer-cache", "a layer analysis cache entry") { bytes in
        FuzzOutcome.of { counted(try LayerAnalysisCodec.decode(bytes).files.count, "file") }
    }

    static func describe(_ database: PackageDatabase) -> String {
        "\(counted(database.packages.count, "package")), \(counted(database.warnings.count, "warning"))"
    }

    static func describe(_ finding: FileFinding) -> String {
        switch finding {
        case .languageFile(let file): "\(file.type.rawValue): \(counted(file.packages.count, "package"))"
        case .packageDatabase(let database): describe(database)
        default: "\(finding)".prefix(80).description
        }
    }
}
