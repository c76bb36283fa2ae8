defmodule MediaKit.SignedLink do
  @moduledoc "Time-limited download links for finished uploads."

  def sign(upload_id, now_ms \\ System.system_time(:millisecond)) do
    %{upload_id: upload_id, signed_at: now_ms}
  end

  def verify(%{signed_at: signed_at} = link, max_age_ms) do
    if System.system_time(:millisecond) - signed_at <= max_age_ms do
      {:ok, link.upload_id}
    else
      {:error, :expired}
    end
  end
end
