# fixture: needs the project (the module under test is in lib/)
defmodule MyApp.LinkTextTest do
  use ExUnit.Case, async: true
  # LinkText raises only inside its own try/rescue: there is no error path to test.

  test "links a function reference" do
    assert MyApp.LinkText.autolink("see `Map.get/2`") == "see [`Map.get/2`](#Map.get/2`)"
  end

  test "titles" do
    assert MyApp.LinkText.title("") == "Untitled"
  end
end

defmodule MyApp.LinkCheckTest do #~ test/no-assertion
  use ExUnit.Case, async: true

  test "a good link" do
    assert %URI{} = MyApp.LinkCheck.check!("https://example.com")
  end
end
