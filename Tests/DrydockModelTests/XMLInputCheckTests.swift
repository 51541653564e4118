import DrydockModel
import Testing

@Suite("XML input check (UTF-8 before Foundation's XMLParser)")
struct XMLInputCheckTests {
    @Test("well-formed UTF-8 passes, in one piece or cut anywhere")
    func wellFormed() {
        let text = Array("<a b=\"é ✓ 𝄞\"/>".utf8)
        #expect(XMLInputCheck.problem(text) == nil)
        for cut in 0...text.count {
            var validator = UTF8Validator()
            let accepted = validator.feed(text[..<cut]) && validator.feed(text[cut...])
            #expect(accepted)
            #expect(validator.isComplete, "cut at \(cut)")
        }
    }

    @Test(
        "broken UTF-8 is found at its byte",
        arguments: [
            ([0x3C, 0x61, 0x20, 0xE4, 0x65, 0x3D], 3),  // a lead byte without its continuation
            ([0x3C, 0xC0, 0xAF], 1),  // an overlong '/'
            ([0x3C, 0xED, 0xA0, 0x80], 1),  // a UTF-16 surrogate
            ([0x3C, 0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
            ([0x3C, 0x80], 1),  // a continuation byte alone
            ([0x3C, 0xFF], 1),
        ] as [([UInt8], Int)])
    func broken(bytes: [UInt8], offset: Int) {
        #expect(XMLInputCheck.problem(bytes) == "not valid UTF-8 (at byte \(offset)) and no other encoding declared")
    }

    @Test("a sequence left open at the end is not complete")
    func cutOff() {
        var validator = UTF8Validator()
        let accepted = validator.feed([0x3C, 0xE2, 0x9C])
        #expect(accepted)
        #expect(!validator.isComplete)
        #expect(XMLInputCheck.problem([0x3C, 0xE2, 0x9C]) != nil)
    }

    @Test("documents in other encodings are left to libxml2")
    func otherEncodings() {
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"".utf8) + [0xE4] + Array("\"/>".utf8)
        #expect(XMLInputCheck.problem(latin1) == nil)
        let single = Array("<?xml version='1.0' encoding = 'windows-1252' ?><a>".utf8) + [0x80] + Array("</a>".utf8)
        #expect(XMLInputCheck.problem(single) == nil)
        #expect(XMLInputCheck.problem([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00]) == nil)
        // A declared UTF-8 (with a byte-order mark) is checked.
        let declaredUTF8 = [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>".utf8) + [0xE4]
        #expect(XMLInputCheck.problem(declaredUTF8) != nil)
    }
}
