defmodule MyApp.LedgerConnection do
  @moduledoc "A DBConnection driver: the pool's process runs the loop, this module its callbacks."
  use DBConnection

  @impl true
  def connect(opts) do
    # Trapping makes the connection process call `disconnect/2` when its owner goes.
    Process.flag(:trap_exit, true)
    {:ok, sock} = :gen_tcp.connect(String.to_charlist(opts[:host]), opts[:port], [:binary])
    {:ok, %{sock: sock}}
  end

  @impl true
  def disconnect(_err, %{sock: sock}) do
    :gen_tcp.close(sock)
  end
end

defmodule MyApp.LedgerProbe do
  @moduledoc "A plain process body with a disconnect function but no behaviour that calls it."

  def run(opts) do
    Process.flag(:trap_exit, true) #~ otp/trap-exit-unhandled
    {:ok, sock} = :gen_tcp.connect(String.to_charlist(opts[:host]), opts[:port], [:binary])
    loop(%{sock: sock})
  end

  def disconnect(_err, %{sock: sock}), do: :gen_tcp.close(sock)

  defp loop(state) do
    receive do
      {:tcp, _sock, data} ->
        IO.inspect(data)
        loop(state)
    end
  end
end
