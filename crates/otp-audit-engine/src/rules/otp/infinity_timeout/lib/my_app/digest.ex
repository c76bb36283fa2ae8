defmodule MyApp.Digest do
  @moduledoc "Fingerprints static files; run by `mix my_app.digest`."

  def compile(paths) do
    paths
    |> Enum.map(&Task.async(fn -> fingerprint(&1) end))
    |> Task.await_many(:infinity)
  end

  # Public API that nothing in the project calls: a library user may call it from
  # anywhere, so it is reported.
  def compile_one(path) do
    Task.async(fn -> fingerprint(path) end) |> Task.await(:infinity) #~ otp/infinity-timeout
  end

  defp fingerprint(path), do: {path, :erlang.phash2(File.read!(path))}
end
