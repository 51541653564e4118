import Foundation

/// Helpers for catalog tests: locating `../shared`, running oracle commands, scratch folders.
public enum CatalogFixtures {
    /// A command used as an oracle or fixture builder failed.
    public struct CommandError: Error, CustomStringConvertible {
        /// The command and its error output.
        public var description: String
    }

    /// The shared material directory (`../shared` beside the package root), when it exists.
    public static func sharedDirectory(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
        }
        return nil
    }

    /// A shared fixture file (`fixtures/images/alpine-310.tar.gz`), when `../shared` holds it.
    public static func sharedFile(_ relativePath: String, filePath: String = #filePath) -> URL? {
        guard let shared = sharedDirectory(filePath: filePath) else { return nil }
        let url = shared.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether `relativePath` exists under `../shared`; prints why a test is skipped when it does not.
    public static func sharedFileAvailable(_ relativePath: String, filePath: String = #filePath) -> Bool {
        if sharedFile(relativePath, filePath: filePath) != nil { return true }
        print("skipped: ../shared/\(relativePath) is absent (corpus fixtures not available)")
        return false
    }

    /// Whether an executable is on `PATH`; prints why a test is skipped when it is not.
    public static func commandAvailable(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return true
        }
        print("skipped: \(name) is not installed")
        return false
    }

    /// Runs `executable` (looked up in `PATH`) and returns its standard output; throws when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> [UInt8] {
        [UInt8](try ImageFixtures.run(executable, arguments, in: directory))
    }

    /// A new, unique scratch folder, removed with the others of this test process (see
    /// `ImageFixtures.temporaryDirectory`).
    public static func scratchDirectory(prefix: String = "drydock-catalog") throws -> URL {
        try ImageFixtures.temporaryDirectory(prefix: prefix)
    }

    /// Extracts the gzip-compressed docker-archive `archive` and then, from every layer tar in it (in
    /// manifest order), the files `paths`; returns the folder with the merged files (later layers overwrite).
    ///
    /// Uses the system `tar`, independent of Drydock's reader, so tests have an oracle.
    public static func extractFromImage(_ archive: URL, paths: [String]) throws -> URL {
        let work = try scratchDirectory(prefix: "drydock-extract")
        try run("tar", ["-xzf", archive.path, "-C", work.path])
        let manifest = try Data(contentsOf: work.appendingPathComponent("manifest.json"))
        guard
            let images = try JSONSerialization.jsonObject(with: manifest) as? [[String: Any]],
            let layers = images.first?["Layers"] as? [String]
        else {
            throw CommandError(description: "\(archive.path): manifest.json has no Layers")
        }
        let root = work.appendingPathComponent("rootfs", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for layer in layers {
            let listing = String(
                decoding: try run("tar", ["-tf", work.appendingPathComponent(layer).path]), as: UTF8.self)
            let members = Set(listing.split(separator: "\n").map { String($0) })
            let present = paths.filter { members.contains($0) || members.contains("./" + $0) }
            guard !present.isEmpty else { continue }
            try run("tar", ["-xf", work.appendingPathComponent(layer).path, "-C", root.path] + present)
        }
        return root
    }
}

extension CatalogFixtures {
    /// A frozen copy of this machine's dpkg database (`status` and `info/*.list`), so a parser and the
    /// `dpkg-query` oracle see the same state even while other processes install packages.
    public struct HostDpkgSnapshot: Sendable {
        /// The copy, usable as `dpkg-query --admindir`.
        public let adminDirectory: URL
        /// The bytes of `status` as copied.
        public let status: [UInt8]
        /// `info/*.list` file names and bytes as copied.
        public let lists: [String: [UInt8]]

        /// Whether this machine has a dpkg database and `dpkg-query`; prints why a test is skipped if not.
        public static var available: Bool {
            guard FileManager.default.fileExists(atPath: "/var/lib/dpkg/status") else {
                print("skipped: this machine has no dpkg database")
                return false
            }
            return CatalogFixtures.commandAvailable("dpkg-query")
        }

        /// Copies `/var/lib/dpkg/status` and every `/var/lib/dpkg/info/*.list` into a scratch folder.
        public static func take() throws -> HostDpkgSnapshot {
            let manager = FileManager.default
            let admin = try CatalogFixtures.scratchDirectory(prefix: "drydock-dpkg")
            try manager.createDirectory(at: admin.appendingPathComponent("updates"), withIntermediateDirectories: true)
            let info = admin.appendingPathComponent("info", isDirectory: true)
            try manager.createDirectory(at: info, withIntermediateDirectories: true)
            let status = try Data(contentsOf: URL(fileURLWithPath: "/var/lib/dpkg/status"))
            try status.write(to: admin.appendingPathComponent("status"))
            var lists: [String: [UInt8]] = [:]
            for name in try manager.contentsOfDirectory(atPath: "/var/lib/dpkg/info") where name.hasSuffix(".list") {
                guard let data = manager.contents(atPath: "/var/lib/dpkg/info/\(name)") else { continue }
                try data.write(to: info.appendingPathComponent(name))
                lists[name] = [UInt8](data)
            }
            return HostDpkgSnapshot(adminDirectory: admin, status: [UInt8](status), lists: lists)
        }

        /// `dpkg-query --admindir=<copy> ARGUMENTS`'s output.
        public func query(_ arguments: [String]) throws -> String {
            let output = try CatalogFixtures.run("dpkg-query", ["--admindir=\(adminDirectory.path)"] + arguments)
            return String(decoding: output, as: UTF8.self)
        }

        /// Installed (`ii`/`hi`) packages as `name version architecture source-name source-version`, per
        /// `dpkg-query` on the copy.
        public func installedPackages() throws -> [String] {
            let format =
                "${db:Status-Abbrev}|${Package}|${Version}|${Architecture}|${source:Package}|${source:Version}\n"
            var packages: [String] = []
            for line in try query(["-W", "-f", format]).split(separator: "\n") {
                let fields = line.split(separator: "|", omittingEmptySubsequences: false)
                guard fields.count == 6, fields[0].hasPrefix("ii") || fields[0].hasPrefix("hi") else { continue }
                packages.append("\(fields[1]) \(fields[2]) \(fields[3]) \(fields[4]) \(fields[5])")
            }
            return packages
        }
    }
}
