defmodule MyAppWeb.FormToken do
  @moduledoc """
  Anti-forgery tokens for forms.

  The token is generated once per request and kept in the process dictionary, so
  that `token/0` can be called from templates that never see the connection. Use
  `export/0` and `import/1` to hand the token to a task that renders a form.
  """

  @key {__MODULE__, :token}

  def token do
    if token = Process.get(@key) do
      token
    else
      fresh()
    end
  end

  def export, do: Process.get(@key)

  def import(nil), do: :ok
  def import(token), do: Process.put(@key, token)

  def clear, do: Process.delete(@key)

  defp fresh do
    token = Base.url_encode64(:crypto.strong_rand_bytes(18))
    Process.put(@key, token)
    token
  end
end

defmodule MyAppWeb.FormNonce do
  @moduledoc """
  Nonces for forms, one per request.
  """

  @key {__MODULE__, :nonce}

  def nonce do
    case Process.get(@key) do
      nil -> fresh()
      nonce -> nonce
    end
  end

  def export, do: Process.get(@key)

  def import(nil), do: :ok
  def import(nonce), do: Process.put(@key, nonce)  #~ otp/no-process-dictionary

  defp fresh do
    nonce = Base.url_encode64(:crypto.strong_rand_bytes(12))
    Process.put(@key, nonce)
    nonce
  end
end

defmodule MyAppWeb.FormUses do
  @moduledoc """
  Counts the forms rendered by this process, in the process dictionary.
  """

  @key {__MODULE__, :uses}

  # Built from its old value: a counter is state, documented or not.
  def bump do
    Process.put(@key, Process.get(@key, 0) + 1)  #~ otp/no-process-dictionary
  end
end

defmodule MyAppWeb.FormSalt do
  @moduledoc "A salt for form fields, one per process."

  # A memo written as `if ... else`: computed once per process, info only.
  def salt do
    if salt = Process.get({__MODULE__, :salt}) do
      salt
    else
      salt = :crypto.strong_rand_bytes(8)
      Process.put({__MODULE__, :salt}, salt)  #~ otp/no-process-dictionary
      salt
    end
  end
end

defmodule MyAppWeb.FormTimings do
  @moduledoc """
  Render timings of this process's forms, kept in the process dictionary.
  """

  @key :my_app_form_timings

  def record(form, micros) do
    timings = timings()
    put_timings(Map.put(timings, form, micros))
  end

  def timings, do: Process.get(@key, %{})

  # Handed a value its callers built from the old one: state, documented or not.
  defp put_timings(timings), do: Process.put(@key, timings)  #~ otp/no-process-dictionary
end
