//! Line diffs of a file before and after fixes: `otp-audit check --fix --diff`, the
//! report's patch and the playground's fix preview all print [`hunks`], so the same
//! fix shows the same hunks everywhere.
//!
//! The line diff is the `similar` crate's Myers (its search is bounded on hard
//! inputs: the diff is then still correct, only perhaps not minimal). [`unified`]
//! prints the format `diff -u` and `git diff` print and `patch` and `git apply` read:
//! `--- a/PATH` and `+++ b/PATH` headers, then hunks
//! `@@ -OLD_START,OLD_COUNT +NEW_START,NEW_COUNT @@` with three lines of context;
//! hunks whose context would touch or overlap are merged. A last line without a
//! final newline is followed by `\ No newline at end of file`.

use similar::{Algorithm, DiffTag, capture_diff_slices, group_diff_ops, udiff::UnifiedHunkHeader};
use std::fmt::Write as _;

/// Lines of context around each change.
pub const CONTEXT: usize = 3;

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
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let line = |tag, old: Option<usize>, new: Option<usize>| {
        let value = match (tag, old, new) {
            (Tag::Added, _, Some(j)) => b[j],
            (_, Some(i), _) => a[i],
            _ => unreachable!("a removed or kept line has an old index"),
        };
        Line {
            tag,
            old: old.map(|i| i + 1),
            new: new.map(|j| j + 1),
            text: value.strip_suffix('\n').unwrap_or(value),
            no_newline: !value.ends_with('\n'),
        }
    };
    let mut out = Vec::new();
    for group in group_diff_ops(capture_diff_slices(Algorithm::Myers, &a, &b), context) {
        let mut lines = Vec::new();
        for op in &group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let (same, removed, added) = match tag {
                DiffTag::Equal => (true, false, false),
                DiffTag::Delete => (false, true, false),
                DiffTag::Insert => (false, false, true),
                DiffTag::Replace => (false, true, true),
            };
            if same {
                for (i, j) in old_range.clone().zip(new_range.clone()) {
                    lines.push(line(Tag::Same, Some(i), Some(j)));
                }
            }
            if removed {
                lines.extend(old_range.map(|i| line(Tag::Removed, Some(i), None)));
            }
            if added {
                lines.extend(new_range.map(|j| line(Tag::Added, None, Some(j))));
            }
        }
        out.push(Hunk {
            header: UnifiedHunkHeader::new(&group).to_string(),
            lines,
        });
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
        let old_lines = old.split_inclusive('\n').collect::<Vec<_>>();
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
    }
}
