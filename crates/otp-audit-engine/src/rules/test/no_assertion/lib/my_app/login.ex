defmodule MyApp.Login do
  @moduledoc "Checks credentials."

  def check(user, password) do
    case verify(user, password) do
      {:ok, user} -> {:ok, user}
      {:error, _reason} -> :error
    end
  end

  defp verify("ada", "secret"), do: {:ok, "ada"}
  defp verify(_user, _password), do: {:error, :bad_password}
end
