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
fn names_that_shadow_standard_modules() {
    let src = r#"
defmodule MyApp.Client do
  alias MyApp.Srv, as: GenServer
  def a(s), do: GenServer.call(s, :x)
end

defmodule MyApp.Relay do
  require MyApp.Srv, as: GenServer
  require Logger
  def a(s), do: GenServer.call(s, :x)
  def b, do: Logger.info("x")
end

defmodule MyApp.Timers do
  alias MyApp.{Process, Repo}
  def a(p), do: Process.send_after(p, :tick, 10)
  def b(p), do: Elixir.Process.send_after(p, :tick, 10)
  def c, do: Repo.all()
end

defmodule MyApp.Worker do
  def before, do: Process.sleep(1)

  defmodule Process do
    def sleep(_), do: Process.info()
  end

  def later, do: Process.sleep(2)
end

defmodule MyApp.Scoped do
  def a do
    alias MyApp.Process
    Process.sleep(3)
  end

  def b, do: Process.sleep(4)
end
"#;
    let c = resolved("lib/a.ex", src);
    let gs_calls: Vec<_> = c
        .iter()
        .filter(|(w, _)| w.starts_with("GenServer.call"))
        .collect();
    assert_eq!(gs_calls.len(), 2, "{c:?}");
    assert!(
        gs_calls.iter().all(|(_, m)| m == "MyApp.Srv.call/2"),
        "{c:?}"
    );
    assert!(
        has(&c, "Logger.info", "Logger.info/1"),
        "require without as: {c:?}"
    );
    assert!(
        has(&c, "Process.send_after", "MyApp.Process.send_after/3"),
        "{c:?}"
    );
    assert!(
        has(&c, "Elixir.Process.send_after", "Process.send_after/3"),
        "{c:?}"
    );
    assert!(has(&c, "Repo.all", "MyApp.Repo.all/0"), "{c:?}");
    assert!(
        has(&c, "Process.sleep(1)", "Process.sleep/1"),
        "before the nested module: {c:?}"
    );
    assert!(
        has(&c, "Process.info()", "MyApp.Worker.Process.info/0"),
        "inside it: {c:?}"
    );
    assert!(
        has(&c, "Process.sleep(2)", "MyApp.Worker.Process.sleep/1"),
        "after it: {c:?}"
    );
    assert!(
        has(&c, "Process.sleep(3)", "MyApp.Process.sleep/1"),
        "{c:?}"
    );
    assert!(
        has(&c, "Process.sleep(4)", "Process.sleep/1"),
        "a def's alias ends with it: {c:?}"
    );
}

#[test]
fn fixes_spell_modules_as_they_resolve_at_the_spot() {
    let src = r#"
defmodule MyApp.Worker do
  def early(p), do: :erlang.send_after(10, p, :a)

  defmodule Process do
    def send_after(dest, msg, time), do: :erlang.send_after(time, dest, msg)
  end

  def late(p), do: :erlang.send_after(10, p, :b)
end

defmodule MyApp.Mailer do
  import MyApp.Transport
  def send(m, o), do: {m, o}
  def go(p), do: :erlang.send(p, :go)
end

defmodule MyApp.Plain do
  def go(p), do: :erlang.send(p, :go)
end
"#;
    let tree = parse(src);
    let file = File::build("lib/a.ex", src, &tree);
    let at = |needle: &str| src.find(needle).expect(needle);
    let send_after = |needle: &str| {
        let call = file
            .calls
            .iter()
            .find(|c| c.node.start_byte() == at(needle))
            .expect(needle);
        file.remote_call_text(
            &call.ctx,
            call.node.start_byte(),
            "Process",
            "send_after",
            3,
        )
    };
    assert_eq!(
        send_after(":erlang.send_after(10, p, :a)").as_deref(),
        Some("Process.send_after")
    );
    assert_eq!(
        send_after(":erlang.send_after(time").as_deref(),
        Some("Elixir.Process.send_after"),
        "`Process` is MyApp.Worker.Process in there"
    );
    assert_eq!(
        send_after(":erlang.send_after(10, p, :b)").as_deref(),
        Some("Elixir.Process.send_after")
    );
    assert_eq!(file.module_spelling("Process", at("def early")), "Process");
    assert_eq!(
        file.module_spelling(":gen_server", at("def late")),
        ":gen_server"
    );

    let kernel_send = |needle: &str| {
        let call = file
            .calls
            .iter()
            .find(|c| c.node.start_byte() == at(needle))
            .expect(needle);
        file.call_text(&call.ctx, call.node.start_byte(), "Kernel", "send", 2)
    };
    assert_eq!(
        kernel_send(":erlang.send(p, :go)").as_deref(),
        Some("Kernel.send"),
        "a local send/2 and an unknown import may both capture `send`"
    );
    let plain = src.rfind(":erlang.send(p, :go)").unwrap();
    let call = file
        .calls
        .iter()
        .find(|c| c.node.start_byte() == plain)
        .unwrap();
    assert_eq!(
        file.call_text(&call.ctx, plain, "Kernel", "send", 2)
            .as_deref(),
        Some("send")
    );
}

#[test]
fn a_fix_never_calls_the_function_it_sits_in() {
    let src = r#"
defmodule Process do
  def send_after(dest, msg, time, opts \\ []), do: :erlang.send_after(time, dest, msg, opts)
end
"#;
    let tree = parse(src);
    let file = File::build("lib/a.ex", src, &tree);
    let call = file
        .calls
        .iter()
        .find(|c| c.is(":erlang", "send_after"))
        .unwrap();
    assert!(file.is_enclosing_function(&call.ctx, "Process", "send_after", 3));
    assert!(file.is_enclosing_function(&call.ctx, "Process", "send_after", 4));
    assert_eq!(
        file.remote_call_text(&call.ctx, 0, "Process", "send_after", 4),
        None
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
