defmodule MyApp.ReplicaSpec do
  @moduledoc "A replica's settings, stored as JSON and read back."
  defstruct mode: :default, region: "eu"

  def to_json(%__MODULE__{mode: mode, region: region}), do: %{"mode" => Atom.to_string(mode), "region" => region}

  # Reads back what to_json/1 wrote.
  def from_json(%{"mode" => mode, "region" => region}) do
    %__MODULE__{mode: String.to_atom(mode), region: region} #~ sec/unsafe-atom
  end
end

defmodule MyApp.ReplicaWebhook do
  @moduledoc "Takes replica changes from a webhook: no encoder of its own, so the data is a request's."

  def decode(%{"mode" => mode}) do
    String.to_atom(mode) #~ sec/unsafe-atom
  end
end
