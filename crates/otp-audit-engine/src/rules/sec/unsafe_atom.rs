//! `sec/unsafe-atom`: Atom created from runtime data. See `unsafe_atom.md`.

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "sec/unsafe-atom",
    title: "Atom created from runtime data",
    severity: Severity::Warning,
    scopes: LIB,
    fix: Fixability::Unsafe,
    default_enabled: true,
    params: &[],
    credo: &["Credo.Check.Warning.UnsafeToAtom"],
    supersedes: &[],
    guide: include_str!("unsafe_atom.md"),
    check,
    project: None,
};

fn check(_file: &File, _report: &mut Report) {}
