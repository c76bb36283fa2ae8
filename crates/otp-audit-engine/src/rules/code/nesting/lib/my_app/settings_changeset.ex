defmodule MyApp.SettingsChangeset do
  @moduledoc "Nested embeds cast through the callbacks Ecto's API takes."
  alias Ecto.Changeset

  # Three one-clause callbacks, no branch: information.
  def changeset(account, attrs) do
    account
    |> Changeset.cast(attrs, [])
    |> Changeset.cast_embed(:config,
      with: fn config, config_attrs ->
        config
        |> Changeset.cast(config_attrs, [])
        |> Changeset.cast_embed(:alerts,
          with: fn alerts, alert_attrs ->
            alerts
            |> Changeset.cast(alert_attrs, [])
            |> Changeset.cast_embed(:email,
              with: fn email, email_attrs -> #~ code/nesting
                email
                |> Changeset.cast(email_attrs, [:to, :cc])
                |> Changeset.validate_required([:to])
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
    |> Changeset.cast(attrs, [])
    |> Changeset.cast_embed(:config,
      with: fn config, config_attrs ->
        if config_attrs["locked"] do
          Enum.reduce(config_attrs["keys"], config, fn key, acc -> #~ code/nesting
            acc
            |> Changeset.cast(%{key => nil}, [key])
            |> Changeset.validate_required([key])
          end)
        else
          Changeset.cast(config, config_attrs, [])
        end
      end
    )
  end
end
