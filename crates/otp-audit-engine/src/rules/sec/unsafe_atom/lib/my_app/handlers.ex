defmodule MyApp.Handlers do
  @moduledoc "Atoms made at compile time, from literals, or looked up safely: no finding."

  @kinds Enum.map(~w(created updated deleted), &String.to_atom/1)
  @topics for kind <- ["created", "deleted"], do: :"events_#{kind}"

  # Functions generated at compile time from a fixed list.
  for kind <- @kinds do
    def unquote(:"handle_#{kind}")(event), do: {unquote(kind), event}
    def unquote(String.to_atom("is_#{kind}?"))(event), do: event.type == unquote(kind)
    def topic_for(unquote(kind)), do: unquote(:"events_#{kind}")
  end

  Enum.each([:a, :b], fn name -> Module.concat(__MODULE__, name) end)

  defmacro defhandler(name, do: body) do
    fun = String.to_atom("#{name}_handler")

    quote do
      def unquote(fun)(event), do: unquote(body)
    end
  end

  def kinds, do: @kinds
  def topics, do: @topics

  def known_type(type), do: String.to_existing_atom(type)
  def default_type, do: String.to_atom("created")
  def supervisor, do: Module.concat(__MODULE__, "Supervisor")
  def worker, do: Module.concat([MyApp, Workers, Default])
  def fixed, do: :"events with spaces"
  def decode(body), do: Jason.decode!(body, keys: :atoms!)
  def decode_strings(body), do: Jason.decode(body)

  def parse_type("created"), do: :created
  def parse_type("deleted"), do: :deleted
end
