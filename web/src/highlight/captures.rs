//! The highlight of each node of a tree-sitter-elixir tree: the grammar's own highlight
//! query (`queries/highlights.scm` of tree-sitter-elixir 0.3.5) written out as code.
//!
//! Why our own code: running the query needs tree-sitter's query engine and, for the
//! query's `#match?` predicates, the regex crate with its Unicode tables. Those were
//! 934 KB raw and 331 KB gzip of the page's wasm, for this one query. The test below
//! holds this module to the query itself, byte for byte, on every Elixir file of the
//! repository.
//!
//! Each node gets the capture of the last query pattern that matches it (the query is
//! written so: "overrides above"); the caller paints outer nodes first, so inner ones
//! paint over them.

use tree_sitter::{Node, Tree, TreeCursor};

/// Paint `paint(start, end, capture)` for every captured node that meets `range`,
/// outer nodes before the nodes inside them.
pub fn each_capture(
    tree: &Tree,
    src: &[u8],
    range: std::ops::Range<usize>,
    mut paint: impl FnMut(usize, usize, &'static str),
) {
    let mut cursor = tree.walk();
    let mut ancestors: Vec<Ancestor<'_>> = Vec::new();
    loop {
        let node = cursor.node();
        let meets = node.start_byte() < range.end && node.end_byte() > range.start;
        if meets {
            let field = known_field(cursor.field_name());
            if let Some(capture) = capture(node, field, &ancestors, src) {
                paint(node.start_byte(), node.end_byte(), capture);
            }
            if cursor.goto_first_child() {
                ancestors.push((node, field));
                continue;
            }
        }
        if !next_node(&mut cursor, &mut ancestors) {
            return;
        }
    }
}

/// The fields the query looks at (the cursor lends its names only for the tree's
/// lifetime; the ancestors keep these).
fn known_field(field: Option<&str>) -> Option<&'static str> {
    Some(match field? {
        "target" => "target",
        "left" => "left",
        "right" => "right",
        "operator" => "operator",
        "operand" => "operand",
        "quoted_start" => "quoted_start",
        "quoted_end" => "quoted_end",
        _ => return None,
    })
}

/// Moves to the next sibling, or to the next sibling of the nearest ancestor that has
/// one; false at the end of the tree.
fn next_node(cursor: &mut TreeCursor, ancestors: &mut Vec<Ancestor>) -> bool {
    loop {
        if cursor.goto_next_sibling() {
            return true;
        }
        if !cursor.goto_parent() {
            return false;
        }
        ancestors.pop();
    }
}

const DEFINITIONS: &[&str] = &[
    "def",
    "defdelegate",
    "defexception",
    "defguard",
    "defguardp",
    "defimpl",
    "defmacro",
    "defmacrop",
    "defmodule",
    "defn",
    "defnp",
    "defoverridable",
    "defp",
    "defprotocol",
    "defstruct",
];
const CONTROL: &[&str] = &[
    "alias",
    "case",
    "cond",
    "for",
    "if",
    "import",
    "quote",
    "raise",
    "receive",
    "require",
    "reraise",
    "super",
    "throw",
    "try",
    "unless",
    "unquote",
    "unquote_splicing",
    "use",
    "with",
];
/// Definitions whose first argument names a function.
const FUNCTION_DEFINITIONS: &[&str] = &[
    "def",
    "defdelegate",
    "defguard",
    "defguardp",
    "defmacro",
    "defmacrop",
    "defn",
    "defnp",
    "defp",
];
const BUILTINS: &[&str] = &[
    "__MODULE__",
    "__DIR__",
    "__ENV__",
    "__CALLER__",
    "__STACKTRACE__",
];
const DOCS: &[&str] = &["moduledoc", "typedoc", "doc"];
const KEYWORD_TOKENS: &[&str] = &[
    "when", "and", "or", "not", "in", "not in", "fn", "do", "end", "catch", "rescue", "after",
    "else",
];

/// A node above the one being painted, with its field in its own parent.
type Ancestor<'t> = (Node<'t>, Option<&'static str>);

/// The `n`th ancestor (1 for the parent).
fn ancestor<'t>(ancestors: &[Ancestor<'t>], n: usize) -> Option<Ancestor<'t>> {
    ancestors.len().checked_sub(n).map(|i| ancestors[i])
}

fn text<'s>(node: Node, src: &'s [u8]) -> &'s str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

fn field_kind<'t>(node: Node<'t>, field: &str) -> Option<&'t str> {
    node.child_by_field_name(field).map(|n| n.kind())
}

/// The capture of `node`, whose field in its parent is `field`, under `ancestors`
/// (innermost last), or `None` when no pattern paints it.
fn capture(
    node: Node,
    field: Option<&str>,
    ancestors: &[Ancestor],
    src: &[u8],
) -> Option<&'static str> {
    let up = |n: usize| ancestor(ancestors, n);
    let parent = up(1);
    if !node.is_named() {
        return token_capture(node.kind(), field, parent, up(2), up(3), src);
    }
    let under = |kind: &str| parent.is_some_and(|(p, _)| p.kind() == kind);
    Some(match node.kind() {
        "identifier" => return identifier_capture(node, field, ancestors, src),
        "alias" => "module",
        "atom" => {
            let target_dot = field == Some("left")
                && under("dot")
                && parent.is_some_and(|(_, f)| f == Some("target"))
                && up(2).is_some_and(|(c, _)| c.kind() == "call");
            if target_dot {
                "module"
            } else {
                "string.special.symbol"
            }
        }
        "quoted_atom" | "keyword" | "quoted_keyword" => "string.special.symbol",
        "boolean" | "nil" => {
            if node.kind() == "boolean" && is_doc_argument(parent, up(2), up(3), src) {
                "comment.doc"
            } else if field == Some("operand") && is_attribute(parent) {
                "attribute"
            } else {
                "constant"
            }
        }
        "integer" => {
            let captured = field == Some("operand")
                && parent.is_some_and(|(p, _)| {
                    p.kind() == "unary_operator" && field_kind(p, "operator") == Some("&")
                });
            if captured { "operator" } else { "number" }
        }
        "float" => "number",
        "char" => "constant",
        "comment" => "comment",
        "interpolation" => "embedded",
        "escape_sequence" => "string.escape",
        "string" | "charlist" => {
            if is_doc_argument(parent, up(2), up(3), src) {
                "comment.doc"
            } else {
                "string"
            }
        }
        "sigil" => {
            if is_doc_argument(parent, up(2), up(3), src) {
                "comment.doc"
            } else {
                sigil_capture(node, src)
            }
        }
        "operator_identifier" => "operator",
        _ => return None,
    })
}

/// An anonymous token: keywords, operators, punctuation, sigil delimiters.
fn token_capture(
    kind: &str,
    field: Option<&str>,
    parent: Option<Ancestor>,
    grandparent: Option<Ancestor>,
    great: Option<Ancestor>,
    src: &[u8],
) -> Option<&'static str> {
    if KEYWORD_TOKENS.contains(&kind) {
        return Some("keyword");
    }
    let parent_kind = parent.map(|(p, _)| p.kind());
    if field == Some("operator") {
        let (p, _) = parent?;
        return Some(match p.kind() {
            "unary_operator" if kind == "@" => {
                let operand = p.child_by_field_name("operand");
                if operand.is_some_and(|o| is_doc_call(o, src)) {
                    "comment.doc"
                } else if is_attribute(parent) {
                    "attribute"
                } else {
                    "operator"
                }
            }
            "unary_operator" | "binary_operator" | "dot" | "stab_clause" => "operator",
            _ => return None,
        });
    }
    if matches!(field, Some("quoted_start" | "quoted_end")) && parent_kind == Some("sigil") {
        let (sigil, _) = parent?;
        if is_doc_argument(grandparent, great, None, src) {
            return Some("comment.doc");
        }
        return Some(sigil_capture(sigil, src));
    }
    if parent_kind == Some("interpolation") && matches!(kind, "#{" | "}") {
        return Some("punctuation.special");
    }
    Some(match kind {
        "(" | ")" | "[" | "]" | "{" | "}" | "<<" | ">>" => "punctuation.bracket",
        "," | ";" => "punctuation.delimiter",
        "%" => "punctuation",
        _ => return None,
    })
}

fn identifier_capture(
    node: Node,
    field: Option<&str>,
    ancestors: &[Ancestor],
    src: &[u8],
) -> Option<&'static str> {
    let up = |n: usize| ancestor(ancestors, n);
    let is = |n: usize, kind: &str| up(n).is_some_and(|(a, _)| a.kind() == kind);
    let field_of = |n: usize| up(n).and_then(|(_, f)| f);
    let name = text(node, src);
    // The target of a call that is the operand of `@`: `@name value`.
    let attribute_call = field == Some("target")
        && is(1, "call")
        && field_of(1) == Some("operand")
        && is_attribute(up(2));
    if attribute_call || (field == Some("operand") && is_attribute(up(1))) {
        return Some("attribute");
    }
    let piped = |n: usize| {
        up(n).is_some_and(|(b, _)| {
            b.kind() == "binary_operator" && field_kind(b, "operator") == Some("|>")
        })
    };
    let definition_call = |call: Option<Ancestor>| {
        call.is_some_and(|(c, _)| {
            c.kind() == "call"
                && c.child_by_field_name("target").is_some_and(|t| {
                    t.kind() == "identifier" && FUNCTION_DEFINITIONS.contains(&text(t, src))
                })
        })
    };
    // `x |> Mod.fun(...)`: the function of a piped remote call.
    if field == Some("right")
        && is(1, "dot")
        && field_of(1) == Some("target")
        && is(2, "call")
        && field_of(2) == Some("right")
        && piped(3)
    {
        return Some("function");
    }
    if field == Some("right") && piped(1) {
        // `def a |> b`: the right side of a pipe as a definition's argument.
        if is(2, "arguments") && definition_call(up(3)) {
            return Some("variable");
        }
        return Some("function");
    }
    // The name a definition defines: `def name`, `def name when guard`.
    let in_definition = (is(1, "arguments") && definition_call(up(2)))
        || (field == Some("left")
            && up(1).is_some_and(|(b, _)| {
                b.kind() == "binary_operator" && field_kind(b, "operator") == Some("when")
            })
            && is(2, "arguments")
            && definition_call(up(3)));
    if in_definition {
        return Some("function");
    }
    if field == Some("target") && is(1, "call") {
        if DEFINITIONS.contains(&name) || CONTROL.contains(&name) {
            return Some("keyword");
        }
        return Some("function");
    }
    if field == Some("right") && is(1, "dot") && field_of(1) == Some("target") && is(2, "call") {
        let (dot, _) = up(1)?;
        let (call, _) = up(2)?;
        let last = call.named_child_count() > 0
            && call.named_child(call.named_child_count() as u32 - 1) == Some(dot);
        if !last {
            return Some("function");
        }
        let module = matches!(field_kind(dot, "left"), Some("alias" | "atom"));
        return Some(if module { "function" } else { "property" });
    }
    if BUILTINS.contains(&name) {
        return Some("constant.builtin");
    }
    if name.starts_with('_') {
        return Some("comment.unused");
    }
    Some("variable")
}

/// A sigil's own capture: strings for `~s`/`~S`, regexes for `~r`/`~R`.
fn sigil_capture(sigil: Node, src: &[u8]) -> &'static str {
    let mut cursor = sigil.walk();
    let name = sigil
        .named_children(&mut cursor)
        .find(|c| c.kind() == "sigil_name")
        .map(|n| text(n, src));
    match name {
        Some("s" | "S") => "string",
        Some("r" | "R") => "string.regex",
        _ => "string.special",
    }
}

/// `parent` is a `@` unary operator whose operand is a name, a call of a name,
/// a boolean or nil.
fn is_attribute(parent: Option<Ancestor>) -> bool {
    let Some((p, _)) = parent else { return false };
    if p.kind() != "unary_operator" || field_kind(p, "operator") != Some("@") {
        return false;
    }
    match p.child_by_field_name("operand") {
        Some(o) if matches!(o.kind(), "identifier" | "boolean" | "nil") => true,
        Some(o) if o.kind() == "call" => field_kind(o, "target") == Some("identifier"),
        _ => false,
    }
}

/// `call` is `moduledoc`, `typedoc` or `doc` with a text or boolean argument, as the
/// operand of `@`.
fn is_doc_call(call: Node, src: &[u8]) -> bool {
    if call.kind() != "call" {
        return false;
    }
    let named = call
        .child_by_field_name("target")
        .is_some_and(|t| t.kind() == "identifier" && DOCS.contains(&text(t, src)));
    if !named {
        return false;
    }
    let mut cursor = call.walk();
    let arguments = call
        .named_children(&mut cursor)
        .find(|c| c.kind() == "arguments");
    arguments.is_some_and(|args| {
        let mut cursor = args.walk();
        args.named_children(&mut cursor)
            .any(|a| matches!(a.kind(), "string" | "charlist" | "sigil" | "boolean"))
    })
}

/// A node whose parent is `parent` is the argument of `@doc`-like attribute.
fn is_doc_argument(
    parent: Option<Ancestor>,
    grandparent: Option<Ancestor>,
    great: Option<Ancestor>,
    src: &[u8],
) -> bool {
    let (Some((args, _)), Some((call, call_field))) = (parent, grandparent) else {
        return false;
    };
    let under_attribute = match great {
        Some((op, _)) => op.kind() == "unary_operator" && field_kind(op, "operator") == Some("@"),
        // The caller could not see that far: look it up.
        None => call.parent().is_some_and(|op| {
            op.kind() == "unary_operator" && field_kind(op, "operator") == Some("@")
        }),
    };
    args.kind() == "arguments"
        && call_field == Some("operand")
        && under_attribute
        && is_doc_call(call, src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use streaming_iterator::StreamingIterator;
    use tree_sitter::{Query, QueryCursor};

    /// Every byte's capture as the query paints it.
    fn by_query(query: &Query, tree: &Tree, src: &[u8]) -> Vec<&'static str> {
        let names: Vec<&'static str> = query
            .capture_names()
            .iter()
            .map(|n| &*String::leak(n.to_string()))
            .collect();
        let mut spans = Vec::new();
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(query, tree.root_node(), src);
        while let Some(m) = matches.next() {
            for c in m.captures() {
                let name = names[c.index as usize];
                if !name.contains("__") {
                    spans.push((
                        c.node.start_byte(),
                        c.node.end_byte(),
                        m.pattern_index,
                        name,
                    ));
                }
            }
        }
        spans.sort_by(|a, b| (a.0, b.1, a.2).cmp(&(b.0, a.1, b.2)));
        let mut out = vec!["-"; src.len()];
        for (start, end, _, name) in spans {
            out[start..end].fill(name);
        }
        out
    }

    fn by_code(tree: &Tree, src: &[u8]) -> Vec<&'static str> {
        let mut out = vec!["-"; src.len()];
        each_capture(tree, src, 0..src.len(), |start, end, name| {
            out[start..end].fill(name)
        });
        out
    }

    fn elixir_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                elixir_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "ex" || e == "exs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn paints_every_repository_file_as_the_grammars_query_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["crates", "tests", "web"] {
            elixir_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 300, "found only {} Elixir files", files.len());
        let mut texts: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                (
                    f.display().to_string(),
                    std::fs::read_to_string(f).unwrap_or_default(),
                )
            })
            .collect();
        texts.extend(
            crate::examples::EXAMPLES
                .iter()
                .map(|e| (e.rule.to_string(), e.source())),
        );
        texts.push(("shapes".into(), SHAPES.to_string()));
        let query = Query::new(
            &otp_audit_engine::language(),
            tree_sitter_elixir::HIGHLIGHTS_QUERY,
        )
        .expect("the grammar's highlight query compiles");
        for (name, text) in texts {
            let tree = otp_audit_engine::parse(&text);
            let want = by_query(&query, &tree, text.as_bytes());
            let got = by_code(&tree, text.as_bytes());
            if let Some(at) = (0..want.len()).find(|&i| want[i] != got[i]) {
                let line = text[..at].matches('\n').count() + 1;
                panic!(
                    "{name}:{line}: byte {at} is {:?} by the query, {:?} here",
                    want[at], got[at]
                );
            }
        }
    }

    /// Shapes each pattern of the query is about, in one file.
    const SHAPES: &str = r#"defmodule Shapes.Doc do
  @moduledoc """
  Text #{interpolated}
  """
  @doc ~S"raw \d"
  @doc false
  @typedoc 'chars'
  @behaviour :gen_server
  @attr true
  @nothing nil
  @value 1 + 2
  def a |> b
  def name when is_atom(name), do: _unused
  def name, do: __MODULE__ && __STACKTRACE__
  defp piped(x), do: x |> f |> Mod.g() |> :erlang.h() |> y.z
  defmacro m(x), do: quote(do: unquote(x))
  def f(map), do: {map.key, map.key(), Mod.fun, :mod.fun, &Mod.f/1, &1, &(&1 + 1)}
  def g, do: [?a, 1.5, 0x1F, "a\n#{b}", 'c', ~r/re/i, ~w(a b)a, ~D[2020-01-01], :"quoted", "k": 1]
  def h(%{a: 1} = m, <<x::8>>), do: not m and x in [1] or x not in [2]
  def i(x) do
    fn a -> a end
    try do x rescue e -> e catch k -> k after :ok else v -> v end
    receive do {:msg, m} -> m after 0 -> nil end
  end
  def j, do: Kernel.+(1, 2) ; def k, do: (&+/2).(1, 2)
  defstruct [:a]; defexception [:message]
  defimpl String.Chars, for: Shapes.Doc do def to_string(_), do: "" end
end
"#;
}
