defmodule MediaKit.Upload do
  @moduledoc "An uploaded file and how it renders in logs and JSON."
  defstruct [:id, :path, :owner_id]

  defimpl String.Chars do
    def to_string(%{id: id}), do: "upload:#{id}"
  end

  defimpl Jason.Encoder, for: MediaKit.Upload do
    def encode(upload, opts) do
      upload
      |> Map.take([:id, :owner_id])
      |> Jason.Encode.map(opts)
    end
  end
end
