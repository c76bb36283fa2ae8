//! `code/unused-operation`: Result of a pure call is discarded. See `unused_operation.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/unused-operation",
    title: "Result of a pure call is discarded",
    severity: Severity::Warning,
    scopes: LIB_AND_TEST,
    fix: Fixability::Sometimes,
    default_enabled: true,
    params: &[],
    credo: &["Credo.Check.Warning.UnusedEnumOperation", "Credo.Check.Warning.UnusedStringOperation", "Credo.Check.Warning.UnusedListOperation", "Credo.Check.Warning.UnusedKeywordOperation", "Credo.Check.Warning.UnusedTupleOperation", "Credo.Check.Warning.UnusedMapOperation", "Credo.Check.Warning.UnusedPathOperation", "Credo.Check.Warning.UnusedRegexOperation", "Credo.Check.Warning.UnusedFileOperation"],
    supersedes: &[],
    guide: include_str!("unused_operation.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
