import Config

config :my_app, self_hosted: true, region: :eu

import_config "#{config_env()}.exs"
