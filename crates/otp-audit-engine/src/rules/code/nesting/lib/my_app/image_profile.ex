defmodule MyApp.ImageProfile do
  @moduledoc "Picks the compose profile for the machine the tests run on."

  @arm64_profile "arm64"
  @amd64_profile "amd64"

  def select(opts, arch) do
    case opts[:profile] do
      nil ->
        if File.exists?("docker-compose.yml") do
          cond do #~ code/nesting
            String.contains?(arch, "arm") or String.contains?(arch, "aarch64") ->
              @arm64_profile

            true ->
              @amd64_profile
          end
        else
          nil
        end

      profile ->
        profile
    end
  end

  def select_verbose(opts, arch) do
    case opts[:profile] do
      nil ->
        if File.exists?("docker-compose.yml") do
          cond do #~ code/nesting
            String.contains?(arch, "arm") ->
              IO.puts("using the arm64 profile")
              @arm64_profile

            String.contains?(arch, "x86") ->
              IO.puts("using the amd64 profile")
              @amd64_profile

            true ->
              raise ArgumentError, "unknown architecture #{arch}"
          end
        else
          nil
        end

      profile ->
        profile
    end
  end
end
