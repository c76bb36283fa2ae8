# The parser's failures are checked through the renderer, whose test expects its
# message with the tag filled in.
defmodule MyApp.TemplateParserTest do
  use ExUnit.Case, async: true

  test "an empty template has no tags" do
    assert MyApp.TemplateParser.parse!("") == []
  end
end
