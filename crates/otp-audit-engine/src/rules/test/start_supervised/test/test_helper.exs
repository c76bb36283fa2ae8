{:ok, _} = MyApp.SocketSite.Presence.start_link()
ExUnit.start()
