import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `posix_spawn` file actions shared by the test support's spawners.
///
/// Unlike Foundation's `Process`, a bare `posix_spawn` hands the child every descriptor the parent has open
/// without close-on-exec — and Foundation opens files it writes (`Data.write(to:)`) without it. A child
/// spawned while another test writes a script then holds that script open for writing for as long as it
/// runs (a registry or a server: minutes), and executing the script fails with "Text file busy".
enum SpawnFileActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does
    /// not export; `nil` on a C library without it.
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Adds an action that closes every descriptor from 3 up in the child, so it inherits only its
    /// standard input, output and error.
    static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        guard let closeFrom else { return }
        _ = closeFrom(&actions, 3)
    }
}
