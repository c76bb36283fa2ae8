defmodule MediaKit.SignedLinkTest do
  use ExUnit.Case, async: true

  alias MediaKit.SignedLink

  test "a link expires after its max age" do
    link = SignedLink.sign("upload-7")
    assert {:ok, "upload-7"} = SignedLink.verify(link, 20)
    Process.sleep(30)
    assert {:error, :expired} = SignedLink.verify(link, 20)
  end
end
