# The Elixir toolchain as an oracle for otp-audit's fixes, in one process.
#
#   elixir tests/oracle/oracle.exs parse  < paths   # one line per path: "ok\tPATH" or "error\tPATH\tREASON"
#   elixir tests/oracle/oracle.exs format < paths   # "formatted\tPATH", "unformatted\tPATH" or "error\tPATH\tREASON"
#   elixir tests/oracle/oracle.exs reformat < paths # rewrites each file formatted: "ok\tPATH" or "error\tPATH\tREASON"
#   elixir tests/oracle/oracle.exs compile STUBS < lines
#   elixir tests/oracle/oracle.exs test DIR        # compiles DIR/lib, runs DIR/test; exit 0 when every test passes
#
# compile reads "GROUP\tPATH" lines; each group's files are compiled together (in
# memory, ExUnit loaded, STUBS compiled once before), then its modules are unloaded so
# the next group may define the same names. Per group it prints "ok\tGROUP" or
# "error\tGROUP\tREASON", after one "warning\tGROUP\tFILE:LINE: MESSAGE" line per
# warning.
#
# Paths come one per line on stdin. A file is "formatted" when Code.format_string!/1
# gives back its text (modulo the one trailing newline the formatter leaves out).

defmodule OtpAudit.Oracle do
  def main([mode]) when mode in ["parse", "format", "reformat"] do
    :stdio
    |> IO.stream(:line)
    |> Stream.map(&String.trim_trailing(&1, "\n"))
    |> Stream.reject(&(&1 == ""))
    |> Enum.each(fn path -> IO.puts(verdict(mode, path)) end)
  end

  def main(["compile", stubs]) do
    ExUnit.start(autorun: false)
    Mix.start()
    {:ok, _stub_modules, _warnings} = compile_quietly([stubs])

    :stdio
    |> IO.stream(:line)
    |> Stream.map(&String.trim_trailing(&1, "\n"))
    |> Stream.reject(&(&1 == ""))
    |> Enum.map(&(&1 |> String.split("\t", parts: 2) |> List.to_tuple()))
    |> Enum.chunk_by(&elem(&1, 0))
    |> Enum.each(fn [{group, _} | _] = lines -> compile_group(group, Enum.map(lines, &elem(&1, 1))) end)
  end

  def main(["test", dir]) do
    ExUnit.start(autorun: false, seed: 0)
    lib = Path.wildcard(Path.join(dir, "lib/**/*.ex"))
    {:ok, _modules, _warnings} = Kernel.ParallelCompiler.compile(lib)
    dir |> Path.join("test/**/*_test.exs") |> Path.wildcard() |> Enum.each(&Code.require_file/1)
    %{failures: failures, total: total} = ExUnit.run()
    IO.puts("tests\t#{total}\tfailures\t#{failures}")
    System.halt(if failures == 0 and total > 0, do: 0, else: 1)
  end

  def main(_args) do
    IO.puts(:stderr, "usage: elixir oracle.exs parse|format|reformat < paths | compile STUBS < lines | test DIR")
    System.halt(2)
  end

  defp verdict(mode, path) do
    case File.read(path) do
      {:ok, text} -> judge(mode, path, text)
      {:error, reason} -> "error\t#{path}\tcannot read: #{:file.format_error(reason)}"
    end
  end

  defp judge("parse", path, text) do
    case Code.string_to_quoted(text, file: path, columns: true) do
      {:ok, _ast} -> "ok\t#{path}"
      {:error, error} -> "error\t#{path}\t#{describe(error)}"
    end
  end

  defp judge("format", path, text) do
    formatted = text |> Code.format_string!() |> IO.iodata_to_binary()
    if formatted == String.trim_trailing(text, "\n") or formatted <> "\n" == text,
      do: "formatted\t#{path}",
      else: "unformatted\t#{path}"
  rescue
    error -> "error\t#{path}\t#{one_line(Exception.message(error))}"
  end

  defp compile_group(group, files) do
    case compile_quietly(files) do
      {:ok, modules, warnings} ->
        print_warnings(group, warnings)
        IO.puts("ok\t#{group}")
        unload(modules)

      {:error, errors, warnings} ->
        print_warnings(group, warnings)
        reason = Enum.map_join(errors, "; ", &diagnostic/1)
        IO.puts("error\t#{group}\t#{reason}")
    end
  end

  # The compiler prints its diagnostics too; they are returned here, so keep stderr quiet.
  defp compile_quietly(files) do
    ExUnit.CaptureIO.with_io(:stderr, fn -> Kernel.ParallelCompiler.compile(files) end)
    |> elem(0)
  rescue
    error -> {:error, [{"", 0, Exception.message(error)}], []}
  end

  defp print_warnings(group, warnings) do
    Enum.each(warnings, &IO.puts("warning\t#{group}\t#{diagnostic(&1)}"))
  end

  defp diagnostic({file, line, message}), do: one_line("#{Path.basename(file)}:#{inspect(line)}: #{message}")

  defp unload(modules) do
    Enum.each(modules, fn module ->
      :code.purge(module)
      :code.delete(module)
    end)
  end

  defp judge("reformat", path, text) do
    File.write!(path, [Code.format_string!(text), "\n"])
    "ok\t#{path}"
  rescue
    error -> "error\t#{path}\t#{one_line(Exception.message(error))}"
  end

  defp describe({location, message, token}) do
    line = if is_list(location), do: Keyword.get(location, :line), else: location
    one_line("line #{line}: #{flatten(message)}#{flatten(token)}")
  end

  defp flatten({prefix, suffix}), do: flatten(prefix) <> flatten(suffix)
  defp flatten(text) when is_binary(text), do: text
  defp flatten(other), do: inspect(other)

  defp one_line(text), do: text |> String.replace(~r/\s+/, " ") |> String.trim()
end

OtpAudit.Oracle.main(System.argv())
