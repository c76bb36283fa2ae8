//! Generation of ExUnit test files (`test/**/*_test.exs`) for the lib modules.

use std::collections::HashSet;

use crate::lib_gen::{Kind, ModPlan, TestSpec};
use crate::names::camel;
use crate::rng::Rng;
use crate::rules;
use crate::writer::Src;

pub(crate) struct TestOut {
    pub path: String,
    pub source: String,
    pub plants: Vec<(&'static str, u32)>,
}

/// Extra test files for an already tested module get one of these suffixes.
const ROUND_SUFFIXES: &[&str] = &["edge_cases", "integration", "regression", "contract"];

fn smoke_specs() -> Vec<TestSpec> {
    let spec = |describe: &str, title: &str, line: &str| TestSpec {
        describe: describe.to_string(),
        title: title.to_string(),
        lines: vec![line.to_string()],
        needs_pid: false,
    };
    vec![
        spec("Enum", "sums a list", "assert Enum.sum([1, 2, 3]) == 6"),
        spec(
            "Enum",
            "groups by parity",
            "assert Enum.group_by([1, 2, 3], &rem(&1, 2)) == %{0 => [2], 1 => [1, 3]}",
        ),
        spec(
            "String",
            "upcases ASCII",
            "assert String.upcase(\"otp\") == \"OTP\"",
        ),
        spec("Map", "reads a key", "assert Map.get(%{a: 1}, :a) == 1"),
    ]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Plant {
    None,
    Sleep,
    Spawn,
}

struct TestWriter {
    rng: Rng,
    rate: f64,
    src: Src,
    titles: HashSet<(String, String)>,
}

impl TestWriter {
    fn roll(&mut self, allow_sleep: bool) -> Plant {
        if !self.rng.chance(self.rate) {
            Plant::None
        } else if allow_sleep && self.rng.chance(0.5) {
            Plant::Sleep
        } else {
            Plant::Spawn
        }
    }

    fn unique_title(&mut self, describe: &str, title: &str) -> String {
        let mut t = title.to_string();
        let mut n = 2;
        while !self.titles.insert((describe.to_string(), t.clone())) {
            t = format!("{title} (case {n})");
            n += 1;
        }
        t
    }

    /// One `test` block; `lines` end with an `assert` on a function call result.
    fn test(
        &mut self,
        describe: &str,
        title: &str,
        lines: &[String],
        needs_pid: bool,
        allow_sleep: bool,
    ) {
        let title = self.unique_title(describe, title);
        let ctx = if needs_pid { ", %{pid: pid}" } else { "" };
        self.src.line(&format!("    test \"{title}\"{ctx} do"));
        let plant = self.roll(allow_sleep && !lines.is_empty());
        if plant == Plant::Spawn {
            self.src.plant_line(
                rules::TEST_NO_RAW_SPAWN,
                "      caller = spawn(fn -> receive do: (:stop -> :ok) end)",
            );
            self.src.line("      assert Process.alive?(caller)");
        }
        let n = lines.len();
        for (i, l) in lines.iter().enumerate() {
            if plant == Plant::Sleep && i + 1 == n {
                self.src
                    .plant_line(rules::TEST_NO_SLEEP, "      Process.sleep(50)");
            }
            self.src.line(&format!("      {l}"));
        }
        self.src.line("    end");
    }

    fn mailbox_tests(&mut self) {
        self.src.blank();
        self.src.line("  describe \"mailbox\" do");
        let a = [
            "ref = make_ref()".to_string(),
            "send(self(), {:processed, ref, [1, 2, 3]})".to_string(),
            "assert_receive {:processed, ^ref, items}".to_string(),
            "assert Enum.sum(items) == 6".to_string(),
        ];
        self.test("mailbox", "receives its own notification", &a, false, false);
        if self.rng.chance(0.5) {
            self.src.blank();
            let b = [
                "send(self(), {:tick, 1})".to_string(),
                "send(self(), {:tick, 2})".to_string(),
                "assert_received {:tick, 1}".to_string(),
                "assert_received {:tick, 2}".to_string(),
                "refute_received {:tick, 3}".to_string(),
                "assert Process.info(self(), :message_queue_len) == {:message_queue_len, 0}"
                    .to_string(),
            ];
            self.test("mailbox", "drains messages in order", &b, false, false);
        }
        self.src.line("  end");
    }
}

pub(crate) fn generate_test(
    seed: u64,
    j: usize,
    target: Option<(&ModPlan, &[TestSpec])>,
    fails: bool,
    round: usize,
    rate: f64,
) -> TestOut {
    let mut w = TestWriter {
        rng: Rng::derive(seed, (1u64 << 40) | j as u64),
        rate,
        src: Src::new(),
        titles: HashSet::new(),
    };
    let suffix = if round == 0 {
        String::new()
    } else {
        let base = ROUND_SUFFIXES[(round - 1) % ROUND_SUFFIXES.len()];
        let lap = (round - 1) / ROUND_SUFFIXES.len();
        if lap == 0 {
            format!("_{base}")
        } else {
            format!("_{base}_{}", lap + 1)
        }
    };
    let smoke;
    let (path, module, specs): (String, String, &[TestSpec]) = match target {
        Some((plan, specs)) => (
            format!("test/{}{suffix}_test.exs", plan.stem),
            format!("{}{}Test", plan.module, camel(&suffix)),
            specs,
        ),
        None => {
            smoke = smoke_specs();
            (
                format!("test/my_app/smoke_{j}_test.exs"),
                format!("MyApp.Smoke{j}Test"),
                &smoke,
            )
        }
    };
    let kind = target.map(|(p, _)| p.kind);
    let stateful = matches!(kind, Some(Kind::Server | Kind::Supervisor));

    w.src.line(&format!("defmodule {module} do"));
    let async_ = if kind == Some(Kind::Supervisor) {
        "false"
    } else {
        "true"
    };
    w.src.line(&format!("  use ExUnit.Case, async: {async_}"));
    if let Some((plan, _)) = target {
        w.src.blank();
        w.src.line(&format!("  alias {}", plan.module));
        if let Some(area) = plan.area
            && w.rng.chance(0.4)
        {
            w.src.blank();
            w.src.line(&format!("  @moduletag :{area}"));
        }
        if stateful {
            w.src.blank();
            w.src.line("  setup do");
            w.src.line(&format!(
                "    pid = start_supervised!({{{}, name: nil}})",
                plan.alias
            ));
            w.src.line("    %{pid: pid}");
            w.src.line("  end");
        }
    }
    let samples = if !stateful && w.rng.chance(0.4) {
        let n = w.rng.range(3, 9);
        w.src.blank();
        w.src.line("  setup do");
        w.src
            .line(&format!("    %{{samples: Enum.to_list(1..{n})}}"));
        w.src.line("  end");
        Some(n)
    } else {
        None
    };

    // Which specs this file covers: all of them first, then varying subsets.
    let mut chosen: Vec<usize> = (0..specs.len()).collect();
    if round > 0 && specs.len() > 1 {
        w.rng.shuffle(&mut chosen);
        let keep = w.rng.range(1, specs.len());
        chosen.truncate(keep);
        // Every test module of a module that returns errors checks one of them.
        if fails
            && !chosen.iter().any(|&i| specs[i].error_path())
            && let Some(i) = (0..specs.len()).find(|&i| specs[i].error_path())
        {
            chosen.push(i);
        }
        chosen.sort_unstable();
    }
    let mut groups: Vec<(&str, Vec<&TestSpec>)> = Vec::new();
    for &i in &chosen {
        let spec = &specs[i];
        match groups.iter_mut().find(|(d, _)| *d == spec.describe) {
            Some((_, v)) => v.push(spec),
            None => groups.push((&spec.describe, vec![spec])),
        }
    }
    for (describe, group) in &groups {
        w.src.blank();
        w.src.line(&format!("  describe \"{describe}\" do"));
        for (k, spec) in group.iter().enumerate() {
            if k > 0 {
                w.src.blank();
            }
            w.test(describe, &spec.title, &spec.lines, spec.needs_pid, true);
        }
        w.src.line("  end");
    }
    if let Some(n) = samples {
        w.src.blank();
        w.src
            .line("  test \"setup provides the sample list\", %{samples: samples} do");
        let plant = w.roll(true);
        if plant == Plant::Spawn {
            w.src.plant_line(
                rules::TEST_NO_RAW_SPAWN,
                "    caller = spawn(fn -> receive do: (:stop -> :ok) end)",
            );
            w.src.line("    assert Process.alive?(caller)");
        }
        if plant == Plant::Sleep {
            w.src
                .plant_line(rules::TEST_NO_SLEEP, "    Process.sleep(50)");
        }
        w.src
            .line(&format!("    assert Enum.count(samples) == {n}"));
        w.src.line("  end");
    }
    w.mailbox_tests();
    w.src.line("end");
    TestOut {
        path,
        source: w.src.buf,
        plants: w.src.plants,
    }
}
