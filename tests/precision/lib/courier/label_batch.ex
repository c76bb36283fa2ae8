defmodule Courier.LabelBatch do
  @moduledoc "Prepares label batches for the depot printers."

  require Logger

  def prepare(parcels, depot) do
    labels =
      for parcel <- parcels do
        if parcel.express do
          [:express, String.upcase(parcel.service)]
        else
          {:standard, Map.get(parcel, :service, "ground")}
        end
      end

    {depot, labels}
  end

  def validate(parcels) do
    if Enum.any?(parcels, &is_nil(&1.zip)) do
      Logger.warning("parcels without a zip code")
      {:error, Enum.filter(parcels, &is_nil(&1.zip))}
    else
      :ok
    end
  end

  def spool(parcels, printer) do
    Enum.each(parcels, fn parcel -> Logger.info("spooling #{parcel.id} to #{printer}") end)
  after
    Logger.flush()
  end

  def stamp(parcel, depot) do
    if parcel.express do
      Map.put(parcel, :depot, String.upcase(depot)) #~ code/unused-operation
    end

    parcel
  end
end
