//! The audit's views and their URL fragments, so that a link opens a view again:
//!
//! - `#/audit`: the inputs and the summary (per area, per rule, bar chart);
//! - `#/audit/plan`: the staged plan, schedule and success metrics;
//! - `#/audit/files?rule=&severity=&scope=&path=`: files in priority order;
//! - `#/audit/findings?...`: every finding, filtered the same way;
//! - `#/audit/file/lib/a.ex?rule=otp/no-raw-send`: one file with its findings inline;
//! - `#/audit/progress?from=1&to=3`: the followed reports over time, comparing
//!   points 1 and 3 (1-based; the last two by default).

use otp_audit_engine::{FileScope, Finding, Severity};

/// Which findings to show. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    pub scope: Option<FileScope>,
    /// A substring of the path.
    pub path: String,
}

impl Filter {
    /// Whether the finding `f`, in a file of scope `scope` (as the report's
    /// `files[].scope` says), is shown.
    pub fn matches(&self, f: &Finding, scope: FileScope) -> bool {
        self.rule.as_ref().is_none_or(|r| *r == f.rule)
            && self.severity.is_none_or(|s| s == f.severity)
            && self.scope.is_none_or(|s| s == scope)
            && f.path.contains(&self.path)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(r) = &self.rule {
            parts.push(format!("rule={}", encode(r)));
        }
        if let Some(s) = self.severity {
            parts.push(format!("severity={}", s.as_str()));
        }
        if let Some(s) = self.scope {
            parts.push(format!("scope={}", s.as_str()));
        }
        if !self.path.is_empty() {
            parts.push(format!("path={}", encode(&self.path)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    fn parse(query: &str) -> Filter {
        let mut f = Filter::default();
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "rule" if !v.is_empty() => f.rule = Some(v),
                "severity" => f.severity = Severity::parse(&v),
                "scope" => f.scope = FileScope::parse(&v),
                "path" => f.path = v,
                _ => {}
            }
        }
        f
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Summary,
    Plan,
    Files(Filter),
    Findings(Filter),
    File {
        path: String,
        rule: Option<String>,
    },
    Progress {
        from: Option<usize>,
        to: Option<usize>,
    },
}

impl View {
    /// The view of the part of the fragment after `#/audit/`.
    pub fn parse(rest: &str) -> View {
        let (head, query) = rest.split_once('?').unwrap_or((rest, ""));
        let head = head.trim_end_matches('/');
        if let Some(path) = head.strip_prefix("file/") {
            let rule = Filter::parse(query).rule;
            return View::File {
                path: decode(path),
                rule,
            };
        }
        match head {
            "progress" => {
                let mut from = None;
                let mut to = None;
                for pair in query.split('&') {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    let n = v.parse::<usize>().ok().filter(|&n| n > 0);
                    match k {
                        "from" => from = n,
                        "to" => to = n,
                        _ => {}
                    }
                }
                View::Progress { from, to }
            }
            "plan" => View::Plan,
            "files" => View::Files(Filter::parse(query)),
            "findings" => View::Findings(Filter::parse(query)),
            _ => View::Summary,
        }
    }

    pub fn href(&self) -> String {
        match self {
            View::Summary => "#/audit".into(),
            View::Plan => "#/audit/plan".into(),
            View::Progress { from, to } => {
                let q: Vec<String> = [("from", from), ("to", to)]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| format!("{k}={v}")))
                    .collect();
                if q.is_empty() {
                    "#/audit/progress".into()
                } else {
                    format!("#/audit/progress?{}", q.join("&"))
                }
            }
            View::Files(f) => format!("#/audit/files{}", f.query()),
            View::Findings(f) => format!("#/audit/findings{}", f.query()),
            View::File { path, rule } => {
                let q = rule
                    .as_ref()
                    .map(|r| format!("?rule={}", encode(r)))
                    .unwrap_or_default();
                // Slashes stay readable in a path.
                format!("#/audit/file/{}{q}", encode(path).replace("%2F", "/"))
            }
        }
    }

    /// The view with its filter left out: what stays on screen while the filter changes.
    pub fn frame(&self) -> View {
        match self {
            View::Files(_) => View::Files(Filter::default()),
            View::Findings(_) => View::Findings(Filter::default()),
            v => v.clone(),
        }
    }

    /// The filter of a list view.
    pub fn filter(&self) -> Option<&Filter> {
        match self {
            View::Files(f) | View::Findings(f) => Some(f),
            _ => None,
        }
    }

    /// The tab the view belongs to.
    pub fn tab(&self) -> &'static str {
        match self {
            View::Summary => "summary",
            View::Plan => "plan",
            View::Files(_) | View::File { .. } => "files",
            View::Findings(_) => "findings",
            View::Progress { .. } => "progress",
        }
    }
}

pub use crate::sections::{percent_decode as decode, percent_encode as encode};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_round_trip_through_fragments() {
        let views = [
            View::Summary,
            View::Plan,
            View::Files(Filter::default()),
            View::Findings(Filter {
                rule: Some("otp/no-raw-send".into()),
                severity: Some(Severity::Warning),
                scope: Some(FileScope::TestSupport),
                path: "lib/a b&c".into(),
            }),
            View::File {
                path: "lib/my app/a?.ex".into(),
                rule: Some("test/no-sleep".into()),
            },
            View::File {
                path: "lib/a.ex".into(),
                rule: None,
            },
            View::Progress {
                from: None,
                to: None,
            },
            View::Progress {
                from: Some(1),
                to: Some(3),
            },
            View::Progress {
                from: None,
                to: Some(2),
            },
        ];
        for v in views {
            let href = v.href();
            let rest = crate::sections::Section::rest(&href);
            assert_eq!(View::parse(rest), v, "{href}");
        }
        assert_eq!(
            View::File {
                path: "lib/a.ex".into(),
                rule: Some("otp/no-raw-send".into())
            }
            .href(),
            "#/audit/file/lib/a.ex?rule=otp%2Fno-raw-send"
        );
        assert_eq!(View::parse("nonsense"), View::Summary);
        assert_eq!(
            View::parse("progress?from=0&to=x"),
            View::Progress {
                from: None,
                to: None
            }
        );
        assert_eq!(decode("%zz%4"), "%zz%4");
    }
}
