import Config

config :my_app, region: :test
