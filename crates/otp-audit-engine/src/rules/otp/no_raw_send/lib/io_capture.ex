defmodule MyApp.IoCapture do
  @moduledoc """
  A device that captures output and forwards everything else to the group
  leader. The Erlang I/O protocol is made of raw messages; there is no client API
  to hide them behind.
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def output(device), do: GenServer.call(device, :output, 5_000)

  @impl true
  def init(_opts), do: {:ok, []}

  @impl true
  def handle_call(:output, _from, chunks), do: {:reply, chunks |> Enum.reverse() |> IO.iodata_to_binary(), chunks}

  @impl true
  def handle_info({:io_request, from, reply_as, {:put_chars, _encoding, chars}}, chunks) do
    send(from, {:io_reply, reply_as, :ok})
    {:noreply, [chars | chunks]}
  end

  def handle_info({:io_request, _from, _reply_as, _request} = msg, chunks) do
    send(Process.group_leader(), msg)
    {:noreply, chunks}
  end

  def handle_info({:flush_to, pid}, chunks) do
    # A pid that came in a raw message is not a caller waiting for a reply.
    send(pid, {:captured, Enum.reverse(chunks)}) #~ otp/no-raw-send
    {:noreply, []}
  end

  def handle_info(_msg, chunks), do: {:noreply, chunks}

  def write(device, chars) do
    ref = Process.monitor(device)
    send(device, {:io_request, self(), ref, {:put_chars, :unicode, chars}})

    receive do
      {:io_reply, ^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, _, reason} ->
        {:error, reason}
    end
  end
end

defmodule MyApp.ReadOnlyDevice do
  @moduledoc "Refuses the file API the way an I/O server does, with a raw reply."
  use GenServer

  @impl true
  def init(contents), do: {:ok, contents}

  @impl true
  def handle_info({:file_request, from, reply_as, _request}, contents) do
    send(from, {:file_reply, reply_as, {:error, :enotsup}})
    {:noreply, contents}
  end

  def handle_info(_msg, contents), do: {:noreply, contents}
end
