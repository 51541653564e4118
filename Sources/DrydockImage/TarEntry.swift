/// One member of a tar archive, header facts only.
public struct TarEntry: Sendable, Hashable {
    /// What the entry is.
    public enum Kind: Sendable, Hashable {
        /// A regular file (its content can be read).
        case file
        /// A directory.
        case directory
        /// A symbolic link; `linkTarget` is the target exactly as stored.
        case symlink
        /// A hard link; `linkTarget` is the (normalised) archive path of the file it shares content with.
        case hardlink
        /// Devices, FIFOs and anything else with no content of interest.
        case other
    }

    /// The path, normalised: no leading `./` or `/`, no `.` or empty components, no trailing `/`, `..`
    /// resolved inside the archive root (a `..` at the root is dropped). The root itself is `""`.
    public var path: String
    /// File, directory, link or other.
    public var kind: Kind
    /// Content size in bytes (0 for non-files).
    public var size: Int64
    /// Link target for symlinks and hard links.
    public var linkTarget: String?
    /// Permission bits.
    public var mode: UInt32

    /// An entry from its header facts.
    public init(path: String, kind: Kind, size: Int64, linkTarget: String? = nil, mode: UInt32 = 0o644) {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
        self.mode = mode
    }
}
