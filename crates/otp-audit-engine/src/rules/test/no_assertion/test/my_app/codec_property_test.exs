defmodule MyApp.CodecPropertyTest do
  use ExUnit.Case, async: true
  use PropCheck

  alias MyApp.Codec

  property "decoding an encoded frame gives the frame back" do
    forall frame <- MyApp.Generators.frame() do
      frame == frame |> Codec.encode() |> Codec.decode()
    end
  end

  property "encoding never raises" do #~ test/no-assertion
    frames = Enum.map(1..20, fn n -> %{id: n, body: String.duplicate("x", n)} end)
    Enum.each(frames, &Codec.encode/1)
  end
end
