/// An analyzer that reads its files by offset — the headers first, then only the ranges they lead to — so a
/// file of any size is analysed in bounded memory (executables, Java archives).
///
/// `LayerWalker` hands it the file itself when the source holds files (a directory tree). In a layer, an entry
/// up to `LayerWalker.Options.inMemoryLimit` bytes is read into memory; a larger one is put aside in a private
/// temporary file first, unless `mayRead(prefix:)` rules it out from its first bytes. `sizeLimit` still bounds
/// the files analysed.
public protocol RandomAccessAnalyzer: CatalogAnalyzer {
    /// Whether a file whose first bytes are `prefix` (up to `LayerWalker.prefixSize`) can hold anything for this
    /// analyzer: a large layer entry that cannot is skipped without being put aside.
    func mayRead(prefix: [UInt8]) -> Bool
    /// Turns one wanted file into a finding, reading only the ranges it needs from `file`. Throws when the
    /// file cannot be used at all (`unreadable-file` for an I/O error).
    func analyze(path: String, file: any RandomAccessBytes) throws(CatalogError) -> FileFinding
}

extension RandomAccessAnalyzer {
    /// Any file may be one: the default.
    public func mayRead(prefix: [UInt8]) -> Bool { true }

    /// See `CatalogAnalyzer.analyze(path:content:)`: `content` read as a file held in memory.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        try analyze(path: path, file: InMemoryBytes(content))
    }
}
