defmodule MyApp.LabelPrinter do
  @moduledoc "Lays out shipping labels; the spool writes them out."

  @spec layout(map) :: iodata
  def layout(%{address: address, weight_grams: grams}) when grams > 0 do
    case File.read(template_path()) do
      {:ok, template} -> String.replace(template, "{{address}}", address)
      # A missing template is the operating system's fault; not asked for.
      {:error, reason} -> raise File.Error, reason: reason, action: "read", path: template_path()
    end
  end

  # Bad input from the caller: a test can pass it, so its test module should.
  def layout(label), do: raise(ArgumentError, "a label needs an address and a positive weight, got: #{inspect(label)}")

  defp template_path, do: Application.app_dir(:my_app, "priv/label.txt")
end
