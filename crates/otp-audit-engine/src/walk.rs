//! One iterative pass over the syntax tree that builds the [`File`] model. A cursor
//! and an explicit ancestor stack replace recursion, so deeply nested input cannot
//! overflow the native or the wasm stack.

use crate::model::*;
use crate::resolve::{Binding, Import, ImportFilter, Name, Scope, Scopes};
use crate::syntax::{self, field, grammar, named_children, text};
use tree_sitter::Node;

/// Attributes that hold documentation or types: never executed, never linted.
const INERT_ATTRIBUTES: &[&str] = &[
    "doc",
    "moduledoc",
    "typedoc",
    "spec",
    "type",
    "typep",
    "opaque",
    "callback",
    "macrocallback",
    "impl",
    "behaviour",
    "derive",
    "enforce_keys",
    "optional_callbacks",
    "dialyzer",
    "compile",
    "deprecated",
    "since",
    "external_resource",
    "on_load",
    "before_compile",
    "after_compile",
    "vsn",
    "tag",
    "moduletag",
    "describetag",
];

const DEF_KINDS: &[&str] = &[
    "def",
    "defp",
    "defmacro",
    "defmacrop",
    "defguard",
    "defguardp",
];

struct Entry<'t> {
    node: Node<'t>,
    saved: Ctx,
    scope_pushed: bool,
    call: Option<Id>,
}

struct Walker<'f, 't> {
    file: &'f mut File<'t>,
    scopes: Scopes,
    ctx: Ctx,
    stack: Vec<Entry<'t>>,
    /// Call nodes that are not calls: def heads, attribute names, capture targets.
    /// Each is entered soon after it is added and removed then, so a short Vec.
    not_calls: Vec<usize>,
    /// How many string interpolations the walk is inside.
    interpolations: usize,
    /// How many map or struct literals the walk is inside.
    maps: usize,
}

pub(crate) fn build(file: &mut File<'_>) {
    let root = file.tree.root_node();
    let mut w = Walker {
        file,
        scopes: Scopes {
            stack: vec![Scope::default()],
        },
        ctx: Ctx::default(),
        stack: Vec::with_capacity(64),
        not_calls: Vec::new(),
        interpolations: 0,
        maps: 0,
    };
    // About one call per 40 bytes of Elixir: reserve to avoid regrowing a Vec of
    // large entries. The tree may cover a piece of the file only.
    w.file.calls.reserve(root.byte_range().len() / 40);
    w.file.reserve_parents(root.byte_range().len() / 8);
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        // Tokens (`do`, `(`, `,`...) carry nothing for the model: no frame for them.
        let named = node.is_named();
        if named {
            w.file.index_node(node);
            if w.enter(node) {
                if cursor.goto_first_child() {
                    continue;
                }
            } else {
                // Not part of the model, but rules looking for names anywhere see it.
                for n in syntax::descendants(node).filter(|n| n.is_named()) {
                    w.file.index_node(n);
                }
            }
            w.leave();
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
            // Back at a named parent whose children are done.
            w.leave();
        }
    }
    w.file.index();
}

impl<'t> Walker<'_, 't> {
    fn src(&self) -> &'t str {
        self.file.src
    }

    fn push(&mut self, node: Node<'t>) {
        self.stack.push(Entry {
            node,
            saved: self.ctx,
            scope_pushed: false,
            call: None,
        });
    }

    fn push_scope(&mut self) {
        self.scopes.stack.push(Scope::default());
        if let Some(e) = self.stack.last_mut() {
            e.scope_pushed = true;
        }
    }

    /// Where the innermost lexical scope ends: names bound now are in effect until then.
    fn scope_end(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find(|e| e.scope_pushed)
            .map_or(self.src().len() + 1, |e| e.node.end_byte())
    }

    /// Bind `short` to `full` from byte `from` on, for the walk and for fixes.
    fn bind_alias(&mut self, from: usize, short: String, full: String) {
        let until = self.scope_end();
        self.file.bindings.push(Binding {
            from,
            until,
            name: Name::Alias(short.clone(), full.clone()),
        });
        self.scopes.add_alias(short, full);
    }

    fn bind_import(&mut self, from: usize, import: Import) {
        let until = self.scope_end();
        self.file.bindings.push(Binding {
            from,
            until,
            name: Name::Import(import.clone()),
        });
        self.scopes.add_import(import);
    }

    fn leave(&mut self) {
        if let Some(e) = self.stack.pop() {
            if e.node.kind_id() == grammar().kinds.interpolation {
                self.interpolations -= 1;
            }
            if e.node.kind_id() == grammar().kinds.map {
                self.maps -= 1;
            }
            self.ctx = e.saved;
            if e.scope_pushed {
                self.scopes.stack.pop();
            }
        }
    }

    /// Returns whether to descend into the node's children.
    fn enter(&mut self, node: Node<'t>) -> bool {
        let k = &grammar().kinds;
        let kind = node.kind_id();
        // Named nodes have named parents: the frame below is the parent.
        if let Some(parent) = self.stack.last() {
            self.file.record_parent(node, parent.node);
        }
        self.push(node);
        if kind == k.interpolation {
            self.interpolations += 1;
        }
        if kind == k.map {
            self.maps += 1;
        }
        if kind == k.comment {
            self.file.comments.push(node);
            false
        } else if kind == k.call {
            self.enter_call(node)
        } else if kind == k.unary_operator {
            self.enter_unary(node)
        } else if kind == k.anonymous_function {
            self.enter_fn(node);
            if let Some(keyword) = node.child(0)
                && !self.builds_log_message(node)
            {
                self.nest(keyword);
            }
            true
        } else if kind == k.tuple {
            if let Some(tag) = node
                .named_child(0)
                .and_then(|a| syntax::atom_name(a, self.src()))
                && node.named_child(0).is_some_and(|a| a.kind_id() == k.atom)
            {
                self.file.tagged_tuples.push((tag, node, self.ctx));
            }
            if let Some(first) = node.named_child(0).filter(|a| a.kind_id() == k.alias) {
                let module = self.scopes.expand_alias(text(first, self.src()));
                self.file.alias_tuples.push((module, node, self.ctx));
            }
            true
        } else if kind == k.quoted_atom {
            if named_children(node).any(|c| c.kind_id() == k.interpolation) {
                self.file.interpolated_atoms.push((node, self.ctx));
            }
            true
        } else {
            true
        }
    }

    fn parent(&self, up: usize) -> Option<&Entry<'t>> {
        // The last entry is the node itself.
        self.stack.len().checked_sub(2 + up).map(|i| &self.stack[i])
    }

    /// `Logger.debug(fn -> ["sent ", inspect(msg)] end)`: a lazy log message, whose
    /// body is only data (a list, a string, a tuple, `<>`) with no branch in it. It
    /// builds a message, as an interpolation does, and adds no level; Credo's walk
    /// finds nothing to count inside a list literal either.
    fn builds_log_message(&self, node: Node<'t>) -> bool {
        let g = grammar();
        let k = &g.kinds;
        let src = self.src();
        let logs = self
            .parent(0)
            .filter(|args| args.node.kind_id() == k.arguments)
            .and_then(|_| self.parent(1))
            .and_then(|call| field(call.node, g.fields.target))
            .filter(|t| t.kind_id() == k.dot)
            .is_some_and(|dot| {
                // `Logger`, or a project's thin wrapper over it (`LoggerUtils.log(fn
                // -> ... end)`, `MyApp.Log.debug/1`).
                field(dot, g.fields.left).is_some_and(|m| {
                    let last = text(m, src).rsplit('.').next().unwrap_or_default();
                    last.starts_with("Log") || last.ends_with("Logger")
                }) && field(dot, g.fields.right)
                    .is_some_and(|f| LOGGER_LEVELS.contains(&text(f, src)))
            });
        if !logs {
            return false;
        }
        let mut clauses = named_children(node).filter(|c| c.kind_id() == k.stab_clause);
        let (Some(clause), None) = (clauses.next(), clauses.next()) else {
            return false;
        };
        let Some(body) = field(clause, g.fields.right) else {
            return false;
        };
        let statements: Vec<Node> = named_children(body)
            .filter(|c| c.kind_id() != k.comment)
            .collect();
        let [value] = statements[..] else {
            return false;
        };
        let data = [k.list, k.string, k.tuple].contains(&value.kind_id())
            || value.kind_id() == k.binary_operator && syntax::operator(value, src) == "<>";
        data && !syntax::descendants(value).any(|n| is_branch(n, src))
    }

    /// One more level of Credo-style nesting inside a def.
    fn nest(&mut self, keyword: Node<'t>) {
        let Some(d) = self.ctx.def else { return };
        if self.interpolations > 0 {
            // `"#{Enum.map_join(xs, ", ", fn x -> ... end)}"` formats a message; it is
            // not control flow of the function.
            return;
        }
        if self.maps > 0 {
            // `%{total: if(paid, do: sum, else: 0)}`: Credo's walk stops at a map's
            // key-value pairs, so what a field's value computes adds no level.
            return;
        }
        self.ctx.nesting += 1;
        let depth = self.ctx.nesting;
        let def = &mut self.file.defs[d as usize];
        match def.deepest {
            Some((best, _)) if depth < best => {}
            Some((best, earlier)) if depth == best => {
                def.deepest_tied.push(earlier);
                def.deepest = Some((depth, keyword));
            }
            _ => {
                def.deepest_tied.clear();
                def.deepest = Some((depth, keyword));
            }
        }
    }

    fn enter_call(&mut self, node: Node<'t>) -> bool {
        let src = self.src();
        let g = grammar();
        let target = field(node, g.fields.target);
        let name = target
            .filter(|t| t.kind_id() == g.kinds.identifier)
            .map(|t| text(t, src));
        if let (Some("if" | "unless" | "case" | "cond" | "for" | "with"), Some(t)) = (name, target)
        {
            self.nest(t);
        }
        match name {
            Some("quote") => return self.enter_quote(node),
            // In analysed quoted code `unquote(x)` is a placeholder the macro fills in
            // at expansion time: neither a call nor code of the using module.
            Some("unquote" | "unquote_splicing") if self.ctx.quoted => return false,
            Some("defmodule") => self.enter_module(node),
            Some("defimpl") => self.enter_impl(node),
            Some(n) if DEF_KINDS.contains(&n) => self.enter_def(node, n),
            Some("alias") => self.record_alias(node),
            Some("require") => self.record_require(node),
            Some("import") => self.record_import(node),
            Some("test" | "property" | "setup" | "setup_all" | "describe") => self.enter_test(node),
            Some("for") => self.ctx.in_loop = true,
            _ => {}
        }
        let not_call = match self.not_calls.iter().rposition(|&id| id == node.id()) {
            Some(i) => {
                self.not_calls.swap_remove(i);
                true
            }
            None => false,
        };
        if !not_call
            && let Some(call) =
                target.and_then(|t| self.resolve_call(node, t, syntax::call_parts(node)))
        {
            let id = self.file.calls.len() as Id;
            self.file.calls.push(call);
            if let Some(e) = self.stack.last_mut() {
                e.call = Some(id);
            }
        }
        true
    }

    fn current_module(&self) -> Option<&Module<'t>> {
        self.ctx.module.map(|m| &self.file.modules[m as usize])
    }

    fn defines_locally(&self, name: &str, arity: usize) -> bool {
        // Nested modules do not see their parent's functions; only the innermost counts.
        self.current_module()
            .is_some_and(|m| m.defines(name, arity))
    }

    fn resolve_call(
        &self,
        node: Node<'t>,
        target: Node<'t>,
        (arguments, do_block): (Option<Node<'t>>, Option<Node<'t>>),
    ) -> Option<Call<'t>> {
        let g = grammar();
        let k = &g.kinds;
        let src = self.src();
        let parent = self.parent(0).map(|e| e.node);
        let piped = parent.is_some_and(|p| {
            syntax::is_binary_op(p, src, "|>") && field(p, g.fields.right) == Some(node)
        });
        let mut args: Args<'t> = Args::with_capacity(
            arguments.map_or(0, |a| a.named_child_count()) + usize::from(piped),
        );
        if piped && let Some(lhs) = parent.and_then(|p| field(p, g.fields.left)) {
            args.push(lhs);
        }
        if let Some(a) = arguments {
            args.extend(named_children(a).filter(|c| c.kind_id() != k.comment));
        }
        let (expr, outer) = if piped {
            (parent.unwrap_or(node), self.parent(1).map(|e| e.node))
        } else {
            (node, parent)
        };
        let mut call = Call {
            node,
            module: None,
            name: "",
            arity: args.len(),
            args,
            local: false,
            dynamic: false,
            piped,
            capture: false,
            via_apply: false,
            target,
            arguments,
            do_block,
            parent: outer,
            expr,
            ctx: self.ctx,
        };
        if target.kind_id() == k.identifier {
            call.name = text(target, src);
            call.local = true;
            if !self.defines_locally(call.name, call.arity) {
                call.module = self.scopes.resolve_local(call.name, call.arity);
            }
            if call.is("Kernel", "apply") && call.arity == 3 {
                self.normalize_apply(&mut call);
            }
        } else if target.kind_id() == k.dot {
            let right = field(target, g.fields.right)?;
            if right.kind_id() != k.identifier && right.kind_id() != k.operator_identifier {
                return None;
            }
            let left = field(target, g.fields.left)?;
            call.name = text(right, src);
            match self.module_of(left) {
                Some(m) => call.module = Some(m),
                // `map.field` without parentheses is a field access, not a call.
                None if arguments.is_none() => return None,
                None => call.dynamic = true,
            }
        } else {
            return None;
        }
        Some(call)
    }

    /// `apply(Kernel, :send, [pid, msg])` is `Kernel.send(pid, msg)`.
    fn normalize_apply(&self, call: &mut Call<'t>) {
        let k = &grammar().kinds;
        let (Some(m), Some(f), Some(list)) = (call.arg(0), call.arg(1), call.arg(2)) else {
            return;
        };
        let (Some(module), Some(name)) = (self.module_of(m), syntax::atom_name(f, self.src()))
        else {
            return;
        };
        if list.kind_id() != k.list {
            return;
        }
        call.args = named_children(list).collect();
        call.arity = call.args.len();
        call.module = Some(module);
        call.name = name;
        call.local = false;
        call.via_apply = true;
    }

    /// The module a receiver expression names: an alias, an Erlang atom, `__MODULE__`.
    fn module_of(&self, node: Node<'t>) -> Option<String> {
        let g = grammar();
        let k = &g.kinds;
        let src = self.src();
        if node.kind_id() == k.alias {
            Some(self.scopes.expand_alias(text(node, src)))
        } else if node.kind_id() == k.atom {
            Some(text(node, src).to_string())
        } else if node.kind_id() == k.identifier && text(node, src) == "__MODULE__" {
            self.current_module().map(|m| m.name.clone())
        } else if node.kind_id() == k.dot {
            let left = field(node, g.fields.left)?;
            let right = field(node, g.fields.right)?;
            (right.kind_id() == k.alias)
                .then(|| Some(format!("{}.{}", self.module_of(left)?, text(right, src))))
                .flatten()
        } else {
            None
        }
    }

    fn enter_module(&mut self, node: Node<'t>) {
        let Some(name_node) = syntax::call_arguments(node).and_then(|a| a.named_child(0)) else {
            return;
        };
        let written = text(name_node, self.src());
        let name = match (self.module_of(name_node), self.current_module()) {
            (Some(n), _) if written.starts_with("__MODULE__") => n,
            (_, Some(parent)) => format!("{}.{}", parent.name, written),
            (Some(n), None) => n,
            (None, None) => written.to_string(),
        };
        // A nested module is aliased by its last segment in the parent.
        if self.ctx.module.is_some() && !written.starts_with("__MODULE__") {
            let short = written.split('.').next().unwrap_or(written).to_string();
            let full = name[..name.len() - written.len()].to_string() + &short;
            // In effect in the nested module itself and after it, not before.
            self.bind_alias(node.start_byte(), short, full);
        }
        self.open_module(node, name_node, name, self.ctx.quoted);
    }

    /// `defimpl Proto, for: Type` defines the module `Proto.Type`, which is what its
    /// functions' scope reads (`Jason.Encoder.MyApp.User.encode/2`). Without `for:`,
    /// the type is the enclosing module; `for: [A, B]` reads `Proto.{A, B}`.
    fn enter_impl(&mut self, node: Node<'t>) {
        let src = self.src();
        let k = &grammar().kinds;
        let Some(args) = syntax::call_arguments(node) else {
            return;
        };
        let Some(name_node) = args.named_child(0) else {
            return;
        };
        let protocol = self
            .module_of(name_node)
            .unwrap_or_else(|| text(name_node, src).to_string());
        let for_value = named_children(args)
            .filter(|a| a.kind_id() == k.keywords)
            .find_map(|kw| syntax::keyword_value(kw, src, "for"));
        let type_name = |n: Node<'t>| {
            self.module_of(n)
                .unwrap_or_else(|| text(n, src).to_string())
        };
        let for_name = match for_value {
            Some(list) if list.kind_id() == k.list => {
                let types: Vec<String> = named_children(list).map(type_name).collect();
                Some(format!("{{{}}}", types.join(", ")))
            }
            Some(v) => Some(type_name(v)),
            None => self.current_module().map(|m| m.name.clone()),
        };
        let name = match for_name {
            Some(t) => format!("{protocol}.{t}"),
            None => protocol,
        };
        self.open_module(node, name_node, name, self.ctx.quoted);
    }

    /// `quote do ... end` directly in a `defmacro`/`defmacrop` (or in a fn there) is
    /// code the macro writes into every module that uses it: analysed as a module of
    /// its own (`quoted`), named after the macro (`MyLib.Server.__using__/1`), whose
    /// facts are only what the quote holds (its `use GenServer`, its defs). Other
    /// quotes are data (AST for `Macro` helpers, `quote do: unquote(x)`): skipped, as
    /// are quotes nested in quoted code.
    fn enter_quote(&mut self, node: Node<'t>) -> bool {
        if self.ctx.quoted {
            return false;
        }
        let Some(mac) = self
            .file
            .def(&self.ctx)
            .filter(|d| matches!(d.kind, "defmacro" | "defmacrop"))
        else {
            return false;
        };
        let Some(body) = block_body(node, self.src()) else {
            return false;
        };
        let stmts = body_statements(body);
        let only_unquote = stmts.len() == 1
            && matches!(
                syntax::local_call_name(stmts[0], self.src()),
                Some("unquote" | "unquote_splicing")
            );
        if stmts.is_empty() || only_unquote {
            return false;
        }
        let name = match self.current_module() {
            Some(m) => format!("{}.{}/{}", m.name, mac.name, mac.arity),
            None => format!("{}/{}", mac.name, mac.arity),
        };
        let name_node = field(node, grammar().fields.target).unwrap_or(node);
        let macro_id = self.ctx.def;
        self.open_module(node, name_node, name, true);
        if let Some(m) = self.file.modules.last_mut() {
            m.quoted_by = macro_id;
        }
        true
    }

    /// Start a module's frame: its scope, its model entry (prescanned) and context.
    /// A module defined inside quoted code is quoted too.
    fn open_module(&mut self, node: Node<'t>, name_node: Node<'t>, name: String, quoted: bool) {
        let body = block_body(node, self.src());
        let id = self.file.modules.len() as Id;
        let mut module = Module {
            name,
            node,
            name_node,
            body,
            parent: self.ctx.module,
            uses: Vec::new(),
            behaviours: Vec::new(),
            functions: Vec::new(),
            defs: Vec::new(),
            is_genserver: false,
            is_test_case: false,
            async_tests: false,
            quoted,
            // A module defined inside quoted code is written by the same macro.
            quoted_by: self.current_module().and_then(|m| m.quoted_by),
            moduledoc: None,
        };
        self.push_scope();
        if let Some(body) = body {
            self.prescan_module(body, &mut module);
        }
        // One entry per function rather than per clause, sorted for `Module::defines`.
        module.functions.sort_by(|a, b| {
            (a.name, a.min_arity, a.max_arity, a.kind).cmp(&(
                b.name,
                b.min_arity,
                b.max_arity,
                b.kind,
            ))
        });
        module.functions.dedup_by(|a, b| {
            (a.name, a.min_arity, a.max_arity, a.kind) == (b.name, b.min_arity, b.max_arity, b.kind)
        });
        self.file.modules.push(module);
        self.ctx = Ctx {
            module: Some(id),
            quoted,
            ..Ctx::default()
        };
    }

    /// Functions are callable before their definition, and `use` shapes the whole
    /// module, so both are collected before the body is walked.
    fn prescan_module(&mut self, body: Node<'t>, module: &mut Module<'t>) {
        let src = self.src();
        let k = &grammar().kinds;
        for stmt in body_statements(body) {
            let name = syntax::local_call_name(stmt, src);
            match name {
                Some(kind) if DEF_KINDS.contains(&kind) || kind == "defdelegate" => {
                    if let Some((head, _)) = def_head(stmt, src)
                        && let Some((fname, min_arity, max_arity)) = head_arities(head, src)
                    {
                        module.functions.push(LocalFunction {
                            kind,
                            name: fname,
                            min_arity,
                            max_arity,
                        });
                    }
                }
                Some("use") => {
                    let Some(args) = syntax::call_arguments(stmt) else {
                        continue;
                    };
                    let Some(target) = args.named_child(0) else {
                        continue;
                    };
                    let Some(used) = self.module_of(target) else {
                        continue;
                    };
                    let opts = args.named_child(1).filter(|o| o.kind_id() == k.keywords);
                    if used == "GenServer" {
                        module.is_genserver = true;
                    }
                    if used == "ExUnit.Case" || used.ends_with("Case") {
                        module.is_test_case = true;
                        if opts
                            .and_then(|o| syntax::keyword_value(o, src, "async"))
                            .is_some_and(|v| text(v, src) == "true")
                        {
                            module.async_tests = true;
                        }
                    }
                    module.uses.push((used, opts));
                }
                _ => {
                    if stmt.kind_id() == k.unary_operator
                        && syntax::operator(stmt, src) == "@"
                        && let Some(op) = field(stmt, grammar().fields.operand)
                        && syntax::local_call_name(op, src) == Some("behaviour")
                        && let Some(b) = syntax::call_arguments(op).and_then(|a| a.named_child(0))
                    {
                        let name = text(b, src);
                        // `@behaviour GenServer` also makes a GenServer.
                        if matches!(name, "GenServer" | ":gen_server") {
                            module.is_genserver = true;
                        }
                        module.behaviours.push((name, stmt));
                    }
                }
            }
        }
    }

    fn enter_def(&mut self, node: Node<'t>, kind: &'t str) {
        let src = self.src();
        let Some((head, guard)) = def_head(node, src) else {
            return;
        };
        let Some((name, params)) = head_name_params(head, src) else {
            return;
        };
        self.not_calls.push(head.id());
        let body = syntax::call_do_block(node).or_else(|| {
            syntax::call_arguments(node)
                .and_then(|a| named_children(a).last())
                .and_then(|kw| syntax::keyword_value(kw, src, "do"))
        });
        let arity = params.len();
        let is_callback = self.current_module().is_some_and(|m| m.is_genserver)
            && matches!(kind, "def")
            && GENSERVER_CALLBACKS.contains(&(name, arity));
        let id = self.file.defs.len() as Id;
        self.file.defs.push(Def {
            module: self.ctx.module,
            kind,
            name,
            arity,
            node,
            head,
            params,
            guard,
            body,
            is_callback,
            deepest: None,
            deepest_tied: Vec::new(),
        });
        if let Some(m) = self.ctx.module {
            self.file.modules[m as usize].defs.push(id);
        }
        self.push_scope();
        self.ctx = Ctx {
            module: self.ctx.module,
            def: Some(id),
            quoted: self.ctx.quoted,
            ..Ctx::default()
        };
    }

    fn enter_test(&mut self, node: Node<'t>) {
        let src = self.src();
        let in_test_module = self.current_module().is_some_and(|m| m.is_test_case)
            || self.file.scope == crate::FileScope::Test;
        if !in_test_module || self.ctx.def.is_some() {
            return;
        }
        let Some(target) = field(node, grammar().fields.target) else {
            return;
        };
        let kind = match text(target, src) {
            "test" | "property" => TestKind::Test,
            "setup" => TestKind::Setup,
            "setup_all" => TestKind::SetupAll,
            _ => TestKind::Describe,
        };
        let args = syntax::call_arguments(node);
        let body = syntax::call_do_block(node).or_else(|| {
            args.and_then(|a| named_children(a).last())
                .and_then(|kw| syntax::keyword_value(kw, src, "do"))
        });
        // `setup :fun` has no body: nothing runs here.
        if body.is_none() && kind != TestKind::Test {
            return;
        }
        let own_name = args
            .and_then(|a| a.named_child(0))
            .filter(|n| n.kind_id() == grammar().kinds.string)
            .map(|n| text(n, src).trim_matches('"').to_string())
            .unwrap_or_default();
        let describe = self
            .ctx
            .test
            .filter(|&t| self.file.tests[t as usize].kind == TestKind::Describe);
        let name = match describe {
            Some(d) if kind == TestKind::Test => {
                format!("{} {}", self.file.tests[d as usize].name, own_name)
            }
            _ => own_name,
        };
        let id = self.file.tests.len() as Id;
        self.file.tests.push(Test {
            module: self.ctx.module,
            kind,
            name,
            node,
            target,
            body,
            describe,
        });
        self.push_scope();
        self.ctx = Ctx {
            module: self.ctx.module,
            test: Some(id),
            quoted: self.ctx.quoted,
            ..Ctx::default()
        };
    }

    fn enter_fn(&mut self, node: Node<'t>) {
        let k = &grammar().kinds;
        let src = self.src();
        let mut called_by = None;
        let runner = match self.parent(0) {
            _ if in_started_mfa(node, src) => Runner::OtherProcess,
            Some(p) if p.node.kind_id() == k.arguments => {
                called_by = self.parent(1).and_then(|e| e.call);
                match called_by {
                    Some(c) => runner_of(&self.file.calls[c as usize]),
                    None => Runner::Unknown,
                }
            }
            // `{Task, fn -> ... end}` as a child spec.
            Some(p) if p.node.kind_id() == k.tuple => {
                match p.node.named_child(0).map(|c| text(c, src)) {
                    Some("Task") => Runner::OtherProcess,
                    _ => Runner::Unknown,
                }
            }
            _ => Runner::Unknown,
        };
        let id = self.file.fns.len() as Id;
        self.file.fns.push(AnonFn {
            node,
            runner,
            called_by,
        });
        self.push_scope();
        self.ctx.func = Some(id);
        match runner {
            Runner::OtherProcess => self.ctx.other_process = true,
            Runner::Unknown => self.ctx.unknown_fn = true,
            Runner::SameProcess => {
                if let Some(c) = called_by {
                    let call = &self.file.calls[c as usize];
                    if call.in_module("Enum") || call.in_module("Stream") {
                        self.ctx.in_loop = true;
                    }
                }
            }
        }
    }

    fn enter_unary(&mut self, node: Node<'t>) -> bool {
        let g = grammar();
        let k = &g.kinds;
        let src = self.src();
        let Some(operand) = field(node, g.fields.operand) else {
            return true;
        };
        match syntax::operator(node, src) {
            "@" => {
                let Some(name) = syntax::local_call_name(operand, src) else {
                    return true;
                };
                if name == "moduledoc"
                    && let Some(id) = self.ctx.module
                    && let Some(value) =
                        syntax::call_arguments(operand).and_then(|a| a.named_child(0))
                {
                    let module = &mut self.file.modules[id as usize];
                    if module.moduledoc.is_none()
                        && module.body.is_some_and(|b| node.parent() == Some(b))
                    {
                        module.moduledoc = Some(value);
                    }
                }
                if INERT_ATTRIBUTES.contains(&name) {
                    return false;
                }
                self.not_calls.push(operand.id());
                if let Some(value) = syntax::call_arguments(operand).and_then(|a| a.named_child(0))
                {
                    self.file.attributes.push((name, value, self.ctx));
                }
                self.ctx.in_attribute = true;
                true
            }
            "&" if syntax::is_binary_op(operand, src, "/") => {
                let (Some(left), Some(right)) = (
                    field(operand, g.fields.left),
                    field(operand, g.fields.right),
                ) else {
                    return true;
                };
                let Ok(arity) = text(right, src).parse::<usize>() else {
                    return true;
                };
                let call = if left.kind_id() == k.identifier {
                    let name = text(left, src);
                    let module = if self.defines_locally(name, arity) {
                        None
                    } else {
                        self.scopes.resolve_local(name, arity)
                    };
                    Some((left, module, name, true))
                } else if left.kind_id() == k.call
                    && let Some(target) = field(left, g.fields.target)
                    && target.kind_id() == k.dot
                    && let (Some(l), Some(r)) =
                        (field(target, g.fields.left), field(target, g.fields.right))
                    && let Some(module) = self.module_of(l)
                {
                    self.not_calls.push(left.id());
                    Some((target, Some(module), text(r, src), false))
                } else {
                    None
                };
                if let Some((target, module, name, local)) = call {
                    let parent = self.parent(0).map(|e| e.node);
                    self.file.calls.push(Call {
                        node,
                        module,
                        name,
                        arity,
                        args: Args::new(),
                        local,
                        dynamic: false,
                        piped: false,
                        capture: true,
                        via_apply: false,
                        target,
                        arguments: None,
                        do_block: None,
                        parent,
                        expr: node,
                        ctx: self.ctx,
                    });
                }
                true
            }
            _ => true,
        }
    }

    fn record_alias(&mut self, node: Node<'t>) {
        let g = grammar();
        let k = &g.kinds;
        let src = self.src();
        let Some(args) = syntax::call_arguments(node) else {
            return;
        };
        let Some(first) = args.named_child(0) else {
            return;
        };
        let as_name = args
            .named_child(1)
            .and_then(|kw| syntax::keyword_value(kw, src, "as"))
            .map(|n| text(n, src).to_string());
        // `alias A.{B, C}`
        if first.kind_id() == k.dot
            && let Some(tuple) = field(first, g.fields.right)
            && tuple.kind_id() == k.tuple
        {
            let Some(base) = field(first, g.fields.left).and_then(|l| self.module_of(l)) else {
                return;
            };
            for member in named_children(tuple).filter(|m| m.kind_id() == k.alias) {
                let written = text(member, src);
                let short = written.rsplit('.').next().unwrap_or(written).to_string();
                self.bind_alias(node.end_byte(), short, format!("{base}.{written}"));
            }
            return;
        }
        let Some(full) = self.module_of(first) else {
            return;
        };
        let short = as_name.unwrap_or_else(|| full.rsplit('.').next().unwrap_or(&full).into());
        self.bind_alias(node.end_byte(), short, full);
    }

    /// `require MyApp.Srv, as: Srv` aliases like `alias`; without `as:` it binds no name.
    fn record_require(&mut self, node: Node<'t>) {
        let src = self.src();
        let Some(args) = syntax::call_arguments(node) else {
            return;
        };
        let Some(as_name) = args
            .named_child(1)
            .and_then(|kw| syntax::keyword_value(kw, src, "as"))
            .map(|n| text(n, src).to_string())
        else {
            return;
        };
        if let Some(full) = args.named_child(0).and_then(|m| self.module_of(m)) {
            self.bind_alias(node.end_byte(), as_name, full);
        }
    }

    fn record_import(&mut self, node: Node<'t>) {
        let k = &grammar().kinds;
        let src = self.src();
        let Some(args) = syntax::call_arguments(node) else {
            return;
        };
        let Some(module) = args.named_child(0).and_then(|m| self.module_of(m)) else {
            return;
        };
        let opts = args.named_child(1);
        let list_of = |key: &str| {
            let value = opts.and_then(|o| syntax::keyword_value(o, src, key))?;
            if value.kind_id() != k.list {
                // `only: :functions` and `only: :macros` import everything of that kind.
                return Some(None);
            }
            let mut names = Vec::new();
            for kw in named_children(value).filter(|c| c.kind_id() == k.keywords) {
                for pair in named_children(kw) {
                    let g = grammar();
                    let (Some(key), Some(v)) =
                        (field(pair, g.fields.key), field(pair, g.fields.value))
                    else {
                        continue;
                    };
                    names.push((
                        syntax::keyword_name(key, src).to_string(),
                        text(v, src).parse().ok(),
                    ));
                }
            }
            Some(Some(names))
        };
        let filter = match (list_of("only"), list_of("except")) {
            (Some(Some(only)), _) => ImportFilter::Only(only),
            (_, Some(Some(except))) => ImportFilter::Except(except),
            _ => ImportFilter::All,
        };
        self.bind_import(node.end_byte(), Import { module, filter });
    }
}

/// The body of a block call: its `do_block`, or the value of a trailing `do:`.
fn block_body<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    syntax::call_do_block(node).or_else(|| {
        syntax::call_arguments(node)
            .and_then(|a| named_children(a).last())
            .and_then(|kw| syntax::keyword_value(kw, src, "do"))
    })
}

/// The statements of a body: a `do_block`'s children, or the `do:` value itself.
fn body_statements(body: Node<'_>) -> Vec<Node<'_>> {
    let k = &grammar().kinds;
    if body.kind_id() == k.do_block || body.kind_id() == k.block {
        syntax::statements(body).collect()
    } else {
        vec![body]
    }
}

/// `def f(x) when g` → (`f(x)`, Some(`g`)).
fn def_head<'t>(def: Node<'t>, src: &str) -> Option<(Node<'t>, Option<Node<'t>>)> {
    let first = syntax::call_arguments(def)?.named_child(0)?;
    if syntax::is_binary_op(first, src, "when") {
        let g = grammar();
        Some((field(first, g.fields.left)?, field(first, g.fields.right)))
    } else {
        Some((first, None))
    }
}

/// Name and parameters of a function head: `f(a, b)` or `f`.
fn head_name_params<'t>(head: Node<'t>, src: &'t str) -> Option<(&'t str, Vec<Node<'t>>)> {
    let k = &grammar().kinds;
    if head.kind_id() == k.identifier {
        return Some((text(head, src), Vec::new()));
    }
    let name = syntax::local_call_name(head, src)?;
    let params = syntax::call_arguments(head)
        .map(|a| {
            named_children(a)
                .filter(|c| c.kind_id() != k.comment)
                .collect()
        })
        .unwrap_or_default();
    Some((name, params))
}

/// Name and arity range of a head; parameters with defaults (`a \\\\ 1`) are optional.
fn head_arities<'t>(head: Node<'t>, src: &'t str) -> Option<(&'t str, usize, usize)> {
    let k = &grammar().kinds;
    if head.kind_id() == k.identifier {
        return Some((text(head, src), 0, 0));
    }
    let name = syntax::local_call_name(head, src)?;
    let (mut all, mut defaults) = (0, 0);
    if let Some(args) = syntax::call_arguments(head) {
        for p in named_children(args).filter(|c| c.kind_id() != k.comment) {
            all += 1;
            defaults += usize::from(syntax::is_binary_op(p, src, "\\\\"));
        }
    }
    Some((name, all - defaults, all))
}

/// Which process runs a fn passed to `call`.
/// `start: {Task, :start_link, [fn -> ... end]}` in a child spec, or any
/// `{Task, :start_link, [fn -> ... end]}`: the supervisor starts the process that
/// runs the function, so its code runs there, not in the caller.
fn in_started_mfa(node: Node, src: &str) -> bool {
    let k = &grammar().kinds;
    let Some(mfa) = node
        .parent()
        .filter(|l| l.kind_id() == k.list)
        .and_then(|l| l.parent())
        .filter(|t| t.kind_id() == k.tuple && t.named_child_count() == 3)
    else {
        return false;
    };
    let of_task = mfa
        .named_child(0)
        .is_some_and(|m| matches!(text(m, src), "Task" | "Agent"));
    let is_start_key = mfa
        .parent()
        .filter(|pair| pair.kind_id() == k.pair)
        .and_then(|pair| field(pair, grammar().fields.key))
        .is_some_and(|key| syntax::keyword_name(key, src) == "start");
    of_task || is_start_key
}

fn runner_of(call: &Call) -> Runner {
    let m = call.module.as_deref();
    let n = call.name;
    match m {
        Some("Kernel") if n.starts_with("spawn") => Runner::OtherProcess,
        Some("Process" | "Node") if n.starts_with("spawn") => Runner::OtherProcess,
        Some(":erlang" | ":proc_lib") if n.starts_with("spawn") => Runner::OtherProcess,
        Some("Task" | "Task.Supervisor" | "Agent") => Runner::OtherProcess,
        Some("Enum" | "Stream" | "Map" | "List" | "Keyword" | "Kernel") => Runner::SameProcess,
        None if call.local
            && matches!(
                n,
                "start_supervised" | "start_supervised!" | "start_link_supervised!" | "on_exit"
            ) =>
        {
            Runner::OtherProcess
        }
        None if call.local && matches!(n, "then" | "capture_log" | "capture_io" | "tap") => {
            Runner::SameProcess
        }
        _ => Runner::Unknown,
    }
}

/// The levels of `Logger`'s macros and `Logger.log/2,3`.
const LOGGER_LEVELS: &[&str] = &[
    "log",
    "debug",
    "info",
    "notice",
    "warning",
    "warn",
    "error",
    "critical",
    "alert",
    "emergency",
];

/// A node that adds a level of nesting: a `fn` or an `if`/`case`/... call.
fn is_branch(node: Node, src: &str) -> bool {
    let g = grammar();
    if node.kind_id() == g.kinds.anonymous_function {
        return true;
    }
    node.kind_id() == g.kinds.call
        && field(node, g.fields.target).is_some_and(|t| {
            t.kind_id() == g.kinds.identifier
                && matches!(
                    text(t, src),
                    "if" | "unless" | "case" | "cond" | "for" | "with"
                )
        })
}
