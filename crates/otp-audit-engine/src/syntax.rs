//! Small helpers over tree-sitter-elixir nodes. Kind and field ids are looked up
//! once, so hot paths compare integers instead of strings.

use std::num::NonZeroU16;
use std::sync::OnceLock;
use tree_sitter::{Language, Node};

pub fn language() -> Language {
    tree_sitter_elixir::LANGUAGE.into()
}

macro_rules! kinds {
    ($($field:ident = $name:literal),* $(,)?) => {
        /// Node kind ids of the grammar, by name.
        #[derive(Debug)]
        pub struct Kinds { $(pub $field: u16,)* }
        impl Kinds {
            fn load(lang: &Language) -> Kinds {
                Kinds { $($field: lang.id_for_node_kind($name, true),)* }
            }
        }
    };
}

kinds! {
    call = "call",
    identifier = "identifier",
    alias = "alias",
    dot = "dot",
    arguments = "arguments",
    do_block = "do_block",
    keywords = "keywords",
    pair = "pair",
    keyword = "keyword",
    quoted_keyword = "quoted_keyword",
    binary_operator = "binary_operator",
    unary_operator = "unary_operator",
    anonymous_function = "anonymous_function",
    stab_clause = "stab_clause",
    body = "body",
    block = "block",
    string = "string",
    atom = "atom",
    quoted_atom = "quoted_atom",
    integer = "integer",
    float = "float",
    tuple = "tuple",
    list = "list",
    map = "map",
    comment = "comment",
    after_block = "after_block",
    rescue_block = "rescue_block",
    catch_block = "catch_block",
    else_block = "else_block",
    interpolation = "interpolation",
    boolean = "boolean",
    nil = "nil",
    operator_identifier = "operator_identifier",
    source = "source",
    access_call = "access_call",
    map_content = "map_content",
    sigil = "sigil",
}

/// Field ids of the grammar.
#[derive(Debug)]
pub struct Fields {
    pub target: NonZeroU16,
    pub left: NonZeroU16,
    pub right: NonZeroU16,
    pub operator: NonZeroU16,
    pub operand: NonZeroU16,
    pub key: NonZeroU16,
    pub value: NonZeroU16,
}

pub struct Grammar {
    pub kinds: Kinds,
    pub fields: Fields,
}

pub fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| {
        let lang = language();
        let field = |name: &str| {
            lang.field_id_for_name(name)
                .unwrap_or_else(|| panic!("tree-sitter-elixir has no field {name}"))
        };
        Grammar {
            kinds: Kinds::load(&lang),
            fields: Fields {
                target: field("target"),
                left: field("left"),
                right: field("right"),
                operator: field("operator"),
                operand: field("operand"),
                key: field("key"),
                value: field("value"),
            },
        }
    })
}

/// The source text of a node.
pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// Named children in order. A cursor makes this linear; `named_child(i)` is O(i).
pub fn named_children<'t>(node: Node<'t>) -> NamedChildren<'t> {
    let mut cursor = node.walk();
    let more = cursor.goto_first_child();
    NamedChildren { cursor, more }
}

pub struct NamedChildren<'t> {
    cursor: tree_sitter::TreeCursor<'t>,
    more: bool,
}

impl<'t> Iterator for NamedChildren<'t> {
    type Item = Node<'t>;
    fn next(&mut self) -> Option<Node<'t>> {
        while self.more {
            let n = self.cursor.node();
            self.more = self.cursor.goto_next_sibling();
            if n.is_named() {
                return Some(n);
            }
        }
        None
    }
}

pub fn field<'t>(node: Node<'t>, id: NonZeroU16) -> Option<Node<'t>> {
    node.child_by_field_id(id.get())
}

/// Children of a call that are not its target: `arguments` and `do_block`.
pub fn call_arguments(call: Node) -> Option<Node> {
    call_parts(call).0
}

pub fn call_do_block(call: Node) -> Option<Node> {
    call_parts(call).1
}

/// `(arguments, do_block)` of a call, in one pass over its few children.
pub fn call_parts(call: Node) -> (Option<Node>, Option<Node>) {
    let k = &grammar().kinds;
    let (mut args, mut block) = (None, None);
    // A call has at most target, arguments and do_block: indexing beats a cursor here.
    for c in (0..call.named_child_count() as u32).filter_map(|i| call.named_child(i)) {
        if c.kind_id() == k.arguments {
            args = Some(c);
        } else if c.kind_id() == k.do_block {
            block = Some(c);
        }
    }
    (args, block)
}

/// The identifier name of a plain local call target (`foo(...)`, `test "x" do`).
pub fn local_call_name<'s>(call: Node, src: &'s str) -> Option<&'s str> {
    let g = grammar();
    if call.kind_id() != g.kinds.call {
        return None;
    }
    let target = field(call, g.fields.target)?;
    (target.kind_id() == g.kinds.identifier).then(|| text(target, src))
}

/// The operator text of a binary or unary operator node.
pub fn operator<'s>(node: Node, src: &'s str) -> &'s str {
    field(node, grammar().fields.operator)
        .map(|o| text(o, src))
        .unwrap_or("")
}

pub fn is_binary_op(node: Node, src: &str, op: &str) -> bool {
    node.kind_id() == grammar().kinds.binary_operator && operator(node, src) == op
}

/// The value of a `key: value` pair in a trailing keyword list, e.g. `name:` in
/// `GenServer.start_link(M, a, name: __MODULE__)`.
pub fn keyword_value<'t>(keywords: Node<'t>, src: &str, key: &str) -> Option<Node<'t>> {
    let g = grammar();
    if keywords.kind_id() != g.kinds.keywords {
        return None;
    }
    named_children(keywords).find_map(|pair| {
        let k = field(pair, g.fields.key)?;
        (keyword_name(k, src) == key)
            .then(|| field(pair, g.fields.value))
            .flatten()
    })
}

/// `do: ` → `do`; `"a b": ` → `a b`.
pub fn keyword_name<'s>(key: Node, src: &'s str) -> &'s str {
    text(key, src)
        .trim_end()
        .trim_end_matches(':')
        .trim_matches('"')
}

/// A value written out in full: an atom, a number, `true`/`false`/`nil`, or a string
/// without interpolation (`:eu`, `42`, `"https://..."`).
pub fn is_scalar_literal(node: Node) -> bool {
    let k = &grammar().kinds;
    [k.atom, k.boolean, k.integer, k.float, k.nil].contains(&node.kind_id())
        || node.kind_id() == k.string
            && named_children(node).all(|c| c.kind_id() != k.interpolation)
}

/// An atom literal's name without the colon: `:ok` → `ok`, `:"$callers"` → `$callers`.
/// `None` for interpolated atoms.
pub fn atom_name<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let k = &grammar().kinds;
    if node.kind_id() == k.atom {
        Some(text(node, src).trim_start_matches(':'))
    } else if node.kind_id() == k.quoted_atom && node.named_child_count() <= 1 {
        let t = text(node, src).trim_start_matches(':');
        if named_children(node).any(|c| c.kind_id() == k.interpolation) {
            return None;
        }
        Some(t.trim_matches(|c| c == '"' || c == '\''))
    } else {
        None
    }
}

/// The first pattern of a `->` clause (`{:ok, x} ->`), without its guard:
/// `pattern when guard ->` puts the guard around the clause's arguments.
pub fn clause_pattern<'t>(clause: Node<'t>, src: &str) -> Option<Node<'t>> {
    let g = grammar();
    let mut args = field(clause, g.fields.left)?;
    if is_binary_op(args, src, "when") {
        args = field(args, g.fields.left)?;
    }
    if args.kind_id() == g.kinds.arguments {
        args.named_child(0)
    } else {
        Some(args)
    }
}

/// The body of an anonymous `fn` that has exactly one clause (`fn x -> ... end`), the
/// node whose statements run; `None` for another node or a `fn` of several clauses.
pub fn single_clause_body<'t>(fun: Node<'t>) -> Option<Node<'t>> {
    let g = grammar();
    if fun.kind_id() != g.kinds.anonymous_function {
        return None;
    }
    let mut clauses = named_children(fun).filter(|c| c.kind_id() == g.kinds.stab_clause);
    match (clauses.next(), clauses.next()) {
        (Some(clause), None) => field(clause, g.fields.right),
        _ => None,
    }
}

/// Statements of a block-like node: the named children of `do_block`, `body`,
/// `stab_clause` bodies and the like, skipping comments.
pub fn statements<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let comment = grammar().kinds.comment;
    named_children(node).filter(move |c| c.kind_id() != comment)
}

/// An `else`, `after`, `rescue` or `catch` block: a clause that closes the statements
/// of a `do` block, not one of them.
pub fn is_trailing_block(node: Node) -> bool {
    let k = &grammar().kinds;
    [k.else_block, k.after_block, k.rescue_block, k.catch_block].contains(&node.kind_id())
}

/// The statement after `node` in its block, comments skipped; `None` at the end of the
/// block, or where an `after`/`rescue`/`catch`/`else` clause ends it.
pub fn next_statement(node: Node) -> Option<Node> {
    let k = &grammar().kinds;
    let mut cur = node.next_named_sibling();
    while let Some(n) = cur {
        if n.kind_id() != k.comment {
            return (!is_trailing_block(n)).then_some(n);
        }
        cur = n.next_named_sibling();
    }
    None
}

/// The values `node` (a function's body, a clause's body, an expression) can end in,
/// pushed on `out`: the last statement of a block, followed into each branch of
/// `case`, `cond`, `receive` (and its `after`), `try` (its `else` clauses when it has
/// them, else its body, and its `rescue`/`catch` clauses), `if`/`unless` (block and
/// `do:`/`else:` forms) and `with` (its body and its `else` clauses). A `fn` is a value
/// here, not followed: what it ends in is what its caller gets later.
///
/// Returns whether `out` holds the value of every path: `false` when some path ends in
/// a value that is not written there (an `if` without `else` gives `nil`, a `with`
/// without `else` gives whatever failed to match). What could be seen is pushed anyway.
pub fn tail_values<'t>(node: Node<'t>, src: &str, out: &mut Vec<Node<'t>>) -> bool {
    tails(node, src, out, 0)
}

fn tails<'t>(node: Node<'t>, src: &str, out: &mut Vec<Node<'t>>, depth: u32) -> bool {
    let g = grammar();
    let k = &g.kinds;
    if depth > 8 {
        return false;
    }
    let last = |body: Node<'t>, out: &mut Vec<Node<'t>>| {
        statements(body)
            .filter(|s| !is_trailing_block(*s))
            .last()
            .is_some_and(|t| tails(t, src, out, depth + 1))
    };
    // Every clause is followed, even after one that is not fully seen.
    let clauses = |block: Node<'t>, out: &mut Vec<Node<'t>>| {
        let mut all = true;
        let mut any = false;
        for clause in named_children(block).filter(|c| c.kind_id() == k.stab_clause) {
            any = true;
            all &= field(clause, g.fields.right).is_some_and(|body| last(body, out));
        }
        any && all
    };
    if [k.do_block, k.body, k.block].contains(&node.kind_id()) {
        return last(node, out);
    }
    let name = (node.kind_id() == k.call)
        .then(|| local_call_name(node, src))
        .flatten();
    let Some(name) = name else {
        out.push(node);
        return true;
    };
    let Some(block) = call_do_block(node) else {
        // `if ok?, do: start(), else: :ignore`.
        let keywords = call_arguments(node)
            .and_then(|args| named_children(args).last())
            .filter(|kw| kw.kind_id() == k.keywords);
        return match (name, keywords) {
            ("if" | "unless" | "with", Some(kw)) => {
                let then =
                    keyword_value(kw, src, "do").is_some_and(|v| tails(v, src, out, depth + 1));
                let otherwise = name != "with"
                    && keyword_value(kw, src, "else")
                        .is_some_and(|v| tails(v, src, out, depth + 1));
                then && otherwise
            }
            _ => {
                out.push(node);
                true
            }
        };
    };
    let part = |kind: u16| named_children(block).find(|c| c.kind_id() == kind);
    match name {
        "case" | "cond" | "receive" => {
            let branches = clauses(block, out);
            branches & part(k.after_block).is_none_or(|after| clauses(after, out))
        }
        "try" => {
            let body = match part(k.else_block) {
                Some(else_block) => clauses(else_block, out),
                None => last(block, out),
            };
            let mut handlers = true;
            for handler in [k.rescue_block, k.catch_block].into_iter().filter_map(part) {
                handlers &= clauses(handler, out);
            }
            body && handlers
        }
        "if" | "unless" => {
            let then = last(block, out);
            then & part(k.else_block).is_some_and(|e| last(e, out))
        }
        "with" => {
            let body = last(block, out);
            body & part(k.else_block).is_some_and(|e| clauses(e, out))
        }
        _ => {
            out.push(node);
            true
        }
    }
}

/// A module attribute statement: `@name value`, or a bare `@name`.
pub fn is_attribute(node: Node, src: &str) -> bool {
    node.kind_id() == grammar().kinds.unary_operator && operator(node, src) == "@"
}

/// `@name value` → `name`.
pub fn attribute_name<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    if !is_attribute(node, src) {
        return None;
    }
    local_call_name(field(node, grammar().fields.operand)?, src)
}

/// All descendants of `node` in document order, walked without recursion.
pub fn descendants<'t>(node: Node<'t>) -> Descendants<'t> {
    Descendants {
        cursor: node.walk(),
        depth: 0,
        root_done: false,
        finished: false,
    }
}

pub struct Descendants<'t> {
    cursor: tree_sitter::TreeCursor<'t>,
    /// How far below the starting node the cursor is. Kept here because
    /// `TreeCursor::depth` recounts the cursor's whole stack on every call, and the
    /// walk asks at every climb: it was a fifth of the engine's instructions.
    depth: usize,
    root_done: bool,
    finished: bool,
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;
    fn next(&mut self) -> Option<Node<'t>> {
        if self.finished {
            return None;
        }
        if !self.root_done {
            self.root_done = true;
            if !self.cursor.goto_first_child() {
                self.finished = true;
                return None;
            }
            self.depth = 1;
            return Some(self.cursor.node());
        }
        if self.cursor.goto_first_child() {
            self.depth += 1;
            return Some(self.cursor.node());
        }
        if self.cursor.goto_next_sibling() {
            return Some(self.cursor.node());
        }
        loop {
            // depth 0 is the root we started from: stop there.
            if self.depth <= 1 || !self.cursor.goto_parent() {
                self.finished = true;
                return None;
            }
            self.depth -= 1;
            if self.cursor.goto_next_sibling() {
                return Some(self.cursor.node());
            }
        }
    }
}

/// Walk up from `node` through `parent()`; O(depth) per step, so only for short climbs.
pub fn parent_of_kind<'t>(node: Node<'t>, kind: u16, max_steps: usize) -> Option<Node<'t>> {
    let mut cur = node.parent();
    for _ in 0..max_steps {
        let n = cur?;
        if n.kind_id() == kind {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// True if `node` is the value of a `do:` keyword or a statement directly in a block,
/// i.e. its value is not consumed by an enclosing expression.
/// The field of `state.waiter` (a call of no arguments on a dot, as the grammar
/// writes a field access) or of a bare dot: `waiter`.
pub fn field_access<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let g = grammar();
    let dot = if node.kind_id() == g.kinds.call && call_arguments(node).is_none() {
        node.named_child(0)?
    } else {
        node
    };
    if dot.kind_id() != g.kinds.dot {
        return None;
    }
    let right = field(dot, g.fields.right)?;
    (right.kind_id() == g.kinds.identifier).then(|| text(right, src))
}

pub fn is_self_call(node: Node, src: &str) -> bool {
    local_call_name(node, src) == Some("self")
        && call_arguments(node).is_none_or(|a| a.named_child_count() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&language()).unwrap();
        p.parse(src, None).unwrap()
    }

    #[test]
    fn descendants_visits_every_node_once_and_stays_inside() {
        let src = "a(b(c), d)\ne(f)";
        let tree = parse(src);
        let first = tree.root_node().named_child(0).unwrap();
        let ids: Vec<_> = descendants(first)
            .filter(|n| n.kind_id() == grammar().kinds.identifier)
            .map(|n| text(n, src))
            .collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
    }

    /// `(complete, tails)` of the only top-level expression of `src`.
    fn tails_of(src: &str) -> (bool, Vec<String>) {
        let tree = parse(src);
        let mut out = Vec::new();
        let complete = tail_values(tree.root_node().named_child(0).unwrap(), src, &mut out);
        (
            complete,
            out.iter().map(|n| text(*n, src).to_string()).collect(),
        )
    }

    #[test]
    fn tail_values_follow_every_branch() {
        let case = "case x do\n  1 -> a()\n  _ -> if y, do: :b, else: {:c, 1}\nend";
        assert_eq!(
            tails_of(case),
            (true, vec!["a()".into(), ":b".into(), "{:c, 1}".into()])
        );
        let try_else = "try do\n  f()\nelse\n  x -> x\nrescue\n  _ -> :error\nafter\n  g()\nend";
        assert_eq!(
            tails_of(try_else),
            (true, vec!["x".into(), ":error".into()])
        );
        let receive = "receive do\n  m -> m\nafter\n  100 -> :timeout\nend";
        assert_eq!(
            tails_of(receive),
            (true, vec!["m".into(), ":timeout".into()])
        );
        // A fn is a value: its body runs later.
        assert_eq!(
            tails_of("fn -> :ok end"),
            (true, vec!["fn -> :ok end".into()])
        );
    }

    #[test]
    fn tail_values_say_when_a_path_is_unseen() {
        // `nil` when the condition fails; what failed to match, from a `with`.
        assert_eq!(tails_of("if x do\n  a\nend"), (false, vec!["a".into()]));
        assert_eq!(
            tails_of("with {:ok, v} <- f() do\n  v\nend"),
            (false, vec!["v".into()])
        );
        let with_else = "with {:ok, v} <- f() do\n  v\nelse\n  _ -> :error\nend";
        assert_eq!(
            tails_of(with_else),
            (true, vec!["v".into(), ":error".into()])
        );
    }

    #[test]
    fn atom_names() {
        let src = ":ok\n:\"$callers\"\n:\"a#{b}\"";
        let tree = parse(src);
        let names: Vec<_> = named_children(tree.root_node())
            .map(|n| atom_name(n, src))
            .collect();
        assert_eq!(names, [Some("ok"), Some("$callers"), None]);
    }
}
