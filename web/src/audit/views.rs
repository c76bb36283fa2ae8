//! The report's views: summary (per area, per rule with a bar chart), the staged
//! plan with its schedule and success metrics, files in priority order, and the
//! findings, the last two filtered by rule, severity, scope and path. Every string
//! from a report is put in the page as text, never as HTML.

use super::route::{Filter, View};
use super::run;
use super::state::{Audit, Origin};
use super::ui::Ui;
use leptos::prelude::*;
use otp_audit_engine::Finding;
use otp_audit_engine::{FileScope, Severity};
use otp_audit_project::archive::human_bytes;
use otp_audit_project::report::SeverityCounts;
use otp_audit_project::report::{FilePriority, Stage};
use std::collections::HashMap;
use std::sync::Arc;

/// `45 min`, `3.5 h`.
pub fn effort(minutes: u64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        let h = minutes as f64 / 60.0;
        let s = format!("{h:.1}");
        format!("{} h", s.strip_suffix(".0").unwrap_or(&s))
    }
}

/// The one total the report quotes: whole hours (minutes below an hour), since the
/// per-finding figures behind it are round estimates.
pub fn effort_total(minutes: u64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h", (minutes + 30) / 60)
    }
}

use crate::text::count as plural;

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Findings of each rule per severity, counted from the findings themselves: a rule's
/// findings need not share one severity (a config can raise some).
fn rule_splits(a: &Audit) -> HashMap<&str, SeverityCounts> {
    let mut m: HashMap<&str, SeverityCounts> = HashMap::new();
    for f in &a.file.findings {
        m.entry(f.rule.as_str()).or_default().add(f.severity);
    }
    m
}

/// Sort key, worst first: the worst severity present, then its count, then the total.
fn severity_key(c: &SeverityCounts) -> (Severity, usize, usize) {
    let worst = SEVERITIES
        .into_iter()
        .find(|s| c.get(*s) > 0)
        .unwrap_or(Severity::Info);
    (worst, c.get(worst), c.error + c.warning + c.info)
}

/// `2 errors · 3 warnings`, each part a link to the findings it counts.
fn severity_links(c: &SeverityCounts, base: Filter, testid: &'static str) -> impl IntoView + use<> {
    SEVERITIES
        .into_iter()
        .filter(|s| c.get(*s) > 0)
        .enumerate()
        .map(|(k, s)| {
            let n = c.get(s);
            let href = View::Findings(Filter {
                severity: Some(s),
                ..base.clone()
            })
            .href();
            view! {
                {(k > 0).then_some(" · ")}
                <a href=href class=format!("sev-count sev-{}", s.as_str()) data-testid=testid
                    data-severity=s.as_str() data-count=n.to_string()>
                    {crate::text::severity_count(n, s)}
                </a>
            }
        })
        .collect_view()
}

pub fn go(view: View) {
    let _ = crate::shared::dom::window()
        .location()
        .set_hash(&view.href());
}

/// Put `view`'s link in the address bar without a history entry or a `hashchange`.
fn replace(view: &View) {
    let w = crate::shared::dom::window();
    let loc = w.location();
    let url = format!(
        "{}{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default(),
        view.href()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn Report(ui: Ui) -> impl IntoView {
    // The view without its filter: a new filter redraws the list, not the filter bar,
    // so the path box keeps its focus while the user types.
    let frame = Memo::new(move |_| ui.view.with(View::frame));
    let filter = Memo::new(move |_| ui.view.with(|v| v.filter().cloned().unwrap_or_default()));
    move || {
        let Some(audit) = ui.audit.get() else {
            return ().into_any();
        };
        let view = frame.get();
        let body = match &view {
            // Its own component: it shows without a report open.
            View::Progress { .. } => return ().into_any(),
            View::Summary => summary(&audit).into_any(),
            View::Plan => plan(&audit).into_any(),
            View::Files(_) => files(ui, &audit, filter).into_any(),
            View::Findings(_) => findings(ui, &audit, filter).into_any(),
            View::File { path, rule } => {
                super::file_view::file_view(&audit, path, rule.as_deref()).into_any()
            }
        };
        let tab = view.tab();
        let origin = match audit.origin {
            Origin::Zip => "zip",
            Origin::Folder => "folder",
            Origin::Report => "report",
            Origin::Restored => "restored",
        };

        view! {
            <section class="audit-report" data-testid="report" data-origin=origin>
                {header(&audit)}
                <Toolbar ui=ui audit=audit.clone() />
                {tabs(tab)}
                {body}
            </section>
        }
        .into_any()
    }
}

/// The report's tabs, `current` marked.
pub fn tabs(current: &'static str) -> impl IntoView + use<> {
    let tabs = [
        ("summary", "Summary", View::Summary),
        ("plan", "Plan", View::Plan),
        ("files", "Files", View::Files(Filter::default())),
        ("findings", "Findings", View::Findings(Filter::default())),
        (
            "progress",
            "Progress",
            View::Progress {
                from: None,
                to: None,
            },
        ),
    ];
    view! {
        <nav class="audit-tabs" aria-label="Report views">
            {tabs
                .into_iter()
                .map(|(key, title, v)| {
                    let here = key == current;
                    view! {
                        <a href=v.href() class:current=here aria-current=here.then_some("page")
                            data-testid=format!("tab-{key}")>
                            {title}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

fn header(a: &Audit) -> impl IntoView + use<> {
    let p = &a.plan;
    let total = p.totals.findings;
    let source = match a.origin {
        Origin::Zip | Origin::Folder => "analysed in this page".to_string(),
        Origin::Report => format!(
            "a report written by {} {}",
            a.file.tool.name, a.file.tool.version
        ),
        Origin::Restored => "the last report, restored".to_string(),
    };
    let timing =
        a.ms.map(|ms| format!(" in {:.2} s", ms / 1000.0))
            .unwrap_or_default();
    // The model in the words the Markdown and HTML reports use.
    let assumptions = otp_audit_project::report::estimates(p);
    let pace = format!(
        "; at {} h a week: {}.",
        p.schedule.hours_per_week,
        plural(p.schedule.total_weeks as usize, "week", "weeks"),
    );
    view! {
        <div class="audit-head">
            <h2>{a.name.clone()}</h2>
            <p>
                <span data-testid="total-findings" data-count=total.to_string()>
                    {plural(total, "finding", "findings")}
                </span>
                {format!(
                    " in {} of {} ({} lines, {}); {source}{timing}.",
                    plural(p.analysed.files_with_findings, "file", "files"),
                    p.analysed.files,
                    p.analysed.lines,
                    human_bytes(p.analysed.bytes as u64),
                )}
            </p>
            <p class="severity-totals">{severity_links(&p.totals.by_severity, Filter::default(), "total-severity")}</p>
            <div class="audit-effort" data-testid="effort" data-minutes=p.schedule.total_minutes.to_string()>
                "Estimated effort: " <strong>{effort_total(p.schedule.total_minutes)}</strong>
                {pace}
                <details class="assumptions"><summary>"How it is estimated"</summary>{crate::shared::message_view(&assumptions)}</details>
            </div>
            <p class="audit-config" data-testid="config-used">
                "Configuration: " {a.file.config_label()}
            </p>
        </div>
    }
}

#[component]
fn Toolbar(ui: Ui, audit: Arc<Audit>) -> impl IntoView {
    let has_sources = audit.sources.is_some();
    let safe = audit.plan.totals.safe_fixes;
    let export = {
        let audit = audit.clone();
        move |kind: &'static str| {
            if let Some((name, mime, text)) = audit.export(kind) {
                run::download(&name, mime, text.as_bytes());
            }
        }
    };
    let fixed_zip = move |_| {
        run::with_fixes(ui, move |audit, fixed| match audit.fixed_zip(fixed) {
            Ok(bytes) => run::download(
                &format!("{}-fixed.zip", audit.stem()),
                "application/zip",
                &bytes,
            ),
            Err(e) => ui.error.set(Some(e)),
        })
    };
    let diff = move |_| {
        run::with_fixes(ui, move |audit, fixed| match audit.fixed_diff(fixed) {
            Ok(text) => run::download(
                &format!("{}-fixes.diff", audit.stem()),
                "text/x-diff",
                text.as_bytes(),
            ),
            Err(e) => ui.error.set(Some(e)),
        })
    };
    let add_to_progress = {
        let audit = audit.clone();
        move |_| {
            let mut file = audit.file.clone();
            if file.stamp.generated_at.is_none() {
                file.stamp.generated_at = Some(super::series::now_rfc3339());
            }
            let name = audit.name.clone();
            if super::series::add(ui, vec![super::state::Kept { name, file }]) == 0 {
                ui.note.set(Some("This report is already followed.".into()));
            }
            go(View::Progress {
                from: None,
                to: None,
            });
        }
    };
    let e1 = export.clone();
    let e2 = export.clone();
    let e3 = export.clone();
    let e4 = export;
    let fix_title = if has_sources {
        format!("The project with the {safe} safe fixes applied; other files unchanged")
    } else {
        "Needs the project's files: drop its zip or folder".to_string()
    };
    view! {
        <div class="audit-toolbar">
            <button data-testid="download-fixed" disabled=!has_sources title=fix_title.clone()
                on:click=fixed_zip>
                {move || if ui.fixing.get() { "Fixing…".to_string() } else { format!("Download fixed zip ({})", plural(safe, "safe fix", "safe fixes")) }}
            </button>
            <button data-testid="download-diff" disabled=!has_sources title=fix_title on:click=diff>
                "Download diff"
            </button>
            <button data-testid="add-to-progress" title="Follow this report over time with the other reports of the project"
                on:click=add_to_progress>
                "Add to progress"
            </button>
            <span class="sep">"Export:"</span>
            <button data-testid="export-markdown" on:click=move |_| e1("markdown")>"Markdown"</button>
            <button data-testid="export-html" on:click=move |_| e2("html")>"HTML"</button>
            <button data-testid="export-json" on:click=move |_| e3("json")>"JSON"</button>
            <button data-testid="export-sarif" on:click=move |_| e4("sarif")>"SARIF"</button>
        </div>
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev sev-error",
        Severity::Warning => "sev sev-warning",
        Severity::Info => "sev sev-info",
    }
}

fn summary(a: &Audit) -> impl IntoView + use<> {
    let p = &a.plan;
    let max = p.rules.iter().map(|r| r.findings).max().unwrap_or(1).max(1);
    let splits = rule_splits(a);
    let split_of = |rule: &str| splits.get(rule).copied().unwrap_or_default();
    // Worst first: the areas, the rules in each, and the table.
    let mut areas: Vec<_> = p
        .areas
        .iter()
        .filter(|s| s.files > 0 || s.findings > 0)
        .collect();
    areas.sort_by_key(|s| std::cmp::Reverse(severity_key(&s.by_severity)));
    let areas = areas
        .into_iter()
        .map(|s| {
            let mut area_rules: Vec<_> = s.rules.iter().collect();
            area_rules.sort_by_key(|r| std::cmp::Reverse((severity_key(&split_of(&r.rule)), r.findings)));
            let rules = area_rules
                .into_iter()
                .map(|r| {
                    view! {
                        <li>
                            <a href=View::Findings(Filter { rule: Some(r.rule.clone()), scope: None, ..Filter::default() }).href()>
                                {r.title.clone()}
                            </a>
                            {format!(": {} across {}", plural(r.findings, "occurrence", "occurrences"), plural(r.files, "file", "files"))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="area" data-testid="area" data-area=s.area.as_str()>
                    <h3>{s.area.title()}</h3>
                    <p>
                        {format!(
                            "{} of {} affected, {}",
                            plural(s.files_affected, "file", "files"),
                            s.files,
                            plural(s.findings, "finding", "findings")
                        )}
                    </p>
                    <ul>{rules}</ul>
                </div>
            }
        })
        .collect_view();
    let mut rules: Vec<_> = p.rules.iter().collect();
    rules.sort_by(|x, y| {
        severity_key(&split_of(&y.rule))
            .cmp(&severity_key(&split_of(&x.rule)))
            .then_with(|| x.rule.cmp(&y.rule))
    });
    let rows = rules
        .into_iter()
        .map(|r| {
            let split = split_of(&r.rule);
            let base = Filter {
                rule: Some(r.rule.clone()),
                ..Filter::default()
            };
            let link = View::Findings(base.clone()).href();
            let bars = SEVERITIES
                .into_iter()
                .filter(|s| split.get(*s) > 0)
                .map(|s| {
                    // Set through CSSOM (`style:width`), which the page's CSP allows; a
                    // `style` attribute would be an inline style, which it refuses.
                    let width = format!("{:.1}%", split.get(s) as f64 * 100.0 / max as f64);
                    view! { <div class=format!("bar {}", severity_class(s)) style:width=width></div> }
                })
                .collect_view();
            view! {
                <tr data-testid="rule-count" data-rule=r.rule.clone() data-count=r.findings.to_string()
                    data-worst=severity_key(&split).0.as_str()>
                    <td class="split">{severity_links(&split, base, "rule-severity")}</td>
                    <td class="card-title"><a href=link><code>{r.rule.clone()}</code></a><div class="rule-title">{r.title.clone()}</div></td>
                    <td class="num" data-label="Findings">{r.findings}</td>
                    <td class="num" data-label="Files">{r.files}</td>
                    <td class="num" data-label="Safe fixes">{r.safe_fixes}</td>
                    <td class="chart"><div class="bars">{bars}</div></td>
                </tr>
            }
        })
        .collect_view();
    let skipped: Vec<(String, String)> = a
        .sources
        .as_ref()
        .map(|s| s.notable_skips().cloned().collect())
        .unwrap_or_default();
    let skipped_view = (!skipped.is_empty()).then(|| {
        view! {
            <details class="audit-skipped" data-testid="skipped" open=true>
                <summary>{format!("Skipped {}", plural(skipped.len(), "file", "files"))}</summary>
                <ul>
                    {skipped
                        .into_iter()
                        .map(|(p, why)| view! { <li><code>{p}</code>": "{why}</li> })
                        .collect_view()}
                </ul>
            </details>
        }
    });
    view! {
        <div class="audit-summary">
            {skipped_view}
            <div class="areas">{areas}</div>
            <h3>"Findings per rule"</h3>
            <table class="rules-table">
                <thead><tr><th>"Findings by severity"</th><th>"Rule"</th><th>"Findings"</th><th>"Files"</th><th>"Safe fixes"</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn stage_view(s: &Stage) -> impl IntoView + use<> {
    let rules = s
        .rules
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="card-title"><code>{r.rule.clone()}</code></td>
                    <td class="num" data-label="Findings">{r.findings}</td>
                    <td class="num" data-label="Files">{r.files}</td>
                    <td class="num" data-label="Safe fixes">{r.safe_fixes}</td>
                    <td class="num" data-label="Per finding">{format!("{} min", r.minutes_per_finding)}</td>
                    <td class="num" data-label="Effort">{effort(r.effort_minutes)}</td>
                </tr>
            }
        })
        .collect_view();
    let enforcement = s.enforcement.as_ref().map(|e| {
        let commands = e
            .commands
            .iter()
            .map(|c| view! { <li>{c.purpose.clone()}<pre>{c.run.clone()}</pre></li> })
            .collect_view();
        view! {
            <div class="enforcement">
                <p>{format!("Held at zero from day one: {}.", if e.zero_today.is_empty() { "none".to_string() } else { e.zero_today.join(", ") })}</p>
                <p>{format!(
                    "Held by the count ratchet: {}.",
                    if e.ratchet.is_empty() { "none".to_string() } else {
                        e.ratchet.iter().map(|r| format!("{} ≤ {}", r.rule, r.limit)).collect::<Vec<_>>().join(", ")
                    }
                )}</p>
                <p>"Suggested " <code>"otp-audit.toml"</code>":"</p>
                <pre>{e.config_toml.clone()}</pre>
                <ol>{commands}</ol>
            </div>
        }
    });
    view! {
        <section class="stage" data-testid="stage" data-stage=s.number.to_string()>
            <h3>{format!("Stage {}: {}", s.number, s.title)}</h3>
            <p class="goal">{s.goal.clone()}</p>
            <p>{format!(
                "{}, {} with a safe fix, in {}; estimated {}.",
                plural(s.findings, "finding", "findings"),
                s.safe_fixes,
                plural(s.files, "file", "files"),
                effort(s.effort_minutes)
            )}</p>
            {(!s.rules.is_empty()).then(|| view! {
                <table class="rules-table">
                    <thead><tr><th>"Rule"</th><th>"Findings"</th><th>"Files"</th><th>"Safe fixes"</th><th>"Per finding"</th><th>"Effort"</th></tr></thead>
                    <tbody>{rules}</tbody>
                </table>
            })}
            {enforcement}
            <p>"Done when:"</p>
            <ul>{s.done_when.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
        </section>
    }
}

fn plan(a: &Audit) -> impl IntoView + use<> {
    let p = &a.plan;
    let stages = p.stages.iter().map(stage_view).collect_view();
    let schedule = p
        .schedule
        .entries
        .iter()
        .map(|e| {
            let weeks = if e.weeks == 0 {
                "—".to_string()
            } else {
                otp_audit_project::report::weeks(e)
            };
            view! { <tr data-testid="schedule-row" data-stage=e.stage.to_string()><td class="card-title">{format!("{}. {}", e.stage, e.title)}</td><td class="num" data-label="Effort">{effort(e.effort_minutes)}</td><td data-label="When">{weeks}</td></tr> }
        })
        .collect_view();
    let metrics = p
        .metrics
        .iter()
        .map(|m| {
            view! {
                <tr data-testid="metric" data-rule=m.rule.clone()>
                    <td class="card-title"><code>{m.rule.clone()}</code></td>
                    <td class="num" data-label="Today">{m.today}</td>
                    <td class="num" data-label="Target">{m.target}</td>
                    <td class="num" data-label="Baseline">{m.baseline.map(|b| b.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td data-label="Stages">{m.stages.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="audit-plan">
            <p>{format!(
                "Total estimate {} at {} h a week: {}.",
                effort_total(p.schedule.total_minutes),
                p.schedule.hours_per_week,
                plural(p.schedule.total_weeks as usize, "week", "weeks")
            )}</p>
            {stages}
            <h3>"Schedule"</h3>
            <table class="rules-table"><tbody>{schedule}</tbody></table>
            <h3>"Success metrics"</h3>
            <table class="rules-table">
                <thead><tr><th>"Rule"</th><th>"Today"</th><th>"Target"</th><th>"Baseline"</th><th>"Stages"</th></tr></thead>
                <tbody>{metrics}</tbody>
            </table>
        </div>
    }
}

/// How long the path box waits for the next keystroke before it filters.
const TYPING_MS: i32 = 120;

/// Selects for rule, severity and scope and a path box; a change opens the view
/// `make` gives for the new filter (so it has a link). The path applies as it is
/// typed: the link is replaced in place, so typing leaves one history entry.
fn filter_bar(
    ui: Ui,
    a: &Audit,
    filter: Memo<Filter>,
    make: fn(Filter) -> View,
) -> impl IntoView + use<> {
    let rules: Vec<String> = a.plan.rules.iter().map(|r| r.rule.clone()).collect();
    let select_value = |ev: &web_sys::Event| -> String { event_target_value(ev) };
    let typed = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let on_path = move |ev: web_sys::Event| {
        let path = event_target_value(&ev);
        let n = typed.get().wrapping_add(1);
        typed.set(n);
        let typed = typed.clone();
        crate::shared::dom::set_timeout(TYPING_MS, move || {
            if typed.get() != n {
                return;
            }
            let view = make(Filter {
                path,
                ..filter.get_untracked()
            });
            replace(&view);
            ui.view.set(view);
        });
    };
    view! {
        <div class="audit-filters" data-testid="filters">
            <select data-testid="filter-rule" on:change=move |ev| {
                let v = select_value(&ev);
                go(make(Filter { rule: (!v.is_empty()).then_some(v), ..filter.get_untracked() }));
            }>
                <option value="" prop:selected=move || filter.with(|f| f.rule.is_none())>"every rule"</option>
                {rules.into_iter().map(|r| {
                    let value = r.clone();
                    let selected = move || filter.with(|f| f.rule.as_deref() == Some(value.as_str()));
                    view! { <option value=r.clone() prop:selected=selected>{r.clone()}</option> }
                }).collect_view()}
            </select>
            <select data-testid="filter-severity" on:change=move |ev| {
                let v = select_value(&ev);
                go(make(Filter { severity: Severity::parse(&v), ..filter.get_untracked() }));
            }>
                <option value="" prop:selected=move || filter.with(|f| f.severity.is_none())>"every severity"</option>
                {SEVERITIES.into_iter().map(|s| view! {
                    <option value=s.as_str() prop:selected=move || filter.with(|f| f.severity == Some(s))>{s.as_str()}</option>
                }).collect_view()}
            </select>
            <select data-testid="filter-scope" on:change=move |ev| {
                let v = select_value(&ev);
                go(make(Filter { scope: FileScope::parse(&v), ..filter.get_untracked() }));
            }>
                <option value="" prop:selected=move || filter.with(|f| f.scope.is_none())>"every scope"</option>
                {[FileScope::Lib, FileScope::Test, FileScope::TestSupport, FileScope::Other].into_iter().map(|s| view! {
                    <option value=s.as_str() prop:selected=move || filter.with(|f| f.scope == Some(s))>{s.as_str()}</option>
                }).collect_view()}
            </select>
            <input type="search" placeholder="path contains…" data-testid="filter-path"
                prop:value=move || filter.with(|f| f.path.clone())
                on:input=on_path />
        </div>
    }
}

/// Long lists come a page at a time: this many rows, then a button for the next page.
const PAGE: usize = 200;

/// "Show 200 more" under a paged list, while rows are left.
fn more_button(shown: RwSignal<usize>, total: usize, noun: &'static str) -> impl IntoView {
    move || {
        let n = shown.get().min(total);
        (n < total).then(|| {
            view! {
                <p class="more">
                    <button data-testid="show-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                        {format!("Show {} more", (total - n).min(PAGE))}
                    </button>
                    {format!(" {n} of {total} {noun} shown")}
                </p>
            }
        })
    }
}

fn file_row(f: &FilePriority, rule: Option<String>) -> impl IntoView + use<> {
    let link = View::File {
        path: f.path.clone(),
        rule,
    }
    .href();
    let tallies = f
        .rules
        .iter()
        .map(|t| format!("{} × {}", t.count, t.rule))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr data-testid="file-row" data-path=f.path.clone()>
            <td class="num rank">{f.rank}</td>
            <td class="card-title"><a href=link><code>{f.path.clone()}</code></a></td>
            <td data-label="Area">{f.area.title()}</td>
            <td class="num" data-label="Findings">{f.findings}</td>
            <td class="num" data-label="Score">{f.score}</td>
            <td class="num" data-label="Effort">{effort(f.effort_minutes)}</td>
            <td class="tallies">{tallies}</td>
        </tr>
    }
}

fn files(ui: Ui, a: &Arc<Audit>, filter: Memo<Filter>) -> impl IntoView + use<> {
    let list = {
        let a = a.clone();
        move || filter.with(|f| file_list(&a, f))
    };
    view! {
        <div class="audit-files">
            {filter_bar(ui, a, filter, View::Files)}
            {list}
        </div>
    }
}

fn file_list(a: &Arc<Audit>, filter: &Filter) -> impl IntoView + use<> {
    let idx: Vec<usize> = a
        .plan
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            filter
                .rule
                .as_ref()
                .is_none_or(|r| f.rules.iter().any(|t| t.rule == *r))
                && filter.severity.is_none_or(|s| f.by_severity.get(s) > 0)
                && filter.scope.is_none_or(|s| s == f.scope)
                && f.path.contains(&filter.path)
        })
        .map(|(i, _)| i)
        .collect();
    let count = idx.len();
    let shown = RwSignal::new(PAGE);
    let rows = {
        let a = a.clone();
        let rule = filter.rule.clone();
        move || {
            idx.iter()
                .take(shown.get())
                .map(|&i| file_row(&a.plan.files[i], rule.clone()))
                .collect_view()
        }
    };
    let s = &a.plan.scoring;
    view! {
        <p data-testid="shown-count" data-count=count.to_string()>
            {format!(
                "{} in order of priority (score: {} per error, {} per warning, {} per info).",
                plural(count, "file", "files"),
                s.error,
                s.warning,
                s.info
            )}
        </p>
        <table class="rules-table">
            <thead><tr><th>"#"</th><th>"File"</th><th>"Area"</th><th>"Findings"</th><th>"Score"</th><th>"Effort"</th><th>"Rules"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {more_button(shown, count, "files")}
    }
}

fn finding_row(f: &Finding) -> impl IntoView + use<> {
    let link = View::File {
        path: f.path.clone(),
        rule: Some(f.rule.clone()),
    }
    .href();
    view! {
        <li class=format!("audit-finding sev-row-{}", f.severity.as_str()) data-testid="finding-row"
            data-rule=f.rule.clone() data-severity=f.severity.as_str()>
            <div>
                <span class=severity_class(f.severity)>{f.severity.as_str()}</span>" "
                <a href=link><code>{format!("{}:{}:{}", f.path, f.start.line, f.start.column)}</code></a>" "
                <code class="rule">{f.rule.clone()}</code>
            </div>
            <div class="msg">{crate::shared::message_view(&f.message)}</div>
            {(!f.snippet.is_empty()).then(|| view! { <pre class="snippet">{f.snippet.clone()}</pre> })}
        </li>
    }
}

fn findings(ui: Ui, a: &Arc<Audit>, filter: Memo<Filter>) -> impl IntoView + use<> {
    let list = {
        let a = a.clone();
        move || filter.with(|f| finding_list(&a, f))
    };
    view! {
        <div class="audit-findings">
            {filter_bar(ui, a, filter, View::Findings)}
            {list}
        </div>
    }
}

fn finding_list(a: &Arc<Audit>, filter: &Filter) -> impl IntoView + use<> {
    // The scope the analysis decided for each file (relative to its Mix project).
    let scopes: HashMap<&str, FileScope> = a
        .file
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.scope))
        .collect();
    let scope_of = |path: &str| {
        scopes
            .get(path)
            .copied()
            .unwrap_or_else(|| FileScope::of_path(path))
    };
    let all = &a.file.findings;
    let mut idx: Vec<usize> = (0..all.len())
        .filter(|&i| filter.matches(&all[i], scope_of(&all[i].path)))
        .collect();
    // Errors first; then by place, so a file's findings stay together.
    idx.sort_by(|&x, &y| {
        let (f, g) = (&all[x], &all[y]);
        g.severity
            .cmp(&f.severity)
            .then_with(|| f.path.cmp(&g.path))
            .then_with(|| (f.start.line, f.start.column).cmp(&(g.start.line, g.start.column)))
    });
    let count = idx.len();
    let shown = RwSignal::new(PAGE);
    let rows = {
        let a = a.clone();
        move || {
            idx.iter()
                .take(shown.get())
                .map(|&i| finding_row(&a.file.findings[i]))
                .collect_view()
        }
    };
    view! {
        <p data-testid="shown-count" data-count=count.to_string()>
            {plural(count, "finding", "findings")}", errors first"
        </p>
        <ul class="audit-finding-list">{rows}</ul>
        {more_button(shown, count, "findings")}
    }
}
