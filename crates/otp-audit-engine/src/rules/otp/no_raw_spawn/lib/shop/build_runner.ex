defmodule Shop.BuildRunner do
  # Runs a build in its own process; a watcher kills it when the owner goes away.
  def build(owner, dir) do
    {worker, ref} = spawn_monitor(fn -> Shop.Build.run(dir) end) #~ otp/no-raw-spawn

    spawn(fn ->
      Process.monitor(owner)
      Process.monitor(worker)

      receive do
        {:DOWN, _ref, :process, ^worker, _reason} -> :ok
        {:DOWN, _ref, :process, ^owner, _reason} -> Process.exit(worker, :kill)
      end
    end)

    {worker, ref}
  end

  # A watcher that also gives up after a while is no longer bounded by what it
  # watches alone, but by its timer: still reported.
  def watch_for(owner, dir) do
    {worker, _ref} = spawn_monitor(fn -> Shop.Build.run(dir) end) #~ otp/no-raw-spawn

    spawn(fn -> #~ otp/no-raw-spawn
      Process.monitor(owner)

      receive do
        {:DOWN, _ref, :process, ^owner, _reason} -> Process.exit(worker, :kill)
      after
        60_000 -> Shop.Build.log_slow(dir)
      end
    end)
  end
end
