/// One member of a tar archive, header facts only.
public struct TarEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        case directory
        case symlink
        case hardlink
        /// Devices, FIFOs and anything else with no content of interest.
        case other
    }

    /// The path, normalised: no leading `./` or `/`, no `.` components, `..` resolved inside the archive root.
    public var path: String
    public var kind: Kind
    /// Content size in bytes (0 for non-files).
    public var size: Int64
    /// Link target for symlinks and hard links.
    public var linkTarget: String?
    /// Permission bits.
    public var mode: UInt32

    public init(path: String, kind: Kind, size: Int64, linkTarget: String? = nil, mode: UInt32 = 0o644) {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
        self.mode = mode
    }
}
