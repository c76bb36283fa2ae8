defmodule MyApp.Gauge.Alerts do
  @moduledoc "Pages the on-call engineer."

  def page(error), do: MyApp.Pager.notify(:gauge, Exception.message(error))
end
