defmodule Shop.Checkout do
  @moduledoc "Checkout flow; starts helpers by hand instead of under a supervisor."
  use GenServer

  alias Shop.PaymentWorker

  def run(cart) do
    {:ok, pid} = PaymentWorker.start_link(cart) #~ otp/unsupervised-start
    PaymentWorker.charge(pid)
  end

  def open_cart(user_id) do
    GenServer.start_link(Shop.CartServer, user_id) #~ otp/unsupervised-start
  end

  def new_counter, do: Agent.start_link(fn -> 0 end) #~ otp/unsupervised-start

  def boot_payments do
    children = [{PaymentWorker, []}]
    Supervisor.start_link(children, strategy: :one_for_one) #~ otp/unsupervised-start
  end

  def legacy(args), do: :gen_server.start_link(Shop.Legacy, args, []) #~ otp/unsupervised-start

  def own(arg), do: __MODULE__.start_link(arg) #~ otp/unsupervised-start

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}

  @impl true
  def handle_call({:refund, order}, _from, state) do
    {:ok, _pid} = Task.start_link(fn -> Shop.Refunds.process(order) end) #~ otp/unsupervised-start
    {:reply, :ok, state}
  end

  def handle_call(:ets, _from, state) do
    {:reply, :ets.new(:checkout, [:set]), state}
  end

  def supervised_refund(order) do
    Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> Shop.Refunds.process(order) end)
  end

  def supervised_cart(user_id) do
    DynamicSupervisor.start_child(Shop.DynamicSupervisor, {Shop.CartServer, user_id})
  end

  def start_server(mod), do: mod.start_link([])
end
