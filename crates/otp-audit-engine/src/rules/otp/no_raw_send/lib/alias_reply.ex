defmodule Ledger.AliasReply do
  @moduledoc "A hand-written call answered through the caller's alias."

  def fetch(server, key) do
    request_alias = Process.monitor(server, alias: :demonitor)
    send(server, {:fetch, key, request_alias})

    receive do
      {^request_alias, value} -> value
      {:DOWN, ^request_alias, _, _, reason} -> exit(reason)
    end
  end

  def answer_pending({_counter, alias_ref, _key}, value) do
    send(alias_ref, {alias_ref, {:ok, value}})
  end

  def answer_tagged(waiter, value) do
    tag = Process.monitor(waiter, alias: :reply_demonitor)
    send(tag, {tag, value})
  end

  def greet(pid) do
    send(pid, {pid, :hello}) #~ otp/no-raw-send
  end

  defp reply(from, result) do
    send(from, {from, result})
  end

  def finish(from, result), do: reply(from, result)
end
