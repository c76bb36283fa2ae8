defmodule MyApp.FrameScannerTest do
  # MyApp.FrameScanner's private decoder returns {:error, _}, but its only caller
  # drops it with a catch-all clause: the public function never fails.
  use ExUnit.Case, async: true

  test "counts two frames between junk bytes" do
    data = <<1, 0xFF, 0xFB, 4, 0, 0xFF, 0xFB, 3, 9>>
    assert MyApp.FrameScanner.frame_count(data) == 2
  end

  test "a stream without a header has no first frame" do
    assert MyApp.FrameScanner.first_frame_length(<<1, 2, 3>>) == 0
  end
end
