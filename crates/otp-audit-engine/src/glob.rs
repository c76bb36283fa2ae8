//! Path patterns for file include/exclude lists: globs (`lib/**/*.ex`), Credo's
//! directory prefixes (`"lib/"`) and Credo's regexes (`~r"/_build/"`).
//!
//! Globs follow Elixir's `Path.wildcard/2`, which Credo's `files.included` uses:
//! `*`, `?`, `**`, `[a-z]` classes and `{ex,exs}` alternatives. Our own code and
//! not `globset`: that crate brings the `regex` crate into the browser's wasm,
//! which the page dropped for size.

#[derive(Clone, Debug)]
pub enum PathPattern {
    /// The alternatives of one glob, its `{a,b}` groups expanded.
    Glob(Vec<String>),
    Regex(regex_lite::Regex),
}

/// A glob with more alternatives than this is cut short: a config file is
/// outside input, and `{a,b}{c,d}...` doubles with every group.
const MAX_ALTERNATIVES: usize = 256;

impl PathPattern {
    /// A glob; a pattern without wildcards ending in `/` (or naming a directory)
    /// matches everything below it, as Credo's `included: ["lib/"]` does.
    pub fn glob(pattern: &str) -> PathPattern {
        let alternatives = expand_braces(pattern.trim_start_matches("./"))
            .into_iter()
            .map(|p| {
                if p.contains(['*', '?', '[']) {
                    p
                } else {
                    format!("{}/**", p.trim_end_matches('/'))
                }
            })
            .collect();
        PathPattern::Glob(alternatives)
    }

    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        match self {
            PathPattern::Glob(alternatives) => alternatives.iter().any(|g| {
                glob_match(g.as_bytes(), path.as_bytes())
                    // `dir/**` also names the file `dir` itself.
                    || g.strip_suffix("/**").is_some_and(|d| d == path)
            }),
            // Credo matches its regexes against paths that start with the project dir.
            PathPattern::Regex(r) => r.is_match(path) || r.is_match(&format!("/{path}")),
        }
    }
}

/// Every reading of `{a,b}` groups, nested ones too, left to right. A `{` with
/// no closing `}` is a plain character, as in `Path.wildcard/2`.
fn expand_braces(pattern: &str) -> Vec<String> {
    let mut done = Vec::new();
    let mut todo = vec![pattern.to_string()];
    while let Some(p) = todo.pop() {
        let Some((open, close, commas)) = first_group(&p) else {
            done.push(p);
            continue;
        };
        let (head, tail) = (&p[..open], &p[close + 1..]);
        let mut start = open + 1;
        for end in commas.into_iter().chain([close]) {
            if done.len() + todo.len() >= MAX_ALTERNATIVES {
                break;
            }
            todo.push(format!("{head}{}{tail}", &p[start..end]));
            start = end + 1;
        }
    }
    done.reverse();
    done
}

/// The first `{...}` that closes: its brace positions and its top-level commas.
fn first_group(p: &str) -> Option<(usize, usize, Vec<usize>)> {
    let bytes = p.as_bytes();
    for open in (0..bytes.len()).filter(|&i| bytes[i] == b'{') {
        let (mut depth, mut commas) = (0usize, Vec::new());
        for (i, &b) in bytes.iter().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((open, i, commas));
                    }
                }
                b',' if depth == 1 => commas.push(i),
                _ => {}
            }
        }
    }
    None
}

/// `*` and `?` stay inside one path segment; `**` spans any number of segments.
/// Dynamic programming over segments, so no pattern can make it exponential.
fn glob_match(pattern: &[u8], path: &[u8]) -> bool {
    let p: Vec<&[u8]> = pattern.split(|&b| b == b'/').collect();
    let s: Vec<&[u8]> = path.split(|&b| b == b'/').collect();
    // reach[j]: pattern prefix matched path prefix of j segments.
    let mut reach = vec![false; s.len() + 1];
    reach[0] = true;
    for seg in &p {
        let mut next = vec![false; s.len() + 1];
        if *seg == b"**" {
            let mut any = false;
            for j in 0..=s.len() {
                any |= reach[j];
                next[j] = any;
            }
        } else {
            for j in 0..s.len() {
                if reach[j] && segment_match(seg, s[j]) {
                    next[j + 1] = true;
                }
            }
        }
        reach = next;
    }
    reach[s.len()]
}

/// Wildcards within one segment: `*` any run, `?` one byte, `[...]` one byte
/// of a class.
fn segment_match(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        let one = (pi < p.len()).then(|| one_byte(&p[pi..], s[si])).flatten();
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi + 1, si));
            pi += 1;
        } else if let Some(Some(width)) = one.map(|(ok, width)| ok.then_some(width)) {
            pi += width;
            si += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether the pattern's next item (a byte, `?` or a class) takes `c`, and how
/// many pattern bytes that item spans; `None` for `*`.
fn one_byte(p: &[u8], c: u8) -> Option<(bool, usize)> {
    match p[0] {
        b'*' => None,
        b'?' => Some((true, 1)),
        b'[' => match class(p, c) {
            Some(taken) => Some(taken),
            // A `[` that never closes is itself.
            None => Some((c == b'[', 1)),
        },
        b => Some((b == c, 1)),
    }
}

/// `[abc]`, `[a-z]` and their negations `[!...]`, `[^...]`: whether `c` is in
/// the class and the class's width, or `None` when no `]` closes it.
fn class(p: &[u8], c: u8) -> Option<(bool, usize)> {
    let negated = matches!(p.get(1), Some(b'!' | b'^'));
    let first = if negated { 2 } else { 1 };
    // A `]` right after the opening is a member, not the end.
    let close = first + 1 + p.get(first + 1..)?.iter().position(|&b| b == b']')?;
    let body = &p[first..close];
    let mut hit = false;
    let mut i = 0;
    while i < body.len() {
        if i + 2 < body.len() && body[i + 1] == b'-' {
            hit |= (body[i]..=body[i + 2]).contains(&c);
            i += 3;
        } else {
            hit |= body[i] == c;
            i += 1;
        }
    }
    Some((hit != negated, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let m = |p: &str, s: &str| PathPattern::glob(p).matches(s);
        assert!(m("lib/**/*.ex", "lib/a/b/c.ex"));
        assert!(m("lib/**/*.ex", "lib/c.ex"));
        assert!(!m("lib/*.ex", "lib/a/c.ex"));
        assert!(m("lib/", "lib/a/c.ex"));
        assert!(m("test/support", "test/support/x.ex"));
        assert!(!m("lib/", "test/a.exs"));
        assert!(m("**/*_test.exs", "test/a/b_test.exs"));
        assert!(m("test/?_test.exs", "test/a_test.exs"));
        assert!(!m("test/?_test.exs", "test/ab_test.exs"));
    }

    #[test]
    fn brace_alternatives_as_credo_writes_them() {
        let m = |p: &str, s: &str| PathPattern::glob(p).matches(s);
        let umbrella = "apps/*/lib/**/*.{ex,exs}";
        assert!(m(umbrella, "apps/explorer/lib/explorer/chain.ex"));
        assert!(m(umbrella, "apps/explorer/lib/mix/tasks/x.exs"));
        assert!(!m(umbrella, "apps/explorer/test/chain_test.exs"));
        assert!(!m(umbrella, "apps/explorer/lib/chain.eex"));
        assert!(m("{lib,test}/", "test/a_test.exs"));
        assert!(m("{lib,test}/**/*.ex", "lib/a.ex"));
        assert!(m("lib/{a,b{c,d}}.ex", "lib/bd.ex"));
        assert!(!m("lib/{a,b{c,d}}.ex", "lib/b.ex"));
        assert!(m("lib/{,x}a.ex", "lib/a.ex"));
        // An unclosed brace is a plain character.
        assert!(m("lib/{a*.ex", "lib/{ab.ex"));
    }

    #[test]
    fn character_classes() {
        let m = |p: &str, s: &str| PathPattern::glob(p).matches(s);
        assert!(m("lib/[ab]*.ex", "lib/alpha.ex"));
        assert!(!m("lib/[ab]*.ex", "lib/core.ex"));
        assert!(m("lib/v[0-9].ex", "lib/v7.ex"));
        assert!(!m("lib/v[!0-9].ex", "lib/v7.ex"));
        assert!(m("lib/v[^0-9].ex", "lib/vx.ex"));
        assert!(m("lib/[]]x.ex", "lib/]x.ex"));
        assert!(m("lib/[x.ex", "lib/[x.ex"));
    }

    #[test]
    fn brace_groups_cannot_blow_up() {
        let hostile = "{a,b}".repeat(40);
        let PathPattern::Glob(alternatives) = PathPattern::glob(&hostile) else {
            unreachable!()
        };
        assert!(alternatives.len() <= MAX_ALTERNATIVES);
    }

    #[test]
    fn regexes_see_a_leading_slash() {
        let r = PathPattern::Regex(regex_lite::Regex::new("/_build/").unwrap());
        assert!(r.matches("_build/dev/x.ex"));
        assert!(!r.matches("lib/build.ex"));
    }

    proptest::proptest! {
        /// Any pattern a config may hold is read without panicking.
        #[test]
        fn any_pattern_is_safe(pattern in "[ab{},*?\\[\\]!^/.-]{0,24}", path in "[ab/.{}\\[\\]]{0,16}") {
            let _ = PathPattern::glob(&pattern).matches(&path);
        }

        /// `*` and `?` agree with the same wildcard written as a regex.
        #[test]
        fn wildcards_agree_with_a_regex(pattern in "[ab*?/]{1,10}", path in "[ab/]{1,10}") {
            // `**` spans segments only as a whole segment; keep to patterns without it.
            proptest::prop_assume!(!pattern.contains("**"));
            let regex = format!("^{}$", pattern.replace('*', "[^/]*").replace('?', "[^/]"));
            let expected = regex_lite::Regex::new(&regex).unwrap().is_match(&path);
            proptest::prop_assert_eq!(glob_match(pattern.as_bytes(), path.as_bytes()), expected);
        }
    }
}
