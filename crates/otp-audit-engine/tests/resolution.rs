//! Name resolution and context, read straight off the model rules see.

use otp_audit_engine::model::{File, Runner};
use otp_audit_engine::parse;

/// `(written text, resolved Mod.fun/arity)` of every call in `src`.
fn resolved(path: &str, src: &str) -> Vec<(String, String)> {
    let tree = parse(src);
    let file = File::build(path, src, &tree);
    file.calls
        .iter()
        .map(|c| {
            (
                file.text(c.node).lines().next().unwrap_or("").to_string(),
                c.mfa(),
            )
        })
        .collect()
}

fn has(calls: &[(String, String)], written: &str, mfa: &str) -> bool {
    calls
        .iter()
        .any(|(w, m)| w.starts_with(written) && m == mfa)
}

#[test]
fn aliases_in_every_form() {
    let src = r#"
defmodule MyApp.Server do
  alias MyApp.Cache
  alias MyApp.Workers.{Pool, Queue}
  alias GenServer, as: GS
  alias __MODULE__.State

  def a, do: Cache.put(1)
  def b, do: Pool.checkout()
  def c, do: Queue.push(1, 2)
  def d(s), do: GS.call(s, :x)
  def e, do: State.new()
  def f, do: __MODULE__.State.new()
  def g, do: :erlang.send(self(), :x)
end
"#;
    let c = resolved("lib/a.ex", src);
    assert!(has(&c, "Cache.put", "MyApp.Cache.put/1"), "{c:?}");
    assert!(
        has(&c, "Pool.checkout", "MyApp.Workers.Pool.checkout/0"),
        "{c:?}"
    );
    assert!(has(&c, "Queue.push", "MyApp.Workers.Queue.push/2"), "{c:?}");
    assert!(has(&c, "GS.call", "GenServer.call/2"), "{c:?}");
    assert!(has(&c, "State.new", "MyApp.Server.State.new/0"), "{c:?}");
    assert!(
        has(&c, "__MODULE__.State.new", "MyApp.Server.State.new/0"),
        "{c:?}"
    );
    assert!(has(&c, ":erlang.send", ":erlang.send/2"), "{c:?}");
}

#[test]
fn imports_kernel_pipes_and_captures() {
    let src = r#"
defmodule MyApp.Client do
  import Process, only: [sleep: 1]
  import GenServer

  def a(pid), do: send(pid, :hi)
  def b(pid), do: pid |> send(:hi)
  def c, do: sleep(10)
  def d(s), do: call(s, :get)
  def e, do: &send/2
  def f, do: &Process.sleep/1
  def g(s), do: s |> GenServer.call(:get, 100)
  def h(x), do: apply(Kernel, :send, [x, :m])
  def i(p), do: &send(p, &1)
end
"#;
    let c = resolved("lib/a.ex", src);
    assert!(has(&c, "send(pid, :hi)", "Kernel.send/2"), "{c:?}");
    assert!(
        has(&c, "send(:hi)", "Kernel.send/2"),
        "piped arity is 2: {c:?}"
    );
    assert!(has(&c, "sleep(10)", "Process.sleep/1"), "{c:?}");
    assert!(has(&c, "call(s, :get)", "GenServer.call/2"), "{c:?}");
    assert!(has(&c, "&send/2", "Kernel.send/2"), "{c:?}");
    assert!(has(&c, "&Process.sleep/1", "Process.sleep/1"), "{c:?}");
    assert!(
        has(&c, "GenServer.call(:get, 100)", "GenServer.call/3"),
        "{c:?}"
    );
    assert!(has(&c, "apply(Kernel", "Kernel.send/2"), "{c:?}");
    assert!(has(&c, "send(p, &1)", "Kernel.send/2"), "{c:?}");
}

#[test]
fn local_definitions_and_kernel_exclusions_win() {
    let src = r#"
defmodule MyApp.Http do
  def send(conn, status, body), do: {conn, status, body}
  def ok(conn), do: send(conn, 200, "ok")
end

defmodule MyApp.Mail do
  import Kernel, except: [send: 2]
  def send(m, o), do: {m, o}
  def go(m), do: send(m, [])
end
"#;
    let c = resolved("lib/a.ex", src);
    assert!(
        has(&c, "send(conn, 200", "send/3"),
        "local send/3 is not Kernel's: {c:?}"
    );
    assert!(
        has(&c, "send(m, [])", "send/2"),
        "excluded from Kernel: {c:?}"
    );
    assert!(!c.iter().any(|(_, m)| m == "Kernel.send/2"), "{c:?}");
}

#[test]
fn contexts_know_tests_callbacks_and_who_runs_a_fn() {
    let src = r#"
defmodule MyApp.WorkerTest do
  use ExUnit.Case, async: true

  describe "start" do
    test "runs", %{pid: pid} do
      Task.async(fn -> Process.sleep(10) end)
      Enum.each([1], fn _ -> Process.sleep(1) end)
      quote do: Process.sleep(5)
    end
  end
end
"#;
    let tree = parse(src);
    let file = File::build("test/worker_test.exs", src, &tree);
    assert!(file.modules[0].is_test_case && file.modules[0].async_tests);
    let sleeps: Vec<_> = file
        .calls
        .iter()
        .filter(|c| c.is("Process", "sleep"))
        .collect();
    assert_eq!(sleeps.len(), 2, "the quoted sleep is not code");
    assert!(
        sleeps[0].ctx.other_process,
        "a fn given to Task.async runs elsewhere"
    );
    assert!(
        !sleeps[1].ctx.other_process && sleeps[1].ctx.in_loop,
        "Enum.each runs it here"
    );
    assert_eq!(
        file.scope_name(&sleeps[0].ctx),
        "MyApp.WorkerTest test \"start runs\""
    );
    assert_eq!(
        file.fns.iter().map(|f| f.runner).collect::<Vec<_>>(),
        [Runner::OtherProcess, Runner::SameProcess]
    );
}

#[test]
fn functions_of_an_impl_are_scoped_by_protocol_and_type() {
    let src = r#"
defmodule MyApp.Counter do
  defstruct [:pid]

  defimpl String.Chars do
    def to_string(counter), do: GenServer.call(counter.pid, :render)
  end
end

defimpl Jason.Encoder, for: MyApp.User do
  def encode(user, opts), do: Jason.Encode.map(Map.take(user, [:id]), opts)
end

defimpl Inspect, for: [MyApp.Token, MyApp.Secret] do
  def inspect(_, _), do: Inspect.Algebra.string("redacted")
end
"#;
    let tree = parse(src);
    let file = File::build("lib/my_app/counter.ex", src, &tree);
    let scope_of = |name: &str| {
        let call = file.calls.iter().find(|c| c.name == name).unwrap();
        file.scope_name(&call.ctx)
    };
    assert_eq!(scope_of("call"), "String.Chars.MyApp.Counter.to_string/1");
    assert_eq!(scope_of("map"), "Jason.Encoder.MyApp.User.encode/2");
    assert_eq!(
        scope_of("string"),
        "Inspect.{MyApp.Token, MyApp.Secret}.inspect/2"
    );
}

#[test]
fn quoted_code_of_a_macro_is_the_using_modules_code() {
    let src = r#"
defmodule MyLib.Server do
  defmacro __using__(opts) do
    quote do
      use GenServer
      alias MyLib.Registry

      def handle_call(:ping, _from, state) do
        GenServer.call(__MODULE__, :pong, 1_000)
        Registry.touch(unquote(opts[:name]))
        {:reply, :ok, state}
      end
    end
  end

  defmacro inline(value), do: quote(do: unquote(value))

  def ast(ms), do: quote(do: Process.sleep(unquote(ms)))
end
"#;
    let tree = parse(src);
    let file = File::build("lib/my_lib/server.ex", src, &tree);
    let c = resolved("lib/my_lib/server.ex", src);
    assert!(
        !c.iter().any(|(_, m)| m.contains("unquote")),
        "unquote is a placeholder: {c:?}"
    );
    assert!(
        !c.iter().any(|(_, m)| m == "Process.sleep/1"),
        "a quote outside a macro is data: {c:?}"
    );
    assert!(has(&c, "Registry.touch", "MyLib.Registry.touch/1"), "{c:?}");
    let quoted = file
        .modules
        .iter()
        .find(|m| m.quoted)
        .expect("quoted module");
    assert_eq!(quoted.name, "MyLib.Server.__using__/1");
    assert!(quoted.is_genserver, "its `use GenServer` shapes it");
    let call = file
        .calls
        .iter()
        .find(|c| c.is("GenServer", "call"))
        .unwrap();
    assert!(call.ctx.quoted && file.def(&call.ctx).unwrap().is_callback);
    assert_eq!(
        file.scope_name(&call.ctx),
        "MyLib.Server.__using__/1 > handle_call/3"
    );
    assert_eq!(call.arg(0).map(|a| file.text(a)), Some("__MODULE__"),);
    assert_eq!(file.modules.iter().filter(|m| m.quoted).count(), 1);
}
