defmodule Shop.RegisterSession do
  @moduledoc "State of a register connection, kept by `Shop.RegisterHandler`; no process of its own."

  defstruct lines: %{}, printed: 0

  def open_line(session, line_id) do
    {:ok, pid} = Shop.LineWorker.start_link(line_id)
    %{session | lines: Map.put(session.lines, pid, line_id)}
  end

  def line_closed(session, pid) do
    %{session | lines: Map.delete(session.lines, pid)}
  end

  # Nothing keeps the printer's pid: it is linked to the handler and forgotten.
  def print_receipt(session) do
    Shop.ReceiptPrinter.start_link(Map.values(session.lines)) #~ otp/unsupervised-start
    %{session | printed: session.printed + 1}
  end
end
