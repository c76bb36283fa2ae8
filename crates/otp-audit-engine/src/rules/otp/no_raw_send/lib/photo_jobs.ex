defmodule Gallery.Jobs.Classify do
  # A queued job. Rows saved by the tests carry the test's pid in `notify`, so the test
  # can assert_receive that the job ran; no lib code fills `notify`: a test hook.
  def run(id) do
    photo = Gallery.Repo.get!(Gallery.Photo, id)
    Gallery.Classifier.tag(photo)

    if photo.notify do
      send(photo.notify, {:classify_ran, id})
    end
  end
end

defmodule Gallery.Jobs.Export do
  # The tests fill `reply_to` with self() as well, but lib code starts the exporter
  # with a pid of its own: a production message, still reported (at info here: an
  # observer its starter named).
  use GenServer

  def start_link(reply_to), do: GenServer.start_link(__MODULE__, reply_to)

  @impl true
  def init(reply_to), do: {:ok, %{reply_to: reply_to, done: 0}}

  @impl true
  def handle_cast({:export, id}, state) do
    Gallery.Exporter.write(id)
    send(state.reply_to, {:exported, id}) #~ otp/no-raw-send
    {:noreply, %{state | done: state.done + 1}}
  end
end
