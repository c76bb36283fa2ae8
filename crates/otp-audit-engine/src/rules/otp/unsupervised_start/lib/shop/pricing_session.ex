defmodule Shop.PricingSession do
  # Shop.RemoteNode.start_link/1 starts its process under a supervisor of its own
  # and links the caller to nothing: not reported (the project pass sees both files).
  def open(config) do
    {:ok, node, _pid} = Shop.RemoteNode.start_link(config)
    {:ok, %{node: node}}
  end

  # The supervisor's own start_link does link: reported.
  def boot_supervisor, do: Shop.RemoteNode.Supervisor.start_link([]) #~ otp/unsupervised-start
end
