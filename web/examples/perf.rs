//! Native timing of the playground's per-keystroke work on generated files:
//! `cargo run --release -p otp-audit-web --example perf`.

use otp_audit_web::highlight::{Highlighter, render_lines};
use std::time::Instant;

fn unit(k: usize) -> String {
    format!(
        "defmodule MyApp.Worker{k} do\n  use GenServer\n\n  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)\n\n  def notify(pid, event) do\n    send(pid, {{:event, event}})\n  end\n\n  def status(server) do\n    GenServer.call(server, :status)\n  end\n\n  @impl true\n  def init(opts), do: {{:ok, Map.new(opts)}}\n\n  @impl true\n  def handle_call(:status, _from, state), do: {{:reply, state, state}}\nend\n"
    )
}

fn main() {
    for n in [200, 1000, 3000] {
        let mut code = String::new();
        let mut k = 0;
        while code.lines().count() < n {
            code.push_str(&unit(k));
            k += 1;
        }
        let engine = otp_audit_engine::Engine::default();
        let mut hl = Highlighter::new();
        hl.update(&code);
        let reps = 20;
        let (mut t_parse, mut t_classes, mut t_render, mut t_check, mut t_full_parse) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        for i in 0..reps {
            let mid = code.len() / 2;
            let mut edited = code.clone();
            edited.insert(mid, if i % 2 == 0 { 'x' } else { 'y' });
            let t = Instant::now();
            hl.update(&edited);
            t_parse += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let classes = hl.classes();
            t_classes += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let lines = render_lines(&edited, classes, &[]);
            t_render += t.elapsed().as_secs_f64();
            std::hint::black_box(lines);
            let t = Instant::now();
            std::hint::black_box(otp_audit_engine::parse(&edited));
            t_full_parse += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let f = otp_audit_web::analysis::check(&engine, "lib/x.ex", &edited);
            t_check += t.elapsed().as_secs_f64();
            std::hint::black_box(f);
        }
        let ms = |t: f64| t * 1000.0 / reps as f64;
        println!(
            "{n} lines: incremental parse and highlight {:.2} ms, classes {:.2} ms, render {:.2} ms, full parse {:.2} ms, check {:.2} ms",
            ms(t_parse),
            ms(t_classes),
            ms(t_render),
            ms(t_full_parse),
            ms(t_check)
        );
    }
}
