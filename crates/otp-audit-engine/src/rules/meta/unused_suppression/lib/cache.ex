defmodule MyApp.Cache do
  def put(pid, k, v) do
    # otp-audit:disable-for-next-line otp/no-raw-send
    send(pid, {:put, k, v})
  end

  def get(pid, k) do
    # otp-audit:disable-for-next-line otp/no-raw-send #~ meta/unused-suppression
    {:get, pid, k}
  end

  # credo:disable-for-next-line Credo.Check.Readability.Specs
  def size(map), do: map_size(map)

  def flush(pid) do
    send(pid, :flush) # credo:disable-for-previous-line
  end

  # otp-audit:disable-for-lines:3 otp/
  def drop(pid) do
    send(pid, :drop)
  end

  # otp-audit:disable-for-next-line otp/no-raw-sned #~ meta/unused-suppression
  def noop, do: :ok
end
