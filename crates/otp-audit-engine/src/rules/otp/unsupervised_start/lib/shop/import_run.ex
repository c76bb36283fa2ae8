defmodule Shop.ImportRun do
  @moduledoc "One import at a time: links its reader, traps exits and handles the reader's end."
  use GenStateMachine

  def start_link(opts), do: GenStateMachine.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, :idle, %{dir: Keyword.fetch!(opts, :dir), reader: nil}}
  end

  @impl true
  def handle_event({:call, from}, :run, :idle, data) do
    {:next_state, :running, start_reader(data), [{:reply, from, :ok}]}
  end

  def handle_event({:call, from}, :run, _state, _data) do
    {:keep_state_and_data, [{:reply, from, {:error, :busy}}]}
  end

  def handle_event(:info, {:EXIT, reader, reason}, :running, %{reader: reader} = data) do
    {:next_state, {:done, reason}, %{data | reader: nil}}
  end

  def handle_event(:info, _msg, _state, _data), do: :keep_state_and_data

  defp start_reader(data) do
    {:ok, reader} = Shop.ImportReader.start_link(dir: data.dir, owner: self())
    %{data | reader: reader}
  end
end

defmodule Shop.ExportRun do
  @moduledoc "Links its writer but never handles the writer's exit."
  use GenStateMachine

  def start_link(opts), do: GenStateMachine.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, :idle, %{dir: Keyword.fetch!(opts, :dir), writer: nil}}

  @impl true
  def handle_event({:call, from}, :run, :idle, data) do
    {:next_state, :running, start_writer(data), [{:reply, from, :ok}]}
  end

  def handle_event(:info, _msg, _state, _data), do: :keep_state_and_data

  defp start_writer(data) do
    {:ok, writer} = Shop.ExportWriter.start_link(dir: data.dir) #~ otp/unsupervised-start
    %{data | writer: writer}
  end
end
