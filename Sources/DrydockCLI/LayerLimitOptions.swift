import ArgumentParser
import DrydockImage

/// Flags bounding how far a layer may decompress (`drydock image`): decompression-bomb protection.
struct LayerLimitOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Largest decompressed size of one layer: bytes, or with K, M, G, T (binary; default 64G).",
        transform: LayerLimitOptions.parseSize)
    var maxLayerSize: Int64 = ImageArchive.Options().maxLayerSize

    @Option(
        name: .long,
        help: "Largest decompressed/compressed size ratio of a layer, checked after its first 1 GiB (default 1000).")
    var maxCompressionRatio: Int64 = ImageArchive.Options().maxCompressionRatio

    mutating func validate() throws {
        if maxLayerSize <= 0 {
            throw ValidationError("--max-layer-size must be more than 0")
        }
        if maxCompressionRatio <= 0 {
            throw ValidationError("--max-compression-ratio must be more than 0")
        }
    }

    /// Archive options carrying these limits and `platform`.
    func archiveOptions(platform: String?) -> ImageArchive.Options {
        ImageArchive.Options(
            maxLayerSize: maxLayerSize, maxCompressionRatio: maxCompressionRatio, platform: platform)
    }

    /// `123`, `64K`, `512M`, `64G`, `1T` (also `64GiB`, `64GB`; powers of 1024) → bytes.
    static func parseSize(_ text: String) throws -> Int64 {
        var digits = text.uppercased()
        for unit in ["IB", "B"] where digits.hasSuffix(unit) && digits.count > unit.count {
            digits.removeLast(unit.count)
            break
        }
        var shift: Int64 = 0
        if let last = digits.last, let index = ["K", "M", "G", "T"].firstIndex(of: String(last)) {
            shift = Int64(10 * (index + 1))
            digits.removeLast()
        }
        guard let value = Int64(digits), value >= 0, value <= Int64.max >> shift else {
            throw ValidationError("'\(text)' is not a size (bytes, or a number followed by K, M, G or T)")
        }
        return value << shift
    }
}
