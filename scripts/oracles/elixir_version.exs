# Oracle: Hex versions and requirements with Elixir's own `Version` module (apt-get install -y elixir).
# Usage: elixir elixir_version.exs compare|satisfies
#   compare:   reads `A<TAB>B`, writes `<`, `=`, `>` (`Version.compare/2`) or `!` when either is invalid.
#   satisfies: reads `VERSION<TAB>REQUIREMENT`, writes `true`/`false` (`Version.match?/2`) or `!`.
[mode] = System.argv()

answer = fn line ->
  [a, b] = String.split(line, "\t", parts: 2)

  case mode do
    "compare" ->
      with {:ok, x} <- Version.parse(a), {:ok, y} <- Version.parse(b) do
        case Version.compare(x, y) do
          :lt -> "<"
          :eq -> "="
          :gt -> ">"
        end
      else
        _ -> "!"
      end

    "satisfies" ->
      with {:ok, v} <- Version.parse(a), {:ok, r} <- Version.parse_requirement(b) do
        to_string(Version.match?(v, r))
      else
        _ -> "!"
      end
  end
end

:stdio
|> IO.stream(:line)
|> Stream.map(&String.trim_trailing(&1, "\n"))
|> Stream.reject(&(String.trim(&1) == ""))
|> Stream.map(&(answer.(&1) <> "\n"))
|> Stream.into(IO.stream(:stdio, :line))
|> Stream.run()
