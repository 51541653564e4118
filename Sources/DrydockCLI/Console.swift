import Glibc

/// Writing to the terminal: standard output for results, standard error for messages.
enum Console {
    /// Writes raw bytes to a file descriptor, retrying short writes.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Writes raw bytes to standard output.
    static func output(_ bytes: [UInt8]) {
        write(bytes, to: 1)
    }

    /// Writes text to standard output.
    static func output(_ text: String) {
        write(Array(text.utf8), to: 1)
    }

    /// Writes one line to standard error.
    static func error(_ line: String) {
        write(Array((line + "\n").utf8), to: 2)
    }

    /// Whether standard output is a terminal that colour can be used on (`NO_COLOR` unset).
    static var colourOutput: Bool {
        isatty(1) == 1 && getenv("NO_COLOR") == nil
    }
}
