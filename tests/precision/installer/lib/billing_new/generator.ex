defmodule BillingNew.Generator do
  @moduledoc """
  Copies the project templates into a new directory. The installer is its own Mix
  project (`installer/mix.exs`), so this file is production code of the installer.
  """

  @templates Path.expand("../../templates/app", __DIR__)

  def run(target, assigns) do
    File.mkdir_p!(target)

    @templates
    |> File.ls!()
    |> Enum.map(&copy(&1, target, assigns))
  end

  defp copy(name, target, assigns) do
    source = Path.join(@templates, name)
    rendered = EEx.eval_file(source, assigns: assigns)
    File.write!(Path.join(target, name), rendered)
    name
  end

  @doc "Reports progress to the process that asked for the project."
  def notify(listener, name), do: send(listener, {:generated, name}) #~ otp/no-raw-send
end
