/// Parses the file lists dpkg keeps per package, `var/lib/dpkg/info/NAME.list` or `NAME:ARCH.list`.
///
/// Each line is an absolute path the package installed, folders included (not always next to their
/// contents: `/etc` may come long before `/etc/rmt`). Drydock keeps files only: an entry that is the
/// parent of another entry is a folder and is dropped. A folder the package leaves empty cannot be told
/// from a file and is kept. `/.` is skipped, and paths are returned relative to the root
/// (`usr/bin/tar`), as `Package.installedFiles` wants them.
public enum DpkgFileList {
    /// The folder holding the lists (with trailing `/`).
    public static let directory = "var/lib/dpkg/info/"

    /// The files a `.list` names, in order.
    public static func parse(_ bytes: some Collection<UInt8>) -> [String] {
        let scanned: [String]? = bytes.withContiguousStorageIfAvailable { buffer in
            var found: [String] = []
            ByteLines.forEachLine(buffer) { start, end, _ in
                var lower = start
                while lower < end, buffer[lower] == slash { lower += 1 }
                guard lower < end, !(end - lower == 1 && buffer[lower] == dot) else { return }
                found.append(ByteLines.string(buffer, lower, end))
            }
            return found
        }
        guard let entries = scanned else { return parse(Array(bytes)) }
        var folders: Set<Substring> = []
        // A line longer than Linux's PATH_MAX is no installed path; deriving its folders would hash every prefix
        // of it (quadratic in the line's length: a megabyte line of slashes never finishes).
        for entry in entries where entry.utf8.count <= maximumPathLength {
            var remaining = Substring(entry)
            while let separator = remaining.utf8.lastIndex(of: slash) {
                remaining = remaining[..<separator]
                guard folders.insert(remaining).inserted else { break }
            }
        }
        return folders.isEmpty ? entries : entries.filter { !folders.contains(Substring($0)) }
    }

    /// Linux's `PATH_MAX`.
    static let maximumPathLength = 4096
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// The package (and architecture) a list file belongs to: `info/libc6:amd64.list` → (`libc6`, `amd64`).
    public static func owner(ofListAt path: String) -> (name: String, architecture: String?)? {
        guard path.hasPrefix(directory), path.hasSuffix(".list") else { return nil }
        let file = path.dropFirst(directory.count).dropLast(".list".count)
        guard !file.isEmpty, !file.contains("/") else { return nil }
        if let colon = file.firstIndex(of: ":") {
            return (String(file[..<colon]), String(file[file.index(after: colon)...]))
        }
        return (String(file), nil)
    }
}
