//! A line diff for fix previews: the changed lines with a little context.

/// One line of a unified diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    /// `(old line number, new line number, text)`, 1-based.
    Same(usize, usize, String),
    Removed(usize, String),
    Added(usize, String),
    /// Unchanged lines left out.
    Gap,
}

/// Lines of `old` and `new` around their differences, with `context` unchanged lines
/// on each side of each change (an LCS diff of the region that differs).
pub fn diff(old: &str, new: &str, context: usize) -> Vec<DiffLine> {
    let a: Vec<&str> = old.split('\n').collect();
    let b: Vec<&str> = new.split('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    // Full list of operations over the whole text; the middle by LCS (bounded size).
    let mut ops: Vec<DiffLine> = Vec::new();
    for (i, line) in a[..prefix].iter().enumerate() {
        ops.push(DiffLine::Same(i + 1, i + 1, line.to_string()));
    }
    if am.len() * bm.len() <= 4_000_000 {
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if am[i] == bm[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push(DiffLine::Same(
                    prefix + i + 1,
                    prefix + j + 1,
                    am[i].to_string(),
                ));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.push(DiffLine::Removed(prefix + i + 1, am[i].to_string()));
                i += 1;
            } else {
                ops.push(DiffLine::Added(prefix + j + 1, bm[j].to_string()));
                j += 1;
            }
        }
    } else {
        for (i, l) in am.iter().enumerate() {
            ops.push(DiffLine::Removed(prefix + i + 1, l.to_string()));
        }
        for (j, l) in bm.iter().enumerate() {
            ops.push(DiffLine::Added(prefix + j + 1, l.to_string()));
        }
    }
    let (ao, bo) = (a.len() - suffix, b.len() - suffix);
    for k in 0..suffix {
        ops.push(DiffLine::Same(
            ao + k + 1,
            bo + k + 1,
            a[ao + k].to_string(),
        ));
    }
    // Keep changes and `context` lines around them.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !matches!(o, DiffLine::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let keep = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= context);
    let mut out = Vec::new();
    for (i, op) in ops.into_iter().enumerate() {
        if keep(i) {
            out.push(op);
        } else if !matches!(out.last(), Some(DiffLine::Gap) | None) {
            out.push(DiffLine::Gap);
        }
    }
    if matches!(out.last(), Some(DiffLine::Gap)) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::DiffLine::*;
    use super::*;

    #[test]
    fn changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng";
        let new = "a\nb\nc\nD\ne\nf\ng";
        assert_eq!(
            diff(old, new, 1),
            vec![
                Same(3, 3, "c".into()),
                Removed(4, "d".into()),
                Added(4, "D".into()),
                Same(5, 5, "e".into()),
            ]
        );
    }

    #[test]
    fn insertions_and_gaps() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8";
        let new = "0\n1\n2\n3\n4\n5\n6\n7\n8\n9";
        let d = diff(old, new, 1);
        assert_eq!(d[0], Added(1, "0".into()));
        assert!(d.contains(&Gap));
        assert_eq!(d.last(), Some(&Added(10, "9".into())));
        assert!(diff("same", "same", 3).is_empty());
    }
}
