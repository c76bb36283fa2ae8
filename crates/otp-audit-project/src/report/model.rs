//! The report's data: what [`Report::build`](super::Report::build) computes and the
//! Markdown and HTML renderers (and the web app's viewer) present. Serialized as the
//! `report` object of `otp-audit check --format json`; field names are a contract:
//! add fields, never rename them.
//!
//! Counts are plain integers and efforts are whole minutes, so a report round-trips
//! through JSON exactly.

use otp_audit_engine::{FileScope, Severity};
use serde::{Deserialize, Serialize};

/// The remediation plan for one analysed project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Format version of this object, [`REPORT_VERSION`](super::REPORT_VERSION).
    pub version: u32,
    /// Version of otp-audit that computed the report.
    pub tool_version: String,
    /// What was analysed.
    pub analysed: Analysed,
    /// Findings by severity over the whole project.
    pub totals: Totals,
    /// Current state per area: test suite, production code, other files.
    pub areas: Vec<AreaSummary>,
    /// Every rule with findings today (or in the baseline), most severe and most
    /// frequent first.
    pub rules: Vec<RuleSummary>,
    /// Files with findings, in order of priority (see [`Scoring`]).
    pub files: Vec<FilePriority>,
    /// How file priority is computed.
    pub scoring: Scoring,
    /// The effort settings the estimates use (besides each rule's minutes).
    pub efforts: EffortSettings,
    /// Stage 1 enforcement, stage 2 test remediation, stage 3 production hardening.
    pub stages: Vec<Stage>,
    /// The stages laid out in weeks.
    pub schedule: Schedule,
    /// Per rule: the count today, the target, and the baseline's count.
    pub metrics: Vec<Metric>,
    /// The comparison with a baseline, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineSummary>,
}

/// Size of the analysed project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysed {
    pub files: usize,
    pub lines: usize,
    pub bytes: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
}

/// Numbers of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Project-wide totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub findings: usize,
    pub by_severity: SeverityCounts,
    /// Findings that carry a safe fix (`otp-audit check --fix` writes it).
    pub safe_fixes: usize,
    /// Findings whose only fixes need review (`--fix --unsafe-fixes`).
    pub unsafe_fixes: usize,
    /// Estimated minutes to fix every finding (stages 2 and 3).
    pub effort_minutes: u64,
}

/// The parts of a project the plan treats separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// `test` and `test_support` files.
    Tests,
    /// `lib` files.
    Production,
    /// Everything else: `mix.exs`, `config/`, scripts.
    Other,
}

impl Area {
    pub const ALL: [Area; 3] = [Area::Tests, Area::Production, Area::Other];

    pub fn of_scope(scope: FileScope) -> Area {
        match scope {
            FileScope::Test | FileScope::TestSupport => Area::Tests,
            FileScope::Lib => Area::Production,
            FileScope::Other => Area::Other,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Tests => "tests",
            Area::Production => "production",
            Area::Other => "other",
        }
    }
    /// The heading the renderers use.
    pub fn title(self) -> &'static str {
        match self {
            Area::Tests => "Test suite",
            Area::Production => "Production code",
            Area::Other => "Other files",
        }
    }
    /// Where the area's files are, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Area::Tests => "`test/`: ExUnit tests and test support",
            Area::Production => "`lib/`",
            Area::Other => "`mix.exs`, `config/`, scripts",
        }
    }
}

/// The current state of one area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub area: Area,
    /// Files analysed in the area.
    pub files: usize,
    pub lines: usize,
    /// Files of the area with at least one finding.
    pub files_affected: usize,
    pub findings: usize,
    pub by_severity: SeverityCounts,
    /// Per rule, most findings first.
    pub rules: Vec<RuleCount>,
}

/// How often one rule fires in some part of the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    pub rule: String,
    pub title: String,
    pub findings: usize,
    /// Distinct files.
    pub files: usize,
}

/// One rule of the report, with its guide and its numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSummary {
    /// Rule id, `group/name`.
    pub rule: String,
    pub title: String,
    /// The first paragraph of the guide page: Markdown with `code` spans and
    /// `*emphasis*` only.
    pub summary: String,
    /// Guide page id (`otp/no-raw-send`): `otp-audit explain <guide>`, the web app's
    /// guide, or [`guide_path`](super::guide_path) for a file.
    pub guide: String,
    /// The most severe severity among the findings (the rule's default without any).
    pub severity: Severity,
    /// Findings today.
    pub findings: usize,
    /// Distinct files.
    pub files: usize,
    pub tests: usize,
    pub production: usize,
    pub other: usize,
    /// Findings with a safe fix.
    pub safe_fixes: usize,
    /// Minutes to fix one finding by hand.
    pub minutes_per_finding: u32,
    /// Why the figure is what it is (the documented default's rationale, or a note
    /// that the project configured it).
    pub effort_rationale: String,
    /// Estimated minutes for all findings of the rule (safe fixes at review cost).
    pub effort_minutes: u64,
    /// The rule's count in the baseline, when a baseline was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<usize>,
    /// The first finding in priority order, to show what the rule finds here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
}

/// One concrete finding, for illustration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// Enclosing function or test.
    pub scope: String,
    pub message: String,
}

/// A file to fix, in order of priority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePriority {
    /// 1 is the first file to fix.
    pub rank: usize,
    pub path: String,
    pub scope: FileScope,
    pub area: Area,
    /// Sum of the severity weights of the file's findings ([`Scoring`]).
    pub score: u64,
    pub findings: usize,
    pub by_severity: SeverityCounts,
    /// Per rule, most findings first.
    pub rules: Vec<RuleTally>,
    /// Estimated minutes for the file's findings.
    pub effort_minutes: u64,
}

/// A rule's findings in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTally {
    pub rule: String,
    pub count: usize,
}

/// The numbers the estimates are computed with, besides each rule's minutes (see
/// [`Efforts`](super::Efforts)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffortSettings {
    /// Remediation hours per week, for the schedule.
    pub hours_per_week: u32,
    /// Minutes for stage 1.
    pub enforcement_minutes: u32,
    /// Minutes per finding with a safe fix (reviewing the automatic edit).
    pub safe_fix_minutes: u32,
}

/// File priority: `score = error × E + warning × W + info × I` over the file's
/// findings; ties go to more findings, then production before tests, then path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            error: 10,
            warning: 3,
            info: 1,
        }
    }
}

impl Scoring {
    pub fn weight(&self, severity: Severity) -> u64 {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// The three stages of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Stage 1: turn otp-audit on in CI so that nothing gets worse.
    Enforcement,
    /// Stage 2: fix the findings in tests.
    TestRemediation,
    /// Stage 3: fix the findings in production code (and other files).
    ProductionHardening,
}

impl StageKind {
    pub fn number(self) -> u8 {
        match self {
            StageKind::Enforcement => 1,
            StageKind::TestRemediation => 2,
            StageKind::ProductionHardening => 3,
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            StageKind::Enforcement => "Enforcement in CI",
            StageKind::TestRemediation => "Test suite remediation",
            StageKind::ProductionHardening => "Production hardening",
        }
    }
    pub fn goal(self) -> &'static str {
        match self {
            StageKind::Enforcement => {
                "Stop regressions: every rule runs in CI, rules at zero stay at zero, \
                 and the others may only go down."
            }
            StageKind::TestRemediation => {
                "Deterministic, isolated tests: no sleeps, no shared global processes, \
                 every process started under the test supervisor."
            }
            StageKind::ProductionHardening => {
                "Every process supervised and every message behind a client API, \
                 with explicit timeouts."
            }
        }
    }
}

/// One stage of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub kind: StageKind,
    /// 1, 2 or 3.
    pub number: u8,
    pub title: String,
    pub goal: String,
    /// The areas whose findings the stage fixes (none for enforcement).
    pub areas: Vec<Area>,
    /// The stage's rules and their findings in its areas, highest severity and most
    /// findings first.
    pub rules: Vec<StageRule>,
    pub findings: usize,
    /// Findings of the stage that `otp-audit check --fix` can fix.
    pub safe_fixes: usize,
    /// Files of the stage's areas with findings.
    pub files: usize,
    pub effort_minutes: u64,
    /// What to turn on in CI (stage 1 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforcement: Option<Enforcement>,
    /// When the stage is done.
    pub done_when: Vec<String>,
}

/// A rule's share of a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRule {
    pub rule: String,
    pub title: String,
    pub severity: Severity,
    pub findings: usize,
    pub files: usize,
    pub safe_fixes: usize,
    pub minutes_per_finding: u32,
    pub effort_minutes: u64,
}

/// Stage 1's content: which rules CI can hold at zero, which need the ratchet, and
/// how to set it up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enforcement {
    /// Enabled rules with no finding today: any finding fails the build from day one.
    pub zero_today: Vec<String>,
    /// Rules with findings: CI fails when their count grows past the limit.
    pub ratchet: Vec<RatchetRule>,
    /// The baseline file the commands use.
    pub baseline_file: String,
    /// A suggested `otp-audit.toml`.
    pub config_toml: String,
    /// Commands to run, in order, each with what it is for.
    pub commands: Vec<Command>,
}

/// A rule held by the count ratchet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatchetRule {
    pub rule: String,
    pub title: String,
    pub today: usize,
    /// The most findings CI accepts: the baseline's count when a baseline was given,
    /// else today's count.
    pub limit: usize,
}

/// A command line with its purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    pub purpose: String,
    pub run: String,
}

/// The stages in weeks, at [`Schedule::hours_per_week`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub hours_per_week: u32,
    pub total_minutes: u64,
    /// Weeks from the start of stage 1 to the end of stage 3.
    pub total_weeks: u32,
    pub entries: Vec<ScheduleEntry>,
}

/// One stage in the schedule. Stages run one after the other, each starting in a
/// new week; a stage without work takes no week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    pub stage: u8,
    pub title: String,
    pub effort_minutes: u64,
    pub weeks: u32,
    /// First and last week, 1-based; both 0 when the stage takes no week.
    pub first_week: u32,
    pub last_week: u32,
}

/// A success metric: a rule's count today and where it should go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metric {
    pub rule: String,
    pub title: String,
    pub today: usize,
    /// Always 0: the plan is done when the rule finds nothing.
    pub target: usize,
    /// The baseline's count, CI's ceiling until the target is met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<usize>,
    /// The stages that work on the rule.
    pub stages: Vec<u8>,
}

/// How today's findings compare with the baseline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineSummary {
    /// Findings recorded in the baseline.
    pub recorded: usize,
    /// Findings today that the baseline does not have (they fail the ratchet).
    pub new: usize,
    /// Baseline findings that are gone.
    pub fixed: usize,
    /// Findings still there.
    pub unchanged: usize,
}
