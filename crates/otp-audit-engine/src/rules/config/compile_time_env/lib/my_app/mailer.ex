defmodule MyApp.Mailer do
  @moduledoc "Sends transactional email through the configured adapter."

  @adapter Application.get_env(:my_app, :mail_adapter, MyApp.Mailer.SMTP) #~ config/compile-time-env
  @from Application.fetch_env!(:my_app, :mail_from) #~ config/compile-time-env
  @retries Keyword.get(Application.get_env(:my_app, :mailer) || [], :retries, 3) #~ config/compile-time-env
  @pool_size :my_app |> Application.get_env(:pool_size) #~ config/compile-time-env

  case Application.fetch_env(:my_app, :mail_domain) do #~ config/compile-time-env
    {:ok, domain} -> def domain, do: unquote(domain)
    :error -> def domain, do: "example.com"
  end

  @all_settings Application.get_all_env(:my_app) #~ config/compile-time-env

  if Application.get_env(:my_app, :sandbox) do #~ config/compile-time-env
    def sandbox?, do: true
  else
    def sandbox?, do: false
  end

  for key <- [:cc, :bcc] do
    def unquote(key)(), do: unquote(Application.get_env(:my_app, key, [])) #~ config/compile-time-env
  end

  @app :my_app
  @log_level Application.get_env(@app, :mail_log_level, :info) #~ config/compile-time-env

  use MyApp.RateLimited, per_minute: Application.get_env(:my_app, :mail_rate, 60) #~ config/compile-time-env

  def deliver(email) do
    @adapter.deliver(%{email | from: @from}, retries: @retries, pool: @pool_size, log: @log_level)
  end

  def settings, do: @all_settings
end
