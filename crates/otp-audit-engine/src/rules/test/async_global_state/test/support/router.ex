defmodule MyAppWeb.TestRouter do
  use Phoenix.Router
  import Phoenix.LiveView.Router

  scope "/", MyAppWeb do
    live "/receipts", ReceiptLive
    live "/banner", BannerLive
  end
end
