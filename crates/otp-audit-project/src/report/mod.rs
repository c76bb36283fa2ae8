//! The remediation plan, computed from findings.
//!
//! [`Report::build`] turns the analysis of a project (every [`FileResult`], with its
//! findings) into what a hand-written audit plan contains:
//!
//! - **Current state** per area ([`Area`]: the test suite is `test` + `test_support`
//!   files, production code is `lib`, the rest is "other"): findings and files
//!   affected per rule ("Sleep in a test: 26 occurrences across 6 files"), and totals
//!   by severity.
//! - **Files to fix in order of priority**: `score = 10 × errors + 3 × warnings +
//!   1 × info` over the file's findings ([`Scoring`]); ties go to more findings, then
//!   production before tests, then the path.
//! - **Three stages**: 1 enforcement (which rules CI can hold at zero today, which
//!   need the baseline ratchet, a suggested `otp-audit.toml` and CI command lines),
//!   2 test remediation (findings in the test area), 3 production hardening (findings
//!   in `lib/` and in other files). Every finding belongs to exactly one of stages 2
//!   and 3.
//! - **Effort and schedule**: each finding costs its rule's minutes ([`Efforts`],
//!   documented defaults in [`DEFAULT_EFFORTS`], configurable under `[report.effort]`
//!   in `otp-audit.toml`), or the review of its automatic edit when it has a safe fix.
//!   Stages run one after the other at [`Efforts::hours_per_week`] (default 10 h), each
//!   starting in a new week.
//! - **Success metrics**: each rule's count today, the target (0) and, with a
//!   [`Baseline`], the baseline's count (CI's limit until the target is met).
//! - **Guides**: each rule with its title, guide summary and guide id
//!   (`otp-audit explain <id>`).
//!
//! [`to_markdown`] renders it for an issue or a file, [`to_html`] as one
//! self-contained page (inline CSS and SVG, no scripts, no external references).
//! The same [`Report`] is serialized under `report` in `otp-audit check --format
//! json` and rendered by the web app. Nothing here reads files, clocks or the network,
//! so the same inputs always give the same report.
//!
//! [`FileResult`]: otp_audit_engine::FileResult
//! [`Baseline`]: crate::baseline::Baseline

mod build;
mod efforts;
pub(crate) mod html;
mod markdown;
mod model;
mod svg;
mod text;

pub use build::{BuildOptions, DEFAULT_BASELINE_FILE};
pub use efforts::{
    DEFAULT_EFFORTS, DEFAULT_ENFORCEMENT_MINUTES, DEFAULT_HOURS_PER_WEEK, DEFAULT_SAFE_FIX_MINUTES,
    DefaultEffort, Efforts, EffortsError, FALLBACK_MINUTES, MAX_MINUTES, REPEAT_DIVISOR,
};
pub use html::{HTML_FILES_SHOWN, to_html};
pub use markdown::{FILES_SHOWN, MarkdownOptions, START_WITH, to_markdown, to_markdown_with};
pub use model::*;
pub use text::{estimates, weeks};

/// Format version of the serialized [`Report`] (`"version": 1`).
pub const REPORT_VERSION: u32 = 1;

/// The file path of a guide page, relative to a folder of guide pages:
/// `otp/no-raw-send` → `otp/no-raw-send.md`, `test/no-sleep#why` →
/// `test/no-sleep.md#why`. (The engine keeps its pages as
/// `src/rules/<group>/<name_with_underscores>.md`; a published copy is named by rule id.)
pub fn guide_path(guide: &str) -> String {
    match guide.split_once('#') {
        Some((page, anchor)) => format!("{page}.md#{anchor}"),
        None => format!("{guide}.md"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_paths() {
        assert_eq!(guide_path("otp/no-raw-send"), "otp/no-raw-send.md");
        assert_eq!(guide_path("test/no-sleep#why"), "test/no-sleep.md#why");
    }
}
