import Config

# otp-audit:disable-for-next-line otp/no-raw-send
config :billing, currency: :eur
