//! `--format json`: the document of `otp_audit_project::formats::json`, which the
//! web app writes and reads too, with the CLI's baseline and ratchet.

use super::Extras;
use otp_audit_engine::FileResult;
use otp_audit_engine::config::ConfigSource;
use otp_audit_project::baseline::count_by_rule;
use otp_audit_project::formats::json::{self, BaselineDoc, RatchetDoc};
use otp_audit_project::report::Report;
use otp_audit_project::skipped::Skipped;

pub fn render(
    results: &[FileResult],
    skipped: &[Skipped],
    config: &ConfigSource,
    report: &Report,
    extras: &Extras,
) -> String {
    let baseline = extras.comparison.map(|c| BaselineDoc {
        file: extras
            .baseline_path
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        new: &c.new,
        fixed: &c.fixed,
        unchanged: c.unchanged,
    });
    let ratchet = extras.ratchet.map(|r| RatchetDoc {
        limits: &r.limits,
        counts: count_by_rule(results)
            .into_iter()
            .filter(|(rule, _)| r.limits.contains_key(rule))
            .collect(),
        violations: extras.violations,
    });
    json::render_with_skipped(
        results,
        skipped,
        config,
        report,
        baseline,
        ratchet,
        &extras.stamp,
    )
}
