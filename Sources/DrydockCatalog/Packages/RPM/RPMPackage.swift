import DrydockModel

/// One installed RPM package, with every field Drydock reads from its header.
///
/// Kept separate from `Package` because the ecosystem (AlmaLinux, Rocky, RHEL, SUSE, Mariner, …) is known only
/// once the image's OS is detected: call `package(ecosystem:filePath:)` then.
public struct RPMPackage: Sendable, Hashable, Codable {
    /// `NAME`.
    public var name: String
    /// `EPOCH`, when the header has one.
    public var epoch: Int?
    /// `VERSION`.
    public var version: String
    /// `RELEASE`.
    public var release: String
    /// `ARCH`; `nil` for headers without one (`gpg-pubkey`).
    public var architecture: String?
    /// `SOURCERPM` (`glibc-2.34-2.cm2.src.rpm`); `nil` when absent (`gpg-pubkey`, source packages).
    public var sourceRPM: String?
    /// `MODULARITYLABEL` (tag 5096), for packages from a RHEL 8+ module stream (`nodejs:12:8020…:6a468ee4`).
    public var modularityLabel: String?
    /// `VENDOR`.
    public var vendor: String?
    /// `LICENSE`, as written (an SPDX or Fedora-style expression).
    public var license: String?
    /// The files the package installed, relative to the root (`usr/bin/bash`); directories are left out when the
    /// header has file modes to tell them apart.
    public var installedFiles: [String]
    /// The database's key for this header (SQLite `hnum`, NDB package index, BDB key), when read from a database.
    public var headerNumber: UInt32?

    /// Creates a package.
    public init(
        name: String, epoch: Int? = nil, version: String, release: String, architecture: String? = nil,
        sourceRPM: String? = nil, modularityLabel: String? = nil, vendor: String? = nil, license: String? = nil,
        installedFiles: [String] = [], headerNumber: UInt32? = nil
    ) {
        self.name = name
        self.epoch = epoch
        self.version = version
        self.release = release
        self.architecture = architecture
        self.sourceRPM = sourceRPM
        self.modularityLabel = modularityLabel
        self.vendor = vendor
        self.license = license
        self.installedFiles = installedFiles
        self.headerNumber = headerNumber
    }

    /// `%{EPOCHNUM}`: the epoch, or 0 without one.
    public var epochNumber: Int { epoch ?? 0 }

    /// `[EPOCH:]VERSION-RELEASE`, the epoch written only when it is not 0 (as Trivy and rpm's `%{EVR}` do).
    public var fullVersion: String {
        Self.evr(epoch: epochNumber, version: version, release: release)
    }

    /// The source package named by `SOURCERPM`, when it has the `name-version-release.arch.rpm` form.
    public var source: RPMFileName? {
        sourceRPM.flatMap(RPMFileName.init(parsing:))
    }

    /// The `Package` Drydock's later stages use, for the ecosystem of the detected distribution.
    ///
    /// `sourceName` is the source package's name; `sourceVersion` is `[EPOCH:]VERSION-RELEASE` of the source
    /// package, using the binary package's epoch (a source RPM file name carries none, as Trivy assumes too),
    /// and is set only when it differs from `version`. `licenses` holds `LICENSE` as one expression;
    /// `modularityLabel` and `vendor` are copied when present and not empty or `(none)`.
    public func package(ecosystem: Ecosystem, filePath: String? = nil) -> Package {
        var sourceName: String?
        var sourceVersion: String?
        if let source {
            sourceName = source.name
            let evr = Self.evr(epoch: epochNumber, version: source.version, release: source.release)
            if evr != fullVersion { sourceVersion = evr }
        }
        return Package(
            name: name, version: fullVersion, ecosystem: ecosystem, sourceName: sourceName,
            sourceVersion: sourceVersion, architecture: architecture,
            licenses: license.map { $0.isEmpty ? [] : [$0] } ?? [], filePath: filePath,
            installedFiles: installedFiles, modularityLabel: Self.nonEmpty(modularityLabel),
            vendor: Self.nonEmpty(vendor))
    }

    /// The package URL: `pkg:rpm/NAMESPACE/NAME@VERSION-RELEASE?arch=ARCH&distro=DISTRO&epoch=EPOCH`.
    ///
    /// `namespace` is the distribution (`redhat`, `rocky`, `opensuse`, `cbl-mariner`) and `distro` its ID and
    /// release (`rocky-9.3`); either is left out when `nil`. The epoch qualifier appears only when it is not 0;
    /// qualifiers are sorted by key and every component percent-encoded, as the purl specification asks.
    public func purl(namespace: String?, distro: String?) -> String {
        var qualifiers: [(String, String)] = []
        if let architecture, !architecture.isEmpty { qualifiers.append(("arch", architecture)) }
        if let distro, !distro.isEmpty { qualifiers.append(("distro", distro)) }
        if epochNumber != 0 { qualifiers.append(("epoch", String(epochNumber))) }
        var purl = "pkg:rpm/"
        if let namespace, !namespace.isEmpty { purl += OSPackageURL.percentEncode(namespace) + "/" }
        purl += OSPackageURL.percentEncode(name) + "@" + OSPackageURL.percentEncode("\(version)-\(release)")
        if !qualifiers.isEmpty {
            purl += "?" + qualifiers.map { "\($0.0)=\(OSPackageURL.percentEncode($0.1))" }.joined(separator: "&")
        }
        return purl
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value != "(none)" else { return nil }
        return value
    }

    static func evr(epoch: Int, version: String, release: String) -> String {
        epoch != 0 ? "\(epoch):\(version)-\(release)" : "\(version)-\(release)"
    }
}

/// The parts of an RPM file name `NAME-VERSION-RELEASE.ARCH.rpm` (`SOURCERPM` values end in `.src.rpm`).
///
/// Split as rpm's tools (and yum's `splitFilename`) do: drop `.rpm`, the architecture after the last `.`, the
/// release after the last `-`, the version after the `-` before it; the name keeps every other `-`.
public struct RPMFileName: Sendable, Hashable, Codable {
    /// `NAME` (`util-linux`).
    public var name: String
    /// `VERSION` (`2.32.1`).
    public var version: String
    /// `RELEASE` (`42.el8_8`).
    public var release: String
    /// `ARCH` (`src`).
    public var architecture: String

    /// Splits a file name; `nil` when a part is missing or empty.
    public init?(parsing fileName: String) {
        var rest = Substring(fileName)
        if rest.hasSuffix(".rpm") { rest = rest.dropLast(4) }
        guard let dot = rest.lastIndex(of: ".") else { return nil }
        let arch = rest[rest.index(after: dot)...]
        rest = rest[..<dot]
        guard let releaseDash = rest.lastIndex(of: "-") else { return nil }
        let release = rest[rest.index(after: releaseDash)...]
        rest = rest[..<releaseDash]
        guard let versionDash = rest.lastIndex(of: "-") else { return nil }
        let version = rest[rest.index(after: versionDash)...]
        let name = rest[..<versionDash]
        guard !name.isEmpty, !version.isEmpty, !release.isEmpty, !arch.isEmpty else { return nil }
        self.name = String(name)
        self.version = String(version)
        self.release = String(release)
        self.architecture = String(arch)
    }
}
