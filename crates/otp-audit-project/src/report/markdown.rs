//! The report as GitHub-flavoured Markdown, to paste into an issue or commit as a file.
//!
//! Plain Markdown only: headings, paragraphs, lists, tables and fenced code (no
//! diagrams, no raw HTML). Every piece of text that comes from the analysed project
//! (paths, function names, messages) is escaped, so it can neither break a table nor
//! inject markup.
//!
//! Guide links: by default each rule id links to its entry in the document's own
//! "Rule guides" section (title, summary, an example, and the `otp-audit explain`
//! command that prints the full page), so the links work wherever the text is pasted.
//! With [`MarkdownOptions::guide_base`] set, rule ids link to
//! `<guide_base>/<group>/<name>.md` instead (see [`guide_path`](super::guide_path)),
//! for a project that keeps the guide pages next to the report.

use super::model::*;
use super::text;
use otp_audit_engine::Severity;
use std::fmt::Write;

/// How many files the "files to fix" table lists; the rest are summarised in one line
/// (the JSON report has them all).
pub const FILES_SHOWN: usize = 30;

/// How many files each stage names as the place to start.
pub const START_WITH: usize = 5;

/// Rendering choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Where guide pages live, relative to the report (`docs/rules`). `None`: rule ids
    /// link to the report's own "Rule guides" section.
    pub guide_base: Option<String>,
}

/// The report as Markdown, with guide links inside the document.
pub fn to_markdown(report: &Report) -> String {
    to_markdown_with(report, &MarkdownOptions::default())
}

/// The report as Markdown, with [`MarkdownOptions`].
pub fn to_markdown_with(r: &Report, options: &MarkdownOptions) -> String {
    let mut md = Md {
        out: String::new(),
        options,
    };
    md.render(r);
    md.out
}

struct Md<'a> {
    out: String,
    options: &'a MarkdownOptions,
}

macro_rules! line {
    ($md:expr) => { $md.out.push('\n') };
    ($md:expr, $($arg:tt)*) => {{
        let _ = write!($md.out, $($arg)*);
        $md.out.push('\n');
    }};
}

impl Md<'_> {
    fn render(&mut self, r: &Report) {
        line!(self, "# Remediation plan");
        line!(self);
        line!(self, "{}", inline(&text::headline(r)));
        line!(self, "{}", inline(&text::effort_line(r)));
        if let Some(b) = &r.baseline {
            line!(self);
            line!(
                self,
                "Compared with the baseline ({} recorded): **{} new**, {} fixed, {} unchanged.",
                text::count(b.recorded, "finding", "findings"),
                b.new,
                b.fixed,
                b.unchanged
            );
        }
        line!(self);
        self.current_state(r);
        self.files(r);
        line!(self, "## The plan");
        line!(self);
        for stage in &r.stages {
            self.stage(r, stage);
        }
        self.schedule(r);
        self.metrics(r);
        self.guides(r);
        line!(
            self,
            "---\nComputed by otp-audit {} from the code; regenerate with `otp-audit report`.",
            inline(&r.tool_version)
        );
    }

    fn rule_link(&self, id: &str) -> String {
        let target = match &self.options.guide_base {
            Some(base) => format!("{}/{}", base.trim_end_matches('/'), super::guide_path(id)),
            None => format!("#{}", otp_audit_engine::guide::slug(id)),
        };
        format!("[{}]({})", code(id), url(&target))
    }

    fn current_state(&mut self, r: &Report) {
        line!(self, "## Current state");
        line!(self);
        for a in &r.areas {
            if a.area == Area::Other && a.findings == 0 {
                continue;
            }
            line!(self, "### {} ({})", a.area.title(), a.area.describe());
            line!(self);
            line!(
                self,
                "**{} in {} of {}** ({}; {} lines).",
                text::count(a.findings, "finding", "findings"),
                a.files_affected,
                text::count(a.files, "file", "files"),
                text::severities(&a.by_severity),
                a.lines
            );
            if !a.rules.is_empty() {
                line!(self);
                for rc in &a.rules {
                    line!(
                        self,
                        "- {} ({}): {}",
                        inline(&rc.title),
                        self.rule_link(&rc.rule),
                        text::occurrences(rc.findings, rc.files)
                    );
                }
            }
            line!(self);
        }

        line!(self, "### Totals by severity");
        line!(self);
        line!(self, "| Severity | Findings |");
        line!(self, "|---|---:|");
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            line!(self, "| {} | {} |", s, r.totals.by_severity.get(s));
        }
        line!(self, "| **Total** | **{}** |", r.totals.findings);
        line!(self);
        line!(
            self,
            "{} carry a safe fix (`otp-audit check --fix`), {} only a fix that needs review (`--fix --unsafe-fixes`).",
            text::count(r.totals.safe_fixes, "finding", "findings"),
            r.totals.unsafe_fixes
        );
        line!(self);

        if !r.rules.is_empty() {
            line!(self, "### Findings per rule");
            line!(self);
            line!(
                self,
                "| Rule | Severity | Findings | Files | Tests | Production | Other | Safe fixes | Effort |"
            );
            line!(self, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
            for rule in &r.rules {
                line!(
                    self,
                    "| {} {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    self.rule_link(&rule.rule),
                    cell(&inline(&rule.title)),
                    rule.severity,
                    rule.findings,
                    rule.files,
                    rule.tests,
                    rule.production,
                    rule.other,
                    rule.safe_fixes,
                    text::duration(rule.effort_minutes)
                );
            }
            line!(self);
        }
    }

    fn files(&mut self, r: &Report) {
        line!(self, "## Files to fix, in order of priority");
        line!(self);
        if r.files.is_empty() {
            line!(self, "No file has findings.");
            line!(self);
            return;
        }
        line!(self, "{}", inline(&text::scoring(r)));
        line!(self);
        line!(
            self,
            "| # | File | Area | Score | Findings | Rules | Effort |"
        );
        line!(self, "|---:|---|---|---:|---:|---|---:|");
        for f in r.files.iter().take(FILES_SHOWN) {
            let rules: Vec<String> = f
                .rules
                .iter()
                .map(|t| format!("{} × {}", code(&t.rule), t.count))
                .collect();
            line!(
                self,
                "| {} | {} | {} | {} | {} | {} | {} |",
                f.rank,
                cell(&code(&f.path)),
                f.area.as_str(),
                f.score,
                f.findings,
                cell(&rules.join(", ")),
                text::duration(f.effort_minutes)
            );
        }
        if r.files.len() > FILES_SHOWN {
            let rest = &r.files[FILES_SHOWN..];
            line!(self);
            line!(
                self,
                "…and {} more with {} (the JSON report lists every file).",
                text::count(rest.len(), "file", "files"),
                text::count(rest.iter().map(|f| f.findings).sum(), "finding", "findings")
            );
        }
        line!(self);
    }

    fn stage(&mut self, r: &Report, s: &Stage) {
        let when = r
            .schedule
            .entries
            .iter()
            .find(|e| e.stage == s.number)
            .map(text::weeks)
            .unwrap_or_default();
        line!(
            self,
            "### Stage {}: {} ({}, about {})",
            s.number,
            inline(&s.title),
            when,
            text::duration(s.effort_minutes)
        );
        line!(self);
        line!(self, "**Goal:** {}", inline(&s.goal));
        line!(self);
        if let Some(e) = &s.enforcement {
            self.enforcement(e);
        } else if s.rules.is_empty() {
            line!(self, "No findings in this part of the code.");
            line!(self);
        } else {
            line!(
                self,
                "{} in {}; {} can be fixed automatically.",
                text::count(s.findings, "finding", "findings"),
                text::count(s.files, "file", "files"),
                s.safe_fixes
            );
            line!(self);
            line!(
                self,
                "| Rule | Severity | Findings | Files | Safe fixes | Minutes per finding | Effort |"
            );
            line!(self, "|---|---|---:|---:|---:|---:|---:|");
            for sr in &s.rules {
                line!(
                    self,
                    "| {} {} | {} | {} | {} | {} | {} | {} |",
                    self.rule_link(&sr.rule),
                    cell(&inline(&sr.title)),
                    sr.severity,
                    sr.findings,
                    sr.files,
                    sr.safe_fixes,
                    sr.minutes_per_finding,
                    text::duration(sr.effort_minutes)
                );
            }
            line!(
                self,
                "| **Total** | | **{}** | **{}** | **{}** | | **{}** |",
                s.findings,
                s.files,
                s.safe_fixes,
                text::duration(s.effort_minutes)
            );
            line!(self);
            let start: Vec<String> = r
                .files
                .iter()
                .filter(|f| s.areas.contains(&f.area))
                .take(START_WITH)
                .map(|f| {
                    format!(
                        "{} ({})",
                        code(&f.path),
                        text::count(f.findings, "finding", "findings")
                    )
                })
                .collect();
            if !start.is_empty() {
                line!(self, "Start with: {}.", start.join(", "));
                line!(self);
            }
            if s.safe_fixes > 0 {
                line!(
                    self,
                    "First apply the safe fixes, review the diff and commit: `otp-audit check --fix`."
                );
                line!(self);
            }
        }
        line!(self, "Done when:");
        line!(self);
        for d in &s.done_when {
            line!(self, "- [ ] {}", inline(d));
        }
        line!(self);
    }

    fn enforcement(&mut self, e: &Enforcement) {
        if e.zero_today.is_empty() {
            line!(self, "**Enforce at zero today:** no rule is at zero yet.");
        } else {
            let ids: Vec<String> = e.zero_today.iter().map(|id| code(id)).collect();
            line!(
                self,
                "**Enforce at zero today** ({} without findings; any finding fails the build): {}.",
                text::count(e.zero_today.len(), "rule", "rules"),
                ids.join(", ")
            );
        }
        line!(self);
        if !e.ratchet.is_empty() {
            line!(
                self,
                "**Hold with the baseline ratchet** ({}; the count may only go down):",
                text::count(e.ratchet.len(), "rule", "rules")
            );
            line!(self);
            line!(self, "| Rule | Findings today | CI limit |");
            line!(self, "|---|---:|---:|");
            for rr in &e.ratchet {
                line!(
                    self,
                    "| {} {} | {} | {} |",
                    self.rule_link(&rr.rule),
                    cell(&inline(&rr.title)),
                    rr.today,
                    rr.limit
                );
            }
            line!(self);
        }
        line!(self, "Commands:");
        line!(self);
        for (i, c) in e.commands.iter().enumerate() {
            line!(self, "{}. {}:", i + 1, inline(&c.purpose));
            line!(self);
            fence(&mut self.out, "sh", &c.run, "   ");
            line!(self);
        }
        line!(self, "Suggested `otp-audit.toml`:");
        line!(self);
        fence(&mut self.out, "toml", &e.config_toml, "");
        line!(self);
    }

    fn schedule(&mut self, r: &Report) {
        let s = &r.schedule;
        line!(self, "## Schedule");
        line!(self);
        line!(
            self,
            "At {} h of remediation per week, one stage after the other:",
            s.hours_per_week
        );
        line!(self);
        line!(self, "| Stage | Effort | Weeks | When |");
        line!(self, "|---|---:|---:|---|");
        for e in &s.entries {
            line!(
                self,
                "| {}. {} | {} | {} | {} |",
                e.stage,
                cell(&inline(&e.title)),
                text::duration(e.effort_minutes),
                e.weeks,
                text::weeks(e)
            );
        }
        line!(
            self,
            "| **Total** | **{}** | **{}** | |",
            text::duration(s.total_minutes),
            s.total_weeks
        );
        line!(self);
        line!(self, "{}", inline(&text::estimates(r)));
        line!(self);
    }

    fn metrics(&mut self, r: &Report) {
        line!(self, "## Success metrics");
        line!(self);
        if r.metrics.is_empty() {
            line!(self, "Every rule is at zero. Keep it there with stage 1.");
            line!(self);
            return;
        }
        let with_baseline = r.baseline.is_some();
        if with_baseline {
            line!(
                self,
                "| Rule | Today | Baseline (CI limit) | Target | Stages |"
            );
            line!(self, "|---|---:|---:|---:|---|");
        } else {
            line!(self, "| Rule | Today | Target | Stages |");
            line!(self, "|---|---:|---:|---|");
        }
        for m in &r.metrics {
            let stages: Vec<String> = m.stages.iter().map(|s| s.to_string()).collect();
            let stages = if stages.is_empty() {
                "done".to_string()
            } else {
                stages.join(", ")
            };
            if with_baseline {
                line!(
                    self,
                    "| {} | {} | {} | {} | {} |",
                    self.rule_link(&m.rule),
                    m.today,
                    m.baseline
                        .map_or_else(|| "–".to_string(), |b| b.to_string()),
                    m.target,
                    stages
                );
            } else {
                line!(
                    self,
                    "| {} | {} | {} | {} |",
                    self.rule_link(&m.rule),
                    m.today,
                    m.target,
                    stages
                );
            }
        }
        line!(self);
    }

    fn guides(&mut self, r: &Report) {
        if r.rules.is_empty() {
            return;
        }
        line!(self, "## Rule guides");
        line!(self);
        for rule in &r.rules {
            line!(self, "### {}", escape_text(&rule.rule));
            line!(self);
            line!(self, "**{}** ({})", inline(&rule.title), rule.severity);
            line!(self);
            if !rule.summary.is_empty() {
                line!(self, "{}", guide_text(&rule.summary));
                line!(self);
            }
            if let Some(ex) = &rule.example {
                let place = if ex.scope.is_empty() {
                    String::new()
                } else {
                    format!(" in {}", code(&ex.scope))
                };
                line!(
                    self,
                    "Example: {}{}: {}",
                    code(&format!("{}:{}:{}", ex.path, ex.line, ex.column)),
                    place,
                    inline(&ex.message)
                );
                line!(self);
            }
            line!(
                self,
                "Effort: {} min per finding. {}",
                rule.minutes_per_finding,
                inline(&rule.effort_rationale)
            );
            line!(self);
            let explain = code(&format!("otp-audit explain {}", rule.guide));
            let read = match &self.options.guide_base {
                Some(base) => {
                    let path = format!(
                        "{}/{}",
                        base.trim_end_matches('/'),
                        super::guide_path(&rule.guide)
                    );
                    format!(
                        "Guide: [{}]({}), or {explain}",
                        escape_text(&path),
                        url(&path)
                    )
                }
                None => format!("Guide: {explain}"),
            };
            line!(self, "{read}");
            line!(self);
        }
    }
}

/// A fenced code block, indented by `indent` (for list items); the fence is longer
/// than any backtick run in the text.
fn fence(out: &mut String, lang: &str, body: &str, indent: &str) {
    let longest = longest_run(body, '`');
    let ticks = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(out, "{indent}{ticks}{lang}");
    for l in body.trim_end_matches('\n').lines() {
        let _ = writeln!(out, "{indent}{l}");
    }
    let _ = writeln!(out, "{indent}{ticks}");
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// One line of text: newlines and tabs become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Plain text with Markdown and HTML metacharacters escaped.
pub(crate) fn escape_text(s: &str) -> String {
    escape_text_keeping(s, false)
}

/// [`escape_text`], leaving `*` alone when `emphasis` is set.
fn escape_text_keeping(s: &str, emphasis: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '*' if emphasis => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Text whose `backtick spans` are code (as the engine writes messages): code spans
/// are kept, everything else is escaped. Unbalanced backticks are escaped as text.
pub(crate) fn inline(s: &str) -> String {
    inline_keeping(s, false)
}

/// [`inline`] for guide text, whose `*emphasis*` and `**strong**` are kept.
fn guide_text(s: &str) -> String {
    inline_keeping(s, true)
}

fn inline_keeping(s: &str, emphasis: bool) -> String {
    let s = one_line(s);
    if s.matches('`').count() % 2 == 1 {
        return escape_text_keeping(&s, emphasis);
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                code(part)
            } else {
                escape_text_keeping(part, emphasis)
            }
        })
        .collect()
}

/// Text as a code span, whatever it contains.
pub(crate) fn code(s: &str) -> String {
    let s = one_line(s);
    let n = longest_run(&s, '`');
    if n == 0 {
        return format!("`{s}`");
    }
    let ticks = "`".repeat(n + 1);
    format!("{ticks} {s} {ticks}")
}

/// A table cell: `|` must be escaped even inside code spans.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// A link target: characters outside a conservative set are percent-encoded.
fn url(target: &str) -> String {
    let mut out = String::new();
    for b in target.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.#~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_code_spans_kept() {
        assert_eq!(
            inline("`send/2` to <b>pid</b> & *x*"),
            "`send/2` to &lt;b&gt;pid&lt;/b&gt; &amp; \\*x\\*"
        );
        assert_eq!(inline("odd ` tick"), "odd \\` tick");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(cell(&code("a|b")), "`a\\|b`");
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(
            url("docs/rules/otp/no-raw-send.md#a b"),
            "docs/rules/otp/no-raw-send.md#a%20b"
        );
    }

    #[test]
    fn fences_outgrow_backticks_in_the_body() {
        let mut s = String::new();
        fence(&mut s, "sh", "echo ````", "");
        assert!(s.starts_with("`````sh\n"), "{s}");
    }
}
