//! Suppression comments. Credo's four forms are honoured as written:
//!
//! ```elixir
//! # credo:disable-for-this-file
//! # credo:disable-for-next-line Credo.Check.Refactor.Nesting
//! # credo:disable-for-previous-line /Nesting/
//! # credo:disable-for-lines:3
//! ```
//!
//! and the same verbs with the prefix `otp-audit:` take rule ids or group prefixes
//! (`# otp-audit:disable-for-next-line otp/no-raw-send`).

use crate::rules::{self, Rule};
use crate::source::LineIndex;
use crate::syntax::text;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Credo,
    OtpAudit,
}

#[derive(Debug, Clone)]
enum Matcher {
    All,
    /// Rule ids or group prefixes (`otp/`), or Credo check names mapped to rule ids.
    Rules(Vec<String>),
    Regex(regex_lite::Regex),
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub origin: Origin,
    /// Byte range of the comment.
    pub range: std::ops::Range<usize>,
    /// 0-based lines covered, inclusive; `None` = the whole file.
    lines: Option<(usize, usize)>,
    matcher: Matcher,
    pub used: bool,
}

impl Suppression {
    fn covers(&self, rule: &Rule, line0: usize) -> bool {
        if let Some((a, b)) = self.lines
            && !(a..=b).contains(&line0)
        {
            return false;
        }
        self.names(rule)
    }

    /// The rules this comment silences on the lines it covers.
    pub fn rules_named(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        rules::ALL.iter().copied().filter(|r| self.names(r))
    }

    fn names(&self, rule: &Rule) -> bool {
        match &self.matcher {
            Matcher::All => true,
            Matcher::Rules(ids) => ids
                .iter()
                .any(|id| id == rule.id || (id.ends_with('/') && rule.id.starts_with(id.as_str()))),
            Matcher::Regex(r) => r.is_match(rule.id) || rule.credo.iter().any(|c| r.is_match(c)),
        }
    }

    /// Does reporting this one as unused help? A Credo comment is there for Credo
    /// too, whose checks flag more than the rules standing for them (those skip
    /// compile-time atoms, count nesting their own way): that no finding of ours
    /// needed it does not mean `mix credo` does not.
    pub fn reportable(&self) -> bool {
        self.origin == Origin::OtpAudit
    }

    /// Is this Credo comment a second `disable-for-this-file` for the same checks as
    /// `earlier`? Credo applies such a comment to the whole file wherever it stands,
    /// so the second one silences nothing the first does not, for Credo as for us.
    pub fn repeats(&self, earlier: &Suppression) -> bool {
        let same_checks = match (&self.matcher, &earlier.matcher) {
            (Matcher::Rules(a), Matcher::Rules(b)) => a == b,
            (Matcher::All, Matcher::All) => true,
            _ => false,
        };
        self.origin == Origin::Credo
            && earlier.origin == Origin::Credo
            && self.lines.is_none()
            && earlier.lines.is_none()
            && earlier.range.start < self.range.start
            && same_checks
    }

    pub fn describe(&self, src: &str) -> String {
        src[self.range.clone()].trim().to_string()
    }
}

#[derive(Clone, Default)]
pub struct Suppressions {
    pub items: Vec<Suppression>,
}

/// Parse the suppression comments of a file. Malformed ones are reported as errors
/// (comment range, message).
pub fn parse(
    comments: &[Node],
    src: &str,
    lines: &LineIndex,
) -> (Suppressions, Vec<(std::ops::Range<usize>, String)>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let last_line = lines.line_of(src.len());
    for c in comments {
        let body = text(*c, src).trim_start_matches('#').trim();
        let (origin, rest) = if let Some(r) = body.strip_prefix("credo:") {
            (Origin::Credo, r)
        } else if let Some(r) = body.strip_prefix("otp-audit:") {
            (Origin::OtpAudit, r)
        } else {
            continue;
        };
        let (verb, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let line0 = lines.line_of(c.start_byte());
        let covered = match verb {
            "disable-for-this-file" => None,
            "disable-for-next-line" => Some((line0 + 1, line0 + 1)),
            "disable-for-previous-line" => Some((line0.saturating_sub(1), line0.saturating_sub(1))),
            v if v.starts_with("disable-for-lines:") => {
                match v["disable-for-lines:".len()..].parse::<i64>() {
                    Ok(n) if n >= 0 => Some((line0 + 1, (line0 + n as usize).min(last_line))),
                    Ok(n) => Some((
                        line0.saturating_sub(n.unsigned_abs() as usize),
                        line0 - 1.min(line0),
                    )),
                    Err(_) => {
                        errors.push((
                            c.byte_range(),
                            format!("`{v}` needs a line count, e.g. `disable-for-lines:3`"),
                        ));
                        continue;
                    }
                }
            }
            // Credo's `enable-for-next-line` style verbs are not suppressions.
            _ if origin == Origin::Credo => continue,
            other => {
                errors.push((
                    c.byte_range(),
                    format!(
                        "unknown suppression `otp-audit:{other}`; use disable-for-this-file, disable-for-next-line, disable-for-previous-line or disable-for-lines:N"
                    ),
                ));
                continue;
            }
        };
        // `-- reason` or a second comment ends the list of names.
        let args = args
            .split(" -- ")
            .next()
            .and_then(|a| a.split(" #").next())
            .unwrap_or("")
            .trim();
        let matcher = if args.is_empty() {
            Matcher::All
        } else if args.len() > 1 && args.starts_with('/') && args.ends_with('/') {
            match regex_lite::Regex::new(&args[1..args.len() - 1]) {
                Ok(r) => Matcher::Regex(r),
                Err(_) => {
                    errors.push((c.byte_range(), format!("`{args}` is not a valid regex")));
                    continue;
                }
            }
        } else {
            let mut ids = Vec::new();
            for name in args.split([',', ' ']).filter(|s| !s.is_empty()) {
                match origin {
                    Origin::OtpAudit => {
                        if name.ends_with('/') && rules::ALL.iter().any(|r| r.id.starts_with(name))
                            || rules::by_id(name).is_some()
                        {
                            ids.push(name.to_string());
                        } else {
                            errors.push((
                                c.byte_range(),
                                format!("unknown rule `{name}` in suppression comment; run `otp-audit rules` to list the rule ids"),
                            ));
                        }
                    }
                    Origin::Credo => ids.extend(
                        rules::ALL
                            .iter()
                            .filter(|r| r.credo.contains(&name))
                            .map(|r| r.id.to_string()),
                    ),
                }
            }
            // A Credo comment for checks we do not implement is for Credo alone.
            if ids.is_empty() {
                continue;
            }
            Matcher::Rules(ids)
        };
        items.push(Suppression {
            origin,
            range: c.byte_range(),
            lines: covered,
            matcher,
            used: false,
        });
    }
    (Suppressions { items }, errors)
}

impl Suppressions {
    /// Is a finding of `rule` starting on `line0` suppressed? Marks the comments used.
    pub fn suppresses(&mut self, rule: &Rule, line0: usize) -> bool {
        let mut hit = false;
        for s in &mut self.items {
            if s.covers(rule, line0) {
                s.used = true;
                hit = true;
            }
        }
        hit
    }
}
