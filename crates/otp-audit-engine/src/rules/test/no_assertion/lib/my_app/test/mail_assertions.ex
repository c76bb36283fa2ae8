defmodule MyApp.Test.MailAssertions do
  @moduledoc """
  Assertions that MyApp ships for its users' test suites: they wait for a mail the
  test adapter delivered and fail the test when none matches.
  """

  import ExUnit.Assertions

  @default_timeout 500

  @doc "The first delivered mail matching `criteria`; fails the test when none does."
  def find_delivered_mail!(ref, criteria, timeout \\ @default_timeout) do
    ref
    |> collect(timeout)
    |> find_match!(criteria)
  end

  defp collect(ref, timeout) do
    receive do
      {^ref, mail} -> [mail | collect(ref, 0)]
    after
      timeout -> []
    end
  end

  defp find_match!(mails, criteria) do
    Enum.find(mails, &matches?(&1, criteria)) ||
      flunk("no delivered mail matches #{inspect(criteria)} among #{length(mails)}")
  end

  defp matches?(mail, criteria), do: Enum.all?(criteria, fn {k, v} -> Map.get(mail, k) == v end)
end
