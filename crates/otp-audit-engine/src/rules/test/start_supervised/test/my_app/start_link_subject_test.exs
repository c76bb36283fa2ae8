defmodule MyApp.JobQueueStartTest do
  use ExUnit.Case, async: true

  alias MyApp.JobQueue

  # The tests check what start_link itself does (the link, the name): starting the
  # queue under the test supervisor would go through its child spec instead.
  test "start_link/2 links the queue to the caller" do
    {:ok, queue} = JobQueue.start_link(MyApp.Jobs, name: JobQueue) #~ test/start-supervised
    {:links, links} = Process.info(self(), :links)
    assert queue in links
  end

  test "start_link/2 registers the name it is given" do
    {:ok, queue} = JobQueue.start_link(MyApp.Jobs, name: JobQueue) #~ test/start-supervised
    assert Process.whereis(JobQueue) == queue
  end

  # Controls: named after start_link but checking only the queue's work, and checking
  # the name in a test that is not about start_link.
  test "start_link/2 accepts jobs right away" do
    {:ok, queue} = JobQueue.start_link(MyApp.Jobs, name: JobQueue) #~ test/start-supervised
    assert JobQueue.push(queue, :resize) == :ok
  end

  test "the queue is found by name" do
    {:ok, queue} = JobQueue.start_link(MyApp.Jobs, name: JobQueue) #~ test/start-supervised
    assert Process.whereis(JobQueue) == queue
  end
end
