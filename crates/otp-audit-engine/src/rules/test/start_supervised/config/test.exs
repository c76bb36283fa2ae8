import Config

config :my_app, MyApp.SocketSite.Endpoint, port: 4102
