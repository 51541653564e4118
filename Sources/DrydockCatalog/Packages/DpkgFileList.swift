/// Parses the file lists dpkg keeps per package, `var/lib/dpkg/info/NAME.list` or `NAME:ARCH.list`.
///
/// Each line is an absolute path the package installed, directories included, in an order where a
/// directory comes just before its contents. Drydock keeps files only: an entry directly followed by
/// an entry inside it is taken to be a directory. `/.` is skipped, and paths are returned relative to the
/// root (`usr/bin/tar`), as `Package.installedFiles` wants them.
public enum DpkgFileList {
    /// The folder holding the lists (with trailing `/`).
    public static let directory = "var/lib/dpkg/info/"

    /// The files a `.list` names, in order.
    public static func parse(_ bytes: some Collection<UInt8>) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var files: [String] = []
        var previous: Substring?
        for line in text.split(whereSeparator: \.isNewline) {
            guard line != "/." else { continue }
            if let before = previous, !(line.hasPrefix(before) && line.dropFirst(before.count).first == "/") {
                files.append(relative(before))
            }
            previous = line
        }
        if let last = previous { files.append(relative(last)) }
        return files
    }

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

    private static func relative(_ line: Substring) -> String {
        String(line.drop(while: { $0 == "/" }))
    }
}
