//! The progress view (`#/audit/progress?from=&to=`): the followed reports in time
//! order, findings per area and per rule over time (an inline SVG chart with a
//! table as its text equivalent), the plan's stages met or not at each point, each
//! stage's projected finish against the schedule, and what changed between two
//! points. The numbers come from `otp_audit_project::{progress, compare}`.

use super::route::View;
use super::series;
use super::state::Kept;
use super::ui::Ui;
use super::views::{go, tabs};
use crate::text::count as plural;
use leptos::prelude::*;
use otp_audit_engine::Finding;
use otp_audit_project::compare::{Delta, compare};
use otp_audit_project::formats::json::ReportFile;
use otp_audit_project::progress::{self, Pace, Point, Projection};
use otp_audit_project::report::{Area, Report};
use otp_audit_project::stamp::rfc3339;
use std::sync::Arc;

/// Findings listed per side of a comparison; the counts cover them all.
const LIST_MAX: usize = 200;

#[component]
pub fn Progress(ui: Ui) -> impl IntoView {
    move || {
        let View::Progress { from, to } = ui.view.get() else {
            return ().into_any();
        };
        let series = ui.series.get();
        let body = if series.is_empty() {
            view! {
                <p class="progress-empty" data-testid="progress-empty">
                    "No reports followed yet. Pick the JSON reports of several runs of the project \
                     (" <code>"otp-audit check --format json"</code> " in CI) with “Follow progress”, \
                     or open a project and “Add to progress”."
                </p>
            }
            .into_any()
        } else {
            content(ui, &series, from, to).into_any()
        };
        view! {
            <section class="audit-report progress-view" data-testid="progress-view"
                data-reports=series.len().to_string()>
                {tabs("progress")}
                <h2>"Progress over time"</h2>
                {body}
            </section>
        }
        .into_any()
    }
}

/// `2026-12-03`, or `undated`.
fn day(at: Option<u64>) -> String {
    at.map(|t| rfc3339(t)[..10].to_string())
        .unwrap_or_else(|| "undated".into())
}

fn short_rev(f: &ReportFile) -> Option<String> {
    f.stamp
        .revision
        .as_ref()
        .map(|r| r.chars().take(10).collect())
}

fn content(
    ui: Ui,
    series: &[Arc<Kept>],
    from: Option<usize>,
    to: Option<usize>,
) -> impl IntoView + use<> {
    let files: Vec<&ReportFile> = series.iter().map(|k| &k.file).collect();
    let plan = files[0].plan();
    let points = progress::points(&files, &plan.stages);
    let projections = progress::projections(&points, &plan);
    let n = points.len();
    let labels: Vec<String> = (1..=n).map(|i| format!("#{i}")).collect();
    let areas: Vec<(String, Vec<usize>)> = Area::ALL
        .iter()
        .map(|a| {
            (
                a.title().to_string(),
                points.iter().map(|p| p.areas[a]).collect(),
            )
        })
        .collect();
    let rules: Vec<(String, Vec<usize>)> = progress::all_rules(&points)
        .into_iter()
        .map(|r| {
            let counts = points
                .iter()
                .map(|p| p.rules.get(&r).copied().unwrap_or(0))
                .collect();
            (r, counts)
        })
        .collect();
    let comparison = (n >= 2).then(|| {
        let pick = |v: Option<usize>, default: usize| v.filter(|&i| i <= n).unwrap_or(default);
        let (a, b) = (pick(from, n - 1), pick(to, n));
        comparison(ui, series, a, b)
    });
    view! {
        {reports_list(ui, series, &points)}
        <h3>"Findings per area"</h3>
        {chart("Findings per area at each report", &labels, &areas, "area")}
        <h3>"Findings per rule"</h3>
        {chart("Findings per rule at each report", &labels, &rules, "rule")}
        <h3>"The plan's stages"</h3>
        {stages(&plan, &points)}
        <h3>"Projected finish"</h3>
        {projections_view(&projections, &points)}
        {comparison}
    }
}

fn reports_list(ui: Ui, series: &[Arc<Kept>], points: &[Point]) -> impl IntoView + use<> {
    let items = series
        .iter()
        .zip(points)
        .enumerate()
        .map(|(i, (k, p))| {
            let what = format!(
                "{}{}: {}",
                day(p.at),
                short_rev(&k.file)
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default(),
                plural(p.total, "finding", "findings")
            );
            let label = format!("Remove report #{} ({})", i + 1, k.name);
            view! {
                <li data-testid="progress-report" data-total=p.total.to_string()
                    data-generated-at=k.file.stamp.generated_at.clone().unwrap_or_default()>
                    <span class="point">{format!("#{}", i + 1)}</span>" "
                    <span class="name">{k.name.clone()}</span>" "
                    <span class="what">{what}</span>" "
                    <button class="remove" data-testid="remove-report" aria-label=label
                        on:click=move |_| series::remove(ui, i)>
                        "Remove"
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{format!("{} followed, oldest first.", plural(series.len(), "report", "reports"))}</p>
        <ol class="progress-reports">{items}</ol>
    }
}

/// A line per series over the points, and the same numbers as a table.
fn chart(
    caption: &'static str,
    labels: &[String],
    lines: &[(String, Vec<usize>)],
    kind: &'static str,
) -> impl IntoView + use<> {
    const W: f64 = 600.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 24.0;
    let n = labels.len();
    let max = lines
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let x = move |i: usize| {
        if n <= 1 {
            (LEFT + W - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: usize| TOP + (H - TOP - BOTTOM) * (1.0 - v as f64 / max as f64);
    let grid = [0, max.div_ceil(2), max]
        .into_iter()
        .map(|v| {
            view! {
                <line class="grid" x1=LEFT.to_string() x2=(W - RIGHT).to_string()
                    y1=y(v).to_string() y2=y(v).to_string() />
                <text class="tick" x=(LEFT - 6.0).to_string() y=(y(v) + 4.0).to_string()
                    text-anchor="end">{v.to_string()}</text>
            }
        })
        .collect_view();
    let xlabels = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            view! {
                <text class="tick" x=x(i).to_string() y=(H - 6.0).to_string() text-anchor="middle">
                    {l.clone()}
                </text>
            }
        })
        .collect_view();
    let paths = lines
        .iter()
        .enumerate()
        .map(|(k, (name, values))| {
            let pts = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
                .collect::<Vec<_>>()
                .join(" ");
            let dots = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    view! {
                        <circle class=format!("dot s{}", k % 8) cx=format!("{:.1}", x(i))
                            cy=format!("{:.1}", y(*v)) r="3.5">
                            <title>{format!("{name}: {} at #{}", plural(*v, "finding", "findings"), i + 1)}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! {
                <polyline class=format!("line s{}", k % 8) points=pts />
                {dots}
            }
        })
        .collect_view();
    let head = labels
        .iter()
        .map(|l| view! { <th scope="col" class="num">{l.clone()}</th> })
        .collect_view();
    let rows = lines
        .iter()
        .enumerate()
        .map(|(k, (name, values))| {
            let counts = values
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let cells = values
                .iter()
                .map(|v| view! { <td class="num">{*v}</td> })
                .collect_view();
            view! {
                <tr data-testid="progress-series" data-kind=kind data-name=name.clone() data-counts=counts>
                    <th scope="row"><span class=format!("swatch s{}", k % 8) aria-hidden="true"></span>
                        <code>{name.clone()}</code></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="progress-chart" data-testid="progress-chart" data-kind=kind>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{caption}; the table below gives the numbers")
                preserveAspectRatio="xMidYMid meet">
                {grid}
                {xlabels}
                {paths}
            </svg>
            <div class="table-scroll" tabindex="0">
                <table class="progress-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{if kind == "area" { "Area" } else { "Rule" }}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

fn stages(plan: &Report, points: &[Point]) -> impl IntoView + use<> {
    let head = (1..=points.len())
        .map(|i| view! { <th scope="col">{format!("#{i}")}</th> })
        .collect_view();
    let rows = plan
        .stages
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let met: Vec<&str> = points
                .iter()
                .map(|p| if p.stages[si].met { "yes" } else { "no" })
                .collect();
            let enforcement = s.enforcement.is_some();
            let cells = points
                .iter()
                .map(|p| {
                    let at = &p.stages[si];
                    let text = if at.met {
                        "met".to_string()
                    } else if enforcement {
                        format!("not met: {} above the first count", plural(at.open.len(), "rule", "rules"))
                    } else {
                        format!("not met: {} left", plural(at.findings, "finding", "findings"))
                    };
                    let detail = at
                        .open
                        .iter()
                        .map(|(r, n)| format!("{r}: {n}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <td class:met=at.met class:unmet=!at.met>
                            {text}
                            // The metrics behind it: each open rule's count (target 0).
                            {(!detail.is_empty()).then(|| view! { <div class="metrics">{detail}</div> })}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-testid="progress-stage" data-stage=s.number.to_string() data-met=met.join(",")>
                    <th scope="row">{format!("{}. {}", s.number, s.title)}
                        <div class="rule-title">{crate::shared::message_view(s.done_when.first().map_or("", String::as_str))}</div></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="progress-table">
                <caption>"Each stage's success metrics at each report"</caption>
                <thead><tr><th scope="col">"Stage"</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn projections_view(list: &[Projection], points: &[Point]) -> impl IntoView + use<> {
    let dated = points.iter().filter(|p| p.at.is_some()).count();
    let items = list
        .iter()
        .map(|p| {
            let planned = p
                .planned
                .map(|t| format!("the plan's schedule ends it by {}", day(Some(t))))
                .unwrap_or_else(|| "the reports carry no dates to hold the schedule against".into());
            let rate = p
                .per_week
                .map(|r| format!("{} a week", trim(r)))
                .unwrap_or_else(|| "no rate yet".into());
            let (state, text) = match p.state {
                Pace::Done => ("done", format!("done ({} left).", plural(p.remaining, "finding", "findings"))),
                Pace::OnSchedule => (
                    "on-schedule",
                    format!(
                        "{} left at {rate}: done by {} at this rate; {planned}. On schedule.",
                        plural(p.remaining, "finding", "findings"),
                        day(p.projected)
                    ),
                ),
                Pace::Behind => (
                    "behind",
                    format!(
                        "{} left at {rate}: done by {} at this rate; {planned}. Behind schedule.",
                        plural(p.remaining, "finding", "findings"),
                        day(p.projected)
                    ),
                ),
                Pace::Stalled if p.number == 1 => (
                    "stalled",
                    "not met: a rule's count went above its first count; hold the ratchet in CI.".to_string(),
                ),
                Pace::Stalled => {
                    let why = match p.per_week {
                        _ if dated < 2 => "fewer than two dated reports give no rate yet".to_string(),
                        Some(r) if r < 0.0 => format!("up by {} a week", trim(-r)),
                        _ => "none fixed since the first report".to_string(),
                    };
                    (
                        "stalled",
                        format!(
                            "{} left, {why}: no finish at this rate; {planned}.",
                            plural(p.remaining, "finding", "findings")
                        ),
                    )
                }
            };
            view! {
                <li data-testid="progress-projection" data-stage=p.number.to_string() data-state=state>
                    <strong>{format!("Stage {}, {}: ", p.number, p.title)}</strong>{text}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="progress-projections">{items}</ul> }
}

/// `0.5`, `2`, `-1.3`.
fn trim(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").unwrap_or(&s).to_string()
}

fn comparison(ui: Ui, series: &[Arc<Kept>], a: usize, b: usize) -> impl IntoView + use<> {
    let (old, new) = (&series[a - 1].file, &series[b - 1].file);
    let d = compare(&old.findings, &new.findings);
    let n = series.len();
    let select = move |testid: &'static str, label: &'static str, current: usize| {
        let options = (1..=n)
            .map(|i| view! { <option value=i.to_string() selected=i == current>{format!("#{i}")}</option> })
            .collect_view();
        view! {
            <label>{label}" "
                <select data-testid=testid on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<usize>().ok();
                    let (from, to) = if testid == "progress-from" { (v, Some(b)) } else { (Some(a), v) };
                    go(View::Progress { from, to });
                }>{options}</select>
            </label>
        }
    };
    let rows = rule_rows(&d);
    let new_list = finding_list(ui, "progress-new", d.new_findings.iter().collect());
    let fixed: Vec<&Finding> = d
        .fixed_findings
        .iter()
        .filter_map(|e| {
            old.findings
                .iter()
                .find(|f| f.path == e.path && f.rule == e.rule && f.start.line == e.line)
        })
        .collect();
    let fixed_list = finding_list(ui, "progress-fixed", fixed);
    view! {
        <h3>"What changed"</h3>
        <div class="progress-pick">{select("progress-from", "From", a)}{select("progress-to", "to", b)}</div>
        <p data-testid="progress-delta" data-fixed=d.fixed.to_string() data-new=d.new.to_string()
            data-unchanged=d.unchanged.to_string()>
            {format!(
                "From #{a} to #{b}: {} fixed, {} new, {} unchanged.",
                plural(d.fixed, "finding", "findings"),
                d.new,
                d.unchanged
            )}
        </p>
        <div class="table-scroll" tabindex="0">
            <table class="progress-table">
                <caption>{format!("Per rule, #{a} to #{b}")}</caption>
                <thead><tr><th scope="col">"Rule"</th><th scope="col" class="num">"Fixed"</th>
                    <th scope="col" class="num">"New"</th><th scope="col" class="num">"Unchanged"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h4>{format!("New ({})", d.new)}</h4>
        {new_list}
        <h4>{format!("Fixed ({})", d.fixed)}</h4>
        {fixed_list}
    }
}

fn rule_rows(d: &Delta) -> impl IntoView + use<> {
    let mut rules: Vec<_> = d.rules.iter().collect();
    // Rules that changed first.
    rules.sort_by_key(|(r, c)| (c.fixed + c.new == 0, *r));
    rules
        .into_iter()
        .map(|(rule, c)| {
            view! {
                <tr data-testid="progress-rule" data-rule=rule.clone() data-fixed=c.fixed.to_string()
                    data-new=c.new.to_string() data-unchanged=c.unchanged.to_string()>
                    <th scope="row"><code>{rule.clone()}</code></th>
                    <td class="num">{c.fixed}</td>
                    <td class="num">{c.new}</td>
                    <td class="num">{c.unchanged}</td>
                </tr>
            }
        })
        .collect_view()
}

/// Each finding links to its file view when the project's code is at hand here,
/// else shows its place and the code frame the report carries.
fn finding_list(ui: Ui, testid: &'static str, findings: Vec<&Finding>) -> impl IntoView + use<> {
    if findings.is_empty() {
        return view! { <p class="none">"None."</p> }.into_any();
    }
    let audit = ui.audit.get_untracked();
    let more = findings.len().saturating_sub(LIST_MAX);
    let items = findings
        .into_iter()
        .take(LIST_MAX)
        .map(|f| {
            let place = format!("{}:{}", f.path, f.start.line);
            let at_hand = audit.as_ref().is_some_and(|a| a.source(&f.path).is_some());
            let place = if at_hand {
                let href = View::File {
                    path: f.path.clone(),
                    rule: Some(f.rule.clone()),
                }
                .href();
                view! { <a href=href><code>{place}</code></a> }.into_any()
            } else {
                view! { <code>{place}</code> }.into_any()
            };
            let frame = (!at_hand && !f.snippet.is_empty())
                .then(|| view! { <pre class="snippet">{f.snippet.clone()}</pre> });
            view! {
                <li class="audit-finding" data-testid=testid data-rule=f.rule.clone()>
                    <div>{place}" "<code class="rule">{f.rule.clone()}</code></div>
                    <div class="msg">{crate::shared::message_view(&f.message)}</div>
                    {frame}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="audit-finding-list">{items}</ul>
        {(more > 0).then(|| view! { <p>{format!("And {more} more.")}</p> })}
    }
    .into_any()
}
