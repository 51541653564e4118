import DrydockMisconfig
import Testing

@Suite struct YAMLTreeTests {
    @Test func documentsAndLines() throws {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              script: |
                line one
                line two
            ---
            # comment
            apiVersion: v1
            kind: Service
            metadata: {name: b}

            """
        let documents = try YAMLTree.parse(text)
        #expect(documents.count == 2)
        let first = try #require(documents[0].root)
        #expect(first.range == LineRange(1, 8))
        #expect(first["data", "script"]?.range == LineRange(6, 8))
        #expect(first["metadata", "name"]?.string == "a")
        let second = try #require(documents[1].root)
        #expect(second.range.start == 11)
        #expect(second["metadata", "name"]?.range == LineRange(line: 13))
    }

    @Test func scalarsResolveAsYAML12() throws {
        let root = try #require(
            try YAMLTree.parse("a: yes\nb: true\nc: 10\nd: '10'\ne: 1.5\nf: ~\ng: 0x1F\n").first?.root)
        #expect(root["a"]?.string == "yes")
        #expect(root["b"]?.bool == true)
        #expect(root["c"]?.int == 10)
        #expect(root["d"]?.string == "10")
        #expect(root["e"]?.number == 1.5)
        #expect(root["f"]?.isNull == true)
        #expect(root["g"]?.int == 31)
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let text = "base: &base {runAsNonRoot: true, runAsUser: 1000}\nctx:\n  <<: *base\n  runAsUser: 2000\n"
        let root = try #require(try YAMLTree.parse(text).first?.root)
        #expect(root["ctx", "runAsNonRoot"]?.bool == true)
        #expect(root["ctx", "runAsUser"]?.int == 2000)
    }

    @Test func billionLaughsFailsCleanly() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        #expect(throws: ConfigParseError.self) { try YAMLTree.parse(text) }
        #expect(throws: ConfigParseError("an alias is used as a mapping key; not supported", line: 2)) {
            try YAMLTree.parse("a: &a [x]\n*a : y\n")
        }
    }

    @Test func syntaxErrorsNameTheLine() {
        do {
            _ = try YAMLTree.parse("a: 1\nb: [unclosed\nc: 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line != nil)
        }
    }
}
