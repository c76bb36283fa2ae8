defmodule MyAppWeb.NodeAttachLive do
  @moduledoc "Attaches the console to another node chosen in a form."
  use Phoenix.LiveView

  def handle_event("attach", %{"form" => form}, socket) do
    # The clause's `form` is the validated result, not the raw params.
    case validate(form) do
      {:ok, form} ->
        Node.connect(String.to_atom(form.node))
        {:noreply, socket}

      {:error, errors} ->
        {:noreply, assign(socket, errors: errors)}
    end
  end

  def handle_event("connect", %{"node" => node, "cookie" => cookie}, socket) do
    Node.set_cookie(String.to_atom(node), String.to_atom(cookie)) #~ sec/unsafe-atom, sec/unsafe-atom
    :net_kernel.connect_node(String.to_atom(node)) #~ sec/unsafe-atom
    {:noreply, socket}
  end

  def handle_event("ping", %{"node" => name}, socket) do
    target = String.to_atom(name) #~ sec/unsafe-atom
    result = Node.ping(target)
    {:noreply, assign(socket, ping: result)}
  end

  def handle_event("cookie", %{"cookie" => cookie}, socket) do
    cookie |> String.to_atom() |> Node.set_cookie() #~ sec/unsafe-atom
    {:noreply, socket}
  end

  def handle_event("tab", %{"tab" => tab}, socket) do
    {:noreply, assign(socket, tab: String.to_atom(tab))} #~ sec/unsafe-atom
  end

  defp validate(%{"node" => node} = form) do
    if node =~ ~r/^[\w.-]+@[\w.-]+$/, do: {:ok, %{node: node}}, else: {:error, form}
  end
end
