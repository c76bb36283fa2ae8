//! Line diffs of a file before and after fixes: `otp-audit check --fix --diff`, the
//! report's patch and the playground's fix preview all print [`hunks`], so the same
//! fix shows the same hunks everywhere.
//!
//! Our own Myers, not the `similar` crate: similar (Myers alone) added 20 KB gzip to
//! the web build, which must not grow.
//!
//! [`unified`] prints the format `diff -u` and `git diff` print and `patch` and
//! `git apply` read: `--- a/PATH` and `+++ b/PATH` headers, then hunks
//! `@@ -OLD_START,OLD_COUNT +NEW_START,NEW_COUNT @@` with three lines of context;
//! hunks whose context would touch or overlap are merged. A last line without a
//! final newline is followed by `\ No newline at end of file`.
//!
//! The line diff is Myers' O(ND) algorithm in its linear-space form (a middle snake,
//! then both halves), after removing the common prefix and suffix and the lines that
//! occur on one side only (they cannot be part of a common subsequence, so the diff
//! stays minimal). Past an edit distance of a few thousand lines, it stops looking
//! for the exact middle and splits at the furthest point reached, so the worst case
//! stays bounded; the diff is then still correct, only perhaps not minimal.

use std::collections::HashMap;
use std::fmt::Write as _;

/// Lines of context around each change.
pub const CONTEXT: usize = 3;

/// Beyond this edit distance in one search, split at the best point found so far.
const COST_LIMIT: isize = 4096;

/// What a diff line does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Context: on both sides.
    Same,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

/// One line of a hunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub tag: Tag,
    /// 1-based line numbers on each side it is on.
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// The line without its `\n`.
    pub text: &'a str,
    /// The last line of its text, without a final newline.
    pub no_newline: bool,
}

/// A run of changes with their context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk<'a> {
    /// `@@ -OLD_START,OLD_COUNT +NEW_START,NEW_COUNT @@`.
    pub header: String,
    pub lines: Vec<Line<'a>>,
}

/// The hunks turning `old` into `new`, with `context` lines of context; none when
/// the texts are equal.
pub fn hunks<'a>(old: &'a str, new: &'a str, context: usize) -> Vec<Hunk<'a>> {
    if old == new {
        return Vec::new();
    }
    let a = split_lines(old);
    let b = split_lines(new);
    let ops = line_ops(&a, &b);
    let line = |tag, old: Option<usize>, new: Option<usize>, value: &'a str| Line {
        tag,
        old: old.map(|i| i + 1),
        new: new.map(|j| j + 1),
        text: value.strip_suffix('\n').unwrap_or(value),
        no_newline: !value.ends_with('\n'),
    };
    // Lines of each side before the current op.
    let (mut before_a, mut before_b, mut at) = (0, 0, 0);
    let mut out = Vec::new();
    for range in hunk_ranges(&ops, context) {
        for op in &ops[at..range.start] {
            match op {
                Op::Equal(..) => (before_a, before_b) = (before_a + 1, before_b + 1),
                Op::Delete(_) => before_a += 1,
                Op::Insert(_) => before_b += 1,
            }
        }
        at = range.start;
        let hunk = &ops[range];
        let count_a = hunk.iter().filter(|o| !matches!(o, Op::Insert(_))).count();
        let count_b = hunk.iter().filter(|o| !matches!(o, Op::Delete(_))).count();
        let header = format!(
            "@@ -{} +{} @@",
            hunk_range(before_a, count_a),
            hunk_range(before_b, count_b)
        );
        let lines = hunk
            .iter()
            .map(|op| match *op {
                Op::Equal(i, j) => line(Tag::Same, Some(i), Some(j), a[i]),
                Op::Delete(i) => line(Tag::Removed, Some(i), None, a[i]),
                Op::Insert(j) => line(Tag::Added, None, Some(j), b[j]),
            })
            .collect();
        out.push(Hunk { header, lines });
    }
    out
}

/// A unified diff of `old` to `new` for `path`, with [`CONTEXT`] lines of context;
/// empty when the texts are equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    unified_with_context(path, old, new, CONTEXT)
}

/// [`unified`] with `context` lines of context.
pub fn unified_with_context(path: &str, old: &str, new: &str, context: usize) -> String {
    let hunks = hunks(old, new, context);
    if hunks.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(out, "--- a/{path}");
    let _ = writeln!(out, "+++ b/{path}");
    for hunk in hunks {
        out.push_str(&hunk.header);
        out.push('\n');
        for line in hunk.lines {
            let mark = match line.tag {
                Tag::Same => ' ',
                Tag::Removed => '-',
                Tag::Added => '+',
            };
            let _ = writeln!(out, "{mark}{}", line.text);
            if line.no_newline {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// insert `b[j]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// Lines of `s`, each with its `\n` if it has one (so that a last line without a
/// newline differs from the same line with one).
pub fn split_lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

/// A minimal (below the cost limit) edit script turning lines `a` into lines `b`.
/// Deletions come before insertions between two kept lines.
pub fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    line_ops_limited(a, b, COST_LIMIT)
}

fn line_ops_limited(a: &[&str], b: &[&str], cost_limit: isize) -> Vec<Op> {
    // Intern lines as numbers, so comparisons are cheap.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let a_ids: Vec<u32> = a.iter().map(|l| intern_line(&mut ids, l)).collect();
    let b_ids: Vec<u32> = b.iter().map(|l| intern_line(&mut ids, l)).collect();
    let mut in_a = vec![false; ids.len()];
    let mut in_b = vec![false; ids.len()];
    for &x in &a_ids {
        in_a[x as usize] = true;
    }
    for &y in &b_ids {
        in_b[y as usize] = true;
    }
    // Lines present on one side only are certainly deleted or inserted.
    let a_keep: Vec<usize> = (0..a.len()).filter(|&i| in_b[a_ids[i] as usize]).collect();
    let b_keep: Vec<usize> = (0..b.len()).filter(|&j| in_a[b_ids[j] as usize]).collect();
    let a_red: Vec<u32> = a_keep.iter().map(|&i| a_ids[i]).collect();
    let b_red: Vec<u32> = b_keep.iter().map(|&j| b_ids[j]).collect();

    let mut pairs = Vec::new();
    let mut work = Work {
        forward: Vec::new(),
        backward: Vec::new(),
        cost_limit,
    };
    diff_rec(&a_red, &b_red, 0, 0, &mut pairs, &mut work);

    let mut ops = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    for (ri, rj) in pairs {
        let (pi, pj) = (a_keep[ri], b_keep[rj]);
        ops.extend((i..pi).map(Op::Delete));
        ops.extend((j..pj).map(Op::Insert));
        ops.push(Op::Equal(pi, pj));
        (i, j) = (pi + 1, pj + 1);
    }
    ops.extend((i..a.len()).map(Op::Delete));
    ops.extend((j..b.len()).map(Op::Insert));
    ops
}

fn intern_line<'a>(ids: &mut HashMap<&'a str, u32>, l: &'a str) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(l).or_insert(next)
}

struct Work {
    forward: Vec<isize>,
    backward: Vec<isize>,
    cost_limit: isize,
}

/// Push the matched pairs `(ao + i, bo + j)` of a longest common subsequence of `a`
/// and `b`, in increasing order.
fn diff_rec(
    a: &[u32],
    b: &[u32],
    ao: usize,
    bo: usize,
    pairs: &mut Vec<(usize, usize)>,
    work: &mut Work,
) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    pairs.extend((0..prefix).map(|k| (ao + k, bo + k)));
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let (ao, bo) = (ao + prefix, bo + prefix);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if !a.is_empty() && !b.is_empty() {
        let (xs, ys, xe, ye) = middle_snake(a, b, work);
        // Both halves are smaller than the whole (the common prefix and suffix are
        // gone); the check guards against endless recursion all the same, falling
        // back to replacing everything, which is still a correct diff.
        if (xs, ys) != (a.len(), b.len()) && (xe, ye) != (0, 0) {
            diff_rec(&a[..xs], &b[..ys], ao, bo, pairs, work);
            pairs.extend((0..xe - xs).map(|k| (ao + xs + k, bo + ys + k)));
            diff_rec(&a[xe..], &b[ye..], ao + xe, bo + ye, pairs, work);
        }
    }
    pairs.extend((0..suffix).map(|k| (ao + a.len() + k, bo + b.len() + k)));
}

/// The middle snake of a shortest edit script of non-empty `a` and `b` (which share
/// no prefix or suffix): `(x_start, y_start, x_end, y_end)`. Past the cost limit, an
/// empty snake at the furthest point the forward search reached.
fn middle_snake(a: &[u32], b: &[u32], work: &mut Work) -> (usize, usize, usize, usize) {
    let n = a.len() as isize;
    let m = b.len() as isize;
    let delta = n - m;
    let odd = delta & 1 != 0;
    let max = (n + m + 1) / 2;
    let off = max + 1;
    let size = (2 * off + 1) as usize;
    let vf = &mut work.forward;
    let vb = &mut work.backward;
    vf.clear();
    vf.resize(size, 0);
    vb.clear();
    vb.resize(size, 0);
    for d in 0..=max {
        // Forward: furthest x on each diagonal k = x - y.
        let mut k = -d;
        while k <= d {
            let i = (k + off) as usize;
            let mut x = if k == -d || (k != d && vf[i - 1] < vf[i + 1]) {
                vf[i + 1]
            } else {
                vf[i - 1] + 1
            };
            let mut y = x - k;
            let (x0, y0) = (x, y);
            while x < n && y < m && x >= 0 && y >= 0 && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            vf[i] = x;
            let c = delta - k;
            if odd && c > -d && c < d && x + vb[(c + off) as usize] >= n {
                return (x0 as usize, y0 as usize, x as usize, y as usize);
            }
            k += 2;
        }
        // Backward, on the reversed sequences: diagonal c = x' - y', where
        // x = n - x' and y = m - y'.
        let mut c = -d;
        while c <= d {
            let i = (c + off) as usize;
            let mut x = if c == -d || (c != d && vb[i - 1] < vb[i + 1]) {
                vb[i + 1]
            } else {
                vb[i - 1] + 1
            };
            let mut y = x - c;
            let (x0, y0) = (x, y);
            while x < n
                && y < m
                && x >= 0
                && y >= 0
                && a[(n - x - 1) as usize] == b[(m - y - 1) as usize]
            {
                x += 1;
                y += 1;
            }
            vb[i] = x;
            let k = delta - c;
            if !odd && k >= -d && k <= d && x + vf[(k + off) as usize] >= n {
                return (
                    (n - x) as usize,
                    (m - y) as usize,
                    (n - x0) as usize,
                    (m - y0) as usize,
                );
            }
            c += 2;
        }
        if d >= work.cost_limit {
            // Too expensive: split at the forward point furthest along.
            let mut best: Option<(isize, isize)> = None;
            let mut k = -d;
            while k <= d {
                let x = vf[(k + off) as usize];
                let y = x - k;
                if (0..=n).contains(&x)
                    && (0..=m).contains(&y)
                    && (x, y) != (0, 0)
                    && (x, y) != (n, m)
                    && best.is_none_or(|(bx, by)| x + y > bx + by)
                {
                    best = Some((x, y));
                }
                k += 2;
            }
            if let Some((x, y)) = best {
                return (x as usize, y as usize, x as usize, y as usize);
            }
        }
    }
    // The searches always meet by d = max; reaching here means a bug, so fall back to
    // "replace everything", which is still a correct diff.
    (n as usize, 0, n as usize, 0)
}

/// Ranges of `ops` to print as hunks: each change with `context` lines of context,
/// merging changes whose contexts touch.
fn hunk_ranges(ops: &[Op], context: usize) -> Vec<std::ops::Range<usize>> {
    let is_eq = |o: &Op| matches!(o, Op::Equal(..));
    let mut out = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        if is_eq(&ops[i]) {
            i += 1;
            continue;
        }
        let start = i.saturating_sub(context);
        let mut end = i;
        loop {
            while end < ops.len() && !is_eq(&ops[end]) {
                end += 1;
            }
            let mut next = end;
            while next < ops.len() && is_eq(&ops[next]) {
                next += 1;
            }
            if next < ops.len() && next - end <= 2 * context {
                end = next;
                continue;
            }
            break;
        }
        let stop = (end + context).min(ops.len());
        out.push(start..stop);
        i = stop;
    }
    out
}

fn hunk_range(before: usize, count: usize) -> String {
    match count {
        0 => format!("{before},0"),
        1 => format!("{}", before + 1),
        _ => format!("{},{count}", before + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Apply a unified diff produced by [`unified`] to `old`; strict: context and
    /// removed lines must match.
    fn apply(old: &str, diff: &str) -> Result<String, String> {
        if diff.is_empty() {
            return Ok(old.to_string());
        }
        let old_lines = split_lines(old);
        let mut out = String::new();
        let mut lines = diff.split_inclusive('\n').peekable();
        let h1 = lines.next().ok_or("no header")?;
        let h2 = lines.next().ok_or("no header")?;
        if !h1.starts_with("--- a/") || !h2.starts_with("+++ b/") {
            return Err(format!("bad headers {h1:?} {h2:?}"));
        }
        let mut pos = 0; // next old line to copy
        while let Some(h) = lines.next() {
            let h = h.strip_suffix('\n').ok_or("header without newline")?;
            let inner = h
                .strip_prefix("@@ -")
                .and_then(|s| s.strip_suffix(" @@"))
                .ok_or(format!("bad hunk header {h:?}"))?;
            let (old_r, new_r) = inner.split_once(" +").ok_or("bad ranges")?;
            let parse = |r: &str| -> (usize, usize) {
                match r.split_once(',') {
                    Some((s, c)) => (s.parse().unwrap(), c.parse().unwrap()),
                    None => (r.parse().unwrap(), 1),
                }
            };
            let (os, oc) = parse(old_r);
            let (_ns, nc) = parse(new_r);
            let first = if oc == 0 { os } else { os - 1 };
            if first < pos {
                return Err("hunks overlap or go backwards".into());
            }
            for l in &old_lines[pos..first] {
                out.push_str(l);
            }
            pos = first;
            let (mut seen_old, mut seen_new) = (0, 0);
            while seen_old < oc || seen_new < nc {
                let l = lines.next().ok_or("hunk too short")?;
                let (mark, body) = l.split_at(1);
                let mut text = body.to_string();
                if lines.peek() == Some(&"\\ No newline at end of file\n") {
                    lines.next();
                    text.pop();
                }
                match mark {
                    " " | "-" => {
                        if old_lines.get(pos) != Some(&text.as_str()) {
                            return Err(format!("mismatch at old line {pos}: {text:?}"));
                        }
                        pos += 1;
                        seen_old += 1;
                        if mark == " " {
                            out.push_str(&text);
                            seen_new += 1;
                        }
                    }
                    "+" => {
                        out.push_str(&text);
                        seen_new += 1;
                    }
                    _ => return Err(format!("bad line {l:?}")),
                }
            }
        }
        for l in &old_lines[pos..] {
            out.push_str(l);
        }
        Ok(out)
    }

    #[test]
    fn equal_texts_give_nothing() {
        assert_eq!(unified("a.ex", "x\ny\n", "x\ny\n"), "");
        assert_eq!(unified("a.ex", "", ""), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified("lib/a.ex", old, new),
            "--- a/lib/a.ex\n+++ b/lib/a.ex\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn close_changes_merge_and_far_ones_do_not() {
        let old: String = (1..=30).map(|i| format!("{i}\n")).collect();
        let near = old
            .replace("\n5\n", "\nfive\n")
            .replace("\n11\n", "\neleven\n");
        let d = unified("f", &old, &near);
        assert_eq!(d.matches("@@ -").count(), 1, "{d}");
        assert!(d.contains("@@ -2,13 +2,13 @@"), "{d}");
        let far = old
            .replace("\n5\n", "\nfive\n")
            .replace("\n13\n", "\nthirteen\n");
        let d = unified("f", &old, &far);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(
            d.contains("@@ -2,7 +2,7 @@") && d.contains("@@ -10,7 +10,7 @@"),
            "{d}"
        );
    }

    #[test]
    fn additions_and_deletions_at_the_edges() {
        assert_eq!(
            unified("f", "", "a\nb\n"),
            "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n"
        );
        assert_eq!(
            unified("f", "a\n", ""),
            "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n"
        );
        assert_eq!(
            unified("f", "a\nb\n", "z\na\nb\n"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n+z\n a\n b\n"
        );
    }

    #[test]
    fn missing_final_newline() {
        assert_eq!(
            unified("f", "a\nb", "a\nb\n"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
        );
        assert_eq!(
            unified("f", "a\nb", "a\nc"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified("f", "x\na\nb", "y\na\nb"),
            "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-x\n+y\n a\n b\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn large_files_are_fast_and_correct() {
        // 10k lines with scattered edits, and two unrelated 10k-line files that share
        // only their boilerplate lines.
        let old: String = (0..10_000)
            .map(|i| {
                if i % 7 == 0 {
                    "  end\n".to_string()
                } else {
                    format!("line {i}\n")
                }
            })
            .collect();
        let new: String = old
            .lines()
            .enumerate()
            .filter(|(i, _)| i % 500 != 3)
            .map(|(i, l)| {
                if i % 777 == 0 {
                    format!("{l} changed\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let d = unified("big.ex", &old, &new);
        assert_eq!(apply(&old, &d).unwrap(), new);

        let other: String = (0..10_000)
            .map(|i| {
                if i % 5 == 0 {
                    "  end\n".to_string()
                } else {
                    format!("other {i}\n")
                }
            })
            .collect();
        let d = unified("big.ex", &old, &other);
        assert_eq!(apply(&old, &d).unwrap(), other);

        // Many equal lines in shifted patterns: the expensive case for Myers.
        let a: String = (0..10_000).map(|i| format!("{}\n", i % 3)).collect();
        let b: String = (0..10_000)
            .map(|i| format!("{}\n", (i * 7 / 5) % 3))
            .collect();
        let d = unified("big.ex", &a, &b);
        assert_eq!(apply(&a, &d).unwrap(), b);
    }

    #[test]
    fn minimal_on_small_cases() {
        let ops = line_ops(
            &["a\n", "b\n", "c\n", "a\n", "b\n", "b\n", "a\n"],
            &["c\n", "b\n", "a\n", "b\n", "a\n", "c\n"],
        );
        let edits = ops.iter().filter(|o| !matches!(o, Op::Equal(..))).count();
        assert_eq!(edits, 5); // the classic example from Myers' paper: D = 5
    }

    #[test]
    fn hunk_lines_carry_their_numbers() {
        let h = hunks("a\nb\nc\nd", "a\nB\nc\nd\n", 1);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].header, "@@ -1,4 +1,4 @@");
        let line = |tag, old, new, text, no_newline| Line {
            tag,
            old,
            new,
            text,
            no_newline,
        };
        assert_eq!(
            h[0].lines,
            vec![
                line(Tag::Same, Some(1), Some(1), "a", false),
                line(Tag::Removed, Some(2), None, "b", false),
                line(Tag::Added, None, Some(2), "B", false),
                line(Tag::Same, Some(3), Some(3), "c", false),
                line(Tag::Removed, Some(4), None, "d", true),
                line(Tag::Added, None, Some(4), "d", false),
            ]
        );
        assert!(hunks("x\n", "x\n", 3).is_empty());
    }

    fn text() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(prop_oneof!["a", "b", "c", "", "  end", "d\r"], 0..40),
            any::<bool>(),
        )
            .prop_map(|(lines, final_newline)| {
                let mut s = lines.join("\n");
                if final_newline && !s.is_empty() {
                    s.push('\n');
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn applying_the_diff_to_old_gives_new(old in text(), new in text(), ctx in 0usize..5) {
            let d = unified_with_context("p.ex", &old, &new, ctx);
            prop_assert_eq!(d.is_empty(), old == new);
            prop_assert_eq!(apply(&old, &d).map_err(|e| TestCaseError::fail(format!("{e}\n{d}")))?, new);
        }

        #[test]
        fn a_cost_limited_script_is_still_correct(old in text(), new in text(), limit in 1isize..4) {
            let (a, b) = (split_lines(&old), split_lines(&new));
            let ops = line_ops_limited(&a, &b, limit);
            let (mut i, mut j) = (0, 0);
            let mut rebuilt = String::new();
            for op in ops {
                match op {
                    Op::Equal(x, y) => {
                        prop_assert_eq!((x, y), (i, j));
                        prop_assert_eq!(a[x], b[y]);
                        rebuilt.push_str(b[y]);
                        i += 1;
                        j += 1;
                    }
                    Op::Delete(x) => {
                        prop_assert_eq!(x, i);
                        i += 1;
                    }
                    Op::Insert(y) => {
                        prop_assert_eq!(y, j);
                        rebuilt.push_str(b[y]);
                        j += 1;
                    }
                }
            }
            prop_assert_eq!((i, j), (a.len(), b.len()));
            prop_assert_eq!(rebuilt, new);
        }

        #[test]
        fn the_edit_script_is_minimal(old in text(), new in text()) {
            let (a, b) = (split_lines(&old), split_lines(&new));
            let ops = line_ops(&a, &b);
            let kept = ops.iter().filter(|o| matches!(o, Op::Equal(..))).count();
            // Longest common subsequence by dynamic programming.
            let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for i in (0..a.len()).rev() {
                for j in (0..b.len()).rev() {
                    dp[i][j] = if a[i] == b[j] { dp[i + 1][j + 1] + 1 } else { dp[i + 1][j].max(dp[i][j + 1]) };
                }
            }
            prop_assert_eq!(kept, dp[0][0]);
        }
    }
}
