defmodule MyApp.QueueClient do
  @moduledoc """
  Holds the connection to the message broker, opened after start-up. Its clients
  give up on a stuck connect after the call's timeout and hand back an error
  instead, so a caller can retry later.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # The exit of a timed-out call becomes an error the caller can act on.
  def connection do
    GenServer.call(__MODULE__, :connection) #~ otp/call-timeout
  catch
    :exit, {:timeout, _} -> {:error, :timeout}
  end

  def channel(name) do
    try do
      GenServer.call(__MODULE__, {:channel, name}) #~ otp/call-timeout
    catch
      :exit, _reason -> {:error, :not_ready}
    end
  end

  # Near miss: only a dead server is caught; a timeout still exits the caller.
  def status do
    GenServer.call(__MODULE__, :status) #~ otp/call-timeout
  catch
    :exit, {:noproc, _} -> :down
  end

  # Near miss: the clause exits again, so the caller still goes down after 5 s.
  def stats do
    GenServer.call(__MODULE__, :stats) #~ otp/call-timeout
  catch
    :exit, reason -> exit({:stats_unavailable, reason})
  end

  # Near miss: the call runs in a function the `try` only builds.
  def reader do
    try do
      fn -> GenServer.call(__MODULE__, :connection) end #~ otp/call-timeout
    catch
      :exit, _ -> nil
    end
  end

  # Near miss: the call is in the fallback itself, which nothing catches.
  def retry do
    GenServer.call(__MODULE__, :connection, 1_000)
  catch
    :exit, _ -> GenServer.call(__MODULE__, :reconnect) #~ otp/call-timeout
  end

  @impl true
  def init(opts) do
    {:ok, %{opts: opts, conn: nil}, {:continue, :connect}}
  end

  @impl true
  def handle_continue(:connect, state) do
    {:ok, conn} = MyApp.Queue.open(state.opts)
    {:noreply, %{state | conn: conn}}
  end

  @impl true
  def handle_call(:connection, _from, state), do: {:reply, state.conn, state}
  def handle_call({:channel, name}, _from, state), do: {:reply, {:ok, {state.conn, name}}, state}
  def handle_call(:status, _from, state), do: {:reply, :up, state}
  def handle_call(:stats, _from, state), do: {:reply, %{conn: state.conn}, state}
  def handle_call(:reconnect, _from, state), do: {:reply, MyApp.Queue.open(state.opts), state}
end
