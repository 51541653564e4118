import Foundation

/// Fetches the distributions' own feeds by shard (``VendorFeedConfiguration``) into the feeds folder, for
/// `db update`; each shard is one `db build` source:
///
/// | shard | feed | local folder (the `db build` source) |
/// |---|---|---|
/// | `redhat` | Red Hat CSAF VEX (archive, then `changes.csv`); only documents naming a RHEL product are kept | `redhat/vex/documents` |
/// | `suse` | SUSE CSAF VEX (`csaf-vex.tar.bz2`, then `changes.csv`) | `suse/csaf-vex/documents` |
/// | `amazon/1` | Amazon Linux 1 `main` and `updates` updateinfo | `amazon/1` |
/// | `amazon/2` | Amazon Linux 2 core and the configured extras' updateinfo | `amazon/2` |
/// | `amazon/2022`, `amazon/2023` | core (and for 2023 the kernel livepatch repository) updateinfo | `amazon/2023` |
/// | `fedora/<release>` | Fedora's `updates` repository's updateinfo | `fedora/<release>` |
/// | `oracle`, `photon/<release>`, `azure/<release>`, `mariner/<release>`, `wolfi`, `chainguard` | the vendor's file(s), each fetched only when the server reports a change (``VendorFileSync``) | the shard's name |
struct VendorFeedSync {
    /// What the shards gave.
    struct Result: Sendable {
        /// `db build` sources and the names `metadata.json` records for them.
        var sources: [(path: String, name: String)] = []
        /// Documents and files downloaded (`redhat/cve-2024-0727.json`, `amazon/2/core`,
        /// `oracle/com.oracle.elsa-all.xml.bz2`).
        var downloaded: [String] = []
        /// Files the server reported unchanged (`304 Not Modified`) or whose checksum had not changed.
        var unchanged: [String] = []
        var warnings: [String] = []
    }

    let downloader: FeedDownloader
    let configuration: VendorFeedConfiguration
    let feedsDirectory: String

    /// Fetches every shard in order; throws on the first feed that fails (the DB is then left as it was).
    func sync() async throws(VulnDBError) -> Result {
        var result = Result()
        for shard in configuration.shards {
            switch shard {
            case "redhat":
                let sync = CSAFDirectorySync(
                    downloader: downloader, directoryURL: configuration.redHatVEXURL,
                    archive: .named(by: "archive_latest.txt"), directory: feedsDirectory + "/redhat/vex",
                    keep: Self.namesRHEL)
                let done = try await sync.sync()
                result.downloaded += done.documents.map { "redhat/\($0)" }
                result.warnings += done.warnings
                result.sources.append((sync.documentsDirectory, "redhat-csaf"))
            case "suse":
                let directory = configuration.suseSecurityURL.appendingPathComponent("csaf-vex")
                let sync = CSAFDirectorySync(
                    downloader: downloader, directoryURL: directory,
                    archive: .at(configuration.suseSecurityURL.appendingPathComponent("csaf-vex.tar.bz2")),
                    directory: feedsDirectory + "/suse/csaf-vex", keep: { _ in true })
                let done = try await sync.sync()
                result.downloaded += done.documents.map { "suse/\($0)" }
                result.warnings += done.warnings
                result.sources.append((sync.documentsDirectory, "suse-csaf"))
            case let shard where shard.hasPrefix("amazon/") || shard.hasPrefix("fedora/"):
                try await syncRepositories(shard, into: &result)
            default:
                guard let files = configuration.files(of: shard) else {
                    throw VulnDBError(
                        code: .malformedInput,
                        reason: "unknown vendor feed (expected \(VendorFeedConfiguration.shardNames))",
                        location: shard)
                }
                try await syncFiles(files, shard: shard, into: &result)
            }
        }
        return result
    }

    /// An Amazon Linux or Fedora shard: the updateinfo of each of its repositories.
    private func syncRepositories(_ shard: String, into result: inout Result) async throws(VulnDBError) {
        let release = String(shard.split(separator: "/", maxSplits: 1).last ?? "")
        var found = false
        for (name, repository, required) in try repositories(shard: shard, release: release) {
            let directory = feedsDirectory + "/" + shard + "/" + name
            let sync = YumUpdateInfoSync(downloader: downloader, repository: repository, directory: directory)
            let (exists, downloaded) = try await sync.sync()
            if !exists {
                if required {
                    throw VulnDBError(
                        code: .downloadFailed, reason: "repository not found (HTTP 404)",
                        location: Self.describe(repository))
                }
                result.warnings.append("\(Self.describe(repository)): not found (HTTP 404); skipped")
                continue
            }
            found = true
            if downloaded {
                result.downloaded.append("\(shard)/\(name)")
            } else {
                result.unchanged.append("\(shard)/\(name)")
            }
        }
        if found { result.sources.append((feedsDirectory + "/" + shard, shard)) }
    }

    /// A shard of single files (Oracle, Photon, Microsoft, Wolfi, Chainguard), each fetched only when it changed.
    private func syncFiles(
        _ files: [VendorFeedConfiguration.File], shard: String, into result: inout Result
    ) async throws(VulnDBError) {
        var found = false
        let sync = VendorFileSync(downloader: downloader)
        for file in files {
            switch try await sync.fetch(file.url, to: feedsDirectory + "/" + file.path) {
            case .downloaded:
                result.downloaded.append(file.path)
                found = true
            case .unchanged:
                result.unchanged.append(file.path)
                found = true
            case .missing:
                result.warnings.append("\(file.url.absoluteString): not found (HTTP 404); skipped")
            }
        }
        let directory = feedsDirectory + "/" + shard
        if found || FileManager.default.fileExists(atPath: directory) {
            result.sources.append((directory, shard))
        }
        if !found { result.warnings.append("vendor feed `\(shard)`: no file published; not covered") }
    }

    /// The repositories of an Amazon Linux or Fedora shard: (local name, repository, whether it must exist).
    private func repositories(shard: String, release: String) throws(VulnDBError) -> [(
        String, YumUpdateInfoSync.Repository, Bool
    )] {
        let amazon = configuration.amazonLinuxURL
        func list(_ base: URL, _ path: String) -> YumUpdateInfoSync.Repository {
            .mirrorList(path.split(separator: "/").reduce(base) { $0.appendingPathComponent(String($1)) })
        }
        switch shard {
        case "amazon/1":
            return [
                ("main", list(configuration.amazonLinux1URL, "latest/main/mirror.list"), true),
                ("updates", list(configuration.amazonLinux1URL, "latest/updates/mirror.list"), true),
            ]
        case "amazon/2":
            return [("core", list(amazon, "2/core/latest/x86_64/mirror.list"), true)]
                + configuration.amazonLinux2Extras.map {
                    ("extras-\($0)", list(amazon, "2/extras/\($0)/latest/x86_64/mirror.list"), false)
                }
        case "amazon/2022":
            return [("core", list(amazon, "al2022/core/mirrors/latest/x86_64/mirror.list"), true)]
        case "amazon/2023":
            return [
                ("core", list(amazon, "al2023/core/mirrors/latest/x86_64/mirror.list"), true),
                ("kernel-livepatch", list(amazon, "al2023/kernel-livepatch/mirrors/latest/x86_64/mirror.list"), false),
            ]
        default:
            guard shard.hasPrefix("fedora/"), !release.isEmpty, release.allSatisfy(\.isNumber) else {
                throw VulnDBError(
                    code: .malformedInput,
                    reason: "unknown vendor feed (expected amazon/1, amazon/2, amazon/2022, "
                        + "amazon/2023 or fedora/<release number>)", location: shard)
            }
            let base = [release, "Everything", "x86_64"].reduce(configuration.fedoraUpdatesURL) {
                $0.appendingPathComponent($1)
            }
            return [("updates", .base(base), true)]
        }
    }

    private static func describe(_ repository: YumUpdateInfoSync.Repository) -> String {
        switch repository {
        case .mirrorList(let url), .base(let url): url.absoluteString
        }
    }

    /// Whether a Red Hat VEX document names a RHEL product (`cpe:/o:redhat:enterprise_linux:…`): the others
    /// (OpenShift, Satellite, middleware only) are recorded but not stored.
    static func namesRHEL(_ bytes: [UInt8]) -> Bool {
        let needle = Array("redhat:enterprise_linux:".utf8)
        return bytes.withUnsafeBufferPointer { haystack in
            guard haystack.count >= needle.count else { return false }
            var index = 0
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                    return true
                }
                index += 1
            }
            return false
        }
    }
}
