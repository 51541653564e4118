/// Checks that bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), fed in
/// pieces of any size: a sequence may be cut between two pieces.
public struct UTF8Validator: Sendable {
    /// Continuation bytes the current sequence still needs.
    private var needed = 0
    /// The range the next continuation byte must be in (narrower after some lead bytes).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// Bytes accepted so far; once ``failed``, where the sequence holding the first bad byte starts.
    public private(set) var offset = 0
    /// Where the sequence being read started.
    private var sequenceStart = 0
    /// Whether a byte was not well-formed UTF-8.
    public private(set) var failed = false

    public init() {}

    /// Feeds the next piece; `false` once the bytes so far are not UTF-8.
    @discardableResult
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Bool {
        guard !failed else { return false }
        for byte in bytes {
            if needed == 0 {
                sequenceStart = offset
                switch byte {
                case 0x00...0x7F: break
                case 0xC2...0xDF: expect(1, 0x80, 0xBF)
                case 0xE0: expect(2, 0xA0, 0xBF)
                case 0xED: expect(2, 0x80, 0x9F)
                case 0xE1...0xEF: expect(2, 0x80, 0xBF)
                case 0xF0: expect(3, 0x90, 0xBF)
                case 0xF4: expect(3, 0x80, 0x8F)
                case 0xF1...0xF3: expect(3, 0x80, 0xBF)
                default:
                    failed = true
                    return false
                }
            } else {
                guard byte >= lower, byte <= upper else {
                    failed = true
                    offset = sequenceStart
                    return false
                }
                expect(needed - 1, 0x80, 0xBF)
            }
            offset += 1
        }
        return true
    }

    /// Whether everything fed is UTF-8 and no sequence is left open (call after the last piece).
    public var isComplete: Bool { !failed && needed == 0 }

    private mutating func expect(_ count: Int, _ low: UInt8, _ high: UInt8) {
        needed = count
        lower = low
        upper = high
    }
}
