defmodule MyApp.FdPipe.Native do
  @moduledoc "Bindings to the C side: each function is replaced when the library loads."
  @on_load :load_library

  def load_library do
    :erlang.load_nif(Path.join(:code.priv_dir(:my_app), "fd_pipe"), 0)
  end

  def close_fd(_fd), do: :erlang.nif_error(:not_loaded)

  def signal_os_pid(_os_pid, _signal), do: :erlang.nif_error(:not_loaded)
end
