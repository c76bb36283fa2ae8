defmodule Billing.RetryScope do
  @moduledoc "Runs a block once per scope and replays its outcome on repeated calls."

  def run_once(fun) do
    key = {__MODULE__, make_ref()}
    Process.put(key, :pending)

    try do
      fetch_or_run(fun, key)
    after
      Process.delete(key)
    end
  end

  # The helpers receive the scope's key: their writes belong to run_once's binding.
  defp fetch_or_run(fun, key) do
    case Process.get(key) do
      :pending -> remember(key, fun.())
      {:done, result} -> result
    end
  end

  defp remember(key, result) do
    Process.put(key, {:done, result})
    result
  end

  # A key computed here is not the scope's key, even under the same name.
  def mark_seen(id) do
    key = {:seen, id}
    Process.put(key, true) #~ otp/no-process-dictionary
  end
end

defmodule Billing.Geocoder do
  @moduledoc "Looks up coordinates; tests swap the HTTP client through the dictionary."

  def locate(address) do
    client = Process.get({__MODULE__, :http_client}, &Billing.HTTP.get/1)
    client.("https://geo.example.com/?q=" <> URI.encode_www_form(address))
  end

  def remember_last(address) do
    Process.put({__MODULE__, :last}, address) #~ otp/no-process-dictionary
  end

  def last_address, do: Process.get({__MODULE__, :last}, nil)
end
