//! What one keystroke costs the engine in a large buffer, natively: a whole parse
//! against an incremental re-parse through `Document`, the model walk alone, the
//! rules, and the rules that cost most. The file is tests/web/bench.mjs's (GenServer
//! modules of 21 lines), so the figures sit beside the browser's.
//!
//! `cargo run --release -p otp-audit-engine --example keystroke [-- LINES...]`

use otp_audit_engine::{Config, Document, Engine, parse, rules};
use std::time::Instant;

fn unit(k: usize) -> String {
    format!(
        "defmodule MyApp.Worker{k} do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def notify(pid, event) do
    send(pid, {{:event, event}})
  end

  def status(server) do
    GenServer.call(server, :status)
  end

  @impl true
  def init(opts), do: {{:ok, Map.new(opts)}}

  @impl true
  def handle_call(:status, _from, state), do: {{:reply, state, state}}
end
"
    )
}

/// Whole modules, to the first module end at or after `lines`: a buffer that parses.
/// (Cut mid-module, the buffer has a syntax error, and a `Document` then parses the
/// whole text on every keystroke so that its findings stay those of a fresh parse.)
fn file(lines: usize) -> String {
    let mut code = String::new();
    let mut k = 0;
    while code.lines().count() < lines {
        code += &unit(k);
        k += 1;
    }
    code
}

/// Median and 95th percentile of `runs` timings of `f`, in milliseconds.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[runs / 2], ms[(runs * 95 / 100).min(runs - 1)])
}

fn only(ids: &[&str]) -> Engine {
    let mut c = Config::default();
    for r in rules::ALL {
        c.set_enabled(r.id, ids.contains(&r.id))
            .expect("known rule");
    }
    Engine::new(c)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![3000, 10000]
    } else {
        sizes
    };
    let path = "lib/my_app/workers.ex";
    let engine = Engine::default();
    let model = only(&[]);
    for lines in sizes {
        let src = file(lines);
        let tree = parse(&src);
        let runs = 15;
        // A typed character in the middle of the file, as bench.mjs types it.
        let at = src[src.len() / 2..].find("    send(pid").unwrap() + src.len() / 2 + 4;
        let mut doc = Document::new(&src);
        let mut n = 0;
        let keystroke = time(runs, || {
            n += 1;
            // Type a character, then delete it: the text stays the same size.
            if n % 2 == 1 {
                doc.edit(at, at, "x");
            } else {
                doc.edit(at, at + 1, "");
            }
            std::hint::black_box(doc.check(&engine, path));
        });
        let reparse = time(runs, || {
            doc.edit(at, at, "y");
            doc.edit(at, at + 1, "");
        });
        let full = time(runs, || {
            std::hint::black_box(engine.check_project(&[(path, &src)]));
        });
        let whole_parse = time(runs, || {
            std::hint::black_box(parse(&src));
        });
        let walk = time(runs, || {
            std::hint::black_box(model.check_tree(path, &src, &tree));
        });
        let all = time(runs, || {
            std::hint::black_box(engine.check_tree(path, &src, &tree));
        });
        println!("{lines} lines, {} bytes (median / p95, ms)", src.len());
        println!(
            "  full analysis (parse + model + rules): {:7.2} / {:7.2}",
            full.0, full.1
        );
        println!(
            "  Document keystroke (re-parse + check): {:7.2} / {:7.2}",
            keystroke.0, keystroke.1
        );
        println!(
            "  whole parse:                           {:7.2} / {:7.2}",
            whole_parse.0, whole_parse.1
        );
        println!(
            "  incremental re-parse (two edits):      {:7.2} / {:7.2}",
            reparse.0, reparse.1
        );
        println!(
            "  model walk, no rule:                   {:7.2} / {:7.2}",
            walk.0, walk.1
        );
        println!(
            "  model and every rule:                  {:7.2} / {:7.2}",
            all.0, all.1
        );
        let mut per: Vec<(f64, &str)> = rules::ALL
            .iter()
            .map(|r| {
                let e = only(&[r.id]);
                let t = time(5, || {
                    std::hint::black_box(e.check_tree(path, &src, &tree));
                });
                (t.0 - walk.0, r.id)
            })
            .collect();
        per.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<String> = per
            .iter()
            .take(5)
            .map(|(ms, id)| format!("{id} {ms:.1}"))
            .collect();
        println!(
            "  rules that cost most (ms over the walk): {}",
            top.join(", ")
        );
    }
}
