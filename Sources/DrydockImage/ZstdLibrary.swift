#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ZSTD_inBuffer` from `zstd.h`: `{ const void* src; size_t size; size_t pos; }`.
struct ZstdInBuffer {
    var src: UnsafeRawPointer?
    var size: Int
    var pos: Int
}

/// `ZSTD_outBuffer` from `zstd.h`: `{ void* dst; size_t size; size_t pos; }`.
struct ZstdOutBuffer {
    var dst: UnsafeMutableRawPointer?
    var size: Int
    var pos: Int
}

/// The streaming decompression functions of `libzstd.so.1`, loaded at run time with `dlopen`, because a
/// stock Debian machine has the library but not its headers.
///
/// The handle is never closed, so the function pointers stay valid for the life of the process.
struct ZstdLibrary: @unchecked Sendable {
    // @unchecked Sendable: immutable C function pointers into a library that is never unloaded; libzstd's
    // functions are safe to call from any thread on distinct streams.
    typealias CreateDStream = @convention(c) () -> OpaquePointer?
    typealias FreeDStream = @convention(c) (OpaquePointer?) -> Int
    typealias InitDStream = @convention(c) (OpaquePointer?) -> Int
    /// `(ZSTD_DStream*, ZSTD_outBuffer*, ZSTD_inBuffer*)`; the buffers are `ZstdOutBuffer`/`ZstdInBuffer`, whose
    /// layout (pointer, then two word-sized integers) is the C one.
    typealias DecompressStream =
        @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias GetErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?

    /// The library file name looked up by `dlopen`.
    static let defaultName = "libzstd.so.1"

    let createDStream: CreateDStream
    let freeDStream: FreeDStream
    let initDStream: InitDStream
    let decompressStream: DecompressStream
    let isError: IsError
    let getErrorName: GetErrorName

    /// The system's `libzstd.so.1`, loaded once; the error when it is missing.
    static let shared: Result<ZstdLibrary, ImageError> = Result { () throws(ImageError) -> ZstdLibrary in
        try load(defaultName)
    }

    /// Loads `name` with `dlopen` and looks up the streaming API; throws `unsupported` naming the library
    /// when it or one of its functions is missing.
    static func load(_ name: String) throws(ImageError) -> ZstdLibrary {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "not found"
            throw ImageError(
                code: .unsupported,
                reason:
                    "zstd layers need \(name), which cannot be loaded (\(detail)); install it (Debian/Ubuntu: apt-get install libzstd1) or recompress the image with gzip",
                location: name)
        }
        func symbol<T>(_ symbolName: String, as type: T.Type) throws(ImageError) -> T {
            guard let pointer = dlsym(handle, symbolName) else {
                throw ImageError(
                    code: .unsupported,
                    reason: "\(name) has no function \(symbolName) (too old a zstd library?)",
                    location: name)
            }
            return unsafeBitCast(pointer, to: type)
        }
        return ZstdLibrary(
            createDStream: try symbol("ZSTD_createDStream", as: CreateDStream.self),
            freeDStream: try symbol("ZSTD_freeDStream", as: FreeDStream.self),
            initDStream: try symbol("ZSTD_initDStream", as: InitDStream.self),
            decompressStream: try symbol("ZSTD_decompressStream", as: DecompressStream.self),
            isError: try symbol("ZSTD_isError", as: IsError.self),
            getErrorName: try symbol("ZSTD_getErrorName", as: GetErrorName.self))
    }

    /// Runs one `ZSTD_decompressStream` step on `stream`, moving `output.pos` and `input.pos`.
    func decompress(_ stream: OpaquePointer, _ output: inout ZstdOutBuffer, _ input: inout ZstdInBuffer) -> Int {
        withUnsafeMutablePointer(to: &output) { out in
            withUnsafeMutablePointer(to: &input) { inp in
                decompressStream(stream, UnsafeMutableRawPointer(out), UnsafeMutableRawPointer(inp))
            }
        }
    }

    /// The message for a zstd return code that `isError` flags.
    func errorName(_ code: Int) -> String {
        getErrorName(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
