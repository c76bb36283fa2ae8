defmodule MyApp.Maintenance do
  @moduledoc "Maintenance servers; the cleaner handles one message only."

  defmodule Cleaner do
    use GenServer

    def init(dir), do: {:ok, dir}

    def handle_info(:clean, dir) do #~ otp/handle-info-catch-all
      File.rm_rf!(dir)
      {:noreply, dir}
    end
  end
end
