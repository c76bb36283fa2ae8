# fixture: needs the project (the raise is in lib/my_app/span_parser.ex)
defmodule MyApp.SpanParserTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "parses a span" do
    assert MyApp.SpanParser.parse!("2..5") == {2, 5}
  end
end

defmodule MyApp.SpanCheckTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "keeps valid spans" do
    assert MyApp.SpanCheck.check!([{1, 2}]) == [{1, 2}]
  end
end
