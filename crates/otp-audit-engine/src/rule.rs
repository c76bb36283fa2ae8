//! What a rule is: its metadata, its guide page, and the function that checks a file.

use crate::config::{ParamValue, RuleSettings};
use crate::finding::{Fix, Severity};
use crate::model::{Ctx, File};
use crate::scope::FileScope;
use serde::Serialize;
use std::ops::Range;

/// Which fixes a rule can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixability {
    None,
    Safe,
    Unsafe,
    /// Safe for some shapes, unsafe for others.
    Sometimes,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct ParamSpec {
    pub name: &'static str,
    pub doc: &'static str,
    #[serde(skip)]
    pub default: fn() -> ParamValue,
}

pub struct Rule {
    /// Stable id, `group/name`.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// File scopes the rule runs in.
    pub scopes: &'static [FileScope],
    pub fix: Fixability,
    pub default_enabled: bool,
    pub params: &'static [ParamSpec],
    /// Credo check names this rule stands for in a `.credo.exs`.
    pub credo: &'static [&'static str],
    /// Rules whose finding at the same site this rule's finding replaces.
    pub supersedes: &'static [&'static str],
    /// The guide page, Markdown.
    pub guide: &'static str,
    pub check: fn(&File, &mut Report),
    /// Cross-file part of the rule, for rules that need the whole project.
    pub project: Option<&'static ProjectPass>,
}

/// Facts one file contributes to a cross-file rule.
pub type Facts = Box<dyn std::any::Any + Send + Sync>;

/// A rule's whole-project pass: collect facts per file, then conclude over all of
/// them. Findings come back with the index of the file they belong to.
pub struct ProjectPass {
    pub collect: fn(&File, &Report) -> Option<Facts>,
    pub conclude: fn(&[(usize, &Facts)], &mut ProjectReport),
    /// The facts as JSON and back, so that files analysed in separate processes (the
    /// web app's workers) can be concluded together; see `FileFacts::to_json`.
    pub encode: fn(&Facts) -> Option<serde_json::Value>,
    pub decode: fn(&serde_json::Value) -> Option<Facts>,
    /// The pass only withdraws findings the file's own check made, never adds one: a
    /// suppression comment this file's check did not use is then unused for sure.
    pub only_retracts: bool,
}

/// Every fact of type `T` the files gave, with the index of its file: what a
/// `conclude` reads, when `collect` returns a `Vec<T>`.
pub fn each_fact<'a, T: 'static>(facts: &[(usize, &'a Facts)]) -> Vec<(usize, &'a T)> {
    facts
        .iter()
        .filter_map(|(i, f)| f.downcast_ref::<Vec<T>>().map(|v| (*i, v)))
        .flat_map(|(i, v)| v.iter().map(move |f| (i, f)))
        .collect()
}

/// Findings of a project pass, each for one file of the project.
#[derive(Default)]
pub struct ProjectReport {
    pub drafts: Vec<(usize, Draft)>,
    /// Findings the file's own check made that the whole project shows to be fine:
    /// (file, start byte) of this rule's finding.
    pub retracted: Vec<(usize, usize)>,
}

impl ProjectReport {
    /// Withdraw this rule's finding that starts at `at` in `file`: a single file
    /// cannot know, say, that only dev tooling calls its function; the project can.
    pub fn retract(&mut self, file: usize, at: usize) {
        self.retracted.push((file, at));
    }

    pub fn add(
        &mut self,
        file: usize,
        range: Range<usize>,
        message: impl Into<String>,
        scope: String,
    ) -> &mut Draft {
        self.drafts.push((
            file,
            Draft {
                range,
                message: message.into(),
                severity: None,
                anchor: None,
                scope,
                fixes: Vec::new(),
            },
        ));
        &mut self.drafts.last_mut().expect("just pushed").1
    }

    /// [`ProjectReport::add`] at info.
    pub fn add_info(
        &mut self,
        file: usize,
        range: Range<usize>,
        message: impl Into<String>,
        scope: String,
    ) -> &mut Draft {
        self.add(file, range, message, scope)
            .severity(Severity::Info)
    }
}

impl Rule {
    pub fn applies_to(&self, scope: FileScope) -> bool {
        self.scopes.contains(&scope)
    }
    pub fn param_default(&self, name: &str) -> Option<ParamValue> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.default)())
    }
    /// The guide's summary: the first paragraph after the title.
    pub fn summary(&self) -> &'static str {
        self.guide
            .split("\n\n")
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.starts_with('#'))
            .unwrap_or(self.title)
    }
}

pub const LIB: &[FileScope] = &[FileScope::Lib];
pub const TEST: &[FileScope] = &[FileScope::Test];
pub const LIB_AND_TEST: &[FileScope] = &[FileScope::Lib, FileScope::Test];
pub const CODE: &[FileScope] = &[FileScope::Lib, FileScope::Test, FileScope::TestSupport];
pub const ALL_SCOPES: &[FileScope] = &[
    FileScope::Lib,
    FileScope::Test,
    FileScope::TestSupport,
    FileScope::Other,
];

/// A finding as a rule reports it, before the engine adds positions and snippets.
#[derive(Debug, Clone)]
pub struct Draft {
    pub range: Range<usize>,
    pub message: String,
    pub severity: Option<Severity>,
    pub anchor: Option<String>,
    pub scope: String,
    pub fixes: Vec<Fix>,
}

impl Draft {
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = Some(severity);
        self
    }
    /// A section of the guide page, by heading slug.
    pub fn anchor(&mut self, anchor: impl Into<String>) -> &mut Self {
        self.anchor = Some(anchor.into());
        self
    }
}

/// Collects one rule's findings for one file.
pub struct Report<'a> {
    pub(crate) rule: &'static Rule,
    pub(crate) settings: &'a RuleSettings,
    pub(crate) drafts: Vec<Draft>,
}

impl<'a> Report<'a> {
    pub fn new(rule: &'static Rule, settings: &'a RuleSettings) -> Self {
        Report {
            rule,
            settings,
            drafts: Vec::new(),
        }
    }

    /// Report at `range`, in the scope of `ctx`.
    pub fn add(
        &mut self,
        file: &File,
        ctx: &Ctx,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Draft {
        let scope = file.scope_name(ctx);
        self.add_scoped(range, message, scope)
    }

    /// [`Report::add`] at info: the finding is true, but worth a note, not a warning.
    pub fn add_info(
        &mut self,
        file: &File,
        ctx: &Ctx,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Draft {
        self.add(file, ctx, range, message).severity(Severity::Info)
    }

    pub fn add_scoped(
        &mut self,
        range: Range<usize>,
        message: impl Into<String>,
        scope: String,
    ) -> &mut Draft {
        self.drafts.push(Draft {
            range,
            message: message.into(),
            severity: None,
            anchor: None,
            scope,
            fixes: Vec::new(),
        });
        self.drafts.last_mut().expect("just pushed")
    }

    pub fn param(&self, name: &str) -> ParamValue {
        self.settings
            .params
            .get(name)
            .cloned()
            .or_else(|| self.rule.param_default(name))
            .unwrap_or_else(|| panic!("rule {} has no parameter {name}", self.rule.id))
    }
    pub fn param_int(&self, name: &str) -> i64 {
        match self.param(name) {
            ParamValue::Int(i) => i,
            other => panic!("parameter {name} is {other:?}, not an integer"),
        }
    }
    pub fn param_bool(&self, name: &str) -> bool {
        match self.param(name) {
            ParamValue::Bool(b) => b,
            other => panic!("parameter {name} is {other:?}, not a boolean"),
        }
    }
    pub fn param_list(&self, name: &str) -> Vec<String> {
        match self.param(name) {
            ParamValue::List(l) => l,
            ParamValue::Str(s) => vec![s],
            other => panic!("parameter {name} is {other:?}, not a list"),
        }
    }
}
