import Foundation

/// What to put at one path of a test layer.
public enum FileSpec: Sendable, Hashable {
    /// A regular file with text content.
    case file(String)
    /// A regular file with binary content.
    case bytes([UInt8])
    /// An (empty) directory.
    case directory
    /// A symbolic link to the given target.
    case symlink(String)
    /// A hard link to another path of the same layer.
    case hardlink(String)
    /// A whiteout: the layer deletes this path (written as `.wh.<name>`).
    case whiteout
    /// An opaque directory: the layer hides everything lower layers put in it (`.wh..wh..opq`).
    case opaque
}

/// Builds test inputs — layer tars, docker-archives, OCI layouts — with the system `tar` and `gzip`,
/// each in a fresh temporary directory.
public enum ImageFixtures {
    /// A fixture could not be built (a command failed, a file could not be written).
    public struct FixtureError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// The `--format` given to GNU tar.
    public enum TarFormat: String, Sendable, CaseIterable {
        /// GNU tar's default; `pax`, `ustar` and old `v7` as named.
        case gnu, pax, ustar, v7
    }

    /// A new, unique temporary directory, below a per-process folder of `$TMPDIR/drydock-fixtures`.
    public static func temporaryDirectory(prefix: String = "drydock-image") throws -> URL {
        let url = processRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `$TMPDIR/drydock-fixtures/<pid>`; made once per process, after removing the folders of test
    /// processes that have exited, so fixtures do not pile up.
    static let processRoot: URL = {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("drydock-fixtures", isDirectory: true)
        let ownPID = ProcessInfo.processInfo.processIdentifier
        for name in (try? manager.contentsOfDirectory(atPath: base.path)) ?? [] {
            guard let pid = Int32(name), pid != ownPID else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? manager.removeItem(at: base.appendingPathComponent(name))
            }
        }
        return base.appendingPathComponent(String(ownPID), isDirectory: true)
    }()

    /// Runs `executable` (looked up in `PATH`) with `arguments`; throws with its stderr when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Data {
        let result = try ProcessRunner.run("/usr/bin/env", [executable] + arguments, directory: directory)
        guard result.status == 0 else {
            throw FixtureError(
                description:
                    "\(executable) \(arguments.joined(separator: " ")) exited with \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Writes `files` under `directory`, creating parent directories as needed.
    public static func writeTree(_ files: [String: FileSpec], into directory: URL) throws {
        let manager = FileManager.default
        // Hard links last, so their targets exist.
        let ordered = files.sorted { lhs, rhs in
            let lhsLink = { if case .hardlink = lhs.value { true } else { false } }()
            let rhsLink = { if case .hardlink = rhs.value { true } else { false } }()
            return lhsLink == rhsLink ? lhs.key < rhs.key : !lhsLink
        }
        for (path, spec) in ordered {
            let url = directory.appendingPathComponent(path)
            let parent = url.deletingLastPathComponent()
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            switch spec {
            case .file(let text):
                try Data(text.utf8).write(to: url)
            case .bytes(let bytes):
                try Data(bytes).write(to: url)
            case .directory:
                try manager.createDirectory(at: url, withIntermediateDirectories: true)
            case .symlink(let target):
                try manager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
            case .hardlink(let target):
                try manager.linkItem(at: directory.appendingPathComponent(target), to: url)
            case .whiteout:
                try Data().write(to: parent.appendingPathComponent(".wh." + url.lastPathComponent))
            case .opaque:
                try manager.createDirectory(at: url, withIntermediateDirectories: true)
                try Data().write(to: url.appendingPathComponent(".wh..wh..opq"))
            }
        }
    }

    /// Packs the top-level members of `directory` into `output` with GNU tar, reproducibly (sorted names,
    /// owner 0, mtime 0). An empty directory gives an empty archive.
    public static func tar(directory: URL, output: URL, format: TarFormat = .gnu) throws {
        let members = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var arguments = [
            "--format=\(format.rawValue)", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0",
            "-C", directory.path, "-cf", output.path,
        ]
        if members.isEmpty {
            arguments += ["--files-from=/dev/null"]
        } else {
            arguments += ["--"] + members
        }
        try run("tar", arguments)
    }

    /// Writes `files` into a fresh directory and packs them as a layer tar; returns the tar's URL.
    public static func layerTar(_ files: [String: FileSpec], format: TarFormat = .gnu) throws -> URL {
        let work = try temporaryDirectory(prefix: "drydock-layer")
        let root = work.appendingPathComponent("root", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try writeTree(files, into: root)
        let output = work.appendingPathComponent("layer.tar")
        try tar(directory: root, output: output, format: format)
        return output
    }

    /// Compresses `file` with `gzip -n` into `<file>.gz` (the original is kept); returns the new URL.
    @discardableResult
    public static func gzip(_ file: URL) throws -> URL {
        try run("gzip", ["-n", "-k", "-f", file.path])
        return URL(fileURLWithPath: file.path + ".gz")
    }

    /// `sha256:<hex>` of a file, computed by the system `sha256sum` (an oracle independent of Drydock).
    public static func sha256(_ file: URL) throws -> String {
        let output = String(decoding: try run("sha256sum", [file.path]), as: UTF8.self)
        guard let hex = output.split(separator: " ").first, hex.count == 64 else {
            throw FixtureError(description: "unexpected sha256sum output: \(output)")
        }
        return "sha256:" + hex
    }

    /// The bytes of a file.
    public static func bytes(_ file: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: file))
    }

    /// Writes a copy of `file` cut to its first `length` bytes; returns the copy's URL.
    public static func truncatedCopy(of file: URL, length: Int) throws -> URL {
        let bytes = try bytes(file)
        let output = try temporaryDirectory(prefix: "drydock-cut").appendingPathComponent(file.lastPathComponent)
        try Data(bytes.prefix(length)).write(to: output)
        return output
    }

    /// Writes a copy of `file` with the bytes at `offsets` inverted; returns the copy's URL.
    public static func corruptedCopy(of file: URL, at offsets: [Int]) throws -> URL {
        var bytes = try bytes(file)
        for offset in offsets where offset < bytes.count { bytes[offset] ^= 0xff }
        let output = try temporaryDirectory(prefix: "drydock-bad").appendingPathComponent(file.lastPathComponent)
        try Data(bytes).write(to: output)
        return output
    }

    /// The shared fixtures directory (`../shared/fixtures` beside the package root), when it exists.
    public static func sharedFixtures(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
        }
        return nil
    }
}
