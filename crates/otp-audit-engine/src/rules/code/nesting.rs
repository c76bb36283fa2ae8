//! `code/nesting`: Function body nested too deep. See `nesting.md`.
//!
//! Credo's `Refactor.Nesting`: inside the body of a `def`, `defp` or `defmacro`,
//! every `if`, `unless`, `case`, `cond`, `fn`, `for` and `with` adds one level (the
//! body itself is level 0). Ops in a condition or a head count as well; `receive`
//! and `try` do not. One finding per function, at the deepest op (ties go to the
//! later one, unless only an earlier one is more than a one-liner), when that depth
//! exceeds `max_nesting`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/nesting",
    title: "Function body nested too deep",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::None,
    default_enabled: true,
    params: &[ParamSpec {
        name: "max_nesting",
        doc: "Deepest nesting of if/unless/case/cond/fn/for/with allowed in a function body.",
        default: || ParamValue::Int(2),
    }],
    credo: &["Credo.Check.Refactor.Nesting"],
    supersedes: &[],
    guide: include_str!("nesting.md"),
    check,
    project: None,
};

/// The walk that builds the model counts nesting (`Def::deepest`), so this rule
/// only compares: no second pass over the tree.
fn check(file: &File, report: &mut Report) {
    let max = report.param_int("max_nesting");
    for (id, def) in file.defs.iter().enumerate() {
        if !matches!(def.kind, "def" | "defp" | "defmacro") {
            continue;
        }
        let Some((depth, last)) = def.deepest else {
            continue;
        };
        if i64::from(depth) <= max {
            continue;
        }
        let ctx = Ctx {
            module: def.module,
            def: Some(id as u32),
            ..Ctx::default()
        };
        let short = |op: Node| {
            let construct = op.parent().unwrap_or(op);
            (is_one_liner(file, construct) || is_raising_guard(file, construct)) && !is_removable_fetch(file, construct)
        };
        // Ties go to the later construct, unless an earlier one at the same depth is
        // not short: a one-line lambda must not stand for a nine-line `case` beside it.
        let op = if i64::from(depth) == max + 1 && short(last) {
            def.deepest_tied.iter().rev().copied().find(|&op| !short(op)).unwrap_or(last)
        } else {
            last
        };
        let construct = op.parent().unwrap_or(op);
        // `{fn _, _ -> :ok end, []}`: a no-op callback returned as a value (R43
        // nimble_pool) holds no control flow; Credo stops at the tuple, and so do we.
        let constant = |op: &Node| is_constant_fn(file, op.parent().unwrap_or(*op));
        if i64::from(depth) == max + 1 && constant(&last) && def.deepest_tied.iter().all(constant) {
            continue;
        }
        if only_closures(file, construct, def.node) {
            // `cast_embed(:config, with: fn c, a -> ... cast_embed(..., with: fn ...)
            // end)`: callbacks a builder API asks for, each one clause, with no branch
            // anywhere on the way down. Credo counts them; the reader keeps no
            // condition in mind.
            report.add_info(
                file,
                &ctx,
                op.byte_range(),
                format!(
                    "`{}/{}` nests this `fn` {depth} levels deep where {max} are allowed, but every level is a one-clause `fn` (closures with no branch on the way, such as the callbacks an API takes): give them names when they grow",
                    def.name, def.arity
                ),
            );
            continue;
        }
        if i64::from(depth) > max + 1 && short(op) && closures_above(file, construct, def.node) {
            // `Enum.each(fn -> spawn(fn -> Lock.exec(l, k, fn -> case ... end)))` with
            // one-line branches: the callbacks carry no condition, and the one branch
            // at the bottom reads at a glance, however deep Credo counts it.
            report.add_info(
                file,
                &ctx,
                op.byte_range(),
                format!(
                    "`{}/{}` nests this `{}` {depth} levels deep where {max} are allowed, but every level above it is a one-clause `fn` (callbacks handed on, with no branch on the way) and the `{}` itself is short: name the callbacks when they grow",
                    def.name,
                    def.arity,
                    file.text(op),
                    file.text(op)
                ),
            );
            continue;
        }
        if i64::from(depth) == max + 1 && short(op) {
            // One level over, and the level is a one-liner: Credo counts it too, but
            // it reads at a glance; say so, as information.
            let lambda = is_one_clause_fn(construct);
            let short = if construct.start_position().row == construct.end_position().row {
                "fits on one line"
            } else if is_raising_guard(file, construct) && has_else(file, construct) {
                "raises in one branch and is one short line in the other"
            } else if is_raising_guard(file, construct) {
                "only raises"
            } else if is_one_line_for(file, construct) {
                "has one generator and a one-line body"
            } else if lambda && only_clause(construct).is_some_and(|c| binds_then_returns(file, c)) {
                "is short (a binding and its result)"
            } else if lambda {
                "is one short expression"
            } else if clauses_of(construct).any(|c| ends_in_wrapped_call(file, c)) {
                "is short (each branch is one expression)"
            } else {
                "is short (each of its branches fits on one line)"
            };
            report
                .add_info(
                    file,
                    &ctx,
                    op.byte_range(),
                    format!(
                        "`{}/{}` nests this `{}` {depth} levels deep where {max} are allowed: one level over, and the innermost `{}` {short}; give the inner levels a function of their own when it grows",
                        def.name,
                        def.arity,
                        file.text(op),
                        file.text(op)
                    ),
                );
            continue;
        }
        report.add(
            file,
            &ctx,
            op.byte_range(),
            format!(
                "`{}/{}` nests this `{}` {depth} levels deep where {max} are allowed; give the inner levels a function of their own",
                def.name,
                def.arity,
                file.text(op)
            ),
        );
    }
}

/// Every level from `construct` up to the def is a one-clause `fn`: closures passed
/// along, with no `if`, `case`, `cond`, `with`, `for` or multi-clause `fn`.
fn only_closures(file: &File, construct: Node, def: Node) -> bool {
    is_one_clause_fn(construct) && closures_above(file, construct, def)
}

/// `fn _, _ -> :ok end`: one clause whose body is a single literal (an atom, a number,
/// a string, `nil`, a boolean, an empty list or map).
fn is_constant_fn(file: &File, n: Node) -> bool {
    let k = &grammar().kinds;
    is_one_clause_fn(n)
        && only_clause(n)
            .and_then(|c| ast::field(c, grammar().fields.right))
            .and_then(|body| {
                let mut statements = ast::statements(body).filter(|s| s.kind_id() != k.comment);
                statements.next().filter(|_| statements.next().is_none())
            })
            .is_some_and(|value| {
                [k.atom, k.integer, k.float, k.nil, k.boolean].contains(&value.kind_id())
                    || value.kind_id() == k.string && !file.text(value).contains("#{")
                    || matches!(file.text(value), "[]" | "%{}")
            })
}

fn is_one_clause_fn(n: Node) -> bool {
    let k = &grammar().kinds;
    n.kind_id() == k.anonymous_function && ast::named_children(n).filter(|c| c.kind_id() == k.stab_clause).count() == 1
}

/// Every level between `construct` and the def is a one-clause `fn`.
fn closures_above(file: &File, construct: Node, def: Node) -> bool {
    let k = &grammar().kinds;
    let mut node = construct.parent();
    while let Some(n) = node {
        if n == def {
            return true;
        }
        if n.kind_id() == k.anonymous_function && !is_one_clause_fn(n) {
            return false;
        }
        if n.kind_id() == k.call
            && ast::local_call_name(n, file.src).is_some_and(|name| matches!(name, "if" | "unless" | "case" | "cond" | "with" | "for"))
        {
            return false;
        }
        node = n.parent();
    }
    false
}

/// The construct fits on one line (`if tag in tags, do: item, else: tag(item)`), or
/// it is a `case` or a `fn` whose clauses each fit on one line, or of at most two
/// clauses that are one short expression under a one-line pattern.
fn is_one_liner(file: &File, construct: Node) -> bool {
    let k = &grammar().kinds;
    if construct.start_position().row == construct.end_position().row
        || is_one_line_guard(file, construct)
        || is_short_if_else(file, construct)
        || is_one_line_for(file, construct)
    {
        return true;
    }
    // `fn cell, acc when is_binary(cell) -> ...; cell, acc -> ... end`: the clauses of a
    // `fn` read like a `case`'s, and so do a `cond`'s (a two-clause `cond` ending in
    // `true ->` is an if/else, R43 tds).
    let block = if construct.kind_id() == k.anonymous_function {
        construct
    } else if file.text(construct).starts_with("case ") || file.text(construct).starts_with("cond ") {
        let Some(block) = ast::named_children(construct).find(|c| c.kind_id() == k.do_block) else {
            return false;
        };
        block
    } else {
        return false;
    };
    let clauses: Vec<Node> = ast::named_children(block)
        .filter(|c| c.kind_id() != k.comment)
        .collect();
    let one_line = |c: &Node| c.kind_id() == k.stab_clause && !file.text(*c).trim_end().contains('\n');
    match clauses.as_slice() {
        // `fn lines ->`, a comment, `Map.update(lines, line, n, &max(&1, n))`, `end`:
        // a one-expression lambda, which only its layout keeps from one line.
        [only] if construct.kind_id() == k.anonymous_function => {
            one_line(only) || is_one_expression(file, *only) || binds_then_returns(file, *only)
        }
        // `[_ | _] ->` / `kept`: each clause one short expression under its pattern,
        // a layout of a clause that fits on one line.
        // A table of one-line clauses reads at a glance however long it is (R38
        // elixir_agent: four result shapes, each mapped to its attributes).
        _ => {
            clauses.iter().all(one_line)
                || clauses.len() <= 2 && clauses.iter().all(|c| one_line(c) || is_one_expression(file, *c))
        }
    }
}

/// A clause whose head is on one line and whose body is one short expression on a
/// line of its own, comments aside.
fn is_one_expression(file: &File, clause: Node) -> bool {
    let k = &grammar().kinds;
    if clause.kind_id() != k.stab_clause {
        return false;
    }
    let one_row = |n: Node| n.start_position().row == n.end_position().row;
    let head_on_one_line = ast::field(clause, grammar().fields.left).is_none_or(one_row);
    let body: Vec<Node> = ast::field(clause, grammar().fields.right)
        .map(|b| ast::named_children(b).filter(|c| c.kind_id() != k.comment).collect())
        .unwrap_or_default();
    head_on_one_line
        && matches!(body.as_slice(), [only] if one_row(*only) && file.text(*only).len() <= SHORT || is_wrapped_call(file, *only))
}

/// `request_and_retry(\n method,\n url,\n ...\n)`: one call with no block or `fn` in it,
/// whose arguments the formatter put on lines of their own: one step, however long its
/// argument list.
/// A tuple the formatter wrapped the same way (`{:queue.in(...),\n %{state | ...}}`,
/// R43 nimble_pool) is one expression too.
fn is_wrapped_call(file: &File, node: Node) -> bool {
    let k = &grammar().kinds;
    (node.kind_id() == k.call || node.kind_id() == k.tuple)
        && !ast::descendants(node).any(|d| d.kind_id() == k.do_block || d.kind_id() == k.anonymous_function)
        && file.text(node).split_whitespace().map(str::len).sum::<usize>() <= WRAPPED
}

/// `fn value, acc ->`, `name = "#{prefix}#{value}"`, `{[name | acc], ...}`, `end`: a
/// one-clause `fn` whose head is on one line and whose body binds one short value and
/// returns one short expression, the two lines a one-line lambda would need to name it.
fn binds_then_returns(file: &File, clause: Node) -> bool {
    let k = &grammar().kinds;
    if clause.kind_id() != k.stab_clause || ast::field(clause, grammar().fields.left).is_some_and(|l| l.start_position().row != l.end_position().row) {
        return false;
    }
    let body: Vec<Node> = ast::field(clause, grammar().fields.right)
        .map(|b| ast::named_children(b).filter(|c| c.kind_id() != k.comment).collect())
        .unwrap_or_default();
    let short = |n: &Node| n.start_position().row == n.end_position().row && file.text(*n).len() <= SHORT;
    matches!(body.as_slice(), [bind, result] if ast::is_binary_op(*bind, file.src, "=") && short(bind) && short(result))
}

/// The clauses of a `fn`, or of a `case`'s `do` block.
fn clauses_of(construct: Node) -> impl Iterator<Item = Node> {
    let k = &grammar().kinds;
    let block = if construct.kind_id() == k.anonymous_function {
        Some(construct)
    } else {
        ast::named_children(construct).find(|c| c.kind_id() == k.do_block)
    };
    block.into_iter().flat_map(ast::named_children).filter(|c| c.kind_id() == grammar().kinds.stab_clause)
}

/// The one clause of a one-clause `fn`.
fn only_clause(construct: Node) -> Option<Node> {
    let mut clauses = clauses_of(construct);
    clauses.next().filter(|_| clauses.next().is_none())
}

/// A clause whose body is one call the formatter wrapped ([`is_wrapped_call`]).
fn ends_in_wrapped_call(file: &File, clause: Node) -> bool {
    let body: Vec<Node> = ast::field(clause, grammar().fields.right)
        .map(|b| ast::named_children(b).filter(|c| c.kind_id() != grammar().kinds.comment).collect())
        .unwrap_or_default();
    matches!(body.as_slice(), [only] if only.start_position().row != only.end_position().row && is_wrapped_call(file, *only))
}

/// How long a call whose arguments the formatter wrapped may be, squeezed onto one line
/// (its spaces dropped): seven or eight plain arguments, not a data structure.
const WRAPPED: usize = 140;

/// How long one branch may be and still read as a short line.
const SHORT: usize = 80;

/// `unless integer do raise """ ... """ end`, `if size > @max do detail = "..."
/// send_error!(conn, detail) end`: an `if`/`unless` with no `else` whose body (at
/// most two statements) ends by raising (`raise`, `throw`, `exit`, or a `!` function).
/// A check of the input that stops the function, however long its message: it adds no
/// branch the reader has to follow (R32 myxql, mint).
fn is_raising_guard(file: &File, construct: Node) -> bool {
    let k = &grammar().kinds;
    let Some(Some(block)) = if_form(file, construct) else {
        return false;
    };
    let raises = |stmt: Node| {
        file.calls_within(stmt).find(|c| c.node == stmt).is_some_and(|c| {
            (c.local || c.module.as_deref() == Some("Kernel")) && matches!(c.name, "raise" | "reraise" | "throw" | "exit")
                || c.name.ends_with('!')
        })
    };
    let body: Vec<Node> = ast::named_children(block).filter(|c| c.kind_id() != k.comment).collect();
    // `if config_forbids?() do raise "... a long message ..." else apply(m, f, a) end`:
    // one branch stops the function, the other is one short line (R36 rihanna).
    if let [only, otherwise] = body.as_slice()
        && otherwise.kind_id() == k.else_block
    {
        let rest: Vec<Node> = ast::named_children(*otherwise).filter(|c| c.kind_id() != k.comment).collect();
        let short_line = |n: &Node| n.start_position().row == n.end_position().row && file.text(*n).len() <= SHORT;
        return raises(*only) && matches!(rest.as_slice(), [one] if short_line(one));
    }
    let Some(last) = body.last() else {
        return false;
    };
    body.len() <= 2 && !body.iter().any(|c| c.kind_id() == k.else_block) && raises(*last)
}

/// An `if` or `unless` in the `do ... end` form with an `else`.
fn has_else(file: &File, construct: Node) -> bool {
    if_form(file, construct)
        .flatten()
        .is_some_and(|block| ast::named_children(block).any(|c| c.kind_id() == grammar().kinds.else_block))
}

/// An `if` or `unless`: `Some(Some(do_block))` in the `do ... end` form, `Some(None)`
/// in the keyword form (`if c, do: x, else: y`); `None` for any other construct.
fn if_form<'t>(file: &File, construct: Node<'t>) -> Option<Option<Node<'t>>> {
    let text = file.text(construct);
    (text.starts_with("if ") || text.starts_with("unless "))
        .then(|| ast::named_children(construct).find(|c| c.kind_id() == grammar().kinds.do_block))
}

/// `if stale?(lock) do release(lock) end`: an `if` or `unless` with no `else`, its
/// condition on one line and its body one short expression on one line. It spans
/// three lines only because of `do`/`end`, and reads like `if c, do: x`.
fn is_one_line_guard(file: &File, construct: Node) -> bool {
    let k = &grammar().kinds;
    let Some(Some(block)) = if_form(file, construct) else {
        return false;
    };
    let head_on_one_line = block.start_position().row == construct.start_position().row;
    let mut body = ast::named_children(block).filter(|c| c.kind_id() != k.comment);
    let (Some(only), None) = (body.next(), body.next()) else {
        return false;
    };
    head_on_one_line
        && only.kind_id() != k.else_block
        && only.kind_id() != k.stab_clause
        && only.start_position().row == only.end_position().row
        && file.text(only).len() <= SHORT
}

/// `for listener <- listeners do send(listener, event) end`: one generator, no filter
/// or option, on the `for`'s line, and a body of one short expression: the keyword
/// form `for x <- xs, do: expr` laid out over three lines, as `Enum.each/2` with a
/// one-line `fn` would be (R37 horde).
fn is_one_line_for(file: &File, construct: Node) -> bool {
    let g = grammar();
    let k = &g.kinds;
    if !file.text(construct).starts_with("for ") {
        return false;
    }
    let Some(block) = ast::named_children(construct).find(|c| c.kind_id() == k.do_block) else {
        return false;
    };
    let Some(args) = ast::call_arguments(construct) else {
        return false;
    };
    let generators: Vec<Node> = ast::named_children(args).filter(|c| c.kind_id() != k.comment).collect();
    let one_generator = matches!(generators.as_slice(), [only] if ast::is_binary_op(*only, file.src, "<-")
        && only.start_position().row == construct.start_position().row
        && only.end_position().row == construct.start_position().row);
    let mut body = ast::named_children(block).filter(|c| c.kind_id() != k.comment);
    let (Some(only), None) = (body.next(), body.next()) else {
        return false;
    };
    one_generator
        && only.kind_id() != k.stab_clause
        && (only.start_position().row == only.end_position().row && file.text(only).len() <= SHORT || is_wrapped_call(file, only))
}

/// An `if`/`unless` with an `else` whose two branches are each one short expression:
/// the keyword form laid out over lines (`if done?,\n do: :ok,\n else: retry(x)`),
/// which would fit on one line, or the `do`/`else` form with a one-line expression on
/// each side. Either reads like the two-clause `case` that fits on one line.
fn is_short_if_else(file: &File, construct: Node) -> bool {
    const LINE: usize = 98;
    let k = &grammar().kinds;
    let text = file.text(construct);
    let Some(form) = if_form(file, construct) else {
        return false;
    };
    let Some(block) = form else {
        // Keyword form: one line once its layout (and any trailing comment) is squeezed.
        let code = text.lines().map(|line| match line.find("# ").or_else(|| line.find("#~")) {
            Some(at) => &line[..at],
            None => line,
        });
        let squeezed: Vec<&str> = code.flat_map(str::split_whitespace).collect();
        return squeezed.join(" ").len() <= LINE;
    };
    if block.start_position().row != construct.start_position().row {
        return false;
    }
    let one_short_line = |n: Node| n.start_position().row == n.end_position().row && file.text(n).len() <= SHORT;
    let parts: Vec<Node> = ast::named_children(block).filter(|c| c.kind_id() != k.comment).collect();
    let [then, otherwise] = parts.as_slice() else {
        return false;
    };
    let else_body: Vec<Node> = ast::named_children(*otherwise).filter(|c| c.kind_id() != k.comment).collect();
    otherwise.kind_id() == k.else_block
        && then.kind_id() != k.else_block
        && one_short_line(*then)
        && matches!(else_body.as_slice(), [only] if one_short_line(*only))
}

/// `case Map.fetch(map, key) do {:ok, v} -> v; :error -> default end`: the level is
/// `Map.get/3` written out, and can simply go.
fn is_removable_fetch(file: &File, construct: Node) -> bool {
    file.calls.iter().any(|c| {
        c.node == construct
            && c.module.is_none()
            && c.name == "case"
            && c.arg(0).is_some_and(|subject| {
                file.calls
                    .iter()
                    .any(|f| f.node == subject && f.name == "fetch" && f.arity == 2 && f.module.is_some())
            })
    })
}

#[cfg(test)]
mod tests {
    use crate::{Config, Engine};

    fn nesting_findings(src: &str, max: Option<i64>) -> Vec<(u32, String)> {
        // Only this rule runs, so the deep-input test measures this rule's walk.
        let mut config = Config::default();
        for r in crate::rules::ALL {
            config.set_enabled(r.id, r.id == "code/nesting").unwrap();
        }
        if let Some(m) = max {
            config
                .set_param("code/nesting", "max_nesting", crate::config::ParamValue::Int(m))
                .unwrap();
        }
        Engine::new(config)
            .check("lib/a.ex", src)
            .findings
            .into_iter()
            .filter(|f| f.rule == "code/nesting")
            .map(|f| (f.start.line, f.message))
            .collect()
    }

    #[test]
    fn deepest_op_wins_and_ties_go_to_the_later_line() {
        let src = "defmodule A do\n  def f(a, b) do\n    if a do\n      case b do\n        1 -> if a, do: 1\n        2 -> unless b, do: 2\n      end\n    end\n  end\nend\n";
        let f = nesting_findings(src, None);
        assert_eq!(
            f,
            [(
                6,
                "`f/2` nests this `unless` 3 levels deep where 2 are allowed: one level over, and the innermost `unless` fits on one line; give the inner levels a function of their own when it grows".to_string()
            )]
        );
        assert!(nesting_findings(src, Some(3)).is_empty());
    }

    #[test]
    fn ten_thousand_levels_do_not_overflow() {
        let n = 10_000;
        let mut src = String::from("defmodule A do\n  def f(x) do\n");
        for _ in 0..n {
            src.push_str("if x do\n");
        }
        src.push_str(":ok\n");
        for _ in 0..n {
            src.push_str("end\n");
        }
        src.push_str("  end\nend\n");
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || nesting_findings(&src, None))
            .unwrap();
        let f = handle.join().unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, 2 + n as u32);
        assert!(f[0].1.contains("10000 levels deep"), "{}", f[0].1);
    }
}
