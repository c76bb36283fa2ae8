//! A remediation followed over several JSON reports of one project: the reports
//! in order, the findings per area and per rule at each point, the plan's stages
//! met or not at each point, and each stage's projected finish at the current rate
//! against the plan's schedule. The web app's progress view shows it; the
//! comparison between two points is [`crate::compare`].

use crate::formats::json::ReportFile;
use crate::report::{Area, Stage, StageKind};
use crate::stamp::parse_rfc3339;
use otp_audit_engine::FileScope;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const WEEK: f64 = 7.0 * 86_400.0;

/// Put reports in the order they were made: by `generated_at` when every report
/// has one (ties keep their order), else in the order given. Returns the indices.
pub fn order(reports: &[&ReportFile]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..reports.len()).collect();
    let times: Vec<Option<u64>> = reports
        .iter()
        .map(|r| r.stamp.generated_at.as_deref().and_then(parse_rfc3339))
        .collect();
    if times.iter().all(Option::is_some) {
        idx.sort_by_key(|&i| times[i]);
    }
    idx
}

/// One report as a point of the series.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Seconds after the Unix epoch, when the report says.
    pub at: Option<u64>,
    pub total: usize,
    /// Findings per area, every area present.
    pub areas: BTreeMap<Area, usize>,
    /// Findings per rule; rules without findings are absent.
    pub rules: BTreeMap<String, usize>,
    /// Per stage of the plan, in order.
    pub stages: Vec<StageAt>,
}

/// A stage's state at one point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageAt {
    pub number: u8,
    /// The findings the stage fixes (every finding for enforcement).
    pub findings: usize,
    /// Its success metrics hold: no rule above its first count (enforcement: the
    /// ratchet held), or no finding left in the stage's areas.
    pub met: bool,
    /// The stage's rules over their target: `(rule, count)`.
    pub open: Vec<(String, usize)>,
}

/// A stage's projected finish.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub number: u8,
    pub title: String,
    /// Findings left at the last point.
    pub remaining: usize,
    /// Findings fixed per week from the first dated point to the last (net).
    pub per_week: Option<f64>,
    /// When the plan's schedule ends the stage (first report + its last week).
    pub planned: Option<u64>,
    /// When the stage ends at `per_week`; the last point's time when done.
    pub projected: Option<u64>,
    pub state: Pace,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Its metrics hold at the last point.
    Done,
    /// The projected finish is on or before the planned one.
    OnSchedule,
    /// The projected finish is after the planned one.
    Behind,
    /// The findings did not go down (or the reports carry no times).
    Stalled,
}

fn area_of(scopes: &HashMap<&str, FileScope>, path: &str) -> Area {
    Area::of_scope(
        scopes
            .get(path)
            .copied()
            .unwrap_or_else(|| FileScope::of_path(path)),
    )
}

/// Per area, per rule: the findings of a report.
fn counts(r: &ReportFile) -> BTreeMap<Area, BTreeMap<String, usize>> {
    let scopes: HashMap<&str, FileScope> =
        r.files.iter().map(|f| (f.path.as_str(), f.scope)).collect();
    let mut m: BTreeMap<Area, BTreeMap<String, usize>> =
        Area::ALL.iter().map(|a| (*a, BTreeMap::new())).collect();
    for f in &r.findings {
        *m.entry(area_of(&scopes, &f.path))
            .or_default()
            .entry(f.rule.clone())
            .or_default() += 1;
    }
    m
}

/// The points of `reports` (already in order), with the stages of `stages` (the
/// first report's plan).
pub fn points(reports: &[&ReportFile], stages: &[Stage]) -> Vec<Point> {
    let by_area: Vec<_> = reports.iter().map(|r| counts(r)).collect();
    let rules_of = |m: &BTreeMap<Area, BTreeMap<String, usize>>, areas: &[Area]| {
        let mut out: BTreeMap<String, usize> = BTreeMap::new();
        for (area, rules) in m {
            if areas.contains(area) {
                for (rule, n) in rules {
                    *out.entry(rule.clone()).or_default() += n;
                }
            }
        }
        out
    };
    let first_rules = by_area
        .first()
        .map(|m| rules_of(m, &Area::ALL))
        .unwrap_or_default();
    reports
        .iter()
        .zip(&by_area)
        .map(|(r, m)| {
            let rules = rules_of(m, &Area::ALL);
            let stages = stages
                .iter()
                .map(|s| {
                    if s.kind == StageKind::Enforcement {
                        let open: Vec<(String, usize)> = rules
                            .iter()
                            .filter(|(rule, n)| **n > first_rules.get(*rule).copied().unwrap_or(0))
                            .map(|(rule, n)| (rule.clone(), *n))
                            .collect();
                        StageAt {
                            number: s.number,
                            findings: r.findings.len(),
                            met: open.is_empty(),
                            open,
                        }
                    } else {
                        let open: Vec<(String, usize)> =
                            rules_of(m, &s.areas).into_iter().collect();
                        StageAt {
                            number: s.number,
                            findings: open.iter().map(|(_, n)| n).sum(),
                            met: open.is_empty(),
                            open,
                        }
                    }
                })
                .collect();
            Point {
                at: r.stamp.generated_at.as_deref().and_then(parse_rfc3339),
                total: r.findings.len(),
                areas: m
                    .iter()
                    .map(|(a, rules)| (*a, rules.values().sum()))
                    .collect(),
                rules,
                stages,
            }
        })
        .collect()
}

/// Every rule with a finding at some point, in id order.
pub fn all_rules(points: &[Point]) -> Vec<String> {
    let set: BTreeSet<&String> = points.iter().flat_map(|p| p.rules.keys()).collect();
    set.into_iter().cloned().collect()
}

/// Each stage's projected finish from the points, against `plan`'s schedule
/// counted from the first point.
pub fn projections(points: &[Point], plan: &crate::report::Report) -> Vec<Projection> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let dated: Vec<&Point> = points.iter().filter(|p| p.at.is_some()).collect();
    plan.stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let planned = first
                .at
                .zip(plan.schedule.entries.iter().find(|e| e.stage == s.number))
                .map(|(t, e)| t + u64::from(e.last_week) * WEEK as u64);
            let remaining = last.stages.get(i).map_or(0, |a| a.findings);
            let met = last.stages.get(i).is_some_and(|a| a.met);
            let per_week = match (dated.first(), dated.last()) {
                (Some(a), Some(b)) if b.at > a.at => {
                    let weeks = (b.at.unwrap() - a.at.unwrap()) as f64 / WEEK;
                    let (x, y) = (a.stages[i].findings as f64, b.stages[i].findings as f64);
                    Some((x - y) / weeks)
                }
                _ => None,
            };
            let (projected, state) = if met {
                (last.at, Pace::Done)
            } else if s.kind == StageKind::Enforcement {
                // The ratchet is held or not: there is no rate to project.
                (None, Pace::Stalled)
            } else {
                match (per_week, dated.last().and_then(|p| p.at)) {
                    (Some(rate), Some(now)) if rate > 0.0 => {
                        let t = now + (remaining as f64 / rate * WEEK).ceil() as u64;
                        let on_time = planned.is_none_or(|p| t <= p);
                        (
                            Some(t),
                            if on_time {
                                Pace::OnSchedule
                            } else {
                                Pace::Behind
                            },
                        )
                    }
                    _ => (None, Pace::Stalled),
                }
            };
            Projection {
                number: s.number,
                title: s.title.clone(),
                remaining,
                per_week,
                planned,
                projected,
                state,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Efforts, Report};
    use crate::stamp::rfc3339;
    use otp_audit_engine::{Engine, FileResult};

    const DAY: u64 = 86_400;
    const T0: u64 = 1_796_000_000;

    fn report(files: &[(&str, &str)], at: Option<u64>) -> ReportFile {
        let engine = Engine::new(Default::default());
        let results: Vec<FileResult> = files.iter().map(|(p, s)| engine.check(p, s)).collect();
        let plan = Report::build(&results, &Efforts::default(), None);
        let mut r = ReportFile::from_results(&results, &engine.config().source, plan);
        r.stamp.generated_at = at.map(rfc3339);
        r
    }

    const SLEEPY: &str = "defmodule ShopTest do\n  use ExUnit.Case\n  test \"a\" do\n    Process.sleep(10)\n    assert Shop.ok?()\n  end\n  test \"b\" do\n    Process.sleep(20)\n    assert Shop.ok?()\n  end\nend\n";
    const ONE_SLEEP: &str = "defmodule ShopTest do\n  use ExUnit.Case\n  test \"a\" do\n    assert Shop.ok?()\n  end\n  test \"b\" do\n    Process.sleep(20)\n    assert Shop.ok?()\n  end\nend\n";
    const CALLS: &str = "defmodule Shop.Cart do\n  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\nend\n";
    const MORE_CALLS: &str = "defmodule Shop.Cart do\n  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\n  def del(s), do: GenServer.call(s, :del)\nend\n";

    #[test]
    fn reports_go_in_time_order_else_as_given() {
        let a = report(&[("lib/a.ex", CALLS)], Some(T0 + 2 * DAY));
        let b = report(&[("lib/a.ex", CALLS)], Some(T0));
        let c = report(&[("lib/a.ex", CALLS)], Some(T0 + DAY));
        assert_eq!(order(&[&a, &b, &c]), [1, 2, 0]);
        let undated = report(&[("lib/a.ex", CALLS)], None);
        assert_eq!(order(&[&a, &undated, &b]), [0, 1, 2]);
    }

    #[test]
    fn stages_met_and_projected_at_the_current_rate() {
        let tests = "test/shop_test.exs";
        let first = report(&[("lib/shop/cart.ex", CALLS), (tests, SLEEPY)], Some(T0));
        let week = report(
            &[("lib/shop/cart.ex", CALLS), (tests, ONE_SLEEP)],
            Some(T0 + 7 * DAY),
        );
        let two = report(
            &[("lib/shop/cart.ex", MORE_CALLS), (tests, ONE_SLEEP)],
            Some(T0 + 14 * DAY),
        );
        let plan = first.plan();
        let series = [&first, &week, &two];
        let p = points(&series, &plan.stages);
        assert_eq!(p[0].areas[&Area::Tests], 2);
        assert_eq!(p[0].areas[&Area::Production], 2);
        assert_eq!(p[2].areas[&Area::Production], 3);
        assert_eq!(p[1].rules["test/no-sleep"], 1);
        assert_eq!(p[2].rules["otp/call-timeout"], 3);
        assert_eq!(all_rules(&p), ["otp/call-timeout", "test/no-sleep"]);
        // Enforcement holds until a count goes up.
        let met = |i: usize| p[i].stages.iter().map(|s| s.met).collect::<Vec<_>>();
        assert_eq!(met(0), [true, false, false]);
        assert_eq!(met(1), [true, false, false]);
        assert_eq!(met(2), [false, false, false]);
        assert_eq!(p[2].stages[0].open, [("otp/call-timeout".to_string(), 3)]);

        let pr = projections(&p, &plan);
        assert_eq!(pr.len(), 3);
        // Tests: 2 → 1 in two weeks, half a finding a week, one left: two weeks on.
        assert_eq!(pr[1].remaining, 1);
        assert_eq!(pr[1].per_week, Some(0.5));
        assert_eq!(pr[1].projected, Some(T0 + 28 * DAY));
        // The schedule ends stage 2 with its second week.
        assert_eq!(pr[1].planned, Some(T0 + 14 * DAY));
        assert_eq!(pr[1].state, Pace::Behind);
        // Production got worse: no finish at this rate.
        assert_eq!(
            (pr[2].remaining, pr[2].projected, pr[2].state),
            (3, None, Pace::Stalled)
        );
        assert_eq!(pr[0].state, Pace::Stalled);

        // A stage with nothing left is done, at the time of the last point.
        let clean = report(
            &[
                ("lib/shop/cart.ex", MORE_CALLS),
                (tests, "defmodule ShopTest do\nend\n"),
            ],
            Some(T0 + 21 * DAY),
        );
        let p = points(&[&first, &clean], &plan.stages);
        let pr = projections(&p, &plan);
        // The same fix a day in: a finding a day, the last one the day after.
        let quick = report(
            &[("lib/shop/cart.ex", CALLS), (tests, ONE_SLEEP)],
            Some(T0 + DAY),
        );
        let fast = projections(&points(&[&first, &quick], &plan.stages), &plan);
        assert_eq!(
            (fast[1].projected, fast[1].state),
            (Some(T0 + 2 * DAY), Pace::OnSchedule)
        );
        assert_eq!(
            (pr[1].state, pr[1].projected),
            (Pace::Done, Some(T0 + 21 * DAY))
        );
    }
}
