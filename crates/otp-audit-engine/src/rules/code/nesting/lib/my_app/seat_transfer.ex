defmodule MyApp.SeatTransfer do
  @moduledoc "One level over, where the innermost level is a `do ... end` guard with one short call."

  alias MyApp.Repo

  # The innermost `if` has no `else` and one short call: it reads like
  # `if c, do: x` and is reported as information.
  def transfer(team, seat, actor) do
    Repo.transaction(fn ->
      case lock_seat(seat) do
        {:ok, locked} ->
          if locked.team_id != team.id do #~ code/nesting
            Repo.rollback(:wrong_team)
          end

          Repo.update!(reassign(locked, actor))

        :error ->
          Repo.rollback(:seat_missing)
      end
    end)
  end

  # Same depth, but the innermost `if` holds several statements: a warning.
  def release(seat) do
    Repo.transaction(fn ->
      case lock_seat(seat) do
        {:ok, locked} ->
          if locked.holder_id do #~ code/nesting
            Repo.delete_all(holds_for(locked))
            notify_holder(locked.holder_id, :released)
            Repo.update!(clear_holder(locked))
          end

        :error ->
          Repo.rollback(:seat_missing)
      end
    end)
  end

  # A guard with an `else` has two branches to read: still a warning.
  def rename(seat, name) do
    Repo.transaction(fn ->
      case lock_seat(seat) do
        {:ok, locked} ->
          if name == locked.name do #~ code/nesting
            locked
          else
            Repo.update!(relabel(locked, name))
          end

        :error ->
          Repo.rollback(:seat_missing)
      end
    end)
  end

  defp lock_seat(seat), do: {:ok, seat}
  defp reassign(seat, actor), do: %{seat | holder_id: actor.id}
  defp holds_for(seat), do: seat
  defp notify_holder(_id, _event), do: :ok
  defp clear_holder(seat), do: %{seat | holder_id: nil}
  defp relabel(seat, name), do: %{seat | name: name}
end
