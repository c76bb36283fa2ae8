defmodule Stockroom.ShelfLocks do
  @moduledoc """
  Shelf locks served by a plain process loop. A request carries the pid and ref
  to answer, and the loop answers exactly there.
  """

  @lock_timeout 2_000

  def child_spec(arg) do
    %{id: __MODULE__, start: {Task, :start_link, [fn -> loop(arg) end]}}
  end

  def lock(locks, shelf) do
    ref = Process.monitor(locks)
    Kernel.send(locks, {:lock, shelf, ref, self()}) #~ otp/no-raw-send

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, :process, _pid, reason} ->
        {:error, reason}
    after
      @lock_timeout ->
        Process.demonitor(ref, [:flush])
        {:error, :timeout}
    end
  end

  defp loop(held) do
    receive do
      {:lock, shelf, ref, reply_to} ->
        if MapSet.member?(held, shelf) do
          send(reply_to, {ref, {:error, :locked}})
          loop(held)
        else
          send(reply_to, {ref, :ok})
          loop(MapSet.put(held, shelf))
        end

      {:unlock, shelf} ->
        loop(MapSet.delete(held, shelf))
    end
  end
end
