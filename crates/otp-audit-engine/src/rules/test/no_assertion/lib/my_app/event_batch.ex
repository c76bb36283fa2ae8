defmodule MyApp.EventBatch do
  @moduledoc "Handles a batch of events; a bad event fails the whole batch."

  def handle(datas) do
    if Enum.all?(datas, &String.starts_with?(&1, "event:")),
      do: %{status: :ok, data: datas},
      else: %{status: {:failed, {:error, :bad_batch}}}
  end

  def parse(data) when is_binary(data), do: {:ok, data}
  def parse(other), do: {:error, {:unsupported, other}}
end
