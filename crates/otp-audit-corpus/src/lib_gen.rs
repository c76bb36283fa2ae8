//! Generation of `lib/**` modules: GenServers, supervisors, struct modules and
//! plain helper modules, each a mix of clean functions and (with probability
//! `violation_rate` per function) planted violations.

use std::collections::HashSet;

use crate::names::{
    AREAS, CONFIG_KEYS, ENUMS, FIELDS, KEYS, NOUNS, PID_PARAMS, SERVER_BASES, STRUCT_BASES,
    SUPERVISOR_BASES, UTIL_BASES, camel, fix_articles, plural,
};
use crate::rng::Rng;
use crate::rules;
use crate::templates as t;
use crate::writer::{Src, fill};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Application,
    Server,
    Supervisor,
    Struct,
    Util,
}

/// What a lib module will be, decided for the whole project before any file is written
/// (supervisors and the application module refer to other modules).
#[derive(Clone, Debug)]
pub(crate) struct ModPlan {
    pub index: usize,
    pub kind: Kind,
    /// `MyApp.Billing.Ledger12`
    pub module: String,
    /// `Ledger12`
    pub alias: String,
    /// `lib/my_app/billing/ledger_12.ex`
    pub path: String,
    /// `my_app/billing/ledger_12`, shared with the test path.
    pub stem: String,
    pub area: Option<&'static str>,
    pub base: &'static str,
    pub noun: &'static str,
    /// For supervisors: indices of the servers they start. Every server has at most
    /// one parent, so that the whole tree starts without name clashes.
    pub children: Vec<usize>,
}

/// One ExUnit test of a module's public function. `lines` always end with an
/// `assert` on the result of a function call of the module.
#[derive(Clone, Debug)]
pub(crate) struct TestSpec {
    pub describe: String,
    pub title: String,
    pub lines: Vec<String>,
    pub needs_pid: bool,
}

impl TestSpec {
    /// Whether the test looks at a failure (an `{:error, ...}` tuple), which otp-audit's
    /// test/no-assertion wants from every test module of a module that returns errors.
    pub fn error_path(&self) -> bool {
        self.lines.iter().any(|l| l.contains("{:error"))
    }
}

pub(crate) struct ModOut {
    /// The module builds `{:error, ...}` tuples, so its tests must check a failure.
    pub fails: bool,
    pub source: String,
    pub plants: Vec<(&'static str, u32)>,
    pub specs: Vec<TestSpec>,
}

pub(crate) fn plan_modules(seed: u64, files: usize) -> Vec<ModPlan> {
    let mut rng = Rng::derive(seed, u64::MAX);
    let mut plans = Vec::with_capacity(files);
    for index in 0..files {
        if files >= 2 && index == 0 {
            plans.push(ModPlan {
                index,
                kind: Kind::Application,
                module: "MyApp.Application".to_string(),
                alias: "Application".to_string(),
                path: "lib/my_app/application.ex".to_string(),
                stem: "my_app/application".to_string(),
                area: None,
                base: "application",
                noun: "entry",
                children: Vec::new(),
            });
            continue;
        }
        let kind = match rng.below(20) {
            0..=7 => Kind::Server,
            8..=9 => Kind::Supervisor,
            10..=14 => Kind::Struct,
            _ => Kind::Util,
        };
        let base = *rng.pick(match kind {
            Kind::Server => SERVER_BASES,
            Kind::Supervisor => SUPERVISOR_BASES,
            Kind::Struct => STRUCT_BASES,
            _ => UTIL_BASES,
        });
        let area = if rng.chance(0.75) {
            Some(*rng.pick(AREAS))
        } else {
            None
        };
        let noun = if kind == Kind::Struct {
            base
        } else {
            *rng.pick(NOUNS)
        };
        let alias = format!("{}{index}", camel(base));
        let (module, stem) = match area {
            Some(a) => (
                format!("MyApp.{}.{alias}", camel(a)),
                format!("my_app/{a}/{base}_{index}"),
            ),
            None => (format!("MyApp.{alias}"), format!("my_app/{base}_{index}")),
        };
        plans.push(ModPlan {
            index,
            kind,
            module,
            alias,
            path: format!("lib/{stem}.ex"),
            stem,
            area,
            base,
            noun,
            children: Vec::new(),
        });
    }
    let sups: Vec<usize> = plans
        .iter()
        .filter(|p| p.kind == Kind::Supervisor)
        .map(|p| p.index)
        .collect();
    if !sups.is_empty() {
        for i in 0..plans.len() {
            if plans[i].kind == Kind::Server && rng.chance(0.6) {
                let s = sups[rng.below(sups.len())];
                if plans[s].children.len() < 3 {
                    plans[s].children.push(i);
                }
            }
        }
    }
    plans
}

pub(crate) fn generate_module(seed: u64, plan: &ModPlan, all: &[ModPlan], rate: f64) -> ModOut {
    let mut g = Gen {
        rng: Rng::derive(seed, plan.index as u64 + 1),
        plan,
        rate,
        body: Src::new(),
        attrs: Vec::new(),
        helpers: Vec::new(),
        names: HashSet::new(),
        logger: false,
        specs: Vec::new(),
    };
    match plan.kind {
        Kind::Application => application(&mut g, all),
        Kind::Server => server(&mut g),
        Kind::Supervisor => supervisor(&mut g, all),
        Kind::Struct => struct_module(&mut g),
        Kind::Util => util_module(&mut g),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Helper {
    Archived,
    FetchRequired,
    ParseInteger,
    CheckRange,
    DoWork,
    Transform,
}

impl Helper {
    fn text(self) -> &'static str {
        match self {
            Helper::Archived => t::HELPER_ARCHIVED,
            Helper::FetchRequired => t::HELPER_FETCH_REQUIRED,
            Helper::ParseInteger => t::HELPER_PARSE_INTEGER,
            Helper::CheckRange => t::HELPER_CHECK_RANGE,
            Helper::DoWork => t::HELPER_DO_WORK,
            Helper::Transform => t::HELPER_TRANSFORM,
        }
    }
}

/// Names the shared helpers and callbacks use; generated functions never take them.
const RESERVED: &[&str] = &[
    "archived?",
    "fetch_required",
    "parse_integer",
    "check_range",
    "do_work",
    "transform",
    "start_link",
    "init",
    "child_spec",
    "handle_call",
    "handle_cast",
    "handle_info",
    "handle_continue",
    "terminate",
    "schedule_tick",
    "prune",
    "new",
    "cast_status",
    "transition",
    "add_tag",
    "start_worker",
    "running_children",
    "lookup",
    "reset",
    "stats",
    "refresh",
    "record_event",
    "recent_events",
];

struct Gen<'a> {
    rng: Rng,
    plan: &'a ModPlan,
    rate: f64,
    body: Src,
    attrs: Vec<(String, String)>,
    helpers: Vec<Helper>,
    names: HashSet<String>,
    logger: bool,
    specs: Vec<TestSpec>,
}

/// `name` with a numeric suffix, keeping a trailing `?` last.
fn suffixed(name: &str, n: usize) -> String {
    match name.strip_suffix('?') {
        Some(stem) => format!("{stem}_{n}?"),
        None => format!("{name}_{n}"),
    }
}

/// Integer literal with digit separators (`5_000`).
fn num(n: usize) -> String {
    let digits = n.to_string();
    if digits.len() < 4 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

impl Gen<'_> {
    fn noun(&mut self) -> &'static str {
        if self.rng.chance(0.5) {
            self.plan.noun
        } else {
            NOUNS[self.rng.below(NOUNS.len())]
        }
    }

    fn area(&self) -> &'static str {
        self.plan.area.unwrap_or("core")
    }

    fn attr(&mut self, name: &str, value: String) {
        if !self.attrs.iter().any(|(n, _)| n == name) {
            self.attrs.push((name.to_string(), value));
        }
    }

    fn attr_with(&mut self, name: &str, value: impl FnOnce(&mut Rng) -> String) {
        let v = value(&mut self.rng);
        self.attr(name, v);
    }

    fn helper(&mut self, h: Helper) {
        if !self.helpers.contains(&h) {
            self.helpers.push(h);
        }
    }

    /// Names for one generated function (and its private helpers), unused in this module.
    fn fresh(&mut self, make: impl Fn(&mut Rng) -> Vec<String>) -> Vec<String> {
        let mut candidate = make(&mut self.rng);
        for _ in 0..8 {
            if candidate
                .iter()
                .all(|n| !self.names.contains(n) && !RESERVED.contains(&n.as_str()))
            {
                break;
            }
            candidate = make(&mut self.rng);
        }
        let mut n = 1;
        let mut names = candidate.clone();
        while names
            .iter()
            .any(|x| self.names.contains(x) || RESERVED.contains(&x.as_str()))
        {
            n += 1;
            names = candidate.iter().map(|x| suffixed(x, n)).collect();
        }
        self.names.extend(names.iter().cloned());
        names
    }

    fn fresh1(&mut self, make: impl Fn(&mut Rng) -> String) -> String {
        self.fresh(|r| vec![make(r)]).remove(0)
    }

    /// Blank line that separates top-level items inside the module.
    fn item(&mut self) {
        self.body.blank();
    }

    /// `@doc` for the next function (most functions have one).
    fn doc(&mut self, text: &str) {
        if self.rng.chance(0.12) {
            return;
        }
        let text = &fix_articles(text);
        if !text.contains('\n') && text.len() < 70 && self.rng.chance(0.4) {
            self.body.line(&format!("  @doc \"{text}\""));
            return;
        }
        self.body.line("  @doc \"\"\"");
        for l in text.split('\n') {
            if l.is_empty() {
                self.body.blank();
            } else {
                self.body.line(&format!("  {l}"));
            }
        }
        self.body.line("  \"\"\"");
    }

    fn spec(
        &mut self,
        describe: &str,
        title: &str,
        lines: &[&str],
        vars: &[(&str, &str)],
        needs_pid: bool,
    ) {
        let mut all: Vec<(&str, &str)> = vars.to_vec();
        all.push(("alias", &self.plan.alias));
        self.specs.push(TestSpec {
            describe: fill(describe, &all),
            title: fill(title, &all),
            lines: lines.iter().map(|l| fill(l, &all)).collect(),
            needs_pid,
        });
    }

    /// One generic public function: clean, or a planted violation with probability `rate`.
    fn slot(&mut self) {
        if self.rng.chance(self.rate) {
            self.violation();
        } else {
            let pick = self.rng.below(CLEAN.len());
            CLEAN[pick](self);
        }
    }

    fn violation(&mut self) {
        match self.rng.below(5) {
            0 => v_send(self),
            1 => v_call(self),
            2 => v_spawn(self),
            3 => v_pdict(self),
            _ => v_unused(self),
        }
    }

    /// Add generic functions until the module reaches about `target` lines.
    fn fill_to(&mut self, target: u32, reserved: u32) {
        while self.body.lines + reserved < target {
            self.slot();
        }
    }

    fn moduledoc(&self, header: &mut Src, text: &str) {
        let text = &fix_articles(text);
        header.line("  @moduledoc \"\"\"");
        for l in text.split('\n') {
            if l.is_empty() {
                header.blank();
            } else {
                header.line(&format!("  {l}"));
            }
        }
        header.line("  \"\"\"");
    }

    fn header_attrs(&self, header: &mut Src) {
        if self.attrs.is_empty() {
            return;
        }
        header.blank();
        for (name, value) in &self.attrs {
            header.line(&format!("  @{name} {value}"));
        }
    }

    /// Close the module: shared helpers, `end`, header in front.
    fn finish(mut self, mut header: Src) -> ModOut {
        let helpers = std::mem::take(&mut self.helpers);
        for h in helpers {
            self.body.blank();
            self.body.text(h.text());
        }
        self.body.line("end");
        header.append(self.body);
        let fails = header.buf.contains("{:error");
        debug_assert!(
            !fails || self.specs.iter().any(TestSpec::error_path),
            "{} returns errors but has no error-path test",
            self.plan.module
        );
        ModOut {
            fails,
            source: header.buf,
            plants: header.plants,
            specs: self.specs,
        }
    }
}

// ---------------------------------------------------------------- module kinds

fn application(g: &mut Gen, all: &[ModPlan]) -> ModOut {
    let supervised: HashSet<usize> = all
        .iter()
        .flat_map(|p| p.children.iter().copied())
        .collect();
    let mut children: Vec<String> = all
        .iter()
        .filter(|p| p.kind == Kind::Supervisor)
        .take(20)
        .map(|p| format!("      {}", p.module))
        .collect();
    children.extend(
        all.iter()
            .filter(|p| p.kind == Kind::Server && !supervised.contains(&p.index))
            .take(10)
            .map(|p| format!("      {{{}, []}}", p.module)),
    );
    let mut header = Src::new();
    header.line("defmodule MyApp.Application do");
    header.line("  @moduledoc false");
    header.blank();
    header.line("  use Application");
    g.item();
    g.body.line("  @impl true");
    g.body.line("  def start(_type, _args) do");
    if children.is_empty() {
        g.body.line("    children = []");
    } else {
        g.body.line("    children = [");
        let n = children.len();
        for (i, c) in children.iter().enumerate() {
            let comma = if i + 1 < n { "," } else { "" };
            g.body.line(&format!("{c}{comma}"));
        }
        g.body.line("    ]");
    }
    g.body.blank();
    g.body
        .line("    opts = [strategy: :one_for_one, name: MyApp.Supervisor]");
    g.body.line("    Supervisor.start_link(children, opts)");
    g.body.line("  end");
    // The application module is small and has no generic functions.
    finish(g, header)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Fetch,
    Put,
    Count,
    Delete,
    Reset,
    List,
    Stats,
    Record,
    Recent,
    Update,
    Refresh,
}

impl Op {
    fn client(self) -> &'static str {
        match self {
            Op::Fetch => t::CLIENT_FETCH,
            Op::Put => t::CLIENT_PUT,
            Op::Count => t::CLIENT_COUNT,
            Op::Delete => t::CLIENT_DELETE,
            Op::Reset => t::CLIENT_RESET,
            Op::List => t::CLIENT_LIST,
            Op::Stats => t::CLIENT_STATS,
            Op::Record => t::CLIENT_RECORD,
            Op::Recent => t::CLIENT_RECENT,
            Op::Update => t::CLIENT_UPDATE,
            Op::Refresh => t::CLIENT_REFRESH,
        }
    }

    fn callback(self) -> &'static str {
        match self {
            Op::Fetch => t::CALL_FETCH,
            Op::Put => t::CALL_PUT,
            Op::Count => t::CALL_COUNT,
            Op::Delete => t::CAST_DELETE,
            Op::Reset => t::CAST_RESET,
            Op::List => t::CALL_LIST,
            Op::Stats => t::CALL_STATS,
            Op::Record => t::CAST_RECORD,
            Op::Recent => t::CALL_RECENT,
            Op::Update => t::CALL_UPDATE,
            Op::Refresh => t::CALL_REFRESH,
        }
    }

    fn is_call(self) -> bool {
        !matches!(self, Op::Delete | Op::Reset | Op::Record)
    }

    fn doc(self, noun: &str, nouns: &str) -> String {
        match self {
            Op::Fetch => format!("Fetches the {noun} stored under `key`."),
            Op::Put => format!("Stores `value` under `key`, replacing any previous {noun}."),
            Op::Count => format!("Returns how many {nouns} the server holds."),
            Op::Delete => format!(
                "Removes the {noun} stored under `key`.\n\nReturns immediately; the removal happens asynchronously."
            ),
            Op::Reset => format!("Drops every {noun} and the event history."),
            Op::List => format!("Lists the stored {nouns}, ordered by key."),
            Op::Stats => {
                "Returns the size, the number of writes and the uptime in milliseconds.".to_string()
            }
            Op::Record => "Appends `event` to the bounded history.".to_string(),
            Op::Recent => "Returns the `n` most recent events, newest first.".to_string(),
            Op::Update => {
                format!("Applies `fun` to the {noun} under `key` inside the server process.")
            }
            Op::Refresh => "Triggers an immediate maintenance pass.".to_string(),
        }
    }

    /// Client function name, for the reserved-name set.
    fn name(self, noun: &str, nouns: &str) -> String {
        match self {
            Op::Fetch => format!("fetch_{noun}"),
            Op::Put => format!("put_{noun}"),
            Op::Count => format!("{noun}_count"),
            Op::Delete => format!("delete_{noun}"),
            Op::Reset => "reset".to_string(),
            Op::List => format!("list_{nouns}"),
            Op::Stats => "stats".to_string(),
            Op::Record => "record_event".to_string(),
            Op::Recent => "recent_events".to_string(),
            Op::Update => format!("update_{noun}"),
            Op::Refresh => "refresh".to_string(),
        }
    }
}

fn server_specs(g: &mut Gen, ops: &[Op], vars: &[(&str, &str)]) {
    let has = |op: Op| ops.contains(&op);
    for &op in ops {
        match op {
            Op::Fetch => g.spec(
                "fetch_$noun/2",
                "returns an error for an unknown key",
                &["assert $alias.fetch_$noun(pid, :missing) == {:error, :not_found}"],
                vars,
                true,
            ),
            Op::Put if has(Op::Fetch) => g.spec(
                "put_$noun/3",
                "stores a value that can be fetched back",
                &[
                    ":ok = $alias.put_$noun(pid, :alpha, 1)",
                    "assert $alias.fetch_$noun(pid, :alpha) == {:ok, 1}",
                ],
                vars,
                true,
            ),
            Op::Put => g.spec(
                "put_$noun/3",
                "counts stored $nouns",
                &[
                    ":ok = $alias.put_$noun(pid, :alpha, 1)",
                    ":ok = $alias.put_$noun(pid, :beta, 2)",
                    "assert $alias.$noun_count(pid) == 2",
                ],
                vars,
                true,
            ),
            Op::Count => g.spec(
                "$noun_count/1",
                "starts empty",
                &["assert $alias.$noun_count(pid) == 0"],
                vars,
                true,
            ),
            Op::Delete if has(Op::Put) => g.spec(
                "delete_$noun/2",
                "removes a stored $noun",
                &[
                    ":ok = $alias.put_$noun(pid, :alpha, 1)",
                    ":ok = $alias.delete_$noun(pid, :alpha)",
                    "assert $alias.$noun_count(pid) == 0",
                ],
                vars,
                true,
            ),
            Op::Delete => g.spec(
                "delete_$noun/2",
                "ignores unknown keys",
                &[
                    ":ok = $alias.delete_$noun(pid, :missing)",
                    "assert $alias.$noun_count(pid) == 0",
                ],
                vars,
                true,
            ),
            Op::Reset => g.spec(
                "reset/1",
                "leaves the server empty",
                &[
                    ":ok = $alias.reset(pid)",
                    "assert $alias.$noun_count(pid) == 0",
                ],
                vars,
                true,
            ),
            Op::List if has(Op::Put) => g.spec(
                "list_$nouns/1",
                "lists values ordered by key",
                &[
                    ":ok = $alias.put_$noun(pid, :b, 2)",
                    ":ok = $alias.put_$noun(pid, :a, 1)",
                    "assert $alias.list_$nouns(pid) == [1, 2]",
                ],
                vars,
                true,
            ),
            Op::List => g.spec(
                "list_$nouns/1",
                "is empty for a new server",
                &["assert $alias.list_$nouns(pid) == []"],
                vars,
                true,
            ),
            Op::Stats => g.spec(
                "stats/1",
                "reports an empty server",
                &["assert %{size: 0, writes: 0} = $alias.stats(pid)"],
                vars,
                true,
            ),
            Op::Record if has(Op::Recent) => g.spec(
                "record_event/2",
                "keeps the newest event first",
                &[
                    ":ok = $alias.record_event(pid, :started)",
                    ":ok = $alias.record_event(pid, :finished)",
                    "assert $alias.recent_events(pid, 1) == [:finished]",
                ],
                vars,
                true,
            ),
            Op::Record => g.spec(
                "record_event/2",
                "does not change the stored $nouns",
                &[
                    ":ok = $alias.record_event(pid, :started)",
                    "assert $alias.$noun_count(pid) == 0",
                ],
                vars,
                true,
            ),
            Op::Recent => g.spec(
                "recent_events/2",
                "is empty for a new server",
                &["assert $alias.recent_events(pid, 5) == []"],
                vars,
                true,
            ),
            Op::Update => {
                if has(Op::Put) {
                    g.spec(
                        "update_$noun/3",
                        "applies the function to the stored value",
                        &[
                            ":ok = $alias.put_$noun(pid, :alpha, 1)",
                            "assert $alias.update_$noun(pid, :alpha, &(&1 + 1)) == {:ok, 2}",
                        ],
                        vars,
                        true,
                    );
                }
                g.spec(
                "update_$noun/3",
                "returns an error for an unknown key",
                    &["assert $alias.update_$noun(pid, :missing, &(&1 + 1)) == {:error, :not_found}"],
                    vars,
                    true,
                );
            }
            Op::Refresh => g.spec(
                "refresh/1",
                "acknowledges the request",
                &["assert $alias.refresh(pid) == :ok"],
                vars,
                true,
            ),
        }
    }
}

fn server(g: &mut Gen) -> ModOut {
    let noun = g.plan.noun;
    let nouns = plural(noun);
    let periodic = g.rng.chance(0.5);
    let trap = g.rng.chance(0.3);
    let warm = g.rng.chance(0.3);
    let target = g.rng.range(110, 340) as u32;

    let tmo = if g.rng.chance(0.6) {
        let v = *g.rng.pick(&[5_000usize, 10_000, 15_000, 30_000]);
        g.attr("call_timeout", num(v));
        ", @call_timeout".to_string()
    } else {
        format!(", {}", num(*g.rng.pick(&[5_000usize, 10_000, 15_000])))
    };
    g.attr_with("default_limit", |r| num(r.range(5, 100) * 10));
    if periodic {
        g.attr_with("tick_interval", |r| num(r.range(1, 60) * 1_000));
    }

    let mut pool = vec![
        Op::Fetch,
        Op::Put,
        Op::Delete,
        Op::Reset,
        Op::List,
        Op::Stats,
        Op::Record,
        Op::Recent,
        Op::Update,
    ];
    if periodic {
        pool.push(Op::Refresh);
    }
    g.rng.shuffle(&mut pool);
    let k = g.rng.range(3, 7);
    let mut ops: Vec<Op> = pool.into_iter().take(k).collect();
    let at = g.rng.below(ops.len() + 1);
    ops.insert(at, Op::Count);
    for op in &ops {
        g.names.insert(op.name(noun, &nouns));
    }

    let vars: [(&str, &str); 3] = [("noun", noun), ("nouns", &nouns), ("coll", &nouns)];

    // Client API
    g.item();
    g.body.line("  # Client API");
    g.item();
    g.doc(&format!(
        "Starts the {} process.\n\nOptions: `:name` (defaults to the module name) and `:limit`.",
        g.plan.base.replace('_', " ")
    ));
    g.body.text(t::START_LINK);
    let mut tmo_used = false;
    for &op in &ops {
        g.item();
        let doc = op.doc(noun, &nouns);
        g.doc(&doc);
        if op.is_call() && g.rng.chance(g.rate) {
            let v = [vars[0], vars[1], vars[2], ("tmo", "")];
            g.body
                .plant(rules::CALL_TIMEOUT, "GenServer.call(", op.client(), &v);
        } else {
            let v = [vars[0], vars[1], vars[2], ("tmo", tmo.as_str())];
            g.body.tpl(op.client(), &v);
            tmo_used |= op.is_call();
        }
    }
    if !tmo_used {
        // Every call lost its timeout to a planted violation: drop the unused attribute.
        g.attrs.retain(|(name, _)| name != "call_timeout");
    }
    server_specs(g, &ops, &vars);

    // Callbacks go in their own buffer so that generic functions can be sized around them.
    let mut cb = Src::new();
    cb.blank();
    cb.line("  # Server callbacks");
    cb.blank();
    cb.line("  @impl true");
    cb.line("  def init(opts) do");
    if trap {
        cb.line("    Process.flag(:trap_exit, true)");
    }
    cb.line("    limit = Keyword.get(opts, :limit, @default_limit)");
    if periodic {
        cb.line("    interval = Keyword.get(opts, :interval, @tick_interval)");
        cb.line("    schedule_tick(interval)");
        cb.blank();
        cb.line("    state = %__MODULE__{");
        cb.line("      limit: limit,");
        cb.line("      interval: interval,");
        cb.line("      started_at: System.monotonic_time(:millisecond)");
        cb.line("    }");
    } else {
        cb.blank();
        cb.line(
            "    state = %__MODULE__{limit: limit, started_at: System.monotonic_time(:millisecond)}",
        );
    }
    cb.blank();
    if warm {
        cb.line("    {:ok, state, {:continue, :warm_up}}");
    } else {
        cb.line("    {:ok, state}");
    }
    cb.line("  end");
    if warm {
        g.logger = true;
        cb.blank();
        cb.tpl(t::CONTINUE_WARM_UP, &vars);
    }
    let mut first = true;
    for &op in ops.iter().filter(|op| op.is_call()) {
        cb.blank();
        if first {
            cb.line("  @impl true");
            first = false;
        }
        cb.tpl(op.callback(), &vars);
    }
    let mut first = true;
    for &op in ops.iter().filter(|op| !op.is_call()) {
        cb.blank();
        if first {
            cb.line("  @impl true");
            first = false;
        }
        cb.tpl(op.callback(), &vars);
    }
    cb.blank();
    cb.line("  @impl true");
    if periodic {
        cb.text(t::INFO_TICK);
        cb.blank();
    }
    cb.text(t::INFO_CATCH_ALL);
    if trap {
        g.logger = true;
        cb.blank();
        cb.tpl(t::TERMINATE, &vars);
    }
    if periodic {
        cb.blank();
        cb.text(t::SERVER_PRIVATE_TICK);
    }

    g.fill_to(target, cb.lines + 28);
    g.body.append(cb);

    let mut header = Src::new();
    header.line(&format!("defmodule {} do", g.plan.module));
    let area = g.area();
    let doc = match g.rng.below(3) {
        0 => format!(
            "Owns the in-memory {nouns} of the {area} context.\n\nWrites are serialized through a single process; every read goes through\n`GenServer.call/3` with an explicit timeout."
        ),
        1 => format!(
            "A small stateful process that tracks {nouns} and keeps a bounded history\nof recent events for the {area} context."
        ),
        _ => format!(
            "Process wrapper around a map of {nouns}.\n\nStart it under a supervisor with `start_link/1`; every client function\naccepts the server name or pid as its first argument."
        ),
    };
    g.moduledoc(&mut header, &doc);
    header.blank();
    header.line(match g.rng.below(4) {
        0 => "  use GenServer, restart: :transient",
        1 => "  use GenServer, shutdown: 10_000",
        _ => "  use GenServer",
    });
    if g.logger {
        header.blank();
        header.line("  require Logger");
    }
    g.header_attrs(&mut header);
    header.blank();
    if periodic {
        header.line("  defstruct [");
        header.line(&format!("    {nouns}: %{{}},"));
        header.line("    writes: 0,");
        header.line("    history: [],");
        header.line("    limit: @default_limit,");
        header.line("    interval: @tick_interval,");
        header.line("    started_at: nil");
        header.line("  ]");
    } else {
        header.line(&format!(
            "  defstruct {nouns}: %{{}}, writes: 0, history: [], limit: @default_limit, started_at: nil"
        ));
    }
    header.blank();
    header.line("  @type t :: %__MODULE__{");
    header.line(&format!(
        "          {nouns}: %{{optional(term()) => term()}},"
    ));
    header.line("          writes: non_neg_integer(),");
    header.line("          history: [term()],");
    header.line("          limit: pos_integer(),");
    if periodic {
        header.line("          interval: pos_integer(),");
    }
    header.line("          started_at: integer() | nil");
    header.line("        }");
    finish(g, header)
}

/// `Gen::finish` consumes the generator; module kinds hold it by `&mut`.
fn finish(g: &mut Gen, header: Src) -> ModOut {
    let taken = Gen {
        rng: g.rng.clone(),
        plan: g.plan,
        rate: g.rate,
        body: std::mem::take(&mut g.body),
        attrs: std::mem::take(&mut g.attrs),
        helpers: std::mem::take(&mut g.helpers),
        names: std::mem::take(&mut g.names),
        logger: g.logger,
        specs: std::mem::take(&mut g.specs),
    };
    taken.finish(header)
}

fn supervisor(g: &mut Gen, all: &[ModPlan]) -> ModOut {
    let target = g.rng.range(100, 280) as u32;
    let children: Vec<&ModPlan> = g.plan.children.iter().map(|&i| &all[i]).collect();
    let module = g.plan.module.clone();
    let dyn_name = format!("{module}.DynamicSupervisor");
    let reg = format!("{module}.Registry");
    let strategy = *g.rng.pick(&["one_for_one", "rest_for_one", "one_for_all"]);
    g.attr_with("max_restarts", |r| r.range(3, 10).to_string());
    g.attr_with("max_seconds", |r| r.range(5, 60).to_string());
    for n in [
        "start_link",
        "init",
        "start_worker",
        "running_children",
        "lookup",
    ] {
        g.names.insert(n.to_string());
    }

    g.item();
    g.doc("Starts the supervisor linked to the calling process.");
    g.body.text(t::SUP_START_LINK);
    g.item();
    g.body.line("  @impl true");
    if children.is_empty() {
        g.body.line("  def init(_opts) do");
    } else {
        g.body.line("  def init(opts) do");
    }
    g.body.line("    children = [");
    for (i, c) in children.iter().enumerate() {
        if i == 0 {
            g.body.line(&format!(
                "      {{{}, Keyword.take(opts, [:limit])}},",
                c.module
            ));
        } else if g.rng.chance(0.5) {
            g.body.line(&format!("      {},", c.module));
        } else {
            g.body.line(&format!("      {{{}, []}},", c.module));
        }
    }
    let childspec = match children.first() {
        Some(c) => format!("{{{}, args}}", c.module),
        None => "{Agent, fn -> Map.new(args) end}".to_string(),
    };
    let vars = [
        ("dyn", dyn_name.as_str()),
        ("reg", reg.as_str()),
        ("strategy", strategy),
        ("childspec", childspec.as_str()),
    ];
    g.body.tpl(t::SUP_INIT_TAIL, &vars);
    g.item();
    g.doc("Starts a child under the dynamic supervisor.");
    g.body.tpl(t::SUP_START_WORKER, &vars);
    g.item();
    g.doc("Returns how many children are currently running.");
    g.body.tpl(t::SUP_RUNNING, &vars);
    g.item();
    g.doc("Finds the process registered under `key`.");
    g.body.tpl(t::SUP_LOOKUP, &vars);
    g.spec(
        "running_children/1",
        "starts its static children",
        &["assert $alias.running_children(pid) >= 2"],
        &[],
        true,
    );
    g.spec(
        "lookup/1",
        "returns :error for an unregistered key",
        &["assert $alias.lookup(make_ref()) == :error"],
        &[],
        false,
    );
    g.fill_to(target, 14);

    let mut header = Src::new();
    header.line(&format!("defmodule {module} do"));
    let area = g.area();
    let doc = if g.rng.chance(0.5) {
        format!(
            "Supervises the {area} processes.\n\nStatic children start in order; on-demand workers go under a\n`DynamicSupervisor` and register themselves in a `Registry`."
        )
    } else {
        format!(
            "Top-level supervisor for {area} workers, their registry and a dynamic\nsupervisor for children started on demand."
        )
    };
    g.moduledoc(&mut header, &doc);
    header.blank();
    header.line("  use Supervisor");
    if g.logger {
        header.blank();
        header.line("  require Logger");
    }
    g.header_attrs(&mut header);
    finish(g, header)
}

fn struct_module(g: &mut Gen) -> ModOut {
    let target = g.rng.range(100, 320) as u32;
    let noun = g.plan.noun;
    let field = *g.rng.pick(FIELDS);
    let rf = *g
        .rng
        .pick(&["customer_id", "owner_id", "account_id", "parent_id"]);
    let tags = g.rng.chance(0.6);
    g.attr("statuses", "[:pending, :active, :closed]".to_string());
    g.attr(
        "status_names",
        "%{\"pending\" => :pending, \"active\" => :active, \"closed\" => :closed}".to_string(),
    );
    g.attr(
        "transitions",
        "[{:pending, :active}, {:active, :closed}, {:pending, :closed}]".to_string(),
    );
    if tags {
        g.attr_with("max_tags", |r| r.range(5, 20).to_string());
    }
    g.helper(Helper::FetchRequired);
    let vars = [("noun", noun), ("field", field), ("ref", rf)];

    g.item();
    g.doc(&format!(
        "Builds a `{}` from a map of attributes.\n\nReturns `{{:error, reason}}` when `:id` is missing or the status is unknown.",
        g.plan.alias
    ));
    g.body.tpl(t::STRUCT_NEW, &vars);
    g.item();
    g.doc("Casts an atom or an external string to a known status.");
    g.body.tpl(t::STRUCT_CAST_STATUS, &vars);
    g.item();
    g.doc(&format!(
        "Moves the {noun} to status `to` when the transition is allowed."
    ));
    g.body.tpl(t::STRUCT_TRANSITION, &vars);
    if tags {
        g.item();
        g.doc("Adds a lower-cased tag, keeping at most `@max_tags` of them.");
        g.body.tpl(t::STRUCT_TAG, &vars);
    }
    g.spec(
        "new/1",
        "builds a pending $noun",
        &["assert {:ok, %$alias{id: 1, status: :pending}} = $alias.new(%{id: 1})"],
        &vars,
        false,
    );
    g.spec(
        "new/1",
        "requires an id",
        &["assert {:error, {:missing, :id}} = $alias.new(%{$field: 3})"],
        &vars,
        false,
    );
    g.spec(
        "cast_status/1",
        "accepts external names",
        &["assert $alias.cast_status(\"active\") == {:ok, :active}"],
        &vars,
        false,
    );
    g.spec(
        "cast_status/1",
        "rejects unknown names",
        &["assert $alias.cast_status(\"bogus\") == {:error, {:invalid_status, \"bogus\"}}"],
        &vars,
        false,
    );
    g.spec(
        "transition/2",
        "activates a pending $noun",
        &["assert {:ok, %$alias{status: :active}} = $alias.transition(%$alias{id: 1}, :active)"],
        &vars,
        false,
    );
    g.spec(
        "transition/2",
        "refuses to reopen a closed $noun",
        &[
            "$noun = %$alias{id: 1, status: :closed}",
            "assert $alias.transition($noun, :active) == {:error, {:invalid_transition, :closed, :active}}",
        ],
        &vars,
        false,
    );
    if tags {
        g.spec(
            "add_tag/2",
            "stores tags in lower case",
            &["assert $alias.add_tag(%$alias{id: 1}, \"VIP\").tags == [\"vip\"]"],
            &vars,
            false,
        );
    }
    g.fill_to(target, 24);

    let mut header = Src::new();
    header.line(&format!("defmodule {} do", g.plan.module));
    let area = g.area();
    let doc = if g.rng.chance(0.5) {
        format!(
            "The `{}` struct and the functions that validate and transition it.",
            g.plan.alias
        )
    } else {
        format!(
            "Data model for a {noun} in the {area} context.\n\nA {noun} moves from `:pending` to `:active` to `:closed`; see `transition/2`."
        )
    };
    g.moduledoc(&mut header, &doc);
    if g.logger {
        header.blank();
        header.line("  require Logger");
    }
    g.header_attrs(&mut header);
    header.blank();
    header.line("  @enforce_keys [:id]");
    header.line(&format!(
        "  defstruct [:id, :{rf}, status: :pending, {field}: 0, tags: [], inserted_at: nil]"
    ));
    header.blank();
    header.line("  @type status :: :pending | :active | :closed");
    header.line("  @type t :: %__MODULE__{");
    header.line("          id: term(),");
    header.line(&format!("          {rf}: term() | nil,"));
    header.line("          status: status(),");
    header.line(&format!("          {field}: number(),"));
    header.line("          tags: [String.t()],");
    header.line("          inserted_at: DateTime.t() | nil");
    header.line("        }");
    finish(g, header)
}

fn util_module(g: &mut Gen) -> ModOut {
    let target = g.rng.range(100, 320) as u32;
    g.fill_to(target, 10);
    let mut header = Src::new();
    header.line(&format!("defmodule {} do", g.plan.module));
    let area = g.area();
    let nouns = plural(g.plan.noun);
    let base = g.plan.base;
    let doc = match g.rng.below(3) {
        0 => format!("Pure helper functions for {area} {nouns}."),
        1 => format!(
            "Stateless {base} helpers used across the {area} context.\n\nNothing here touches processes; every function is safe to call from any caller."
        ),
        _ => format!(
            "Functions that reshape, validate and summarize {nouns}.\n\nInputs are plain maps as decoded from JSON or loaded from the database."
        ),
    };
    g.moduledoc(&mut header, &doc);
    if g.logger {
        header.blank();
        header.line("  require Logger");
    }
    g.header_attrs(&mut header);
    finish(g, header)
}

// ---------------------------------------------------------------- clean function templates

type Template = fn(&mut Gen);

const CLEAN: &[Template] = &[
    c_sum,
    c_fetch,
    c_with,
    c_count_by,
    c_cond,
    c_clauses,
    c_for,
    c_slug,
    c_discount,
    c_group_sum,
    c_options,
    c_log_failure,
    c_top,
    c_split_results,
    c_expired,
    c_reduce_while,
    c_setting,
    c_config,
    c_batch,
    c_accept,
    c_merge,
    c_percentile,
    c_dedup,
    c_format,
];

fn c_sum(g: &mut Gen) {
    let field = *g.rng.pick(FIELDS);
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("total_{field}")
        } else {
            format!("{noun}_{field}_total")
        }
    });
    g.helper(Helper::Archived);
    g.item();
    g.doc(&format!(
        "Sums `{field}` over every {noun} that is not archived."
    ));
    let v = [
        ("fn", f.as_str()),
        ("field", field),
        ("nouns", nouns.as_str()),
    ];
    g.body.tpl(t::T_SUM, &v);
    g.spec(
        "$fn/1",
        "sums $field of live $nouns",
        &["assert $alias.$fn([%{$field: 2}, %{$field: 3, status: :archived}, %{$field: 5}]) == 7"],
        &v,
        false,
    );
}

fn c_fetch(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("fetch_{noun}")
        } else {
            format!("find_{noun}")
        }
    });
    g.item();
    g.doc(&format!(
        "Looks up a {noun} by id in an index of {nouns}.\n\nArchived {nouns} are reported as `{{:error, :archived}}`."
    ));
    let v = [
        ("fn", f.as_str()),
        ("noun", noun),
        ("nouns", nouns.as_str()),
    ];
    g.body.tpl(t::T_FETCH, &v);
    g.spec(
        "$fn/2",
        "reports a missing $noun",
        &["assert $alias.$fn(%{}, 1) == {:error, :not_found}"],
        &v,
        false,
    );
    g.spec(
        "$fn/2",
        "reports an archived $noun",
        &["assert $alias.$fn(%{1 => %{status: :archived}}, 1) == {:error, :archived}"],
        &v,
        false,
    );
}

fn c_with(g: &mut Gen) {
    let noun = g.noun();
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("build_{noun}")
        } else {
            format!("validate_{noun}_params")
        }
    });
    g.attr_with(&format!("max_{field}"), |r| num(r.range(1, 100) * 100));
    g.helper(Helper::FetchRequired);
    g.helper(Helper::ParseInteger);
    g.helper(Helper::CheckRange);
    g.item();
    g.doc(&format!(
        "Validates raw params and builds a {noun} map.\n\n`\"{field}\"` may be given as an integer or a numeric string."
    ));
    let v = [("fn", f.as_str()), ("noun", noun), ("field", field)];
    g.body.tpl(t::T_WITH, &v);
    g.spec(
        "$fn/1",
        "accepts numeric strings",
        &["assert {:ok, %{name: \"a\", $field: 3}} = $alias.$fn(%{\"name\" => \"a\", \"$field\" => \"3\"})"],
        &v,
        false,
    );
    g.spec(
        "$fn/1",
        "requires a name",
        &["assert {:error, {:invalid_$noun, {:missing, \"name\"}}} = $alias.$fn(%{})"],
        &v,
        false,
    );
}

fn c_count_by(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let key = *g.rng.pick(KEYS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("count_by_{key}")
        } else {
            format!("count_{nouns}_by_{key}")
        }
    });
    g.item();
    g.doc(&format!("Counts {nouns} per `{key}`."));
    let v = [
        ("fn", f.as_str()),
        ("noun", noun),
        ("nouns", nouns.as_str()),
        ("key", key),
    ];
    g.body.tpl(t::T_COUNT_BY, &v);
    g.spec(
        "$fn/1",
        "counts $nouns per $key",
        &["assert $alias.$fn([%{$key: :a}, %{$key: :a}, %{$key: :b}]) == %{a: 2, b: 1}"],
        &v,
        false,
    );
}

fn c_cond(g: &mut Gen) {
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|_| format!("classify_{field}"));
    let t1 = g.rng.range(1, 10) * 10;
    let t2 = t1 + g.rng.range(1, 10) * 50;
    let t3 = t2 + g.rng.range(1, 20) * 100;
    let (s1, s2, s3) = (num(t1), num(t2), num(t3));
    g.item();
    g.doc(&format!(
        "Buckets a `{field}` value: below {s1} is `:low`, below {s3} at most `:high`."
    ));
    let v = [
        ("fn", f.as_str()),
        ("t1", s1.as_str()),
        ("t2", s2.as_str()),
        ("t3", s3.as_str()),
    ];
    g.body.tpl(t::T_COND, &v);
    g.spec(
        "$fn/1",
        "treats zero as low",
        &["assert $alias.$fn(0) == :low"],
        &v,
        false,
    );
    g.spec(
        "$fn/1",
        "flags values at the top threshold",
        &["assert $alias.$fn($t3) == :critical"],
        &v,
        false,
    );
}

fn c_clauses(g: &mut Gen) {
    let (concept, [a, b, c]) = *g.rng.pick(ENUMS);
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("normalize_{concept}"),
        1 => format!("parse_{concept}"),
        _ => format!("{concept}_from_string"),
    });
    g.item();
    g.doc(&format!(
        "Maps an external {concept} string to its internal atom."
    ));
    let v = [("fn", f.as_str()), ("a", a), ("b", b), ("c", c)];
    g.body.tpl(t::T_CLAUSES, &v);
    g.spec(
        "$fn/1",
        "maps known values",
        &["assert $alias.$fn(\"$b\") == :$b"],
        &v,
        false,
    );
    g.spec(
        "$fn/1",
        "keeps unknown values",
        &["assert $alias.$fn(\"bogus\") == {:unknown, \"bogus\"}"],
        &v,
        false,
    );
}

fn c_for(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("collect_{noun}_fields")
        } else {
            format!("pluck_{noun}_fields")
        }
    });
    g.item();
    g.doc(&format!(
        "Returns `{{key, value}}` pairs for each of `keys` present in each {noun}."
    ));
    let v = [
        ("fn", f.as_str()),
        ("noun", noun),
        ("nouns", nouns.as_str()),
    ];
    g.body.tpl(t::T_FOR, &v);
    g.spec(
        "$fn/2",
        "skips absent keys",
        &["assert $alias.$fn([%{a: 1, b: 2}], [:a, :c]) == [a: 1]"],
        &v,
        false,
    );
}

fn c_slug(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("{noun}_slug")
        } else {
            format!("normalize_{noun}_key")
        }
    });
    let sep = if g.rng.chance(0.5) { "-" } else { "_" };
    g.item();
    g.doc(&format!(
        "Turns a {noun} title into a lower-case, `{sep}`-separated key."
    ));
    let v = [("fn", f.as_str()), ("sep", sep)];
    g.body.tpl(t::T_SLUG, &v);
    g.spec(
        "$fn/1",
        "lower-cases and joins words",
        &["assert $alias.$fn(\"  Hello World \") == \"hello${sep}world\""],
        &v,
        false,
    );
}

fn c_discount(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            "apply_discount".to_string()
        } else {
            format!("apply_{noun}_discount")
        }
    });
    g.attr_with("max_discount", |r| num(r.range(5, 50) * 10));
    g.item();
    g.doc("Applies a percentage discount, capped at `@max_discount`.");
    let v = [("fn", f.as_str())];
    g.body.tpl(t::T_DISCOUNT, &v);
    g.spec(
        "$fn/2",
        "takes the percentage off",
        &["assert $alias.$fn(100, 10) == 90.0"],
        &v,
        false,
    );
}

fn c_group_sum(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let field = *g.rng.pick(FIELDS);
    let key = *g.rng.pick(KEYS);
    let f = g.fresh1(|_| format!("{field}_by_{key}"));
    g.item();
    g.doc(&format!(
        "Sums `{field}` per `{key}` over a list of {nouns}."
    ));
    let v = [
        ("fn", f.as_str()),
        ("nouns", nouns.as_str()),
        ("field", field),
        ("key", key),
    ];
    g.body.tpl(t::T_GROUP_SUM, &v);
    g.spec(
        "$fn/1",
        "sums per $key",
        &["assert $alias.$fn([%{$key: :x, $field: 2}, %{$key: :x, $field: 3}]) == %{x: 5}"],
        &v,
        false,
    );
}

fn c_options(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("{noun}_query_options"),
        1 => "page_options".to_string(),
        _ => "list_options".to_string(),
    });
    g.attr_with("default_limit", |r| num(r.range(2, 10) * 10));
    let max = num(g.rng.range(2, 10) * 100);
    g.attr("max_limit", max.clone());
    // The attribute may already exist with another value; test against the one in use.
    let max = g
        .attrs
        .iter()
        .find(|(n, _)| n == "max_limit")
        .map(|(_, v)| v.clone())
        .unwrap_or(max);
    g.item();
    g.doc("Normalizes listing options: `:limit`, `:order` and `:offset`.");
    let v = [("fn", f.as_str()), ("max", max.as_str())];
    g.body.tpl(t::T_OPTIONS, &v);
    g.spec(
        "$fn/1",
        "defaults to ascending order",
        &["assert $alias.$fn([]).order == :asc"],
        &v,
        false,
    );
    g.spec(
        "$fn/1",
        "caps the limit",
        &["assert $alias.$fn(limit: 100_000).limit == $max"],
        &v,
        false,
    );
}

fn c_log_failure(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("report_{noun}_failure")
        } else {
            format!("log_{noun}_error")
        }
    });
    g.logger = true;
    g.item();
    g.doc("Logs a failed operation and returns the error tuple unchanged.");
    let v = [("fn", f.as_str()), ("noun", noun)];
    g.body.tpl(t::T_LOG_FAILURE, &v);
    g.spec(
        "$fn/2",
        "returns the error",
        &["assert $alias.$fn(:timeout) == {:error, :timeout}"],
        &v,
        false,
    );
}

fn c_top(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("top_{nouns}_by_{field}")
        } else {
            format!("largest_{nouns}")
        }
    });
    let n = g.rng.range(3, 10).to_string();
    g.item();
    g.doc(&format!(
        "Returns the `n` {nouns} with the highest `{field}`."
    ));
    let v = [
        ("fn", f.as_str()),
        ("nouns", nouns.as_str()),
        ("field", field),
        ("n", n.as_str()),
    ];
    g.body.tpl(t::T_TOP, &v);
    g.spec(
        "$fn/2",
        "keeps the largest",
        &["assert $alias.$fn([%{$field: 1}, %{$field: 5}], 1) == [%{$field: 5}]"],
        &v,
        false,
    );
}

fn c_split_results(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("split_{noun}_results")
        } else {
            "partition_results".to_string()
        }
    });
    g.item();
    g.doc("Groups `{:ok, value}` and `{:error, reason}` results by outcome.");
    let v = [("fn", f.as_str())];
    g.body.tpl(t::T_SPLIT_RESULTS, &v);
    g.spec(
        "$fn/1",
        "groups by outcome",
        &["assert $alias.$fn([{:ok, 1}, {:error, :x}]) == %{ok: [1], error: [:x]}"],
        &v,
        false,
    );
}

fn c_expired(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|_| format!("{noun}_expired?"));
    g.item();
    g.doc(&format!(
        "True when the {noun} has an `expires_at` before `now`."
    ));
    let v = [("fn", f.as_str()), ("noun", noun)];
    g.body.tpl(t::T_EXPIRED, &v);
    g.spec(
        "$fn/2",
        "treats a missing expiry as live",
        &["assert $alias.$fn(%{}, DateTime.utc_now()) == false"],
        &v,
        false,
    );
    g.spec(
        "$fn/2",
        "detects a past expiry",
        &["assert $alias.$fn(%{expires_at: ~U[2020-01-01 00:00:00Z]}, DateTime.utc_now())"],
        &v,
        false,
    );
}

fn c_reduce_while(g: &mut Gen) {
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("accumulate_{field}")
        } else {
            format!("sum_{field}_within_limit")
        }
    });
    g.item();
    g.doc(&format!(
        "Adds up `{field}` values, stopping as soon as the total would exceed `limit`."
    ));
    let v = [("fn", f.as_str())];
    g.body.tpl(t::T_REDUCE_WHILE, &v);
    g.spec(
        "$fn/2",
        "sums below the limit",
        &["assert $alias.$fn([1, 2, 3], 10) == {:ok, 6}"],
        &v,
        false,
    );
    g.spec(
        "$fn/2",
        "stops at the limit",
        &["assert $alias.$fn([5, 6], 10) == {:error, :limit_exceeded}"],
        &v,
        false,
    );
}

fn c_setting(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("{noun}_setting")
        } else {
            format!("lookup_{noun}_option")
        }
    });
    g.item();
    g.doc("Reads a nested setting, falling back to `default`.");
    let v = [("fn", f.as_str())];
    g.body.tpl(t::T_SETTING, &v);
    g.spec(
        "$fn/3",
        "reads nested keys",
        &["assert $alias.$fn(%{a: %{b: 1}}, [:a, :b]) == 1"],
        &v,
        false,
    );
}

fn c_config(g: &mut Gen) {
    let key = *g.rng.pick(CONFIG_KEYS);
    let f = g.fresh1(|_| format!("configured_{key}"));
    let n = num(g.rng.range(1, 40) * 5);
    g.item();
    g.doc(&format!(
        "The `:{key}` setting, read at runtime from the application environment."
    ));
    let v = [("fn", f.as_str()), ("key", key), ("n", n.as_str())];
    g.body.tpl(t::T_CONFIG, &v);
    g.spec(
        "$fn/0",
        "falls back to the default",
        &["assert $alias.$fn() == $n"],
        &v,
        false,
    );
}

fn c_batch(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("batch_{nouns}")
        } else {
            format!("chunk_{nouns}")
        }
    });
    g.attr_with("batch_size", |r| num(r.range(1, 50) * 10));
    g.item();
    g.doc(&format!(
        "Splits {nouns} into numbered batches of at most `size` elements."
    ));
    let v = [("fn", f.as_str()), ("nouns", nouns.as_str())];
    g.body.tpl(t::T_BATCH, &v);
    g.spec(
        "$fn/2",
        "numbers the batches",
        &["assert $alias.$fn([1, 2, 3], 2) == [{0, [1, 2]}, {1, [3]}]"],
        &v,
        false,
    );
}

fn c_accept(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let names = g.fresh(|r| {
        let verb = *r.pick(&["accept", "admit", "screen"]);
        vec![format!("{verb}_{nouns}"), format!("valid_{noun}?")]
    });
    g.logger = true;
    g.item();
    g.doc(&format!(
        "Counts the {nouns} that carry an id and logs how long that took."
    ));
    let v = [
        ("fn", names[0].as_str()),
        ("helper", names[1].as_str()),
        ("noun", noun),
        ("nouns", nouns.as_str()),
    ];
    g.body.tpl(t::T_ACCEPT, &v);
    g.spec(
        "$fn/1",
        "counts $nouns with an id",
        &["assert $alias.$fn([%{id: 1}, %{id: nil}]) == {:ok, 1}"],
        &v,
        false,
    );
}

fn c_merge(g: &mut Gen) {
    let noun = g.noun();
    let field = *g.rng.pick(FIELDS);
    let key = *g.rng.pick(KEYS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("merge_{noun}_changes")
        } else {
            format!("apply_{noun}_changes")
        }
    });
    let attr = format!("{noun}_fields");
    g.attr(&attr, format!("[:name, :{field}, :{key}]"));
    g.item();
    g.doc(&format!(
        "Merges the allowed fields of `changes` into a {noun}; `nil` never overwrites."
    ));
    let v = [("fn", f.as_str()), ("attr", attr.as_str())];
    g.body.tpl(t::T_MERGE, &v);
    g.spec(
        "$fn/2",
        "ignores unknown fields",
        &["assert $alias.$fn(%{name: \"a\"}, %{name: \"b\", bogus: 1}) == %{name: \"b\"}"],
        &v,
        false,
    );
}

fn c_percentile(g: &mut Gen) {
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("{field}_percentile")
        } else {
            "percentile".to_string()
        }
    });
    g.item();
    g.doc("Nearest-rank percentile of a list of numbers; `nil` for an empty list.");
    let v = [("fn", f.as_str())];
    g.body.tpl(t::T_PERCENTILE, &v);
    g.spec(
        "$fn/2",
        "finds the median",
        &["assert $alias.$fn([5, 1, 4, 2, 3], 50) == 3"],
        &v,
        false,
    );
    g.spec(
        "$fn/2",
        "is nil for no values",
        &["assert $alias.$fn([], 90) == nil"],
        &v,
        false,
    );
}

fn c_dedup(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("dedupe_{nouns}")
        } else {
            format!("latest_{nouns}")
        }
    });
    g.item();
    g.doc(&format!(
        "Keeps one {noun} per id, the one with the highest `{field}`."
    ));
    let v = [
        ("fn", f.as_str()),
        ("nouns", nouns.as_str()),
        ("field", field),
    ];
    g.body.tpl(t::T_DEDUP, &v);
    g.spec(
        "$fn/1",
        "keeps the highest $field per id",
        &["assert $alias.$fn([%{id: 1, $field: 1}, %{id: 1, $field: 2}]) == [%{id: 1, $field: 2}]"],
        &v,
        false,
    );
}

fn c_format(g: &mut Gen) {
    let noun = g.noun();
    let field = *g.rng.pick(FIELDS);
    let f = g.fresh1(|r| {
        if r.chance(0.5) {
            format!("format_{noun}")
        } else {
            format!("describe_{noun}")
        }
    });
    g.item();
    g.doc(&format!("A one-line human-readable label for a {noun}."));
    let v = [("fn", f.as_str()), ("noun", noun), ("field", field)];
    g.body.tpl(t::T_FORMAT, &v);
    g.spec(
        "$fn/1",
        "renders label, id and $field",
        &["assert $alias.$fn(%{id: 7, label: \"x\", $field: 3}) == \"x #7 ($field: 3)\""],
        &v,
        false,
    );
}

// ---------------------------------------------------------------- planted violations

fn v_send(g: &mut Gen) {
    let noun = g.noun();
    let pid = *g.rng.pick(PID_PARAMS);
    let x = *g.rng.pick(&["change", "payload", "update", "snapshot"]);
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("notify_{noun}_change"),
        1 => format!("broadcast_{noun}"),
        _ => format!("forward_{noun}"),
    });
    g.item();
    g.doc(&format!("Tells `{pid}` that a {noun} changed."));
    let v = [("fn", f.as_str()), ("pid", pid), ("x", x), ("noun", noun)];
    let tpl = if g.rng.chance(0.5) {
        g.logger = true;
        t::V_SEND_LOGGED
    } else {
        t::V_SEND
    };
    g.body.plant(rules::NO_RAW_SEND, "send(", tpl, &v);
}

fn v_call(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("request_{noun}"),
        1 => format!("pull_{nouns}"),
        _ => format!("poll_{noun}_status"),
    });
    g.item();
    g.doc(&format!("Asks `server` for the current {noun}."));
    let v = [("fn", f.as_str()), ("noun", noun)];
    let tpl = if g.rng.chance(0.5) {
        t::V_CALL
    } else {
        t::V_CALL_CASE
    };
    g.body
        .plant(rules::CALL_TIMEOUT, "GenServer.call(", tpl, &v);
}

fn v_spawn(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("process_{noun}_async"),
        1 => format!("schedule_{noun}"),
        _ => format!("enqueue_{noun}"),
    });
    let x = if g.rng.chance(0.5) { "job" } else { noun };
    g.helper(Helper::DoWork);
    g.item();
    g.doc(&format!("Processes a {noun} in the background."));
    let v = [("fn", f.as_str()), ("x", x)];
    g.body
        .plant(rules::OTP_NO_RAW_SPAWN, "spawn(", t::V_SPAWN, &v);
}

fn v_pdict(g: &mut Gen) {
    let noun = g.noun();
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("touch_{noun}"),
        1 => format!("remember_{noun}"),
        _ => format!("mark_{noun}_seen"),
    });
    let x = format!("{noun}_id");
    g.item();
    g.doc(&format!("Remembers the last {noun} seen by this process."));
    let v = [("fn", f.as_str()), ("x", x.as_str())];
    g.body
        .plant(rules::NO_PROCESS_DICTIONARY, "Process.put(", t::V_PDICT, &v);
}

fn v_unused(g: &mut Gen) {
    let noun = g.noun();
    let nouns = plural(noun);
    let f = g.fresh1(|r| match r.below(3) {
        0 => format!("import_{nouns}"),
        1 => format!("sync_{nouns}"),
        _ => format!("prepare_{nouns}"),
    });
    g.helper(Helper::Transform);
    g.item();
    g.doc(&format!("Imports a list of {nouns}."));
    let v = [("fn", f.as_str()), ("nouns", nouns.as_str())];
    let tpl = if g.rng.chance(0.5) {
        g.logger = true;
        t::V_UNUSED_LOGGED
    } else {
        t::V_UNUSED
    };
    g.body.plant(
        rules::UNUSED_OPERATION,
        "Enum.map(items, &transform/1)",
        tpl,
        &v,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_suffixes() {
        assert_eq!(num(5_000), "5_000");
        assert_eq!(num(500), "500");
        assert_eq!(num(10_000), "10_000");
        assert_eq!(num(1_234_567), "1_234_567");
        assert_eq!(suffixed("valid_order?", 2), "valid_order_2?");
        assert_eq!(suffixed("build_order", 3), "build_order_3");
    }
}
