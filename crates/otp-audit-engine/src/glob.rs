//! Path patterns for file include/exclude lists: globs (`lib/**/*.ex`), Credo's
//! directory prefixes (`"lib/"`) and Credo's regexes (`~r"/_build/"`).

#[derive(Clone, Debug)]
pub enum PathPattern {
    Glob(String),
    Regex(regex_lite::Regex),
}

impl PathPattern {
    /// A glob; a pattern without wildcards ending in `/` (or naming a directory)
    /// matches everything below it, as Credo's `included: ["lib/"]` does.
    pub fn glob(pattern: &str) -> PathPattern {
        let p = pattern.trim_start_matches("./");
        if !p.contains(['*', '?', '[']) {
            let dir = p.trim_end_matches('/');
            return PathPattern::Glob(format!("{dir}/**"));
        }
        PathPattern::Glob(p.to_string())
    }

    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        match self {
            PathPattern::Glob(g) => {
                glob_match(g.as_bytes(), path.as_bytes())
                    // `dir/**` also names the file `dir` itself.
                    || g.strip_suffix("/**").is_some_and(|d| d == path)
            }
            // Credo matches its regexes against paths that start with the project dir.
            PathPattern::Regex(r) => r.is_match(path) || r.is_match(&format!("/{path}")),
        }
    }
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

/// Wildcards within one segment: `*` any run, `?` one byte.
fn segment_match(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi + 1, si));
            pi += 1;
        } else if pi < p.len() && (p[pi] == b'?' || p[pi] == s[si]) {
            pi += 1;
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
    fn regexes_see_a_leading_slash() {
        let r = PathPattern::Regex(regex_lite::Regex::new("/_build/").unwrap());
        assert!(r.matches("_build/dev/x.ex"));
        assert!(!r.matches("lib/build.ex"));
    }
}
