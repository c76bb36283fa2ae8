defmodule MyApp.ReleaseConfig do
  @moduledoc """
  Reads the operator's JSON settings when the release boots, before the
  application starts.
  """
  @behaviour Config.Provider

  @impl true
  def init(path) when is_binary(path), do: path

  @impl true
  def load(config, path) do
    {:ok, _} = Application.ensure_all_started(:jason)
    json = path |> File.read!() |> Jason.decode!()

    Config.Reader.merge(config,
      my_app: [
        cluster_hosts: Enum.map(json["cluster_hosts"], &String.to_atom/1),
        default_locale: String.to_atom(json["default_locale"])
      ]
    )
  end
end

defmodule MyApp.LocaleSwitch do
  @moduledoc "Switches a session's locale from the request."

  # Request data at runtime: stays reported.
  def put_locale(conn, params) do
    Map.put(conn, :locale, String.to_atom(params["locale"])) #~ sec/unsafe-atom
  end
end
