defmodule MyApp.MessageStoreTest do
  use ExUnit.Case

  test "the handler stores what it is given" do
    Agent.start_link(fn -> [] end, name: :seen_messages)

    MyApp.Consumer.run(handler: Testing.StoringHandler, messages: ["a", "b"])

    assert ["a", "b"] == Agent.get(:seen_messages, & &1)
  end

  test "another test that also uses the store" do
    Agent.start_link(fn -> [] end, name: :shared_messages) #~ test/start-supervised
    MyApp.Consumer.run(handler: Testing.SharingHandler, messages: ["c"])
    assert ["c"] == Agent.get(:shared_messages, & &1)
  end

  test "a second user of the shared store" do
    assert :ok == MyApp.Consumer.run(handler: Testing.SharingHandler, messages: ["d"])
  end
end

defmodule Testing.StoringHandler do
  def handle_messages(msgs), do: Agent.update(:seen_messages, &(&1 ++ msgs))
end

# Two tests use this handler: its mention of the name is not one test's own.
defmodule Testing.SharingHandler do
  def handle_messages(msgs), do: Agent.update(:shared_messages, &(&1 ++ msgs))
end
