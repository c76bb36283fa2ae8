//! What the engine knows about one file after a single walk: every call resolved to
//! `{module, function, arity}`, and the context it sits in (module, function,
//! ExUnit block, anonymous function). Rules read this model; they never re-resolve.

use crate::resolve::{Binding, Scopes};
use crate::scope::FileScope;
use crate::syntax::{self, grammar, text};
use tree_sitter::{Node, Tree};

pub type Id = u32;

/// Call arguments in call order.
pub type Args<'t> = Vec<Node<'t>>;

/// Where a node sits. Copied into every call; cheap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ctx {
    pub module: Option<Id>,
    pub def: Option<Id>,
    pub test: Option<Id>,
    /// Innermost anonymous function between the node and its def/test.
    pub func: Option<Id>,
    /// Some enclosing anonymous function (inside the current def/test) runs in another process.
    pub other_process: bool,
    /// Some enclosing anonymous function has an unknown runner (a helper, `on_exit`...).
    pub unknown_fn: bool,
    /// Inside a module attribute value (`@x Application.get_env(...)`).
    pub in_attribute: bool,
    /// Inside a `for` comprehension or a fn passed to `Enum`/`Stream`.
    pub in_loop: bool,
    /// Nesting depth inside the current def, counted as Credo's Refactor.Nesting
    /// does: `if`, `unless`, `case`, `cond`, `fn`, `for`, `with`.
    pub nesting: u32,
    /// Inside a `quote` of a macro: code that runs in each module using the macro
    /// (`module` is then the quoted module, see [`Module::quoted`]).
    pub quoted: bool,
}

#[derive(Debug)]
pub struct Module<'t> {
    pub name: String,
    /// The `defmodule` call.
    pub node: Node<'t>,
    /// The alias after `defmodule`; module-level findings point here.
    pub name_node: Node<'t>,
    pub body: Option<Node<'t>>,
    pub parent: Option<Id>,
    /// Resolved names of `use`d modules with their options (`async: true`).
    pub uses: Vec<(String, Option<Node<'t>>)>,
    /// `@behaviour Name` statements, as (`Name` as written, the statement).
    pub behaviours: Vec<(&'t str, Node<'t>)>,
    /// Every `def`-like function once: (kind, name, arity range), sorted by name.
    pub functions: Vec<LocalFunction<'t>>,
    pub defs: Vec<Id>,
    pub is_genserver: bool,
    pub is_test_case: bool,
    pub async_tests: bool,
    /// The code of a `quote` in a macro (named after the macro,
    /// `MyLib.Server.__using__/1`): it becomes part of each module that uses the
    /// macro, so what that module adds (other callbacks, `handle_info` clauses) is
    /// unknown. Rules that judge a whole module skip it.
    pub quoted: bool,
    /// For quoted code, the macro that writes it.
    pub quoted_by: Option<Id>,
    /// The value of the module's own `@moduledoc` (the first one written directly in
    /// its body), recorded by the walk.
    pub moduledoc: Option<Node<'t>>,
}

#[derive(Debug, Clone)]
pub struct LocalFunction<'t> {
    pub kind: &'t str,
    pub name: &'t str,
    pub min_arity: usize,
    pub max_arity: usize,
}

impl Module<'_> {
    pub fn defines(&self, name: &str, arity: usize) -> bool {
        // Sorted by name: look at that name's entries only, so that a module with
        // thousands of functions does not make every local call a scan of them all.
        let from = self.functions.partition_point(|f| f.name < name);
        self.functions[from..]
            .iter()
            .take_while(|f| f.name == name)
            .any(|f| (f.min_arity..=f.max_arity).contains(&arity))
    }
    pub fn uses_module(&self, module: &str) -> bool {
        self.uses.iter().any(|(m, _)| m == module)
    }
}

#[derive(Debug)]
pub struct Def<'t> {
    pub module: Option<Id>,
    /// `def`, `defp`, `defmacro`, `defmacrop`.
    pub kind: &'t str,
    pub name: &'t str,
    pub arity: usize,
    /// The `def` call.
    pub node: Node<'t>,
    /// The head call `name(params)` (or identifier for `def name do`).
    pub head: Node<'t>,
    pub params: Vec<Node<'t>>,
    pub guard: Option<Node<'t>>,
    /// `do_block`, or the value of the `do:` keyword.
    pub body: Option<Node<'t>>,
    /// A GenServer callback (`handle_call/3`, ...) in a module that uses GenServer.
    pub is_callback: bool,
    /// The deepest nesting construct in the body: (depth, its keyword); the later
    /// one wins ties.
    pub deepest: Option<(u32, Node<'t>)>,
    /// The earlier constructs at that same depth, so a rule can judge the heaviest
    /// of them rather than whichever came last.
    pub deepest_tied: Vec<Node<'t>>,
}

pub const GENSERVER_CALLBACKS: &[(&str, usize)] = &[
    ("init", 1),
    ("handle_call", 3),
    ("handle_cast", 2),
    ("handle_info", 2),
    ("handle_continue", 2),
    ("terminate", 2),
    ("code_change", 3),
    ("format_status", 1),
    ("format_status", 2),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    Test,
    Setup,
    SetupAll,
    Describe,
}

#[derive(Debug)]
pub struct Test<'t> {
    pub module: Option<Id>,
    pub kind: TestKind,
    /// Full ExUnit name: describe prefix + test name.
    pub name: String,
    /// The `test` call; test-level findings point at `target`.
    pub node: Node<'t>,
    pub target: Node<'t>,
    pub body: Option<Node<'t>>,
    pub describe: Option<Id>,
}

/// Who runs an anonymous function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runner {
    /// Given to `spawn*`, `Task.*`, `Agent.*`, `{Task, fn}`, `on_exit`...
    OtherProcess,
    /// Given to `Enum.*`, `Stream.*` or called in place.
    SameProcess,
    Unknown,
}

#[derive(Debug)]
pub struct AnonFn<'t> {
    pub node: Node<'t>,
    pub runner: Runner,
    /// The call this fn is an argument of.
    pub called_by: Option<Id>,
}

#[derive(Debug)]
pub struct Call<'t> {
    /// The `call` node; for a capture `&f/2`, the `&` operator node.
    pub node: Node<'t>,
    /// Resolved module: `Kernel`, `GenServer`, `:erlang`, `MyApp.Worker`; `None` for
    /// local functions that are not imported, and dynamic receivers.
    pub module: Option<String>,
    pub name: &'t str,
    pub arity: usize,
    /// Arguments in call order; for `x |> f(a)` the first one is `x`.
    pub args: Args<'t>,
    /// Written as a local call (`send(...)`, `call(...)` after `import GenServer`).
    pub local: bool,
    /// The receiver is an expression (`mod.fun()`, `state.mod.fun()`).
    pub dynamic: bool,
    /// The right side of a `|>`.
    pub piped: bool,
    /// `&Mod.fun/2`: no arguments, arity given.
    pub capture: bool,
    /// `apply(Mod, :fun, [args])` with literal module and function.
    pub via_apply: bool,
    /// The `target` node (`Kernel.send`, `send`), for messages and fixes.
    pub target: Node<'t>,
    /// The call's `arguments` node, when written.
    pub arguments: Option<Node<'t>>,
    pub do_block: Option<Node<'t>>,
    /// Parent node of `node`, or of the pipe when piped.
    pub parent: Option<Node<'t>>,
    /// The whole expression: the `|>` operator when piped, else `node`.
    pub expr: Node<'t>,
    pub ctx: Ctx,
}

impl<'t> Call<'t> {
    pub fn is(&self, module: &str, name: &str) -> bool {
        self.name == name && self.module.as_deref() == Some(module)
    }
    pub fn is_any(&self, module: &str, names: &[&str]) -> bool {
        self.module.as_deref() == Some(module) && names.contains(&self.name)
    }
    pub fn in_module(&self, module: &str) -> bool {
        self.module.as_deref() == Some(module)
    }
    pub fn arg(&self, i: usize) -> Option<Node<'t>> {
        self.args.get(i).copied()
    }
    /// `Mod.fun/arity` as people write it.
    pub fn mfa(&self) -> String {
        match &self.module {
            Some(m) => format!("{m}.{}/{}", self.name, self.arity),
            None => format!("{}/{}", self.name, self.arity),
        }
    }
    /// How the call was written, without arguments (`Kernel.send`, `send`).
    pub fn written<'s>(&self, src: &'s str) -> &'s str {
        text(self.target, src)
    }
    /// The call for a message: `send/2`, `Kernel.send/2`, `&send/2`,
    /// `apply(Kernel, :send, ...)`.
    pub fn display(&self, src: &str) -> String {
        if self.via_apply {
            let m = self.module.as_deref().unwrap_or("?");
            format!("apply({m}, :{}, [...])", self.name)
        } else if self.capture {
            format!("&{}/{}", self.written(src), self.arity)
        } else {
            format!("{}/{}", self.written(src), self.arity)
        }
    }
    /// Is the value of this expression thrown away? True for a statement that is not
    /// the last of its block.
    pub fn is_discarded_statement(&self) -> bool {
        let Some(parent) = self.parent else {
            return false;
        };
        let k = &grammar().kinds;
        if parent.kind_id() != k.do_block
            && parent.kind_id() != k.body
            && parent.kind_id() != k.block
            && parent.kind_id() != k.source
        {
            return false;
        }
        let mut next = self.expr.next_named_sibling();
        while let Some(n) = next {
            if n.kind_id() != k.comment
                && n.kind_id() != k.after_block
                && n.kind_id() != k.rescue_block
                && n.kind_id() != k.catch_block
                && n.kind_id() != k.else_block
            {
                return true;
            }
            next = n.next_named_sibling();
        }
        false
    }
}

/// One parsed and resolved file.
pub struct File<'t> {
    pub path: &'t str,
    pub src: &'t str,
    pub scope: FileScope,
    pub tree: &'t Tree,
    pub calls: Vec<Call<'t>>,
    pub modules: Vec<Module<'t>>,
    pub defs: Vec<Def<'t>>,
    pub tests: Vec<Test<'t>>,
    pub fns: Vec<AnonFn<'t>>,
    pub comments: Vec<Node<'t>>,
    /// `quoted_atom` nodes with interpolation outside quote and attributes, with context.
    pub interpolated_atoms: Vec<(Node<'t>, Ctx)>,
    /// Module attributes being defined (`@timeout 5_000`): (name, value, ctx).
    pub attributes: Vec<(&'t str, Node<'t>, Ctx)>,
    /// Tuples tagged with an atom (`{:error, reason}`, `{:DOWN, ref, ...}`), by tag.
    pub tagged_tuples: Vec<(&'t str, Node<'t>, Ctx)>,
    /// Aliases and imports with where each is in effect, in source order: how a name
    /// written anywhere in the file resolves, for fixes that write new code.
    pub(crate) bindings: Vec<Binding>,
    /// Tuples that start with a module (`{Task.Supervisor, name: X}` child specs),
    /// with the module resolved through aliases.
    pub alias_tuples: Vec<(String, Node<'t>, Ctx)>,
    by_name: std::collections::HashMap<&'t str, Vec<Id>>,
    /// Indexes into `defs` by function name, in source order.
    defs_by_name: std::collections::HashMap<&'t str, Vec<usize>>,
    /// For each def, the outermost def whose text holds it (itself when none does).
    def_tops: Vec<usize>,
    /// Nodes of `indexed_kinds`, gathered once when the model is built (a lazy cell
    /// would make `File` invariant over `'t`).
    indexed: Vec<(u16, Vec<Node<'t>>)>,
    /// The parent of each named node the walk entered, by node id: tree-sitter's
    /// `parent()` descends from the root each time, and rules climb often.
    parents: rustc_hash::FxHashMap<usize, Node<'t>>,
}

const NOT_INDEXED: u8 = u8::MAX;

/// For each node kind id, its place in `indexed_kinds` (or `NOT_INDEXED`): the walk
/// asks for every node.
fn index_slots() -> &'static [u8] {
    static SLOTS: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let kinds = indexed_kinds();
        let len = kinds.iter().copied().max().unwrap_or(0) as usize + 1;
        let mut slots = vec![NOT_INDEXED; len];
        for (i, &k) in kinds.iter().enumerate() {
            slots[k as usize] = i as u8;
        }
        slots
    })
}

/// The node kinds rules look for anywhere in a file, whatever the model's walk made of
/// them (atoms and aliases named, literal strings and lists, attribute settings).
/// Several rules each walked the whole tree for them: a fifth of the engine's time.
fn indexed_kinds() -> [u16; 11] {
    let k = &grammar().kinds;
    [
        k.pair,
        k.binary_operator,
        k.atom,
        k.alias,
        k.keyword,
        k.list,
        k.string,
        k.sigil,
        k.unary_operator,
        k.tuple,
        k.after_block,
    ]
}

impl<'t> File<'t> {
    /// Build the model of a parsed file (what rules see), for tools and tests.
    pub fn build(path: &'t str, src: &'t str, tree: &'t Tree) -> File<'t> {
        let mut file = File::new(path, src, FileScope::of_path(path), tree);
        crate::walk::build(&mut file);
        file
    }

    pub(crate) fn new(path: &'t str, src: &'t str, scope: FileScope, tree: &'t Tree) -> Self {
        File {
            path,
            src,
            scope,
            tree,
            calls: Vec::new(),
            modules: Vec::new(),
            defs: Vec::new(),
            tests: Vec::new(),
            fns: Vec::new(),
            comments: Vec::new(),
            interpolated_atoms: Vec::new(),
            attributes: Vec::new(),
            tagged_tuples: Vec::new(),
            bindings: Vec::new(),
            alias_tuples: Vec::new(),
            by_name: Default::default(),
            defs_by_name: Default::default(),
            def_tops: Vec::new(),
            indexed: indexed_kinds().iter().map(|&k| (k, Vec::new())).collect(),
            parents: Default::default(),
        }
    }

    /// Every node of `kind` in the file, in source order; `kind` is one of
    /// `indexed_kinds`.
    pub fn nodes_of(&self, kind: u16) -> &[Node<'t>] {
        assert!(
            indexed_kinds().contains(&kind),
            "node kind {kind} is not indexed: add it to indexed_kinds"
        );
        match self.indexed.iter().find(|(k, _)| *k == kind) {
            Some((_, nodes)) => nodes,
            None => &[],
        }
    }

    /// The nodes of `kind` strictly inside `node` (what `ast::descendants(node)` filtered
    /// by kind gives), from the index: a rule that asks this for each of many calls
    /// reads a slice of one kind instead of walking the subtree each time.
    pub fn nodes_within<'a>(
        &'a self,
        kind: u16,
        node: Node,
    ) -> impl Iterator<Item = Node<'t>> + use<'a, 't> {
        let nodes = self.nodes_of(kind);
        // The walk records nodes in source order, so their starts never decrease.
        let first = nodes.partition_point(|n| n.start_byte() < node.start_byte());
        let (end, id) = (node.end_byte(), node.id());
        nodes[first..]
            .iter()
            .take_while(move |n| n.start_byte() < end)
            .filter(move |n| n.end_byte() <= end && n.id() != id)
            .copied()
    }

    /// The innermost `after` block (of a `try`, a `receive` or a `do` block) around
    /// `node`. From the index: climbing with `parent()` costs the node's depth at
    /// each step.
    pub fn after_block_around(&self, node: Node) -> Option<Node<'t>> {
        let inside = |a: &&Node| {
            a.start_byte() <= node.start_byte()
                && node.end_byte() <= a.end_byte()
                && a.id() != node.id()
        };
        self.nodes_of(grammar().kinds.after_block)
            .iter()
            .filter(inside)
            .max_by_key(|a| a.start_byte())
            .copied()
    }

    /// The parent of `node`: from the walk's record, or from the tree for a node
    /// the walk did not enter (inside `@doc`, an `unquote` in a quote).
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        match self.parents.get(&node.id()) {
            Some(&p) => Some(p),
            None => node.parent(),
        }
    }

    /// The comments on the lines right above `node`'s first line, joined and
    /// lowercased: what the author says about the code that follows.
    pub fn comment_block_above(&self, node: Node<'t>) -> String {
        let mut row = node.start_position().row;
        let mut block = String::new();
        // Comments in source order: walk the ones that end on the line above, upwards.
        for comment in self
            .comments
            .iter()
            .rev()
            .filter(|c| c.end_byte() <= node.start_byte())
        {
            if row == 0 || comment.end_position().row != row - 1 {
                break;
            }
            block.push_str(&self.text(*comment).to_lowercase());
            row = comment.start_position().row;
        }
        block
    }

    /// The statement of a block (a function body, a `do` block, a clause, an `else`,
    /// `after`, `rescue` or `catch` part) that holds `node`: `node` itself when it is
    /// one. (The grammar puts the statements of those parts right under them, with no
    /// `body` between.)
    pub fn statement_around(&self, node: Node<'t>) -> Node<'t> {
        let k = &grammar().kinds;
        let mut cur = node;
        while let Some(parent) = self.parent(cur) {
            if [
                k.do_block,
                k.body,
                k.block,
                k.source,
                k.stab_clause,
                k.else_block,
                k.after_block,
                k.rescue_block,
                k.catch_block,
            ]
            .contains(&parent.kind_id())
            {
                break;
            }
            cur = parent;
        }
        cur
    }

    /// The innermost `fn` around `node`.
    pub fn innermost_fn(&self, node: Node<'t>) -> Option<&AnonFn<'t>> {
        self.fns
            .iter()
            .filter(|f| f.node.byte_range().contains(&node.start_byte()))
            .min_by_key(|f| f.node.byte_range().len())
    }

    /// The nearest ancestor of `kind` within `max_steps` parents, as
    /// `syntax::parent_of_kind` finds it, through `parent`.
    pub fn parent_of_kind(&self, node: Node<'t>, kind: u16, max_steps: usize) -> Option<Node<'t>> {
        let mut cur = self.parent(node);
        for _ in 0..max_steps {
            let n = cur?;
            if n.kind_id() == kind {
                return Some(n);
            }
            cur = self.parent(n);
        }
        None
    }

    pub(crate) fn reserve_parents(&mut self, n: usize) {
        self.parents.reserve(n);
    }

    pub(crate) fn record_parent(&mut self, node: Node<'t>, parent: Node<'t>) {
        self.parents.insert(node.id(), parent);
    }

    /// Record `node` in the node index when it is of an indexed kind. The model's
    /// walk calls it for every named node, in source order, including those in the
    /// subtrees it does not enter (the inside of `unquote` in a quote, `@doc`), so
    /// the index holds what a walk of the whole tree would find.
    pub(crate) fn index_node(&mut self, node: Node<'t>) {
        if let Some(&slot) = index_slots().get(node.kind_id() as usize)
            && slot != NOT_INDEXED
        {
            self.indexed[slot as usize].1.push(node);
        }
    }

    pub(crate) fn index(&mut self) {
        self.bindings.sort_by_key(|b| b.from);
        for (i, c) in self.calls.iter().enumerate() {
            self.by_name.entry(c.name).or_default().push(i as Id);
        }
        for (i, d) in self.defs.iter().enumerate() {
            self.defs_by_name.entry(d.name).or_default().push(i);
        }
        // Defs are in source order, so a def that holds this one's start also holds
        // the previous def's start: it is within that def's outermost holder.
        self.def_tops = Vec::with_capacity(self.defs.len());
        for i in 0..self.defs.len() {
            let start = self.defs[i].node.start_byte();
            let top = match i.checked_sub(1).map(|p| self.def_tops[p]) {
                Some(t) if self.defs[t].node.byte_range().contains(&start) => t,
                _ => i,
            };
            self.def_tops.push(top);
        }
    }

    /// The outermost def whose text holds byte `at` (the first such def in source
    /// order), found by bisection: rules ask it for each of many calls.
    pub fn def_around(&self, at: usize) -> Option<&Def<'t>> {
        let last = self
            .defs
            .partition_point(|d| d.node.start_byte() <= at)
            .checked_sub(1)?;
        let top = &self.defs[self.def_tops[last]];
        top.node.byte_range().contains(&at).then_some(top)
    }

    /// Function definitions with this name, in source order: a rule that looks up a
    /// callback for each of many calls stays linear in a module of thousands of
    /// functions.
    pub fn defs_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Def<'t>> + 'a {
        self.defs_by_name
            .get(name)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.defs[i])
    }

    /// The definitions of `module` (those outside any module for `None`), in source
    /// order: a module's own list, so a rule that asks this per call or per module
    /// does not scan every definition of a file of many modules.
    pub fn defs_of<'a>(&'a self, module: Option<Id>) -> Box<dyn Iterator<Item = &'a Def<'t>> + 'a> {
        match module.and_then(|m| self.modules.get(m as usize)) {
            Some(m) => Box::new(m.defs.iter().map(|&d| &self.defs[d as usize])),
            None => Box::new(self.defs.iter().filter(move |d| d.module == module)),
        }
    }

    /// Tuples whose first element is the atom `tag` (without colon), in source order.
    pub fn tuples_tagged<'a>(
        &'a self,
        tag: &'a str,
    ) -> impl Iterator<Item = &'a (&'t str, Node<'t>, Ctx)> + 'a {
        self.tagged_tuples.iter().filter(move |t| t.0 == tag)
    }

    pub fn text(&self, node: Node) -> &'t str {
        text(node, self.src)
    }

    /// Calls with this function name, in source order.
    pub fn calls_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Call<'t>> + 'a {
        self.by_name
            .get(name)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.calls[i as usize])
    }

    /// Is `def` called from its own module, by name and arity (`helper(x)`), and does every such
    /// call satisfy `caller`? The question a rule asks of a private helper split out
    /// of a callback: is it only ever run from there?
    pub fn every_local_caller<'a>(
        &'a self,
        def: &Def,
        caller: impl FnMut(&'a Call<'t>) -> bool,
    ) -> bool {
        let mut callers = self
            .calls_named(def.name)
            .filter(|c| {
                c.local
                    && c.module.is_none()
                    && !c.dynamic
                    && c.ctx.module == def.module
                    && c.arity == def.arity
            })
            .peekable();
        callers.peek().is_some() && callers.all(caller)
    }

    /// Calls to any of `names`, in source order.
    pub fn calls_named_any<'a>(&'a self, names: &[&str]) -> Vec<&'a Call<'t>> {
        let mut ids: Vec<Id> = names
            .iter()
            .flat_map(|n| self.by_name.get(n).map(|v| v.as_slice()).unwrap_or(&[]))
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| &self.calls[i as usize]).collect()
    }

    pub fn call(&self, id: Id) -> &Call<'t> {
        &self.calls[id as usize]
    }

    pub fn module(&self, ctx: &Ctx) -> Option<&Module<'t>> {
        ctx.module.map(|m| &self.modules[m as usize])
    }
    pub fn def(&self, ctx: &Ctx) -> Option<&Def<'t>> {
        ctx.def.map(|d| &self.defs[d as usize])
    }
    pub fn test(&self, ctx: &Ctx) -> Option<&Test<'t>> {
        ctx.test.map(|t| &self.tests[t as usize])
    }

    /// Is the module of `ctx` (or a module around it) defined inside a test body? Such
    /// a module is a fixture that the test compiles and runs itself (`ExUnit.run/0`),
    /// as the tests of a test framework or of test helpers do: its tests fail, sleep or
    /// check nothing on purpose, and the outer test asserts on their outcome.
    pub fn in_fixture_module(&self, ctx: &Ctx) -> bool {
        let mut module = ctx.module;
        while let Some(id) = module {
            let m = &self.modules[id as usize];
            let range = m.node.byte_range();
            if self.tests.iter().any(|t| {
                t.kind != TestKind::Describe
                    && t.node.start_byte() < range.start
                    && range.end <= t.node.end_byte()
            }) {
                return true;
            }
            module = m.parent;
        }
        false
    }

    /// Calls whose node lies inside `node` (by byte range).
    pub fn calls_within<'a>(&'a self, node: Node) -> impl Iterator<Item = &'a Call<'t>> + 'a {
        let range = node.byte_range();
        let start = self
            .calls
            .partition_point(|c| c.node.start_byte() < range.start);
        self.calls[start..]
            .iter()
            .take_while(move |c| c.node.start_byte() < range.end)
            .filter(move |c| c.node.end_byte() <= range.end)
    }

    /// The behaviours `module` declares with `@behaviour Name`, as written.
    pub fn behaviours(&self, module: Id) -> impl Iterator<Item = &'t str> + '_ {
        self.modules[module as usize]
            .behaviours
            .iter()
            .map(|(name, _)| *name)
    }

    /// Human name of a context: `MyApp.Worker.handle_call/3`, `MyApp.WorkerTest test "stops"`.
    pub fn scope_name(&self, ctx: &Ctx) -> String {
        let module = self.module(ctx).map(|m| m.name.as_str()).unwrap_or("");
        let join = |rest: String| {
            if module.is_empty() {
                rest
            } else if rest.starts_with(' ') {
                format!("{module}{rest}")
            } else {
                format!("{module}.{rest}")
            }
        };
        if let Some(d) = self.def(ctx) {
            match self.module(ctx) {
                // `MyLib.Server.__using__/1 > handle_call/3`: a def the macro writes.
                Some(m) if m.quoted => format!("{module} > {}/{}", d.name, d.arity),
                _ => join(format!("{}/{}", d.name, d.arity)),
            }
        } else if let Some(t) = self.test(ctx) {
            let kind = match t.kind {
                TestKind::Test => "test",
                TestKind::Setup => "setup",
                TestKind::SetupAll => "setup_all",
                TestKind::Describe => "describe",
            };
            if t.name.is_empty() {
                join(format!(" {kind}"))
            } else {
                join(format!(" {kind} {:?}", t.name))
            }
        } else {
            module.to_string()
        }
    }

    /// What the module name `written` (`Process`, `GS.Sub`, `Elixir.Process`) means at
    /// byte `at`, after the aliases in effect there.
    pub fn module_at(&self, written: &str, at: usize) -> String {
        if written.starts_with(':') {
            return written.to_string();
        }
        Scopes::at(&self.bindings, at).expand_alias(written)
    }

    /// How a fix writes the module `module` at byte `at` so that it names that very
    /// module: as is, unless an alias there (`alias MyApp.Process`, `require X, as:
    /// GenServer`, a nested `defmodule Process`) gives its first segment another
    /// meaning; then with the `Elixir.` prefix, which no alias can capture.
    pub fn module_spelling(&self, module: &str, at: usize) -> String {
        if module.starts_with(':') || self.module_at(module, at) == module {
            module.to_string()
        } else {
            format!("Elixir.{module}")
        }
    }

    /// The module a local call `name/arity` written at byte `at` in `ctx` reaches: the
    /// enclosing module when it defines that function, else an import or Kernel.
    /// `None` when it reaches nothing we know, or an import whose functions we do not
    /// know might provide it.
    pub fn local_target(&self, ctx: &Ctx, at: usize, name: &str, arity: usize) -> Option<String> {
        if let Some(m) = self.module(ctx)
            && m.defines(name, arity)
        {
            return Some(m.name.clone());
        }
        let scopes = Scopes::at(&self.bindings, at);
        if scopes.unknown_import_may_provide(name, arity) {
            return None;
        }
        scopes.resolve_local(name, arity)
    }

    /// Is `module.name/arity` the function that the code at `ctx` is written in? A fix
    /// that rewrites a call into a call to it would make the function call itself.
    pub fn is_enclosing_function(&self, ctx: &Ctx, module: &str, name: &str, arity: usize) -> bool {
        let (Some(def), Some(m)) = (self.def(ctx), self.module(ctx)) else {
            return false;
        };
        let defaults = def
            .params
            .iter()
            .filter(|p| syntax::is_binary_op(**p, self.src, "\\\\"))
            .count();
        m.name == module && def.name == name && (def.arity - defaults..=def.arity).contains(&arity)
    }

    /// The text a fix writes at byte `at` in `ctx` to call `module.name/arity`:
    /// `Process.send_after`, or `Elixir.Process.send_after` where an alias gives
    /// `Process` another meaning. `None` when that call is the function the fix sits in.
    pub fn remote_call_text(
        &self,
        ctx: &Ctx,
        at: usize,
        module: &str,
        name: &str,
        arity: usize,
    ) -> Option<String> {
        if self.is_enclosing_function(ctx, module, name, arity) {
            return None;
        }
        Some(format!("{}.{name}", self.module_spelling(module, at)))
    }

    /// Like [`File::remote_call_text`], but the bare name (`send`) when a local call
    /// written at `at` reaches `module.name/arity`.
    pub fn call_text(
        &self,
        ctx: &Ctx,
        at: usize,
        module: &str,
        name: &str,
        arity: usize,
    ) -> Option<String> {
        if self.local_target(ctx, at, name, arity).as_deref() == Some(module)
            && !self.is_enclosing_function(ctx, module, name, arity)
        {
            return Some(name.to_string());
        }
        self.remote_call_text(ctx, at, module, name, arity)
    }

    /// Quoted code outside any def of the quote, where the macro puts it into the
    /// using module's body: `__using__` and `__before_compile__` do; any other macro
    /// is expanded where it is called, most often inside a function.
    pub fn quoted_module_body(&self, ctx: &Ctx) -> bool {
        ctx.quoted
            && ctx.def.is_none()
            && ctx.test.is_none()
            && self.module(ctx).and_then(|m| m.quoted_by).is_some_and(|d| {
                matches!(
                    self.defs[d as usize].name,
                    "__using__" | "__before_compile__"
                )
            })
    }

    /// Is `var` bound to `self()` in the body of the def or test around `ctx`
    /// (`me = self()`, `parent = self()`), before `before`?
    pub fn bound_from_self(&self, ctx: &Ctx, var: &str, before: usize) -> bool {
        let scope = self
            .def(ctx)
            .map(|d| d.node)
            .or_else(|| self.test(ctx).map(|t| t.node));
        let Some(scope) = scope else { return false };
        self.calls_within(scope)
            .filter(|c| c.node.start_byte() < before && c.is("Kernel", "self"))
            .any(|c| {
                c.parent.is_some_and(|p| {
                    syntax::is_binary_op(p, self.src, "=")
                        && syntax::field(p, grammar().fields.left)
                            .is_some_and(|l| self.text(l) == var)
                })
            })
    }
}
