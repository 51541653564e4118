/// Tests on file contents shared by the scanner and the walker hook.
public enum FileContent {
    /// Whether the file is binary, as Trivy (after `file(1)`) decides: a control character other than tab,
    /// newline, form feed, carriage return or escape in its first 300 bytes.
    public static func isBinary(_ content: some Collection<UInt8>) -> Bool {
        for byte in content.prefix(300) where isBinaryByte(byte) { return true }
        return false
    }

    static func isBinaryByte(_ byte: UInt8) -> Bool {
        byte < 7 || byte == 11 || (13 < byte && byte < 27) || (27 < byte && byte < 0x20) || byte == 0x7F
    }

    /// The runs of at least five printable bytes of a binary file, each followed by a newline (Trivy's view of
    /// Python bytecode). Printable: ASCII 0x20–0x7E and the printable Latin-1 bytes (0xA1–0xFF but 0xAD).
    static func printableStrings(_ content: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var runStart = 0
        var runLength = 0
        for (index, byte) in content.enumerated() {
            if (0x20...0x7E).contains(byte) || (0xA1...0xFF).contains(byte) && byte != 0xAD {
                if runLength == 0 { runStart = index }
                runLength += 1
                continue
            }
            if runLength > 4 {
                result += content[runStart..<(runStart + runLength)]
                result.append(UInt8(ascii: "\n"))
            }
            runLength = 0
        }
        if runLength > 4 {
            result += content[runStart..<(runStart + runLength)]
            result.append(UInt8(ascii: "\n"))
        }
        return result
    }
}
