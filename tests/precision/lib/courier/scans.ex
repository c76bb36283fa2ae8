defmodule Courier.Scans do
  @moduledoc "Accepts parcel scans from the depots that are open."

  def accept(%{depot: depot} = scan) do
    if depot in Application.get_env(:courier, :closed_depots, []) do
      {:error, :depot_closed}
    else
      {:ok, scan}
    end
  end
end
