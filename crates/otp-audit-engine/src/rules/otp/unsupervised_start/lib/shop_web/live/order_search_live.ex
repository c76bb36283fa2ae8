defmodule ShopWeb.OrderSearchLive do
  use ShopWeb, :live_view

  alias Shop.Search.QueryRunner

  def mount(%{"store" => store_id}, _session, socket) do
    store = Shop.Stores.get!(store_id)
    {:ok, start_search(socket, store)}
  end

  # The runner answers this view's queries and sends results back; it lives and dies
  # with the view, and a remount starts a fresh one.
  defp start_search(socket, store) do
    {:ok, runner} = QueryRunner.start_link(store: store, reply_to: self())

    socket
    |> assign(runner: runner, store: store, results: [])
  end

  def handle_event("search", %{"q" => q}, socket) do
    QueryRunner.run(socket.assigns.runner, q)
    {:noreply, assign(socket, loading: true)}
  end

  # Started on an event and kept nowhere: each search leaves one more runner behind.
  def handle_event("export", %{"q" => q}, socket) do
    {:ok, exporter} = QueryRunner.start_link(store: socket.assigns.store, reply_to: self()) #~ otp/unsupervised-start
    QueryRunner.run(exporter, q)
    {:noreply, socket}
  end

  def handle_info({:results, rows}, socket) do
    {:noreply, assign(socket, results: rows, loading: false)}
  end
end
