/// The RSA public operation, `s^e mod n`, on public values only: what a verifier needs to read the encoded
/// message inside a signature. swift-crypto checks PSS signatures only with a salt as long as the hash, while
/// Go's `rsa.SignPSS` (sigstore-go, cosign with an RSA-PSS key) and OpenSSL's default use the longest salt that
/// fits; reading the encoded message lets ``RSASignatureEncoding`` accept any salt length, as Go's verifier does.
///
/// Montgomery multiplication over 32-bit limbs (little-endian). Nothing here is secret, so nothing needs to be
/// constant-time.
struct RSAPublicOperation {
    /// The modulus's length in bytes (`k` in RFC 8017) and in bits.
    let modulusBytes: Int
    let modulusBits: Int
    private let modulus: [UInt32]
    private let exponent: [UInt8]
    /// `-modulus⁻¹ mod 2³²`.
    private let inverse: UInt32
    /// `R² mod modulus`, `R = 2^(32·limbs)`: multiplying by it (Montgomery) enters the Montgomery domain.
    private let rSquared: [UInt32]

    /// The operation for a key's big-endian modulus and public exponent; `nil` for an even, tiny (under 1024
    /// bits) or huge (over 16384 bits) modulus or an exponent of more than 64 bits.
    init?(modulus bigEndian: [UInt8], exponent: [UInt8]) {
        let trimmed = Array(bigEndian.drop { $0 == 0 })
        let exponentTrimmed = Array(exponent.drop { $0 == 0 })
        guard let last = trimmed.last, last & 1 == 1, (128...2048).contains(trimmed.count),
            !exponentTrimmed.isEmpty, exponentTrimmed.count <= 8
        else { return nil }
        modulusBytes = trimmed.count
        modulusBits = trimmed.count * 8 - trimmed[0].leadingZeroBitCount
        modulus = Self.limbs(trimmed, count: (trimmed.count + 3) / 4)
        self.exponent = exponentTrimmed
        var inverse: UInt32 = 1
        for _ in 0..<5 { inverse = inverse &* (2 &- modulus[0] &* inverse) }
        self.inverse = 0 &- inverse
        rSquared = Self.powerOfTwoModulo(modulus, bits: 64 * modulus.count)
    }

    /// `signature^e mod n` as `k` big-endian bytes; `nil` when the signature is not `k` bytes or not below `n`.
    func apply(_ signature: [UInt8]) -> [UInt8]? {
        guard signature.count == modulusBytes else { return nil }
        let value = Self.limbs(signature, count: modulus.count)
        guard Self.compare(value, modulus) < 0 else { return nil }
        let base = multiply(value, rSquared)
        var accumulator: [UInt32]?
        for byte in exponent {
            for bit in (0..<8).reversed() {
                if var current = accumulator {
                    current = multiply(current, current)
                    accumulator = (byte >> bit) & 1 == 1 ? multiply(current, base) : current
                } else if (byte >> bit) & 1 == 1 {
                    accumulator = base
                }
            }
        }
        var one = [UInt32](repeating: 0, count: modulus.count)
        one[0] = 1
        let result = multiply(accumulator ?? one, one)
        var bytes = [UInt8](repeating: 0, count: modulusBytes)
        for index in 0..<modulusBytes {
            let limb = result[index / 4]
            bytes[modulusBytes - 1 - index] = UInt8(truncatingIfNeeded: limb >> (8 * UInt32(index % 4)))
        }
        return bytes
    }

    /// Montgomery product `a·b·R⁻¹ mod n` (CIOS), both inputs below `n`.
    private func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let count = modulus.count
        let mask: UInt64 = 0xFFFF_FFFF
        var t = [UInt64](repeating: 0, count: count + 2)
        for i in 0..<count {
            var carry: UInt64 = 0
            let ai = UInt64(a[i])
            for j in 0..<count {
                let sum = t[j] + ai * UInt64(b[j]) + carry
                t[j] = sum & mask
                carry = sum >> 32
            }
            var sum = t[count] + carry
            t[count] = sum & mask
            t[count + 1] = sum >> 32
            let m = (t[0] * UInt64(inverse)) & mask
            sum = t[0] + m * UInt64(modulus[0])
            carry = sum >> 32
            for j in 1..<count {
                sum = t[j] + m * UInt64(modulus[j]) + carry
                t[j - 1] = sum & mask
                carry = sum >> 32
            }
            sum = t[count] + carry
            t[count - 1] = sum & mask
            t[count] = t[count + 1] + (sum >> 32)
            t[count + 1] = 0
        }
        var result = t[0..<count].map { UInt32(truncatingIfNeeded: $0) }
        if t[count] != 0 || Self.compare(result, modulus) >= 0 { Self.subtract(&result, modulus) }
        return result
    }

    /// `2^bits mod n`, by doubling.
    private static func powerOfTwoModulo(_ modulus: [UInt32], bits: Int) -> [UInt32] {
        var value = [UInt32](repeating: 0, count: modulus.count)
        value[0] = 1
        for _ in 0..<bits {
            var carry: UInt32 = 0
            for index in value.indices {
                let next = value[index] >> 31
                value[index] = value[index] << 1 | carry
                carry = next
            }
            if carry != 0 || compare(value, modulus) >= 0 { subtract(&value, modulus) }
        }
        return value
    }

    /// Big-endian bytes as `count` little-endian 32-bit limbs.
    private static func limbs(_ bytes: [UInt8], count: Int) -> [UInt32] {
        var limbs = [UInt32](repeating: 0, count: count)
        for (index, byte) in bytes.reversed().enumerated() where index / 4 < count {
            limbs[index / 4] |= UInt32(byte) << (8 * UInt32(index % 4))
        }
        return limbs
    }

    private static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        for index in a.indices.reversed() where a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
        return 0
    }

    /// `a -= b` modulo `2^(32·limbs)` (the caller knows the true result is below `n`).
    private static func subtract(_ a: inout [UInt32], _ b: [UInt32]) {
        var borrow: UInt32 = 0
        for index in a.indices {
            let (partial, overflow1) = a[index].subtractingReportingOverflow(b[index])
            let (result, overflow2) = partial.subtractingReportingOverflow(borrow)
            a[index] = result
            borrow = overflow1 || overflow2 ? 1 : 0
        }
    }
}
