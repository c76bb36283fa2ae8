defmodule MyApp.BucketNamesTest do
  use ExUnit.Case, async: true

  defmodule Chime do
    use GenServer
    def start_link, do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
    @impl true
    def init(:ok), do: {:ok, nil}
  end

  test "a name only this test uses" do
    Agent.start_link(fn -> [] end, name: Bucket)
    MyApp.Jobs.run(fn -> Agent.update(Bucket, &[:a | &1]) end)
    assert [:a] == Agent.get(Bucket, & &1)
  end

  test "a longer name that ends the same way is another name" do
    Agent.start_link(fn -> [] end, name: MfaBucket)
    MyApp.Jobs.run(Agent, :update, [MfaBucket, &[:b | &1]])
    assert [:b] == Agent.get(MfaBucket, & &1)
  end

  test "a name two tests start may clash" do
    Agent.start_link(fn -> [] end, name: SharedBucket) #~ test/start-supervised
    assert [] == Agent.get(SharedBucket, & &1)
  end

  test "the second start of the shared name" do
    Agent.start_link(fn -> [] end, name: SharedBucket) #~ test/start-supervised
    assert [] == Agent.get(SharedBucket, & &1)
  end

  # Two tests start the module's own name: `Chime.start_link` mentions it in both.
  test "one user of Chime" do
    Chime.start_link() #~ test/start-supervised
    assert Process.whereis(Chime)
  end

  test "another user of Chime" do
    Chime.start_link() #~ test/start-supervised
    assert Process.whereis(Chime)
  end
end
