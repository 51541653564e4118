/// An analyzer that, besides the paths its selector names, wants every regular file with an executable
/// mode bit (`mode & 0o111 != 0`), wherever it is: compiled programs are found by content, not by name.
///
/// `LayerWalker` hands such files to the first analyzer of this kind when no selector claims them. The
/// analyzer checks the magic bytes (`ExecutableFile.format(ofPrefix:)`) before doing anything else.
/// Because any deletion may remove an executable, a walker with such an analyzer records every whiteout.
public protocol ExecutableFileAnalyzer: CatalogAnalyzer {}
