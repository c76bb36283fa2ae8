defmodule MyApp.SlotQueue do
  @moduledoc "Offers a message to every slot's worker and keeps the ones that stay."

  def offer(msg, state) do
    if function_exported?(state.worker, :handle_info, 2) do
      Enum.reduce(:queue.to_list(state.slots), {:queue.new(), state}, fn {slot, _}, {slots, state} ->
        case state.worker.handle_info(msg, slot) do #~ code/nesting
          {:ok, slot} ->
            {:queue.in({slot, System.monotonic_time(:millisecond) + state.idle_timeout}, slots),
             state}

          {:remove, reason} ->
            {slots, drop(state, slot, reason)}
        end
      end)
    else
      {state.slots, state}
    end
  end

  def offer_logged(msg, state) do
    if function_exported?(state.worker, :handle_info, 2) do
      Enum.reduce(:queue.to_list(state.slots), {:queue.new(), state}, fn {slot, _}, {slots, state} ->
        case state.worker.handle_info(msg, slot) do
          {:ok, slot} ->
            {:queue.in({slot, System.monotonic_time(:millisecond) + state.idle_timeout}, slots),
             Map.update!(state, :log, fn log -> [{:kept, slot} | log] end)} #~ code/nesting

          {:remove, reason} ->
            {slots, drop(state, slot, reason)}
        end
      end)
    else
      {state.slots, state}
    end
  end

  defp drop(state, _slot, _reason), do: state
end
