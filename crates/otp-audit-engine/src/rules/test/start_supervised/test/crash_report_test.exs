defmodule MyApp.CrashReportTest do
  use ExUnit.Case, async: false

  test "a task started from a module, function and arguments that raises is reported" do
    defmodule Exploder do
      def explode(message), do: raise(message)
      def explode(message, code), do: exit({message, code})
    end

    Task.start(Exploder, :explode, ["kaboom"])
    assert_receive {:crash_reported, %{"message" => "kaboom"}}
  end

  test "a task from a module that also waits" do
    defmodule Waiter do
      def wait_then_raise(message) do
        receive do
          :go -> raise message
        end
      end
    end

    Task.start(Waiter, :wait_then_raise, ["late"])  #~ test/start-supervised
    assert_receive {:crash_reported, _}
  end
end
