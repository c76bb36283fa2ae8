//! Behaviour checks: structural facts a solution must keep, judged on the engine's
//! model of the file (calls resolved through aliases and imports, definitions,
//! tests), never by searching the text.

use crate::pack::{At, Fields, Result, err};
use otp_audit_engine::model::{File, TestKind};
use serde::Serialize;

/// The check kinds, as written in packs.
pub const KINDS: &[&str] = &[
    "defines", "calls", "no_call", "module", "uses", "tests", "matches",
];

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// A function `name/arity` is defined; with `clause`, some clause's first argument
    /// is that atom or a tuple tagged with it (`:get`, `{:get, key}`).
    Defines {
        function: String,
        clause: Option<String>,
        module: Option<String>,
        label: Option<String>,
    },
    /// `Mod.fun` (or `Mod.fun/arity`) is called at least `min` times, resolved the
    /// way the engine resolves calls; with `arg`, some argument's text contains it.
    Calls {
        call: String,
        min: u64,
        arg: Option<String>,
        #[serde(rename = "in")]
        within: Option<String>,
        label: Option<String>,
    },
    /// `Mod.fun` is never called (with `in`, only there).
    NoCall {
        call: String,
        #[serde(rename = "in")]
        within: Option<String>,
        label: Option<String>,
    },
    /// A module of this name is defined.
    Module { name: String, label: Option<String> },
    /// Some module has `use Module`.
    Uses {
        module: String,
        label: Option<String>,
    },
    /// At least `min` `test` blocks.
    Tests { min: u64, label: Option<String> },
    /// A tuple tagged with the atom `tag` appears (`{:DOWN, ref, ...}` for "DOWN").
    Matches { tag: String, label: Option<String> },
}

/// A call pattern: `GenServer.call/3`, `Process.sleep`, `:ets.new`, `assert_receive`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSpec {
    pub module: Option<String>,
    pub name: String,
    pub arity: Option<usize>,
}

impl CallSpec {
    pub fn parse(text: &str) -> Option<CallSpec> {
        let (head, arity) = match text.rsplit_once('/') {
            Some((h, a)) => (h, Some(a.parse::<usize>().ok()?)),
            None => (text, None),
        };
        let (module, name) = match head.rsplit_once('.') {
            Some((m, n)) => (Some(m.to_string()), n),
            None => (None, head),
        };
        let name_ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '?' | '!'));
        let module_ok = module.as_deref().is_none_or(|m| {
            !m.is_empty()
                && m.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | ':'))
        });
        (name_ok && module_ok).then(|| CallSpec {
            module,
            name: name.to_string(),
            arity,
        })
    }

    fn matches(&self, call: &otp_audit_engine::model::Call) -> bool {
        call.name == self.name
            && self.arity.is_none_or(|a| a == call.arity)
            && match &self.module {
                Some(m) => call.module.as_deref() == Some(m.as_str()),
                None => true,
            }
    }
}

fn parse_function(text: &str) -> Option<(&str, usize)> {
    let (name, arity) = text.rsplit_once('/')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '?' | '!'));
    ok.then_some(())?;
    Some((name, arity.parse().ok()?))
}

impl Check {
    pub(crate) fn parse(at: At) -> Result<Check> {
        // Read the kind first, so the allowed fields can depend on it.
        let kind_path = if at.path.is_empty() {
            "kind".to_string()
        } else {
            format!("{}.kind", at.path)
        };
        let kind = match at.value.get("kind") {
            Some(serde_json::Value::String(k)) => k.as_str(),
            Some(_) => return err(&kind_path, "expected a string"),
            None if at.value.is_object() => {
                return err(
                    &kind_path,
                    format!("missing; expected one of {}", KINDS.join(", ")),
                );
            }
            None => return err(at.path, "expected an object with a \"kind\""),
        };
        let fields: &[&str] = match kind {
            "defines" => &["kind", "function", "clause", "module", "label"],
            "calls" => &["kind", "call", "min", "arg", "in", "label"],
            "no_call" => &["kind", "call", "in", "label"],
            "module" => &["kind", "name", "label"],
            "uses" => &["kind", "module", "label"],
            "tests" => &["kind", "min", "label"],
            "matches" => &["kind", "tag", "label"],
            other => {
                return err(
                    &kind_path,
                    format!(
                        "unknown check \"{other}\"; expected one of {}",
                        KINDS.join(", ")
                    ),
                );
            }
        };
        let f = Fields::of(at, fields)?;
        let label = f.opt_str("label")?;
        let call_spec = |f: &Fields| -> Result<String> {
            let c = f.str("call")?;
            match CallSpec::parse(&c) {
                Some(_) => Ok(c),
                None => err(
                    &f.path("call"),
                    format!(
                        "\"{c}\" is not a call; write Module.function or Module.function/arity, e.g. GenServer.call/3"
                    ),
                ),
            }
        };
        Ok(match kind {
            "defines" => {
                let function = f.str("function")?;
                if parse_function(&function).is_none() {
                    return err(
                        &f.path("function"),
                        format!("\"{function}\" is not name/arity, e.g. handle_call/3"),
                    );
                }
                Check::Defines {
                    function,
                    clause: f.opt_str("clause")?,
                    module: f.opt_str("module")?,
                    label,
                }
            }
            "calls" => Check::Calls {
                call: call_spec(&f)?,
                min: f.opt_uint("min")?.unwrap_or(1).max(1),
                arg: f.opt_str("arg")?,
                within: within(&f)?,
                label,
            },
            "no_call" => Check::NoCall {
                call: call_spec(&f)?,
                within: within(&f)?,
                label,
            },
            "module" => Check::Module {
                name: f.str("name")?,
                label,
            },
            "uses" => Check::Uses {
                module: f.str("module")?,
                label,
            },
            "tests" => Check::Tests {
                min: f.opt_uint("min")?.unwrap_or(1).max(1),
                label,
            },
            "matches" => Check::Matches {
                tag: f.str("tag")?.trim_start_matches(':').to_string(),
                label,
            },
            _ => unreachable!("kinds are matched above"),
        })
    }

    /// What the check asks for, in the attendee's terms.
    pub fn label(&self) -> String {
        let given = match self {
            Check::Defines { label, .. }
            | Check::Calls { label, .. }
            | Check::NoCall { label, .. }
            | Check::Module { label, .. }
            | Check::Uses { label, .. }
            | Check::Tests { label, .. }
            | Check::Matches { label, .. } => label,
        };
        if let Some(l) = given {
            return l.clone();
        }
        match self {
            Check::Defines {
                function,
                clause,
                module,
                ..
            } => {
                let mut s = format!("defines {function}");
                if let Some(c) = clause {
                    s.push_str(&format!(" with a clause for {c}"));
                }
                if let Some(m) = module {
                    s.push_str(&format!(" in {m}"));
                }
                s
            }
            Check::Calls {
                call,
                min,
                arg,
                within,
                ..
            } => {
                let mut s = format!("calls {call}");
                if let Some(a) = arg {
                    s.push_str(&format!(" with {a}"));
                }
                if *min > 1 {
                    s.push_str(&format!(" at least {min} times"));
                }
                s.push_str(&where_text(within));
                s
            }
            Check::NoCall { call, within, .. } => {
                format!("does not call {call}{}", where_text(within))
            }
            Check::Module { name, .. } => format!("still defines the module {name}"),
            Check::Uses { module, .. } => format!("still has use {module}"),
            Check::Tests { min, .. } if *min == 1 => "keeps at least one test".to_string(),
            Check::Tests { min, .. } => format!("keeps at least {min} tests"),
            Check::Matches { tag, .. } => format!("handles {{:{tag}, ...}} messages"),
        }
    }

    /// Does the file satisfy the check?
    pub fn holds(&self, file: &File) -> bool {
        match self {
            Check::Defines {
                function,
                clause,
                module,
                ..
            } => {
                let Some((name, arity)) = parse_function(function) else {
                    return false;
                };
                file.defs.iter().any(|d| {
                    d.name == name
                        && d.arity == arity
                        && module.as_deref().is_none_or(|m| {
                            d.module
                                .and_then(|id| file.modules.get(id as usize))
                                .is_some_and(|md| md.name == m)
                        })
                        && clause.as_deref().is_none_or(|c| {
                            d.params
                                .first()
                                .is_some_and(|p| clause_matches(file.text(*p), c))
                        })
                })
            }
            Check::Calls {
                call,
                min,
                arg,
                within,
                ..
            } => {
                let Some(spec) = CallSpec::parse(call) else {
                    return false;
                };
                let n = file
                    .calls_named(&spec.name)
                    .filter(|c| spec.matches(c) && is_within(file, c, within))
                    .filter(|c| {
                        arg.as_deref().is_none_or(|a| {
                            c.args
                                .iter()
                                .any(|n| compact(file.text(*n)).contains(&compact(a)))
                        })
                    })
                    .count();
                n as u64 >= *min
            }
            Check::NoCall { call, within, .. } => {
                let Some(spec) = CallSpec::parse(call) else {
                    return false;
                };
                !file
                    .calls_named(&spec.name)
                    .any(|c| spec.matches(c) && is_within(file, c, within))
            }
            Check::Module { name, .. } => file.modules.iter().any(|m| &m.name == name),
            Check::Uses { module, .. } => file.modules.iter().any(|m| m.uses_module(module)),
            Check::Tests { min, .. } => {
                file.tests
                    .iter()
                    .filter(|t| t.kind == TestKind::Test)
                    .count() as u64
                    >= *min
            }
            Check::Matches { tag, .. } => file.tuples_tagged(tag).next().is_some(),
        }
    }
}

/// The `in` of a call check: `tests` (test, setup and describe bodies) or a function
/// `name/arity`.
fn within(f: &Fields) -> Result<Option<String>> {
    let w = f.opt_str("in")?;
    if let Some(w) = &w
        && w != "tests"
        && parse_function(w).is_none()
    {
        return err(
            &f.path("in"),
            format!("\"{w}\" is neither \"tests\" nor a function name/arity such as handle_info/2"),
        );
    }
    Ok(w)
}

fn where_text(within: &Option<String>) -> String {
    match within.as_deref() {
        None => String::new(),
        Some("tests") => " in the tests".to_string(),
        Some(f) => format!(" in {f}"),
    }
}

fn is_within(file: &File, call: &otp_audit_engine::model::Call, within: &Option<String>) -> bool {
    match within.as_deref() {
        None => true,
        Some("tests") => call.ctx.test.is_some(),
        Some(f) => {
            let Some((name, arity)) = parse_function(f) else {
                return false;
            };
            call.ctx
                .def
                .and_then(|d| file.defs.get(d as usize))
                .is_some_and(|d| d.name == name && d.arity == arity)
        }
    }
}

/// Text without whitespace, so `{ :get, key }` and `{:get,key}` compare equal.
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Is a clause's first argument the atom `c`, or a tuple tagged with it?
fn clause_matches(param: &str, c: &str) -> bool {
    let p = compact(param);
    let c = compact(c);
    // `:get = request` binds the whole pattern; look at the pattern side.
    let p = p.split('=').next().unwrap_or(&p).to_string();
    p == c
        || p.strip_prefix('{')
            .and_then(|r| r.strip_prefix(c.as_str()))
            .is_some_and(|r| r.starts_with(',') || r.starts_with('}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_specs() {
        let s = CallSpec::parse("GenServer.call/3").unwrap();
        assert_eq!(s.module.as_deref(), Some("GenServer"));
        assert_eq!((s.name.as_str(), s.arity), ("call", Some(3)));
        let s = CallSpec::parse(":ets.new").unwrap();
        assert_eq!(s.module.as_deref(), Some(":ets"));
        assert_eq!(CallSpec::parse("assert_receive").unwrap().module, None);
        assert!(CallSpec::parse("Foo.bar/x").is_none());
        assert!(CallSpec::parse("Foo.").is_none());
    }

    #[test]
    fn clauses() {
        assert!(clause_matches(":get", ":get"));
        assert!(clause_matches("{:get, key}", ":get"));
        assert!(clause_matches("{ :get }", ":get"));
        assert!(!clause_matches("{:get_all, key}", ":get"));
        assert!(!clause_matches("msg", ":get"));
    }
}
