import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Words for an `errno` value, with its symbolic name where a user would search for it.
public enum ErrnoDescription {
    /// `strerror(code)`, followed by the name for the codes that say the disk is full: `No space left on device
    /// (ENOSPC)`, `Disk quota exceeded (EDQUOT)`, `File too large (EFBIG)`.
    public static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ENOSPC: return text + " (ENOSPC)"
        case EDQUOT: return text + " (EDQUOT)"
        case EFBIG: return text + " (EFBIG)"
        default: return text
        }
    }
}
