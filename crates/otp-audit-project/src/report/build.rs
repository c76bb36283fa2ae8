//! Computing a [`Report`] from findings.

use super::efforts::Efforts;
use super::model::*;
use crate::baseline::Baseline;
use otp_audit_engine::{FileResult, Finding, Severity, rules};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// The baseline file name the suggested commands use unless told otherwise.
pub const DEFAULT_BASELINE_FILE: &str = "otp-audit-baseline.json";

/// Choices beyond the agreed [`Report::build`] arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    /// Ids of the rules that ran. Stage 1 lists the ones without findings as
    /// enforceable at zero. `None`: the rules on by default.
    pub enabled_rules: Option<Vec<String>>,
    /// The baseline file named in the suggested commands.
    pub baseline_file: String,
    /// How files are ranked.
    pub scoring: Scoring,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            enabled_rules: None,
            baseline_file: DEFAULT_BASELINE_FILE.to_string(),
            scoring: Scoring::default(),
        }
    }
}

#[derive(Default)]
struct RuleAcc<'a> {
    findings: usize,
    files: BTreeSet<&'a str>,
    by_area: [usize; 3],
    files_by_area: [BTreeSet<&'a str>; 3],
    safe_by_area: [usize; 3],
    effort_by_area: [u64; 3],
    max_severity: Option<Severity>,
}

fn area_index(area: Area) -> usize {
    match area {
        Area::Tests => 0,
        Area::Production => 1,
        Area::Other => 2,
    }
}

/// Production first, then tests, then the rest: the tie-break of file priority.
fn area_rank(area: Area) -> u8 {
    match area {
        Area::Production => 0,
        Area::Tests => 1,
        Area::Other => 2,
    }
}

fn rule_title(id: &str) -> String {
    rules::by_id(id).map_or_else(|| id.to_string(), |r| r.title.to_string())
}

fn has_safe_fix(f: &Finding) -> bool {
    f.safe_fix().is_some()
}

impl Report {
    /// The remediation plan for `results` (every analysed file, with or without
    /// findings), with the effort figures of `efforts`, compared with `baseline` when
    /// given.
    pub fn build(results: &[FileResult], efforts: &Efforts, baseline: Option<&Baseline>) -> Report {
        Report::build_with(results, efforts, baseline, &BuildOptions::default())
    }

    /// [`Report::build`] with [`BuildOptions`].
    pub fn build_with(
        results: &[FileResult],
        efforts: &Efforts,
        baseline: Option<&Baseline>,
        options: &BuildOptions,
    ) -> Report {
        let scoring = options.scoring;
        let mut analysed = Analysed::default();
        let mut totals = Totals::default();
        let mut areas: [AreaSummary; 3] = Area::ALL.map(|area| AreaSummary {
            area,
            files: 0,
            lines: 0,
            files_affected: 0,
            findings: 0,
            by_severity: SeverityCounts::default(),
            rules: Vec::new(),
        });
        let mut by_rule: BTreeMap<&str, RuleAcc> = BTreeMap::new();
        let mut files: Vec<(FilePriority, usize)> = Vec::new();

        for (index, result) in results.iter().enumerate() {
            let area = Area::of_scope(result.scope);
            let a = &mut areas[area_index(area)];
            analysed.files += 1;
            analysed.lines += result.lines;
            analysed.bytes += result.bytes;
            a.files += 1;
            a.lines += result.lines;
            if result.findings.is_empty() {
                continue;
            }
            analysed.files_with_findings += 1;
            a.files_affected += 1;
            let mut file = FilePriority {
                rank: 0,
                path: result.path.clone(),
                scope: result.scope,
                area,
                score: 0,
                findings: 0,
                by_severity: SeverityCounts::default(),
                rules: Vec::new(),
                effort_minutes: 0,
            };
            let mut tallies: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &result.findings {
                let safe = has_safe_fix(f);
                let nth = tallies.get(f.rule.as_str()).copied().unwrap_or(0);
                let minutes = u64::from(efforts.minutes_for_nth(&f.rule, safe, nth));
                totals.findings += 1;
                totals.by_severity.add(f.severity);
                totals.effort_minutes += minutes;
                if safe {
                    totals.safe_fixes += 1;
                } else if !f.fixes.is_empty() {
                    totals.unsafe_fixes += 1;
                }
                a.findings += 1;
                a.by_severity.add(f.severity);
                file.findings += 1;
                file.by_severity.add(f.severity);
                file.score += scoring.weight(f.severity);
                file.effort_minutes += minutes;
                *tallies.entry(&f.rule).or_insert(0) += 1;

                let r = by_rule.entry(&f.rule).or_default();
                let i = area_index(area);
                r.findings += 1;
                r.files.insert(&result.path);
                r.by_area[i] += 1;
                r.files_by_area[i].insert(&result.path);
                r.safe_by_area[i] += usize::from(safe);
                r.effort_by_area[i] += minutes;
                r.max_severity = r.max_severity.max(Some(f.severity));
            }
            file.rules = sorted_tallies(tallies);
            files.push((file, index));
        }

        files.sort_by(|(a, _), (b, _)| {
            (
                Reverse(a.score),
                Reverse(a.findings),
                area_rank(a.area),
                &a.path,
            )
                .cmp(&(
                    Reverse(b.score),
                    Reverse(b.findings),
                    area_rank(b.area),
                    &b.path,
                ))
        });
        for (rank, (file, _)) in files.iter_mut().enumerate() {
            file.rank = rank + 1;
        }

        // Per-area rule counts.
        for a in &mut areas {
            let i = area_index(a.area);
            let mut counts: Vec<RuleCount> = by_rule
                .iter()
                .filter(|(_, r)| r.by_area[i] > 0)
                .map(|(id, r)| RuleCount {
                    rule: id.to_string(),
                    title: rule_title(id),
                    findings: r.by_area[i],
                    files: r.files_by_area[i].len(),
                })
                .collect();
            counts.sort_by(|x, y| {
                (Reverse(x.findings), &x.rule).cmp(&(Reverse(y.findings), &y.rule))
            });
            a.rules = counts;
        }

        // Rules: those with findings today, and those the baseline counted.
        let baseline_counts = baseline.map(|b| &b.counts);
        let mut ids: BTreeSet<&str> = by_rule.keys().copied().collect();
        if let Some(counts) = baseline_counts {
            ids.extend(
                counts
                    .iter()
                    .filter(|(_, n)| **n > 0)
                    .map(|(id, _)| id.as_str()),
            );
        }
        let empty = RuleAcc::default();
        let mut rule_summaries: Vec<RuleSummary> = ids
            .iter()
            .map(|&id| {
                let r = by_rule.get(id).unwrap_or(&empty);
                let meta = rules::by_id(id);
                RuleSummary {
                    rule: id.to_string(),
                    title: rule_title(id),
                    summary: meta.map_or_else(String::new, |m| m.summary().to_string()),
                    guide: id.to_string(),
                    severity: r
                        .max_severity
                        .or(meta.map(|m| m.severity))
                        .unwrap_or(Severity::Warning),
                    findings: r.findings,
                    files: r.files.len(),
                    tests: r.by_area[0],
                    production: r.by_area[1],
                    other: r.by_area[2],
                    safe_fixes: r.safe_by_area.iter().sum(),
                    minutes_per_finding: efforts.minutes(id),
                    effort_rationale: efforts.rationale(id),
                    effort_minutes: r.effort_by_area.iter().sum(),
                    baseline: baseline_counts.map(|c| c.get(id).copied().unwrap_or(0)),
                    example: example(results, &files, id),
                }
            })
            .collect();
        rule_summaries.sort_by(|a, b| rule_order(a).cmp(&rule_order(b)));

        let stages = vec![
            enforcement_stage(&rule_summaries, efforts, baseline.is_some(), options),
            fix_stage(
                StageKind::TestRemediation,
                &[Area::Tests],
                &rule_summaries,
                &by_rule,
                &areas,
            ),
            fix_stage(
                StageKind::ProductionHardening,
                &[Area::Production, Area::Other],
                &rule_summaries,
                &by_rule,
                &areas,
            ),
        ];
        let schedule = schedule(&stages, efforts.hours_per_week);
        let metrics = rule_summaries
            .iter()
            .map(|r| Metric {
                rule: r.rule.clone(),
                title: r.title.clone(),
                today: r.findings,
                target: 0,
                baseline: r.baseline,
                stages: [
                    (r.tests > 0).then_some(2),
                    (r.production + r.other > 0).then_some(3),
                ]
                .into_iter()
                .flatten()
                .collect(),
            })
            .collect();
        let baseline = baseline.map(|b| {
            let c = b.compare(results);
            BaselineSummary {
                recorded: b.entries.len(),
                new: c.new.len(),
                fixed: c.fixed.len(),
                unchanged: c.unchanged,
            }
        });

        Report {
            version: super::REPORT_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            analysed,
            totals,
            areas: areas.into_iter().collect(),
            rules: rule_summaries,
            files: files.into_iter().map(|(f, _)| f).collect(),
            scoring,
            efforts: EffortSettings {
                hours_per_week: efforts.hours_per_week.max(1),
                enforcement_minutes: efforts.enforcement_minutes,
                safe_fix_minutes: efforts.safe_fix_minutes,
            },
            stages,
            schedule,
            metrics,
            baseline,
        }
    }
}

fn rule_order(
    r: &RuleSummary,
) -> (
    Reverse<Severity>,
    Reverse<usize>,
    Reverse<Option<usize>>,
    &str,
) {
    (
        Reverse(r.severity),
        Reverse(r.findings),
        Reverse(r.baseline),
        &r.rule,
    )
}

fn sorted_tallies(tallies: BTreeMap<&str, usize>) -> Vec<RuleTally> {
    let mut v: Vec<RuleTally> = tallies
        .into_iter()
        .map(|(rule, count)| RuleTally {
            rule: rule.to_string(),
            count,
        })
        .collect();
    v.sort_by(|a, b| (Reverse(a.count), &a.rule).cmp(&(Reverse(b.count), &b.rule)));
    v
}

/// The first finding of `rule` in the highest-priority file that has one.
fn example(results: &[FileResult], files: &[(FilePriority, usize)], rule: &str) -> Option<Example> {
    files.iter().find_map(|(_, index)| {
        let f = results[*index].findings.iter().find(|f| f.rule == rule)?;
        Some(Example {
            path: f.path.clone(),
            line: f.start.line,
            column: f.start.column,
            scope: f.scope.clone(),
            message: f.message.clone(),
        })
    })
}

fn enforcement_stage(
    rules_today: &[RuleSummary],
    efforts: &Efforts,
    with_baseline: bool,
    options: &BuildOptions,
) -> Stage {
    let enabled: Vec<String> = match &options.enabled_rules {
        Some(ids) => ids.clone(),
        None => rules::ALL
            .iter()
            .filter(|r| r.default_enabled)
            .map(|r| r.id.to_string())
            .collect(),
    };
    let with_findings: BTreeSet<&str> = rules_today
        .iter()
        .filter(|r| r.findings > 0)
        .map(|r| r.rule.as_str())
        .collect();
    let zero_today: Vec<String> = enabled
        .into_iter()
        .filter(|id| !with_findings.contains(id.as_str()))
        .collect();
    let ratchet: Vec<RatchetRule> = rules_today
        .iter()
        .filter(|r| r.findings > 0)
        .map(|r| RatchetRule {
            rule: r.rule.clone(),
            title: r.title.clone(),
            today: r.findings,
            limit: if with_baseline {
                r.baseline.unwrap_or(0)
            } else {
                r.findings
            },
        })
        .collect();
    let file = &options.baseline_file;
    let mut commands = vec![
        Command {
            purpose: if with_baseline {
                "Re-record the baseline after each remediation batch, so fixed findings cannot come back (commit the file)".to_string()
            } else {
                "Record today's findings and per-rule counts as the baseline (commit the file)"
                    .to_string()
            },
            run: format!("otp-audit check --write-baseline {file}"),
        },
        Command {
            purpose: "On every pull request: fail on findings not in the baseline and on any rule whose count grew".to_string(),
            run: format!("otp-audit check --baseline {file} --ratchet"),
        },
    ];
    if !ratchet.is_empty() {
        // Only plain rule ids go into a command line or a TOML key.
        let caps: Vec<String> = ratchet
            .iter()
            .filter(|r| is_plain_id(&r.rule))
            .map(|r| format!("--max-count {}={}", r.rule, r.limit))
            .collect();
        commands.push(Command {
            purpose: "Or cap rules explicitly (the same limits, written out)".to_string(),
            run: format!("otp-audit check --baseline {file} {}", caps.join(" ")),
        });
    }
    commands.push(Command {
        purpose: "Upload findings to code scanning (pass/fail is the ratchet's job)".to_string(),
        run: "otp-audit check --format sarif --output otp-audit.sarif || true".to_string(),
    });
    commands.push(Command {
        purpose: "Keep this plan current, as a build artifact".to_string(),
        run: "otp-audit report --format html --output otp-audit-report.html".to_string(),
    });

    let config_toml = suggested_config(rules_today, efforts);
    let done_when = vec![
        format!(
            "`otp-audit check --baseline {file} --ratchet` runs on every pull request and blocks new findings."
        ),
        format!(
            "The {} rule{} without findings today stay at zero.",
            zero_today.len(),
            if zero_today.len() == 1 { "" } else { "s" }
        ),
        format!("`{file}` is committed and re-recorded after each remediation batch."),
    ];
    Stage {
        kind: StageKind::Enforcement,
        number: StageKind::Enforcement.number(),
        title: StageKind::Enforcement.title().to_string(),
        goal: StageKind::Enforcement.goal().to_string(),
        areas: Vec::new(),
        rules: Vec::new(),
        findings: 0,
        safe_fixes: 0,
        files: 0,
        effort_minutes: u64::from(efforts.enforcement_minutes),
        enforcement: Some(Enforcement {
            zero_today,
            ratchet,
            baseline_file: file.clone(),
            config_toml,
            commands,
        }),
        done_when,
    }
}

fn suggested_config(rules_today: &[RuleSummary], efforts: &Efforts) -> String {
    let mut s = String::new();
    s.push_str("# otp-audit.toml, as suggested by `otp-audit report`.\n");
    s.push_str("# Every rule stays on: rules with findings today are held by the baseline\n");
    s.push_str("# ratchet in CI instead of being switched off here.\n\n");
    s.push_str("[report]\n");
    s.push_str(&format!(
        "hours_per_week = {}        # remediation time per week, for the schedule\n",
        efforts.hours_per_week
    ));
    s.push_str(&format!(
        "enforcement_minutes = {}  # stage 1\n",
        efforts.enforcement_minutes
    ));
    s.push_str(&format!(
        "safe_fix_minutes = {}       # reviewing one `otp-audit check --fix` edit\n",
        efforts.safe_fix_minutes
    ));
    let with_findings: Vec<&RuleSummary> = rules_today.iter().filter(|r| r.findings > 0).collect();
    if !with_findings.is_empty() {
        s.push_str("\n[report.effort]   # minutes per finding, fixed by hand\n");
        for r in with_findings.into_iter().filter(|r| is_plain_id(&r.rule)) {
            s.push_str(&format!("\"{}\" = {}\n", r.rule, r.minutes_per_finding));
        }
    }
    s
}

/// A rule id made of `a-z`, digits, `-`, `_` and one `/`: safe in a shell command
/// and a TOML key.
fn is_plain_id(id: &str) -> bool {
    id.split_once('/').is_some_and(|(group, name)| {
        let ok = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        };
        ok(group) && ok(name)
    })
}

fn fix_stage(
    kind: StageKind,
    stage_areas: &[Area],
    rules_today: &[RuleSummary],
    by_rule: &BTreeMap<&str, RuleAcc>,
    areas: &[AreaSummary; 3],
) -> Stage {
    let idx: Vec<usize> = stage_areas.iter().map(|a| area_index(*a)).collect();
    let mut stage_rules = Vec::new();
    for r in rules_today {
        let Some(acc) = by_rule.get(r.rule.as_str()) else {
            continue;
        };
        let findings: usize = idx.iter().map(|&i| acc.by_area[i]).sum();
        if findings == 0 {
            continue;
        }
        let files: BTreeSet<&str> = idx
            .iter()
            .flat_map(|&i| acc.files_by_area[i].iter().copied())
            .collect();
        stage_rules.push(StageRule {
            rule: r.rule.clone(),
            title: r.title.clone(),
            severity: r.severity,
            findings,
            files: files.len(),
            safe_fixes: idx.iter().map(|&i| acc.safe_by_area[i]).sum(),
            minutes_per_finding: r.minutes_per_finding,
            effort_minutes: idx.iter().map(|&i| acc.effort_by_area[i]).sum(),
        });
    }
    // `rules_today` is already in report order (severity, then count); within a
    // stage the stage's own count decides.
    stage_rules.sort_by(|a, b| {
        (Reverse(a.severity), Reverse(a.findings), &a.rule).cmp(&(
            Reverse(b.severity),
            Reverse(b.findings),
            &b.rule,
        ))
    });
    let findings = stage_rules.iter().map(|r| r.findings).sum();
    let safe_fixes = stage_rules.iter().map(|r| r.safe_fixes).sum();
    let effort_minutes = stage_rules.iter().map(|r| r.effort_minutes).sum();
    let files = idx.iter().map(|&i| areas[i].files_affected).sum();
    let place = match kind {
        StageKind::TestRemediation => "in `test/`",
        _ => "outside `test/`",
    };
    let mut done_when = Vec::new();
    if stage_rules.is_empty() {
        done_when.push(format!("Nothing to do: no findings {place} today."));
    } else {
        let ids: Vec<String> = stage_rules
            .iter()
            .map(|r| format!("`{}`", r.rule))
            .collect();
        done_when.push(format!("0 findings {place} for {}.", ids.join(", ")));
        if safe_fixes > 0 {
            done_when.push(format!(
                "The {safe_fixes} safe fix{} applied with `otp-audit check --fix` and reviewed.",
                if safe_fixes == 1 { "" } else { "es" }
            ));
        }
        done_when.push("The baseline re-recorded, so the ratchet holds the gains.".to_string());
    }
    Stage {
        kind,
        number: kind.number(),
        title: kind.title().to_string(),
        goal: kind.goal().to_string(),
        areas: stage_areas.to_vec(),
        rules: stage_rules,
        findings,
        safe_fixes,
        files,
        effort_minutes,
        enforcement: None,
        done_when,
    }
}

fn schedule(stages: &[Stage], hours_per_week: u32) -> Schedule {
    let week = u64::from(hours_per_week.max(1)) * 60;
    let mut next_week = 1u32;
    let mut entries = Vec::new();
    let mut total_minutes = 0;
    for s in stages {
        total_minutes += s.effort_minutes;
        let weeks = u32::try_from(s.effort_minutes.div_ceil(week)).unwrap_or(u32::MAX);
        let (first_week, last_week) = if weeks == 0 {
            (0, 0)
        } else {
            let first = next_week;
            next_week = next_week.saturating_add(weeks);
            (first, next_week - 1)
        };
        entries.push(ScheduleEntry {
            stage: s.number,
            title: s.title.clone(),
            effort_minutes: s.effort_minutes,
            weeks,
            first_week,
            last_week,
        });
    }
    Schedule {
        hours_per_week: hours_per_week.max(1),
        total_minutes,
        total_weeks: next_week - 1,
        entries,
    }
}
