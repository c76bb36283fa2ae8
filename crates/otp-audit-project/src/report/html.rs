//! The report as one self-contained HTML5 page.
//!
//! Inline CSS (light and dark through `prefers-color-scheme`), inline SVG bar charts
//! (findings per rule, per area, effort per stage), tables, and no script at all. The
//! page refers to nothing outside itself: the only links are in-page anchors
//! (`#guide-otp-no-raw-send`), so it opens offline and can be attached to an issue or
//! archived as a CI artifact. Every text is HTML-escaped, including `"` and `'`, and
//! `//` is written as `/&#47;` so that no text can read as a URL reference.

use super::model::*;
use super::svg::{Bar, bar_chart};
use super::text;
use otp_audit_engine::Severity;
use std::fmt::Write;

/// How many files the "files to fix" table lists (the JSON report has them all).
pub const HTML_FILES_SHOWN: usize = 50;

/// How many rules the "findings per rule" chart shows.
const CHART_RULES: usize = 20;

const CSS: &str = r#"
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa; --accent: #0969da; --error: #cf222e; --warning: #bf8700; --info: #0969da; --bar: #8250df; --stage: #1a7f37; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23; --accent: #4493f8; --error: #f85149; --warning: #d29922; --info: #4493f8; --bar: #ab7df8; --stage: #3fb950; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.9em; margin: 0 0 8px; }
h2 { font-size: 1.45em; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.15em; margin: 28px 0 8px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: var(--card); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
pre { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
pre code { background: none; border: 0; padding: 0; }
nav { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 12px 0 8px; }
.lead { font-size: 1.05em; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; min-width: 140px; }
.card .n { font-size: 1.6em; font-weight: 600; display: block; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--border); padding: 5px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--card); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; }
.sev { font-weight: 600; }
.sev.error { color: var(--error); }
.sev.warning { color: var(--warning); }
.sev.info { color: var(--info); }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0 16px; }
.chart text { fill: var(--fg); font-size: 12px; }
.chart .value { fill: var(--muted); }
.chart .bar { fill: var(--bar); }
.chart .stage { fill: var(--stage); }
.chart .sev-error { fill: var(--error); }
.chart .sev-warning { fill: var(--warning); }
.chart .sev-info { fill: var(--info); }
.legend span { margin-right: 14px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.legend .e { background: var(--error); } .legend .w { background: var(--warning); } .legend .i { background: var(--info); }
.stage { border: 1px solid var(--border); border-radius: 8px; padding: 4px 18px 10px; margin: 16px 0; }
.done li { list-style: "☐  "; }
.guide { border-top: 1px solid var(--border); padding-top: 4px; }
footer { margin-top: 48px; color: var(--muted); font-size: 0.9em; }
@media print { nav { display: none; } .stage { break-inside: avoid; } }
"#;

/// The report as one HTML5 document.
pub fn to_html(r: &Report) -> String {
    let mut h = Html { out: String::new() };
    h.render(r);
    h.out
}

/// Escape text for HTML content and attribute values. `//` becomes `/&#47;` so that no
/// text reads as a protocol-relative reference.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev_slash = false;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '/' if prev_slash => out.push_str("&#47;"),
            c => out.push(c),
        }
        prev_slash = c == '/';
    }
    out
}

/// Text whose `backtick spans` are code (as the engine writes messages), escaped.
fn inline(s: &str) -> String {
    if s.matches('`').count() % 2 == 1 {
        return escape(s);
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

/// [`inline`] for guide text: `**strong**` and `*emphasis*` become tags too.
fn guide_text(s: &str) -> String {
    if s.matches('`').count() % 2 == 1 {
        return emphasis(&escape(s));
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                emphasis(&escape(part))
            }
        })
        .collect()
}

/// `**x**` and `*x*` in escaped text as `<strong>` and `<em>`; a marker without its
/// partner stays as it is.
fn emphasis(escaped: &str) -> String {
    fn pairs(s: &str, marker: &str, tag: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(open) = rest.find(marker) {
            let after = &rest[open + marker.len()..];
            match after.find(marker) {
                Some(close)
                    if close > 0
                        && !after.starts_with(char::is_whitespace)
                        && !after[..close].ends_with(char::is_whitespace) =>
                {
                    out.push_str(&rest[..open]);
                    out.push_str(&format!("<{tag}>{}</{tag}>", &after[..close]));
                    rest = &after[close + marker.len()..];
                }
                _ => break,
            }
        }
        out.push_str(rest);
        out
    }
    pairs(&pairs(escaped, "**", "strong"), "*", "em")
}

fn code(s: &str) -> String {
    format!("<code>{}</code>", escape(s))
}

/// An element id for a rule's guide entry: `guide-otp-no-raw-send`.
fn guide_id(rule: &str) -> String {
    let mut id = String::from("guide-");
    for c in rule.chars() {
        id.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        });
    }
    id
}

fn sev(s: Severity) -> String {
    format!("<span class=\"sev {s}\">{s}</span>")
}

struct Html {
    out: String,
}

macro_rules! w {
    ($h:expr, $($arg:tt)*) => {{
        let _ = write!($h.out, $($arg)*);
        $h.out.push('\n');
    }};
}

impl Html {
    fn rule_link(&self, rule: &str) -> String {
        format!("<a href=\"#{}\">{}</a>", guide_id(rule), code(rule))
    }

    fn render(&mut self, r: &Report) {
        w!(self, "<!DOCTYPE html>");
        w!(self, "<html lang=\"en\">");
        w!(self, "<head>");
        w!(self, "<meta charset=\"utf-8\">");
        w!(
            self,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        );
        w!(
            self,
            "<meta name=\"generator\" content=\"otp-audit {}\">",
            escape(&r.tool_version)
        );
        w!(self, "<title>Remediation plan · otp-audit</title>");
        w!(self, "<style>{CSS}</style>");
        w!(self, "</head>");
        w!(self, "<body>");
        w!(self, "<main>");
        w!(self, "<h1>Remediation plan</h1>");
        w!(self, "<p class=\"lead\">{}</p>", inline(&text::headline(r)));
        w!(self, "<p>{}</p>", inline(&text::effort_line(r)));
        if let Some(b) = &r.baseline {
            w!(
                self,
                "<p>Compared with the baseline ({} recorded): <strong>{} new</strong>, {} fixed, {} unchanged.</p>",
                escape(&text::count(b.recorded, "finding", "findings")),
                b.new,
                b.fixed,
                b.unchanged
            );
        }
        w!(
            self,
            "<nav><a href=\"#state\">Current state</a><a href=\"#files\">Files to fix</a><a href=\"#plan\">Plan</a><a href=\"#schedule\">Schedule</a><a href=\"#metrics\">Success metrics</a><a href=\"#guides\">Rule guides</a></nav>"
        );
        self.cards(r);
        self.current_state(r);
        self.files(r);
        w!(self, "<h2 id=\"plan\">The plan</h2>");
        for s in &r.stages {
            self.stage(r, s);
        }
        self.schedule(r);
        self.metrics(r);
        self.guides(r);
        w!(
            self,
            "<footer>Computed by otp-audit {} from the code; regenerate with <code>otp-audit report --format html</code>. This page loads nothing from the network.</footer>",
            escape(&r.tool_version)
        );
        w!(self, "</main>");
        w!(self, "</body>");
        w!(self, "</html>");
    }

    fn cards(&mut self, r: &Report) {
        let t = &r.totals;
        let cards = [
            ("findings".to_string(), t.findings.to_string()),
            ("errors".to_string(), t.by_severity.error.to_string()),
            ("warnings".to_string(), t.by_severity.warning.to_string()),
            ("info".to_string(), t.by_severity.info.to_string()),
            (
                "files affected".to_string(),
                r.analysed.files_with_findings.to_string(),
            ),
            ("safe fixes".to_string(), t.safe_fixes.to_string()),
            (
                "estimated effort".to_string(),
                text::duration(r.schedule.total_minutes),
            ),
            (
                format!("at {} h per week", r.schedule.hours_per_week),
                text::count(r.schedule.total_weeks as usize, "week", "weeks"),
            ),
        ];
        w!(self, "<div class=\"cards\">");
        for (label, value) in cards {
            w!(
                self,
                "<div class=\"card\"><span class=\"n\">{}</span><span class=\"muted\">{}</span></div>",
                escape(&value),
                escape(&label)
            );
        }
        w!(self, "</div>");
    }

    fn current_state(&mut self, r: &Report) {
        w!(self, "<h2 id=\"state\">Current state</h2>");
        let area_bars: Vec<Bar> = r
            .areas
            .iter()
            .filter(|a| a.area != Area::Other || a.findings > 0)
            .map(|a| Bar {
                label: a.area.title().to_string(),
                href: None,
                segments: vec![
                    ("sev-error", a.by_severity.error as u64),
                    ("sev-warning", a.by_severity.warning as u64),
                    ("sev-info", a.by_severity.info as u64),
                ],
                value_label: None,
            })
            .collect();
        w!(
            self,
            "{}",
            bar_chart("Findings per area, by severity", &area_bars)
        );
        w!(
            self,
            "<p class=\"legend muted\"><span><i class=\"e\"></i>error</span><span><i class=\"w\"></i>warning</span><span><i class=\"i\"></i>info</span></p>"
        );
        for a in &r.areas {
            if a.area == Area::Other && a.findings == 0 {
                continue;
            }
            w!(
                self,
                "<h3 id=\"area-{}\">{} <span class=\"muted\">({})</span></h3>",
                a.area.as_str(),
                escape(a.area.title()),
                inline(a.area.describe())
            );
            w!(
                self,
                "<p><strong>{} in {} of {}</strong> ({}; {} lines).</p>",
                escape(&text::count(a.findings, "finding", "findings")),
                a.files_affected,
                escape(&text::count(a.files, "file", "files")),
                escape(&text::severities(&a.by_severity)),
                a.lines
            );
            if !a.rules.is_empty() {
                w!(self, "<ul>");
                for rc in &a.rules {
                    w!(
                        self,
                        "<li>{} ({}): {}</li>",
                        escape(&rc.title),
                        self.rule_link(&rc.rule),
                        escape(&text::occurrences(rc.findings, rc.files))
                    );
                }
                w!(self, "</ul>");
            }
        }

        w!(self, "<h3>Totals by severity</h3>");
        w!(
            self,
            "<table><thead><tr><th>Severity</th><th class=\"n\">Findings</th></tr></thead><tbody>"
        );
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            w!(
                self,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                sev(s),
                r.totals.by_severity.get(s)
            );
        }
        w!(
            self,
            "<tr class=\"total\"><td>Total</td><td class=\"n\">{}</td></tr></tbody></table>",
            r.totals.findings
        );
        w!(
            self,
            "<p>{} carry a safe fix (<code>otp-audit check --fix</code>), {} only a fix that needs review (<code>--fix --unsafe-fixes</code>).</p>",
            escape(&text::count(r.totals.safe_fixes, "finding", "findings")),
            r.totals.unsafe_fixes
        );

        if r.rules.is_empty() {
            return;
        }
        w!(self, "<h3>Findings per rule</h3>");
        let shown: Vec<&RuleSummary> = {
            let mut v: Vec<&RuleSummary> = r.rules.iter().filter(|x| x.findings > 0).collect();
            v.sort_by(|a, b| {
                (std::cmp::Reverse(a.findings), &a.rule)
                    .cmp(&(std::cmp::Reverse(b.findings), &b.rule))
            });
            v.truncate(CHART_RULES);
            v
        };
        let bars: Vec<Bar> = shown
            .iter()
            .map(|x| Bar {
                label: x.rule.clone(),
                href: Some(format!("#{}", guide_id(&x.rule))),
                segments: vec![("bar", x.findings as u64)],
                value_label: None,
            })
            .collect();
        if !bars.is_empty() {
            w!(self, "{}", bar_chart("Findings per rule", &bars));
        }
        w!(
            self,
            "<table><thead><tr><th>Rule</th><th>Severity</th><th class=\"n\">Findings</th><th class=\"n\">Files</th><th class=\"n\">Tests</th><th class=\"n\">Production</th><th class=\"n\">Other</th><th class=\"n\">Safe fixes</th><th class=\"n\">Effort</th></tr></thead><tbody>"
        );
        for x in &r.rules {
            w!(
                self,
                "<tr><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                self.rule_link(&x.rule),
                escape(&x.title),
                sev(x.severity),
                x.findings,
                x.files,
                x.tests,
                x.production,
                x.other,
                x.safe_fixes,
                escape(&text::duration(x.effort_minutes))
            );
        }
        w!(self, "</tbody></table>");
    }

    fn files(&mut self, r: &Report) {
        w!(
            self,
            "<h2 id=\"files\">Files to fix, in order of priority</h2>"
        );
        if r.files.is_empty() {
            w!(self, "<p>No file has findings.</p>");
            return;
        }
        w!(self, "<p class=\"muted\">{}</p>", inline(&text::scoring(r)));
        w!(
            self,
            "<table><thead><tr><th class=\"n\">#</th><th>File</th><th>Area</th><th class=\"n\">Score</th><th class=\"n\">Findings</th><th>Rules</th><th class=\"n\">Effort</th></tr></thead><tbody>"
        );
        for f in r.files.iter().take(HTML_FILES_SHOWN) {
            let rules: Vec<String> = f
                .rules
                .iter()
                .map(|t| format!("{}&nbsp;×&nbsp;{}", self.rule_link(&t.rule), t.count))
                .collect();
            w!(
                self,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                f.rank,
                code(&f.path),
                f.area.as_str(),
                f.score,
                f.findings,
                rules.join(", "),
                escape(&text::duration(f.effort_minutes))
            );
        }
        w!(self, "</tbody></table>");
        if r.files.len() > HTML_FILES_SHOWN {
            let rest = &r.files[HTML_FILES_SHOWN..];
            w!(
                self,
                "<p class=\"muted\">…and {} more with {} (the JSON report lists every file).</p>",
                escape(&text::count(rest.len(), "file", "files")),
                escape(&text::count(
                    rest.iter().map(|f| f.findings).sum(),
                    "finding",
                    "findings"
                ))
            );
        }
    }

    fn stage(&mut self, r: &Report, s: &Stage) {
        let when = r
            .schedule
            .entries
            .iter()
            .find(|e| e.stage == s.number)
            .map(text::weeks)
            .unwrap_or_default();
        w!(self, "<section class=\"stage\" id=\"stage-{}\">", s.number);
        w!(
            self,
            "<h3>Stage {}: {} <span class=\"muted\">({}, about {})</span></h3>",
            s.number,
            escape(&s.title),
            escape(&when),
            escape(&text::duration(s.effort_minutes))
        );
        w!(self, "<p><strong>Goal:</strong> {}</p>", inline(&s.goal));
        if let Some(e) = &s.enforcement {
            self.enforcement(e);
        } else if s.rules.is_empty() {
            w!(self, "<p>No findings in this part of the code.</p>");
        } else {
            w!(
                self,
                "<p>{} in {}; {} can be fixed automatically.</p>",
                escape(&text::count(s.findings, "finding", "findings")),
                escape(&text::count(s.files, "file", "files")),
                s.safe_fixes
            );
            w!(
                self,
                "<table><thead><tr><th>Rule</th><th>Severity</th><th class=\"n\">Findings</th><th class=\"n\">Files</th><th class=\"n\">Safe fixes</th><th class=\"n\">Minutes per finding</th><th class=\"n\">Effort</th></tr></thead><tbody>"
            );
            for sr in &s.rules {
                w!(
                    self,
                    "<tr><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    self.rule_link(&sr.rule),
                    escape(&sr.title),
                    sev(sr.severity),
                    sr.findings,
                    sr.files,
                    sr.safe_fixes,
                    sr.minutes_per_finding,
                    escape(&text::duration(sr.effort_minutes))
                );
            }
            w!(
                self,
                "<tr class=\"total\"><td>Total</td><td></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td></td><td class=\"n\">{}</td></tr></tbody></table>",
                s.findings,
                s.files,
                s.safe_fixes,
                escape(&text::duration(s.effort_minutes))
            );
            let start: Vec<String> = r
                .files
                .iter()
                .filter(|f| s.areas.contains(&f.area))
                .take(super::START_WITH)
                .map(|f| {
                    format!(
                        "{} ({})",
                        code(&f.path),
                        escape(&text::count(f.findings, "finding", "findings"))
                    )
                })
                .collect();
            if !start.is_empty() {
                w!(self, "<p>Start with: {}.</p>", start.join(", "));
            }
            if s.safe_fixes > 0 {
                w!(
                    self,
                    "<p>First apply the safe fixes, review the diff and commit: <code>otp-audit check --fix</code>.</p>"
                );
            }
        }
        w!(self, "<p>Done when:</p>");
        w!(self, "<ul class=\"done\">");
        for d in &s.done_when {
            w!(self, "<li>{}</li>", inline(d));
        }
        w!(self, "</ul>");
        w!(self, "</section>");
    }

    fn enforcement(&mut self, e: &Enforcement) {
        if e.zero_today.is_empty() {
            w!(
                self,
                "<p><strong>Enforce at zero today:</strong> no rule is at zero yet.</p>"
            );
        } else {
            let ids: Vec<String> = e.zero_today.iter().map(|id| code(id)).collect();
            w!(
                self,
                "<p><strong>Enforce at zero today</strong> ({} without findings; any finding fails the build): {}.</p>",
                escape(&text::count(e.zero_today.len(), "rule", "rules")),
                ids.join(", ")
            );
        }
        if !e.ratchet.is_empty() {
            w!(
                self,
                "<p><strong>Hold with the baseline ratchet</strong> ({}; the count may only go down):</p>",
                escape(&text::count(e.ratchet.len(), "rule", "rules"))
            );
            w!(
                self,
                "<table><thead><tr><th>Rule</th><th class=\"n\">Findings today</th><th class=\"n\">CI limit</th></tr></thead><tbody>"
            );
            for rr in &e.ratchet {
                w!(
                    self,
                    "<tr><td>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    self.rule_link(&rr.rule),
                    escape(&rr.title),
                    rr.today,
                    rr.limit
                );
            }
            w!(self, "</tbody></table>");
        }
        w!(self, "<p>Commands:</p>");
        w!(self, "<ol>");
        for c in &e.commands {
            w!(
                self,
                "<li>{}:<pre><code>{}</code></pre></li>",
                inline(&c.purpose),
                escape(&c.run)
            );
        }
        w!(self, "</ol>");
        w!(self, "<p>Suggested <code>otp-audit.toml</code>:</p>");
        w!(
            self,
            "<pre><code>{}</code></pre>",
            escape(e.config_toml.trim_end())
        );
    }

    fn schedule(&mut self, r: &Report) {
        let s = &r.schedule;
        w!(self, "<h2 id=\"schedule\">Schedule</h2>");
        w!(
            self,
            "<p>At {} h of remediation per week, one stage after the other:</p>",
            s.hours_per_week
        );
        let bars: Vec<Bar> = s
            .entries
            .iter()
            .map(|e| Bar {
                label: format!("Stage {}: {}", e.stage, e.title),
                href: Some(format!("#stage-{}", e.stage)),
                segments: vec![("stage", e.effort_minutes)],
                value_label: Some(text::duration(e.effort_minutes)),
            })
            .collect();
        w!(self, "{}", bar_chart("Effort per stage", &bars));
        w!(
            self,
            "<table><thead><tr><th>Stage</th><th class=\"n\">Effort</th><th class=\"n\">Weeks</th><th>When</th></tr></thead><tbody>"
        );
        for e in &s.entries {
            w!(
                self,
                "<tr><td><a href=\"#stage-{}\">{}. {}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                e.stage,
                e.stage,
                escape(&e.title),
                escape(&text::duration(e.effort_minutes)),
                e.weeks,
                escape(&text::weeks(e))
            );
        }
        w!(
            self,
            "<tr class=\"total\"><td>Total</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td></td></tr></tbody></table>",
            escape(&text::duration(s.total_minutes)),
            s.total_weeks
        );
        w!(
            self,
            "<p class=\"muted\">{}</p>",
            inline(&text::estimates(r))
        );
    }

    fn metrics(&mut self, r: &Report) {
        w!(self, "<h2 id=\"metrics\">Success metrics</h2>");
        if r.metrics.is_empty() {
            w!(
                self,
                "<p>Every rule is at zero. Keep it there with stage 1.</p>"
            );
            return;
        }
        let with_baseline = r.baseline.is_some();
        w!(
            self,
            "<table><thead><tr><th>Rule</th><th class=\"n\">Today</th>{}<th class=\"n\">Target</th><th>Stages</th></tr></thead><tbody>",
            if with_baseline {
                "<th class=\"n\">Baseline (CI limit)</th>"
            } else {
                ""
            }
        );
        for m in &r.metrics {
            let stages: Vec<String> = m.stages.iter().map(|s| s.to_string()).collect();
            let stages = if stages.is_empty() {
                "done".to_string()
            } else {
                stages.join(", ")
            };
            let baseline = if with_baseline {
                format!(
                    "<td class=\"n\">{}</td>",
                    m.baseline
                        .map_or_else(|| "–".to_string(), |b| b.to_string())
                )
            } else {
                String::new()
            };
            w!(
                self,
                "<tr><td>{} {}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td><td>{}</td></tr>",
                self.rule_link(&m.rule),
                escape(&m.title),
                m.today,
                baseline,
                m.target,
                stages
            );
        }
        w!(self, "</tbody></table>");
    }

    fn guides(&mut self, r: &Report) {
        w!(self, "<h2 id=\"guides\">Rule guides</h2>");
        if r.rules.is_empty() {
            w!(self, "<p>No rule has findings.</p>");
            return;
        }
        w!(
            self,
            "<p class=\"muted\">The full guide page of a rule, with before-and-after code: <code>otp-audit explain RULE</code>.</p>"
        );
        for x in &r.rules {
            w!(
                self,
                "<section class=\"guide\" id=\"{}\">",
                guide_id(&x.rule)
            );
            w!(
                self,
                "<h3>{} {} <span class=\"muted\">({})</span></h3>",
                code(&x.rule),
                escape(&x.title),
                sev(x.severity)
            );
            if !x.summary.is_empty() {
                w!(self, "<p>{}</p>", guide_text(&x.summary));
            }
            if let Some(ex) = &x.example {
                let place = if ex.scope.is_empty() {
                    String::new()
                } else {
                    format!(" in {}", code(&ex.scope))
                };
                w!(
                    self,
                    "<p>Example: {}{}: {}</p>",
                    code(&format!("{}:{}:{}", ex.path, ex.line, ex.column)),
                    place,
                    inline(&ex.message)
                );
            }
            w!(
                self,
                "<p>Effort: {} min per finding. {}</p>",
                x.minutes_per_finding,
                inline(&x.effort_rationale)
            );
            w!(
                self,
                "<p>Guide: <code>otp-audit explain {}</code></p>",
                escape(&x.guide)
            );
            w!(self, "</section>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_quotes_and_double_slashes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script> a//b"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt; a/&#47;b"
        );
        assert_eq!(
            inline("`a<b>` and <c>"),
            "<code>a&lt;b&gt;</code> and &lt;c&gt;"
        );
        assert_eq!(guide_id("otp/no-raw-send"), "guide-otp-no-raw-send");
        assert_eq!(
            guide_text("is **infinity** or *compiled* `a*b*c` 2 * 3"),
            "is <strong>infinity</strong> or <em>compiled</em> <code>a*b*c</code> 2 * 3"
        );
        assert_eq!(guide_text("<b>*x*</b>"), "&lt;b&gt;<em>x</em>&lt;/b&gt;");
        assert_eq!(guide_text("a * b * c"), "a * b * c");
    }
}
