/// An Aho–Corasick automaton over bytes: finds every occurrence of every keyword in one pass, comparing
/// ASCII letters without regard to case.
///
/// Built as a full DFA over byte classes (every byte that occurs in no keyword shares one class), so a pass
/// is one table lookup per byte. A transition into a state that ends a keyword is stored negated, which
/// keeps the "anything to report?" test out of a second table.
struct KeywordAutomaton: Sendable {
    /// The keywords, ASCII-lowercased, in the order given.
    let keywords: [[UInt8]]
    /// Byte → class; ASCII upper and lower case share a class.
    private let classOf: [UInt8]
    private let classCount: Int
    /// `state * classCount + class` → next state, negated (`~state`) when that state reports keywords.
    private let transitions: [Int32]
    /// Keyword indices reported on entering each state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    /// Builds the automaton; empty keywords are ignored.
    init(keywords: [String]) {
        let folded = keywords.map { Array($0.utf8).map(Self.fold) }
        self.keywords = folded
        var classOf = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for keyword in folded {
            for byte in keyword where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper | 0x20)] }
        // The trie: children per state by class, and the keywords ending at each state.
        var children: [[Int: Int32]] = [[:]]
        var ends: [[Int32]] = [[]]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let cls = Int(classOf[Int(byte)])
                if let next = children[state][cls] {
                    state = Int(next)
                } else {
                    children.append([:])
                    ends.append([])
                    children[state][cls] = Int32(children.count - 1)
                    state = children.count - 1
                }
            }
            ends[state].append(Int32(index))
        }
        // Breadth-first: failure links, inherited outputs, and the full transition table.
        let stateCount = children.count
        var table = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int32](repeating: 0, count: stateCount)
        var queue: [Int] = []
        for cls in 1..<classCount {
            if let child = children[0][cls] {
                table[cls] = child
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[Int(failure[state])]
            for cls in 0..<classCount {
                let fallback = table[Int(failure[state]) * classCount + cls]
                if let child = children[state][cls] {
                    failure[Int(child)] = fallback
                    table[state * classCount + cls] = child
                    queue.append(Int(child))
                } else {
                    table[state * classCount + cls] = fallback
                }
            }
        }
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for state in 0..<stateCount {
            outputs += ends[state].sorted()
            outputStart.append(Int32(outputs.count))
        }
        for index in table.indices where !ends[Int(table[index])].isEmpty { table[index] = ~table[index] }
        self.classOf = classOf
        self.classCount = classCount
        self.transitions = table
        self.outputStart = outputStart
        self.outputs = outputs
    }

    /// Calls `found(keyword, start)` for every occurrence, in order of where it ends; `start` is the offset
    /// of the occurrence's first byte.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (_ keyword: Int, _ start: Int) -> Void) {
        guard !keywords.isEmpty, let base = bytes.baseAddress else { return }
        classOf.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                let stride = classCount
                var state: Int32 = 0
                for offset in 0..<bytes.count {
                    state = table[Int(state) &* stride &+ Int(classes[Int(base[offset])])]
                    if state < 0 {
                        state = ~state
                        for slot in Int(outputStart[Int(state)])..<Int(outputStart[Int(state) + 1]) {
                            let keyword = Int(outputs[slot])
                            found(keyword, offset + 1 - keywords[keyword].count)
                        }
                    }
                }
            }
        }
    }

    /// ASCII lowercase.
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
