/// A sequential source of bytes: a file, a decompressor, a tar entry's content.
///
/// `read` fills as much of `buffer` as it can and returns the count; `0` means the end.
public protocol ByteSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
}
