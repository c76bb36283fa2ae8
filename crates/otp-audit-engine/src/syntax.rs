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

/// The statement after `node` in its block, comments skipped; `None` at the end of the
/// block, or where an `after`/`rescue`/`catch`/`else` clause ends it.
pub fn next_statement(node: Node) -> Option<Node> {
    let k = &grammar().kinds;
    let mut cur = node.next_named_sibling();
    while let Some(n) = cur {
        if n.kind_id() != k.comment {
            let clause = [k.after_block, k.rescue_block, k.catch_block, k.else_block];
            return (!clause.contains(&n.kind_id())).then_some(n);
        }
        cur = n.next_named_sibling();
    }
    None
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
