//! Generator of large synthetic Elixir projects for benchmarks and end-to-end tests
//! of otp-audit.
//!
//! [`generate`] writes a Mix project in memory: `mix.exs`, `lib/**` modules
//! (GenServers, supervisors, struct modules, plain helper modules), ExUnit tests
//! under `test/**`, and a list of [`Planted`] violations, each at a known line.
//! Everything outside the planted lines is written to be clean under otp-audit's
//! rules. The output depends only on [`Options`]: the same options always give
//! byte-identical files.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

mod lib_gen;
mod names;
mod rng;
mod templates;
mod test_gen;
mod writer;

/// Rule ids of the violations the generator plants.
pub mod rules {
    /// `send(pid, {:event, x})` to a function parameter, in `lib/**`.
    pub const NO_RAW_SEND: &str = "otp/no-raw-send";
    /// `GenServer.call/2` without a timeout, in `lib/**`.
    pub const CALL_TIMEOUT: &str = "otp/call-timeout";
    /// `spawn(fn -> do_work(x) end)` in `lib/**`.
    pub const OTP_NO_RAW_SPAWN: &str = "otp/no-raw-spawn";
    /// `Process.put({:last_seen, :fun}, x)` in `lib/**`, a key per function (the rule
    /// reports each key once per module).
    pub const NO_PROCESS_DICTIONARY: &str = "otp/no-process-dictionary";
    /// `Process.sleep(50)` followed by an `assert` on a call result, in a test.
    pub const TEST_NO_SLEEP: &str = "test/no-sleep";
    /// `spawn(fn -> :ok end)` whose result is not monitored, in a test.
    pub const TEST_NO_RAW_SPAWN: &str = "test/no-raw-spawn";
    /// `Enum.map(items, &transform/1)` as a non-last statement of a `def`, in `lib/**`.
    pub const UNUSED_OPERATION: &str = "code/unused-operation";

    /// Every rule that can be planted.
    pub const ALL: [&str; 7] = [
        NO_RAW_SEND,
        CALL_TIMEOUT,
        OTP_NO_RAW_SPAWN,
        NO_PROCESS_DICTIONARY,
        TEST_NO_SLEEP,
        TEST_NO_RAW_SPAWN,
        UNUSED_OPERATION,
    ];

    /// Rules planted in `lib/**` files.
    pub const LIB: [&str; 5] = [
        NO_RAW_SEND,
        CALL_TIMEOUT,
        OTP_NO_RAW_SPAWN,
        NO_PROCESS_DICTIONARY,
        UNUSED_OPERATION,
    ];

    /// Rules planted in `test/**/*_test.exs` files.
    pub const TEST: [&str; 2] = [TEST_NO_SLEEP, TEST_NO_RAW_SPAWN];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub seed: u64,
    /// Number of `lib/**` files. With two or more, the first is `lib/my_app/application.ex`.
    pub files: usize,
    /// Number of `test/**/*_test.exs` files. They cycle over the lib modules; extra
    /// rounds get suffixes such as `_edge_cases_test.exs`.
    pub test_files: usize,
    /// Probability in `0..=1` that a generated function or test plants a violation.
    pub violation_rate: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: 1,
            files: 100,
            test_files: 50,
            violation_rate: 0.05,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedFile {
    /// Project-relative, `/`-separated: `lib/my_app/worker_12.ex`, `test/my_app/worker_12_test.exs`.
    pub path: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Planted {
    pub rule: String,
    pub path: String,
    /// 1-based line where the violating call starts.
    pub line: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// `mix.exs`, the lib files, `test/test_helper.exs` and the test files, in that order.
    pub files: Vec<GeneratedFile>,
    /// Planted violations, in file order then line order.
    pub planted: Vec<Planted>,
}

/// The content of `planted.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedReport {
    pub counts: BTreeMap<String, usize>,
    pub planted: Vec<Planted>,
}

impl Project {
    /// Number of planted violations per rule (rules with none are absent).
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for p in &self.planted {
            *counts.entry(p.rule.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Total size of all sources in bytes.
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|f| f.source.len()).sum()
    }

    pub fn report(&self) -> PlantedReport {
        PlantedReport {
            counts: self.counts(),
            planted: self.planted.clone(),
        }
    }

    /// `planted.json`: `{"counts": {rule: n}, "planted": [{rule, path, line}]}`.
    pub fn planted_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.report())
            .expect("a report of strings and numbers always serializes");
        s.push('\n');
        s
    }

    /// Write every file under `dir` (creating directories) and `dir/planted.json`.
    pub fn write_to(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for f in &self.files {
            let path = dir.join(&f.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &f.source)?;
        }
        std::fs::write(dir.join("planted.json"), self.planted_json())
    }
}

fn mix_exs(with_application: bool) -> String {
    let mut s = String::from(
        r#"defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [
      app: :my_app,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: [],
      aliases: [test: "test --no-start"]
    ]
  end

  def application do
    [
"#,
    );
    if with_application {
        s.push_str("      extra_applications: [:logger],\n      mod: {MyApp.Application, []}\n");
    } else {
        s.push_str("      extra_applications: [:logger]\n");
    }
    s.push_str("    ]\n  end\nend\n");
    s
}

/// Generate a project. Deterministic: the same `opts` give the same bytes.
pub fn generate(opts: &Options) -> Project {
    let rate = if opts.violation_rate.is_nan() {
        0.0
    } else {
        opts.violation_rate.clamp(0.0, 1.0)
    };
    let plans = lib_gen::plan_modules(opts.seed, opts.files);
    let mut files = Vec::with_capacity(opts.files + opts.test_files + 2);
    let mut planted = Vec::new();
    let with_application = plans
        .first()
        .is_some_and(|p| p.kind == lib_gen::Kind::Application);
    files.push(GeneratedFile {
        path: "mix.exs".to_string(),
        source: mix_exs(with_application),
    });

    let mut specs = Vec::with_capacity(plans.len());
    for plan in &plans {
        let out = lib_gen::generate_module(opts.seed, plan, &plans, rate);
        planted.extend(out.plants.iter().map(|&(rule, line)| Planted {
            rule: rule.to_string(),
            path: plan.path.clone(),
            line,
        }));
        files.push(GeneratedFile {
            path: plan.path.clone(),
            source: out.source,
        });
        specs.push((out.specs, out.fails));
    }

    files.push(GeneratedFile {
        path: "test/test_helper.exs".to_string(),
        source: "ExUnit.start(capture_log: true)\n".to_string(),
    });
    let testable: Vec<usize> = plans
        .iter()
        .filter(|p| p.kind != lib_gen::Kind::Application && !specs[p.index].0.is_empty())
        .map(|p| p.index)
        .collect();
    for j in 0..opts.test_files {
        let (target, fails, round) = if testable.is_empty() {
            (None, false, 0)
        } else {
            let i = testable[j % testable.len()];
            let (specs, fails) = &specs[i];
            (
                Some((&plans[i], specs.as_slice())),
                *fails,
                j / testable.len(),
            )
        };
        let out = test_gen::generate_test(opts.seed, j, target, fails, round, rate);
        planted.extend(out.plants.iter().map(|&(rule, line)| Planted {
            rule: rule.to_string(),
            path: out.path.clone(),
            line,
        }));
        files.push(GeneratedFile {
            path: out.path,
            source: out.source,
        });
    }
    Project { files, planted }
}
