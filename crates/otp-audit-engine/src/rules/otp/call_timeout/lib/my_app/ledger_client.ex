defmodule MyApp.LedgerClient do
  @moduledoc "Ledger client; `call/3` can wrap a request in a telemetry span."
  import GenServer, only: [call: 2]

  def balance(server, account) do
    call(server, {:balance, account}) #~ otp/call-timeout
  end

  def call(server, request, opts) do
    if Keyword.get(opts, :trace, false) do
      :telemetry.span([:ledger, :call], %{request: request}, fn ->
        {call(server, request), %{}} #~ otp/call-timeout
      end)
    else
      call(server, request) #~ otp/call-timeout
    end
  end
end

defmodule MyApp.LedgerRelay do
  @moduledoc "Forwards requests through `MyApp.Srv`, which this module calls `GenServer`."
  require MyApp.Srv, as: GenServer

  def forward(server, request), do: GenServer.call(server, request)
end

defmodule MyApp.LedgerMirror do
  @moduledoc "Mirrors writes through `MyApp.Srv` as well."
  alias MyApp.Srv, as: GenServer

  def mirror(server, request), do: GenServer.call(server, request)
end
