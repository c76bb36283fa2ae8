//! Supervisor names that messages and fixes suggest (`Task.Supervisor.start_child/2`
//! under `MyApp.TaskSupervisor`) must be ones the project defines. Rules write a
//! marker where the name goes; the engine fills it in once it knows the names: from
//! the file alone for a single-file check, from every file when a project is
//! concluded. A marker in prose becomes the name in backticks, or "your
//! Task.Supervisor" when the project defines none; a fix that needs the name in code
//! is dropped when there is none.
//!
//! A name is only suggested for code of the same Mix project (the nearest folder
//! with a `mix.exs`: an umbrella's or a repository's sibling project does not run
//! the other's supervisors), and only when it belongs to the code's own part of the
//! application: `MyApp.TaskSupervisor` fits any module, but
//! `MyApp.RateCounter.DynamicSupervisor` only `MyApp.RateCounter.*`.

use crate::finding::Finding;
use crate::model::{Ctx, File};
use crate::scope::FileScope;
use crate::syntax::{self, grammar, named_children};
use serde::{Deserialize, Serialize};
use tree_sitter::Node;

/// The kinds of supervisor a message can suggest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Task,
    Dynamic,
}

impl Kind {
    fn tag(self) -> char {
        match self {
            Kind::Task => 'T',
            Kind::Dynamic => 'D',
        }
    }
    fn generic(self) -> &'static str {
        match self {
            Kind::Task => "your Task.Supervisor",
            Kind::Dynamic => "your DynamicSupervisor",
        }
    }
}

const PROSE: char = '\u{1}';
const CODE: char = '\u{2}';

/// Where the supervisor's name goes in a message or a fix title:
/// "`MyApp.TaskSupervisor`", or "your Task.Supervisor".
pub fn prose(kind: Kind) -> String {
    format!("{PROSE}{}{PROSE}", kind.tag())
}

/// Where the supervisor's name goes in code (a fix's edit): the bare name; the fix is
/// dropped when the project names none.
pub fn code(kind: Kind) -> String {
    format!("{CODE}{}{CODE}", kind.tag())
}

/// Supervisor names a file defines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// The file that defines them (set when it defines any): its Mix project is the
    /// only one whose code may be pointed at them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dynamic: Vec<String>,
}

impl Names {
    /// `{Task.Supervisor, name: X}` children, `Task.Supervisor.start_link(name: X)`
    /// (the same for `DynamicSupervisor`), and modules named `*.TaskSupervisor`.
    /// Only application code counts: a supervisor a test starts is no place for
    /// production work (`.exs` scripts and test modules are left out too).
    pub fn collect(file: &File) -> Names {
        let mut names = Names::default();
        if file.scope != FileScope::Lib || file.path.ends_with(".exs") {
            return names;
        }
        for (module, tuple, ctx) in &file.alias_tuples {
            if let Some(kind) = kind_of(module)
                && let Some(name) = named_children(*tuple)
                    .skip(1)
                    .find_map(|opts| name_option(file, opts, ctx))
            {
                names.add(kind, name);
            }
        }
        for call in file.calls_named("start_link") {
            if let Some(kind) = call.module.as_deref().and_then(kind_of)
                && let Some(name) = call
                    .args
                    .iter()
                    .find_map(|opts| name_option(file, *opts, &call.ctx))
            {
                names.add(kind, name);
            }
        }
        for m in &file.modules {
            if !m.quoted && m.name.rsplit('.').next() == Some("TaskSupervisor") {
                names.add(Kind::Task, m.name.clone());
            }
        }
        if !names.task.is_empty() || !names.dynamic.is_empty() {
            names.path = file.path.to_string();
        }
        names
    }

    /// The names of `all` (each file's) defined in the Mix project that holds `path`.
    pub fn of_project(all: &[&Names], path: &str, mix_dirs: &[String]) -> Names {
        let root = crate::scope::project_root(path, mix_dirs);
        let mut names = Names::default();
        for n in all {
            if (!n.task.is_empty() || !n.dynamic.is_empty())
                && crate::scope::project_root(&n.path, mix_dirs) == root
            {
                names.extend(n);
            }
        }
        names
    }

    pub fn extend(&mut self, other: &Names) {
        if self.path.is_empty() {
            self.path.clone_from(&other.path);
        }
        for n in &other.task {
            self.add(Kind::Task, n.clone());
        }
        for n in &other.dynamic {
            self.add(Kind::Dynamic, n.clone());
        }
    }

    fn add(&mut self, kind: Kind, name: String) {
        let list = match kind {
            Kind::Task => &mut self.task,
            Kind::Dynamic => &mut self.dynamic,
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }

    /// The name to suggest to code of `module` (empty when not known). A name whose
    /// namespace (the name without its last segment) has one segment or none
    /// (`MyApp.TaskSupervisor`, `:tasks`) serves the whole application, `MyAppWeb`
    /// included; a deeper one (`MyApp.RateCounter.DynamicSupervisor`) serves its part
    /// of it, the modules in that namespace, and is not the place for a database
    /// pool of `MyApp.Database`. Of those that fit, the most specific; on a tie the
    /// one named for the kind alone (`Explorer.TaskSupervisor` over
    /// `Explorer.HistoryTaskSupervisor`, which serves the history fetchers: R44
    /// blockscout), else the first found.
    fn pick(&self, tag: char, module: &str) -> Option<&str> {
        let (list, generic) = match tag {
            'T' => (&self.task, "TaskSupervisor"),
            'D' => (&self.dynamic, "DynamicSupervisor"),
            _ => return None,
        };
        let is_generic = |name: &str| name.rsplit('.').next() == Some(generic);
        let mut best: Option<(&str, usize)> = None;
        for name in list {
            let ns = name.rsplit_once('.').map_or("", |(ns, _)| ns);
            let ns = if name.starts_with(':') { "" } else { ns };
            let fits = !ns.contains('.')
                || module == ns
                || module
                    .strip_prefix(ns)
                    .is_some_and(|rest| rest.starts_with('.'));
            let better = |(held, len): (&str, usize)| {
                ns.len() > len || ns.len() == len && is_generic(name) && !is_generic(held)
            };
            if fits && best.is_none_or(better) {
                best = Some((name, ns.len()));
            }
        }
        best.map(|(name, _)| name)
    }

    /// Fill in the markers of a finding: its message, its fixes' titles and edits.
    pub fn resolve(&self, finding: &mut Finding) {
        if !has_marker(&finding.message)
            && !finding
                .fixes
                .iter()
                .any(|f| has_marker(&f.title) || f.edits.iter().any(|e| has_marker(&e.replacement)))
        {
            return;
        }
        let module = module_of_scope(&finding.scope);
        finding.message = self.fill(&finding.message, module);
        finding.fixes.retain_mut(|fix| {
            fix.title = self.fill(&fix.title, module);
            fix.edits.iter_mut().all(|e| {
                e.replacement = self.fill(&e.replacement, module);
                !e.replacement.contains(CODE)
            })
        });
    }

    /// Replace every marker; a code marker without a name is left in place (so the
    /// caller can tell the fix cannot be written).
    fn fill(&self, text: &str, module: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find([PROSE, CODE]) {
            out.push_str(&rest[..i]);
            let mark = rest[i..].chars().next().unwrap_or(PROSE);
            let after = &rest[i + mark.len_utf8()..];
            let Some(tag) = after.chars().next() else {
                rest = after;
                break;
            };
            let kind = if tag == 'D' {
                Kind::Dynamic
            } else {
                Kind::Task
            };
            match (mark, self.pick(tag, module)) {
                (PROSE, Some(name)) => out.push_str(&format!("`{name}`")),
                (PROSE, None) => out.push_str(kind.generic()),
                (_, Some(name)) => out.push_str(name),
                (_, None) => out.push_str(&format!("{CODE}{tag}{CODE}")),
            }
            rest = &after[tag.len_utf8()..];
            rest = rest.strip_prefix(mark).unwrap_or(rest);
        }
        out.push_str(rest);
        out
    }
}

/// The module of a finding's scope: `MyApp.Orders` of `MyApp.Orders.place/2` (and of
/// `MyApp.OrdersTest test "..."`'s `MyApp.OrdersTest`); empty at file level.
fn module_of_scope(scope: &str) -> &str {
    let head = scope.split(' ').next().unwrap_or("");
    match head.rsplit_once('/') {
        Some((fun, _arity)) => fun.rsplit_once('.').map_or("", |(m, _)| m),
        None => head,
    }
}

fn has_marker(text: &str) -> bool {
    text.contains([PROSE, CODE])
}

fn kind_of(module: &str) -> Option<Kind> {
    match module {
        "Task.Supervisor" => Some(Kind::Task),
        "DynamicSupervisor" => Some(Kind::Dynamic),
        _ => None,
    }
}

/// The `name:` of a keyword list: an alias (expanded), an atom or `__MODULE__`.
fn name_option(file: &File, opts: Node, ctx: &Ctx) -> Option<String> {
    let k = &grammar().kinds;
    let keywords = if opts.kind_id() == k.list {
        named_children(opts).find(|c| c.kind_id() == k.keywords)?
    } else {
        opts
    };
    let value = syntax::keyword_value(keywords, file.src, "name")?;
    let written = file.text(value);
    if file.module(ctx).is_some_and(|m| m.is_test_case) {
        return None;
    }
    if written == "__MODULE__" {
        return file
            .module(ctx)
            .filter(|m| !m.quoted)
            .map(|m| m.name.clone());
    }
    // `name: Harvest.TaskSupervisor` under `alias MyLib.Harvest` is
    // `MyLib.Harvest.TaskSupervisor`, a supervisor of that part of the app: its
    // namespace decides who may be pointed at it (R38 elixir_agent).
    if value.kind_id() == k.alias {
        return Some(file.module_at(written, value.start_byte()));
    }
    (value.kind_id() == k.atom).then(|| written.to_string())
}

/// `case Process.whereis(sup) do pid when is_pid(pid) -> Task.Supervisor.start_child(sup,
/// run); _ -> spawn(run) end`: the start is the fallback for when the supervisor is
/// not running, in a conditional whose other branch starts the same work under it.
/// Advice to use that supervisor would repeat the other branch.
pub fn is_fallback_start(file: &File, call: &crate::model::Call) -> bool {
    if call.ctx.def.is_none() {
        return false;
    }
    let at = call.node.start_byte();
    file.calls
        .iter()
        .filter(|c| c.local && matches!(c.name, "if" | "unless" | "case" | "cond"))
        .filter(|c| c.ctx.def == call.ctx.def && c.node.byte_range().contains(&at))
        .any(|cond| {
            file.calls_within(cond.node).any(|s| {
                !s.node.byte_range().contains(&at)
                    && matches!(
                        (s.module.as_deref(), s.name),
                        (
                            Some("Task.Supervisor"),
                            "start_child" | "async_nolink" | "async"
                        ) | (Some("DynamicSupervisor"), "start_child")
                    )
            })
        })
}
