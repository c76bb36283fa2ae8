defmodule Shop.LeaseOwner do
  @moduledoc "Hands out stock leases held by a process of their own; `release/1` ends one."

  # Unlinked on purpose: the lease must outlive a crash of the process that took it,
  # until its owner calls release/1 (the handle and the means to close it).
  def take!(pool) do
    {:ok, pid} =
      Agent.start(fn -> #~ otp/unsupervised-start
        :ok = Shop.Stock.lease(pool)
        %{pool: pool}
      end)

    pid
  end

  def release(pid), do: Agent.stop(pid)
end

defmodule Shop.LeakyLease do
  @moduledoc "The same start with no way to stop it: nothing ever ends the process."

  def take!(pool) do
    {:ok, pid} = Agent.start(fn -> Shop.Stock.lease(pool) end) #~ otp/unsupervised-start
    pid
  end
end
