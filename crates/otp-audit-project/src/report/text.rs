//! Wording shared by the Markdown and HTML renderers.

use super::model::{Report, ScheduleEntry};
use otp_audit_engine::Severity;

/// `1 file`, `2 files`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An effort in words: `45 min`, `1 h`, `12.5 h`.
pub fn duration(minutes: u64) -> String {
    if minutes < 60 {
        return format!("{minutes} min");
    }
    let tenths = (minutes * 10 + 30) / 60;
    if tenths.is_multiple_of(10) {
        format!("{} h", tenths / 10)
    } else {
        format!("{}.{} h", tenths / 10, tenths % 10)
    }
}

/// `week 1`, `weeks 2–3`, `no time`.
pub fn weeks(e: &ScheduleEntry) -> String {
    match e.weeks {
        0 => "no time".to_string(),
        1 => format!("week {}", e.first_week),
        _ => format!("weeks {}–{}", e.first_week, e.last_week),
    }
}

/// `Process.sleep abuse: 26 occurrences across 6 files`, as the hand-written plan says it.
pub fn occurrences(findings: usize, files: usize) -> String {
    format!(
        "{} across {}",
        count(findings, "occurrence", "occurrences"),
        count(files, "file", "files")
    )
}

/// `3 errors, 12 warnings, 1 info`, leaving out zeros (`no findings` when all are).
pub fn severities(c: &super::model::SeverityCounts) -> String {
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter(|s| c.get(*s) > 0)
        .map(|s| {
            let n = c.get(s);
            match s {
                Severity::Error => count(n, "error", "errors"),
                Severity::Warning => count(n, "warning", "warnings"),
                Severity::Info => format!("{n} info"),
            }
        })
        .collect();
    if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    }
}

/// The opening sentence of the report.
pub fn headline(r: &Report) -> String {
    format!(
        "otp-audit {} analysed {} ({} lines, {} bytes) and found {} in {} ({}).",
        r.tool_version,
        count(r.analysed.files, "file", "files"),
        r.analysed.lines,
        r.analysed.bytes,
        count(r.totals.findings, "finding", "findings"),
        count(r.analysed.files_with_findings, "file", "files"),
        severities(&r.totals.by_severity),
    )
}

/// The effort sentence of the report.
pub fn effort_line(r: &Report) -> String {
    format!(
        "Estimated effort: {} over {} at {} h of remediation per week.",
        duration(r.schedule.total_minutes),
        count(r.schedule.total_weeks as usize, "week", "weeks"),
        r.schedule.hours_per_week,
    )
}

/// How file priority is computed, in words.
pub fn scoring(r: &Report) -> String {
    format!(
        "Priority score = {} × errors + {} × warnings + {} × info findings in the file; \
         ties go to more findings, then production code before tests, then the path.",
        r.scoring.error, r.scoring.warning, r.scoring.info
    )
}

/// How the estimates are computed, in words.
pub fn estimates(r: &Report) -> String {
    format!(
        "Each finding costs its rule's minutes per finding, and a repeat of a rule in a file \
         already fixed for it a quarter of that; a finding with a safe fix costs \
         {} for reviewing the edit `otp-audit check --fix` writes. Stage 1 is {} of setup. \
         Change the figures in `otp-audit.toml` under `[report]` (`hours_per_week`, \
         `enforcement_minutes`, `safe_fix_minutes`) and `[report.effort]` \
         (`\"rule/id\" = minutes`).",
        duration(u64::from(r.efforts.safe_fix_minutes)),
        duration(u64::from(r.efforts.enforcement_minutes)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(60), "1 h");
        assert_eq!(duration(90), "1.5 h");
        assert_eq!(duration(100), "1.7 h");
        assert_eq!(duration(750), "12.5 h");
    }

    #[test]
    fn occurrences_read_like_the_plan() {
        assert_eq!(occurrences(26, 6), "26 occurrences across 6 files");
        assert_eq!(occurrences(1, 1), "1 occurrence across 1 file");
    }
}
