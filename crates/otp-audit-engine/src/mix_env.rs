//! Code that Mix compiles only outside production.
//!
//! `if Mix.env() == :test do def put_override(...) end` (or the `else` of
//! `if Mix.env() != :test`) is test plumbing inside `lib/`: a config override found
//! through `$callers`, a sandbox owner handed on. Rules written for production
//! processes (`otp/*`: supervision, raw messages, the process dictionary) do not
//! apply to it, and their advice cannot be followed there.

use std::ops::Range;

use crate::model::File;
use crate::syntax::{self, grammar};
use tree_sitter::Node;

/// Byte ranges of the branches of `if`/`unless` on `Mix.env()` that run only in
/// environments other than `:prod`.
pub fn non_prod_regions(file: &File) -> Vec<Range<usize>> {
    if !file.src.contains("Mix.env") {
        return Vec::new();
    }
    let mut regions = Vec::new();
    for call in file.calls_named_any(&["if", "unless"]) {
        if !call.local || call.module.is_some() {
            continue;
        }
        let Some(prod_in_do) = call.arg(0).and_then(|c| prod_runs(file, c)) else {
            continue;
        };
        let prod_in_do = if call.name == "unless" {
            !prod_in_do
        } else {
            prod_in_do
        };
        let (do_part, else_part) = branches(file, call.node);
        regions.extend(if prod_in_do { else_part } else { do_part });
    }
    regions
}

/// Whether production takes the `do` branch of a condition on `Mix.env()`:
/// `Mix.env() == :test` → false, `Mix.env() != :test` → true,
/// `Mix.env() in [:dev, :test]` → false. `None` for any other condition.
fn prod_runs(file: &File, cond: Node) -> Option<bool> {
    let g = grammar();
    if cond.kind_id() != g.kinds.binary_operator {
        return None;
    }
    let op = syntax::operator(cond, file.src);
    let (left, right) = (
        syntax::field(cond, g.fields.left)?,
        syntax::field(cond, g.fields.right)?,
    );
    let is_env = |n: Node| matches!(file.text(n), "Mix.env()" | "Mix.env");
    let other = match (is_env(left), is_env(right)) {
        (true, false) => right,
        (false, true) if matches!(op, "==" | "!=") => left,
        _ => return None,
    };
    let envs: Vec<&str> = if other.kind_id() == g.kinds.list {
        syntax::named_children(other)
            .map(|a| syntax::atom_name(a, file.src))
            .collect::<Option<_>>()?
    } else {
        vec![syntax::atom_name(other, file.src)?]
    };
    let listed = envs.contains(&"prod");
    match op {
        "==" | "in" => Some(listed),
        "!=" | "not in" => Some(!listed),
        _ => None,
    }
}

/// The `do` and `else` parts of `if c do ... else ... end` or `if c, do: x, else: y`.
fn branches(file: &File, call: Node) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let g = grammar();
    let (args, block) = syntax::call_parts(call);
    if let Some(block) = block {
        let else_block = syntax::named_children(block).find(|c| c.kind_id() == g.kinds.else_block);
        let do_end = else_block.map_or(block.end_byte(), |e| e.start_byte());
        return (
            Some(block.start_byte()..do_end),
            else_block.map(|e| e.byte_range()),
        );
    }
    let keywords =
        args.and_then(|a| syntax::named_children(a).find(|c| c.kind_id() == g.kinds.keywords));
    let part = |key| {
        keywords
            .and_then(|k| syntax::keyword_value(k, file.src, key))
            .map(|v| v.byte_range())
    };
    (part("do"), part("else"))
}

#[cfg(test)]
mod tests {
    use crate::{Config, Engine};

    fn lines(src: &str) -> Vec<(u32, String)> {
        Engine::new(Config::default())
            .check("lib/a.ex", src)
            .findings
            .into_iter()
            .map(|f| (f.start.line, f.rule))
            .collect()
    }

    #[test]
    fn test_only_branches_are_not_production_code() {
        let src = "defmodule A do\n  if Mix.env() == :test do\n    def put(v), do: Process.put({A, :a}, v)\n  end\n\n  if Mix.env() != :test do\n    def put2(v), do: Process.put({A, :b}, v)\n  else\n    def put3(v), do: Process.put({A, :c}, v)\n  end\n\n  unless Mix.env() in [:dev, :test], do: def(put4(v), do: Process.put({A, :d}, v))\nend\n";
        let found: Vec<u32> = lines(src)
            .into_iter()
            .filter(|(_, r)| r == "otp/no-process-dictionary")
            .map(|(l, _)| l)
            .collect();
        // Production runs line 7 (`!= :test`) and line 12 (`unless` dev or test).
        assert_eq!(found, [7, 12]);
    }
}
