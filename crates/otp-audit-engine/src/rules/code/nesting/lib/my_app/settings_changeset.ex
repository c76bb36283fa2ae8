defmodule MyApp.SettingsChangeset do
  @moduledoc "Nested embeds cast through the callbacks Ecto's API takes."
  import Ecto.Changeset

  # Three one-clause callbacks, no branch: information.
  def changeset(account, attrs) do
    account
    |> cast(attrs, [])
    |> cast_embed(:config,
      with: fn config, config_attrs ->
        config
        |> cast(config_attrs, [])
        |> cast_embed(:alerts,
          with: fn alerts, alert_attrs ->
            alerts
            |> cast(alert_attrs, [])
            |> cast_embed(:email,
              with: fn email, email_attrs -> #~ code/nesting
                email
                |> cast(email_attrs, [:to, :cc])
                |> validate_required([:to])
              end
            )
          end
        )
      end
    )
  end

  # A branch on the way down: a warning, as before.
  def strict_changeset(account, attrs) do
    account
    |> cast(attrs, [])
    |> cast_embed(:config,
      with: fn config, config_attrs ->
        if config_attrs["locked"] do
          Enum.reduce(config_attrs["keys"], config, fn key, acc -> #~ code/nesting
            acc
            |> cast(%{key => nil}, [key])
            |> validate_required([key])
          end)
        else
          cast(config, config_attrs, [])
        end
      end
    )
  end
end
