/// Splits a shell script (a `RUN` command) into its simple commands, each a list of words with quotes
/// removed: `apt-get update && apt-get install -y curl` → `[["apt-get", "update"], ["apt-get",
/// "install", "-y", "curl"]]`.
///
/// Commands are separated by `;`, `&&`, `||`, `|`, `&`, newlines and grouping; commands inside `$(…)`
/// and backticks are listed too, after the command that contains them. Leading variable assignments,
/// redirections and the keywords of `if`/`while`/`for` are not words of a command. This is the shell's
/// grammar reduced to what checks need; it never fails — unbalanced quotes end at the end of the text.
public enum ShellCommands {
    /// The simple commands of `script`, in order.
    public static func parse(_ script: String) -> [[String]] {
        commands(script).map(\.words)
    }

    /// The simple commands of `script`, in order, each with the command piped into it.
    public static func commands(_ script: String) -> [ShellCommand] {
        var scanner = Scanner(characters: Array(script))
        var commands: [ShellCommand] = []
        scanner.scan(until: nil, into: &commands)
        return commands
    }

    static let keywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac",
    ]

    struct Scanner {
        let characters: [Character]
        var position = 0

        /// Scans commands until `terminator` (`)` or `` ` ``) or the end.
        mutating func scan(until terminator: Character?, into commands: inout [ShellCommand]) {
            var words: [String] = []
            var nested: [ShellCommand] = []
            var skipNextWord = false
            var pipeSource: [String]?
            func finish(pipe: Bool = false) {
                var command = words
                while let first = command.first, ShellCommands.keywords.contains(first) || Self.isAssignment(first) {
                    command.removeFirst()
                }
                if command.first == "for" || command.first == "case" || command.first == "select" {
                    command = []
                }
                if !command.isEmpty { commands.append(ShellCommand(words: command, pipedFrom: pipeSource)) }
                commands += nested
                words = []
                nested = []
                skipNextWord = false
                pipeSource = pipe && !command.isEmpty ? command : nil
            }
            while position < characters.count {
                let character = characters[position]
                if let terminator, character == terminator {
                    position += 1
                    finish()
                    return
                }
                switch character {
                case " ", "\t", "\r":
                    position += 1
                case "\\" where position + 1 < characters.count && characters[position + 1] == "\n":
                    position += 2
                case "|":
                    let isOr = position + 1 < characters.count && characters[position + 1] == "|"
                    position += isOr ? 2 : 1
                    finish(pipe: !isOr)
                case "\n", ";", "&", "(", ")":
                    position += 1
                    finish()
                case _ where character.isNewline:  // "\r\n" is one Character; also vertical tab, form feed
                    position += 1
                    finish()
                case _ where character.isWhitespace:  // any other blank: readWord would stop on it at once
                    position += 1
                case "#" where words.isEmpty || (position > 0 && characters[position - 1].isWhitespace):
                    while position < characters.count, characters[position] != "\n" { position += 1 }
                case ">", "<":
                    readRedirection()
                    skipNextWord = true
                default:
                    if character.isNumber, position + 1 < characters.count,
                        characters[position + 1] == ">" || characters[position + 1] == "<", wordStartsHere()
                    {
                        position += 1
                        readRedirection()
                        skipNextWord = true
                        continue
                    }
                    let word = readWord(nested: &nested)
                    if skipNextWord {
                        skipNextWord = false
                    } else {
                        words.append(word)
                    }
                }
            }
            finish()
        }

        func wordStartsHere() -> Bool {
            position == 0 || characters[position - 1].isWhitespace
        }

        /// Skips `>`, `>>`, `<`, `>&`, `&>`, `<<<` and a target glued to them (`>/dev/null`, `2>&1`).
        mutating func readRedirection() {
            while position < characters.count, "<>&".contains(characters[position]) { position += 1 }
            if position < characters.count, characters[position].isNumber || characters[position] == "-" {
                while position < characters.count, characters[position].isNumber || characters[position] == "-" {
                    position += 1
                }
            }
        }

        /// One word, quotes removed; substitutions inside are scanned into `nested` and kept as written.
        mutating func readWord(nested: inout [ShellCommand]) -> String {
            var word = ""
            while position < characters.count {
                let character = characters[position]
                if character.isWhitespace || ";&|()<>".contains(character) { break }
                switch character {
                case "'":
                    position += 1
                    while position < characters.count, characters[position] != "'" {
                        word.append(characters[position])
                        position += 1
                    }
                    skipClosing()
                case "\"":
                    position += 1
                    while position < characters.count, characters[position] != "\"" {
                        if characters[position] == "\\", position + 1 < characters.count {
                            position += 1
                        } else if characters[position] == "$", position + 1 < characters.count,
                            characters[position + 1] == "("
                        {
                            word += readSubstitution(nested: &nested)
                            continue
                        }
                        word.append(characters[position])
                        position += 1
                    }
                    skipClosing()
                case "\\":
                    position += 1
                    if position < characters.count {
                        if characters[position] != "\n" { word.append(characters[position]) }
                        position += 1
                    }
                case "`":
                    position += 1
                    let start = position
                    var inner: [ShellCommand] = []
                    scan(until: "`", into: &inner)
                    nested += inner
                    word += "`" + String(characters[start..<min(max(start, position - 1), characters.count)]) + "`"
                case "$" where position + 1 < characters.count && characters[position + 1] == "(":
                    word += readSubstitution(nested: &nested)
                default:
                    word.append(character)
                    position += 1
                }
            }
            return word
        }

        /// Steps over a closing quote; an unterminated quote ends at the end of the text, not past it.
        mutating func skipClosing() {
            if position < characters.count { position += 1 }
        }

        /// `$( … )` (or `$(( … ))`), scanned for commands; returns its text.
        mutating func readSubstitution(nested: inout [ShellCommand]) -> String {
            let start = position
            position += 2
            if position < characters.count, characters[position] == "(" {
                var depth = 2
                while position < characters.count, depth > 0 {
                    if characters[position] == "(" { depth += 1 }
                    if characters[position] == ")" { depth -= 1 }
                    position += 1
                }
                return String(characters[start..<position])
            }
            var inner: [ShellCommand] = []
            scan(until: ")", into: &inner)
            nested += inner
            return String(characters[start..<min(position, characters.count)])
        }

        static func isAssignment(_ word: String) -> Bool {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
            return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                && word.first?.isNumber == false
        }
    }
}

/// One simple command of a shell script.
public struct ShellCommand: Sendable, Hashable {
    /// The words, quotes removed.
    public var words: [String]
    /// The command whose output this one reads (`curl … | sh`: `curl …` for `sh`), when it reads a pipe.
    public var pipedFrom: [String]?
}
