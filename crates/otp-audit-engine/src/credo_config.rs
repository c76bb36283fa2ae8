//! Import of a project's `.credo.exs`, read as data with tree-sitter, never evaluated.
//!
//! Understood: `%{configs: [%{name: "default", files: %{included: [...], excluded:
//! [...]}, checks: ...}]}` with `checks` as the legacy list `[{Check, params} |
//! {Check, false}]` or the map `%{enabled: [...], disabled: [...], extra: [...]}`.
//! Credo checks map to rules through each rule's `credo` names; checks that no rule
//! stands for are left to Credo (a note says so). Anything that is not a literal
//! (a variable, a function call) is an error that names the line: the file is
//! never run.

use crate::config::{Config, ConfigError, ConfigSource, ParamValue, error};
use crate::glob::PathPattern;
use crate::rules;
use crate::syntax::{self, grammar, named_children, text};
use tree_sitter::Node;

/// The rule that stands for Credo's `Unused*Operation` checks, one module each.
const UNUSED_OPERATION: &str = "code/unused-operation";

/// Parameters every Credo check accepts; they have no equivalent here.
const GENERAL_PARAMS: &[&str] = &["priority", "exit_status", "category", "tags", "files"];

/// Config keys that only matter to Credo itself.
const CREDO_ONLY_KEYS: &[&str] = &["requires", "plugins", "strict", "color", "parse_timeout"];

/// Literals deeper than this are refused, so that parsing cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Build a [`Config`] from the text of a `.credo.exs`.
pub fn from_credo_exs(text: &str) -> Result<Config, ConfigError> {
    let tree = crate::parse(text);
    let root = tree.root_node();
    if root.has_error() {
        return Err(syntax_error(root, text));
    }
    let top: Vec<Node> = syntax::statements(root).collect();
    let [top] = top.as_slice() else {
        let line = top.get(1).map(line_of).unwrap_or(1);
        return Err(at(
            line,
            "expected the whole file to be one map literal `%{configs: [...]}` (a .credo.exs is read as data, not run)",
        ));
    };
    let top = term(*top, text, 0)?;
    let configs = top
        .map_get("configs")
        .ok_or_else(|| at(top.line, "expected a map with a `configs:` key"))?;
    let Value::List(list) = &configs.value else {
        return Err(at(configs.line, "expected `configs:` to be a list of maps"));
    };
    let chosen = list
        .iter()
        .find(|c| c.map_get("name").and_then(Term::as_str) == Some("default"))
        .or_else(|| list.first())
        .ok_or_else(|| {
            at(
                configs.line,
                "`configs:` is empty; expected at least one config map",
            )
        })?;
    let Value::Map(entries) = &chosen.value else {
        return Err(at(
            chosen.line,
            "expected each config to be a map like `%{name: \"default\", checks: [...]}`",
        ));
    };

    let mut import = Import::new();
    for (key, value) in entries {
        match key.as_str() {
            "name" => {}
            "files" => import.files(value)?,
            "checks" => import.checks(value)?,
            k if CREDO_ONLY_KEYS.contains(&k) => {}
            other => import.config.notes.push(format!(
                "config key `{other}` (line {}) is left to Credo",
                value.line
            )),
        }
    }
    import.finish()
}

/// A literal from the file, with the line it starts on.
#[derive(Debug)]
struct Term {
    value: Value,
    line: usize,
}

#[derive(Debug)]
enum Value {
    /// Keys are atom names (`name:`, `:name =>`) or strings (`"name" =>`).
    Map(Vec<(String, Term)>),
    /// Keyword lists are lists of 2-tuples `{Atom, value}`.
    List(Vec<Term>),
    Tuple(Vec<Term>),
    Atom(String),
    /// A module name: `Credo.Check.Refactor.Nesting`.
    Alias(String),
    Str(String),
    Int(i64),
    Bool(bool),
    Nil,
    /// `~r/pattern/mods`.
    Regex(String, String),
}

impl Term {
    fn map_get(&self, key: &str) -> Option<&Term> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// `[a: 1]` as (name, value) pairs.
    fn as_keywords(&self) -> Option<Vec<(&str, &Term)>> {
        let Value::List(items) = &self.value else {
            return None;
        };
        items
            .iter()
            .map(|item| match &item.value {
                Value::Tuple(pair) => match pair.as_slice() {
                    [
                        Term {
                            value: Value::Atom(k),
                            ..
                        },
                        v,
                    ] => Some((k.as_str(), v)),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }
    fn describe(&self) -> &'static str {
        match self.value {
            Value::Map(_) => "a map",
            Value::List(_) => "a list",
            Value::Tuple(_) => "a tuple",
            Value::Atom(_) => "an atom",
            Value::Alias(_) => "a module name",
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Bool(_) => "a boolean",
            Value::Nil => "nil",
            Value::Regex(..) => "a regex",
        }
    }
}

fn line_of(node: &Node) -> usize {
    node.start_position().row + 1
}

fn left_to_credo_note(check: &str) -> String {
    format!("Credo check {check} is left to Credo")
}

/// The Credo check a configuration note is about, when the note says that the check
/// has no otp-audit equivalent (a stock `.credo.exs` has dozens: callers may count
/// them rather than list them).
pub fn left_to_credo(note: &str) -> Option<&str> {
    note.strip_prefix("Credo check ")?
        .strip_suffix(" is left to Credo")
}

/// An error at a line; the caller names the file (`path: line 3: ...`).
fn at(line: usize, message: impl std::fmt::Display) -> ConfigError {
    error(format!("line {line}: {message}"))
}

fn syntax_error(root: Node, src: &str) -> ConfigError {
    let bad = std::iter::once(root)
        .chain(syntax::descendants(root))
        .find(|n| n.is_error() || n.is_missing());
    match bad {
        Some(n) if n.is_missing() => at(
            line_of(&n),
            format!(
                "syntax error: `{}` is missing; expected a complete Elixir map literal",
                n.kind()
            ),
        ),
        Some(n) => {
            let snippet: String = text(n, src)
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(30)
                .collect();
            at(
                line_of(&n),
                format!(
                    "syntax error near `{snippet}`; expected an Elixir map literal like `%{{configs: [...]}}`"
                ),
            )
        }
        None => at(
            1,
            "syntax error; expected an Elixir map literal like `%{configs: [...]}`",
        ),
    }
}

/// Read a literal. Recursion is bounded by [`MAX_DEPTH`].
fn term(node: Node, src: &str, depth: usize) -> Result<Term, ConfigError> {
    let k = &grammar().kinds;
    let line = line_of(&node);
    if depth > MAX_DEPTH {
        return Err(at(
            line,
            format!("literals nested more than {MAX_DEPTH} levels deep are not supported"),
        ));
    }
    let kind = node.kind_id();
    let children = || named_children(node).filter(|c| c.kind_id() != k.comment);
    let value = if kind == k.map {
        let mut entries = Vec::new();
        for child in children() {
            if child.kind() != "map_content" {
                return Err(at(
                    line,
                    format!(
                        "expected a plain map, found `{}`",
                        one_line(text(node, src))
                    ),
                ));
            }
            for entry in named_children(child).filter(|c| c.kind_id() != k.comment) {
                if entry.kind_id() == k.keywords {
                    for (key, value) in keywords(entry, src, depth)? {
                        entries.push((key, value));
                    }
                } else if syntax::is_binary_op(entry, src, "=>") {
                    let g = grammar();
                    let (Some(l), Some(r)) = (
                        syntax::field(entry, g.fields.left),
                        syntax::field(entry, g.fields.right),
                    ) else {
                        return Err(at(line_of(&entry), "expected `key => value`"));
                    };
                    let key = term(l, src, depth + 1)?;
                    let key = match key.value {
                        Value::Atom(a) => a,
                        Value::Str(s) => s,
                        _ => {
                            return Err(at(
                                key.line,
                                format!(
                                    "expected an atom or string as map key, found {}",
                                    key.describe()
                                ),
                            ));
                        }
                    };
                    entries.push((key, term(r, src, depth + 1)?));
                } else {
                    return Err(at(
                        line_of(&entry),
                        format!(
                            "expected `key: value` in a map, found `{}`",
                            one_line(text(entry, src))
                        ),
                    ));
                }
            }
        }
        Value::Map(entries)
    } else if kind == k.list {
        let mut items = Vec::new();
        for child in children() {
            if child.kind_id() == k.keywords {
                for (key, value) in keywords(child, src, depth)? {
                    items.push(keyword_pair(key, value));
                }
            } else {
                items.push(term(child, src, depth + 1)?);
            }
        }
        Value::List(items)
    } else if kind == k.tuple {
        let mut items = Vec::new();
        for child in children() {
            if child.kind_id() == k.keywords {
                // `{Check, max: 3}` is `{Check, [max: 3]}`.
                let pairs = keywords(child, src, depth)?;
                items.push(Term {
                    value: Value::List(
                        pairs.into_iter().map(|(k, v)| keyword_pair(k, v)).collect(),
                    ),
                    line: line_of(&child),
                });
            } else {
                items.push(term(child, src, depth + 1)?);
            }
        }
        Value::Tuple(items)
    } else if kind == k.atom || kind == k.quoted_atom {
        let name = syntax::atom_name(node, src).ok_or_else(|| {
            at(
                line,
                "interpolated atoms are not supported; write the atom out",
            )
        })?;
        Value::Atom(name.to_string())
    } else if kind == k.alias {
        Value::Alias(text(node, src).split_whitespace().collect())
    } else if kind == k.string {
        Value::Str(
            string_content(node, src)
                .ok_or_else(|| at(line, "strings with interpolation are not supported"))?,
        )
    } else if kind == k.integer {
        Value::Int(parse_int(text(node, src)).ok_or_else(|| {
            at(
                line,
                format!("`{}` is not a supported integer", text(node, src)),
            )
        })?)
    } else if kind == k.unary_operator && syntax::operator(node, src) == "-" {
        let operand =
            syntax::field(node, grammar().fields.operand).filter(|o| o.kind_id() == k.integer);
        let n = operand.and_then(|o| parse_int(text(o, src)));
        Value::Int(-n.ok_or_else(|| {
            at(
                line,
                format!("expected a number, found `{}`", one_line(text(node, src))),
            )
        })?)
    } else if kind == k.boolean {
        Value::Bool(text(node, src) == "true")
    } else if kind == k.nil {
        Value::Nil
    } else if node.kind() == "sigil" {
        sigil(node, src)?
    } else {
        return Err(at(
            line,
            format!(
                "expected a literal (map, list, tuple, atom, module name, string, number or regex), found `{}`; a .credo.exs is read as data, not run",
                one_line(text(node, src))
            ),
        ));
    };
    Ok(Term { value, line })
}

fn keywords(node: Node, src: &str, depth: usize) -> Result<Vec<(String, Term)>, ConfigError> {
    let g = grammar();
    let mut out = Vec::new();
    for pair in named_children(node).filter(|c| c.kind_id() == g.kinds.pair) {
        let (Some(key), Some(value)) = (
            syntax::field(pair, g.fields.key),
            syntax::field(pair, g.fields.value),
        ) else {
            return Err(at(line_of(&pair), "expected `key: value`"));
        };
        if named_children(key).any(|c| c.kind_id() == g.kinds.interpolation) {
            return Err(at(line_of(&key), "interpolated keys are not supported"));
        }
        out.push((
            syntax::keyword_name(key, src).to_string(),
            term(value, src, depth + 1)?,
        ));
    }
    Ok(out)
}

fn keyword_pair(key: String, value: Term) -> Term {
    let line = value.line;
    Term {
        value: Value::Tuple(vec![
            Term {
                value: Value::Atom(key),
                line,
            },
            value,
        ]),
        line,
    }
}

fn parse_int(s: &str) -> Option<i64> {
    let digits: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()
    } else {
        digits.parse().ok()
    }
}

/// The content of a string without interpolation, common escapes decoded.
fn string_content(node: Node, src: &str) -> Option<String> {
    let mut out = String::new();
    for child in named_children(node) {
        match child.kind() {
            "quoted_content" => out.push_str(text(child, src)),
            "escape_sequence" => {
                let esc = text(child, src);
                out.push_str(match esc {
                    "\\n" => "\n",
                    "\\t" => "\t",
                    "\\r" => "\r",
                    "\\0" => "\0",
                    other => other.get(1..).unwrap_or(""),
                });
            }
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(out)
}

fn sigil(node: Node, src: &str) -> Result<Value, ConfigError> {
    let line = line_of(&node);
    let mut name = "";
    let mut modifiers = "";
    let mut content = String::new();
    let mut close = String::new();
    for i in 0..node.child_count() {
        let Some(child) = node.child(i) else { continue };
        match child.kind() {
            "sigil_name" => name = text(child, src),
            "sigil_modifiers" => modifiers = text(child, src),
            "quoted_content" | "escape_sequence" => content.push_str(text(child, src)),
            "interpolation" => return Err(at(line, "sigils with interpolation are not supported")),
            _ if child.is_named() => {}
            _ => {
                if !name.is_empty() {
                    close = text(child, src).to_string();
                }
            }
        }
    }
    match name {
        "r" | "R" => {
            // `~r/a\/b/`: the escaped delimiter is only there for the sigil.
            let delimiter = close.chars().last().map(String::from).unwrap_or_default();
            let pattern = if delimiter.is_empty() || close.len() > 1 {
                content
            } else {
                content.replace(&format!("\\{delimiter}"), &delimiter)
            };
            Ok(Value::Regex(pattern, modifiers.to_string()))
        }
        "w" | "W" => Ok(Value::List(
            content
                .split_whitespace()
                .map(|w| Term {
                    value: Value::Str(w.to_string()),
                    line,
                })
                .collect(),
        )),
        "s" | "S" => Ok(Value::Str(content)),
        other => Err(at(
            line,
            format!("the sigil `~{other}` is not supported here; use a string, a list or `~r`"),
        )),
    }
}

fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() < s.len() || line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The state of an import while the config's entries are applied.
struct Import {
    config: Config,
    /// `modules` of `code/unused-operation`, once a Credo `Unused*` check touched it.
    unused_modules: Option<Vec<String>>,
    /// Credo checks named under `checks.enabled`/`extra`, when the map form pins the set.
    pinned: Option<Vec<String>>,
}

/// What an entry asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Switch {
    On,
    Off,
}

impl Import {
    fn new() -> Import {
        let mut config = Config::default();
        config.source = ConfigSource::Credo(".credo.exs".to_string());
        Import {
            config,
            unused_modules: None,
            pinned: None,
        }
    }

    fn files(&mut self, value: &Term) -> Result<(), ConfigError> {
        let Value::Map(entries) = &value.value else {
            return Err(at(
                value.line,
                format!(
                    "expected `files:` to be a map like `%{{included: [...], excluded: [...]}}`, found {}",
                    value.describe()
                ),
            ));
        };
        for (key, list) in entries {
            let patterns = patterns(key, list)?;
            match key.as_str() {
                "included" => self.config.files.include = patterns,
                "excluded" => self.config.files.exclude = patterns,
                other => {
                    return Err(at(
                        list.line,
                        format!("unknown key `files.{other}`; expected `included` or `excluded`"),
                    ));
                }
            }
        }
        Ok(())
    }

    fn checks(&mut self, value: &Term) -> Result<(), ConfigError> {
        match &value.value {
            Value::List(items) => {
                for item in items {
                    self.entry(item, Switch::On)?;
                }
            }
            Value::Map(groups) => {
                for (key, list) in groups {
                    let switch = match key.as_str() {
                        "enabled" | "extra" => Switch::On,
                        "disabled" => Switch::Off,
                        other => {
                            return Err(at(
                                list.line,
                                format!(
                                    "unknown key `checks.{other}`; expected `enabled`, `disabled` or `extra`"
                                ),
                            ));
                        }
                    };
                    let Value::List(items) = &list.value else {
                        return Err(at(
                            list.line,
                            format!(
                                "expected `checks.{key}` to be a list of `{{Check, params}}` tuples, found {}",
                                list.describe()
                            ),
                        ));
                    };
                    if key == "enabled" {
                        self.pinned.get_or_insert_with(Vec::new);
                    }
                    for item in items {
                        let name = self.entry(item, switch)?;
                        if switch == Switch::On
                            && let Some(pinned) = &mut self.pinned
                        {
                            pinned.push(name);
                        }
                    }
                }
                // `extra` may come before `enabled`: collect it again once pinned.
                if self.pinned.is_some()
                    && let Some(extra) = value.map_get("extra")
                    && let Value::List(items) = &extra.value
                {
                    for item in items {
                        if let Ok((name, _)) = check_entry(item) {
                            self.pinned.get_or_insert_with(Vec::new).push(name);
                        }
                    }
                }
            }
            _ => {
                return Err(at(
                    value.line,
                    format!(
                        "expected `checks:` to be a list of `{{Check, params}}` tuples or a map with `enabled:`/`disabled:`, found {}",
                        value.describe()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Apply one `{Check, params}` entry; returns the check name.
    fn entry(&mut self, item: &Term, default: Switch) -> Result<String, ConfigError> {
        let (name, params) = check_entry(item)?;
        let (switch, params) = match params {
            None => (default, Vec::new()),
            Some(Term {
                value: Value::Bool(on),
                ..
            }) => (if *on { default } else { Switch::Off }, Vec::new()),
            Some(p) => match p.as_keywords() {
                Some(kw) => (default, kw),
                None => {
                    return Err(at(
                        p.line,
                        format!(
                            "expected the params of `{name}` to be a keyword list or `false`, found {}",
                            p.describe()
                        ),
                    ));
                }
            },
        };
        let Some(rule) = rules::ALL.iter().find(|r| r.credo.contains(&name.as_str())) else {
            if switch == Switch::On {
                self.config.notes.push(left_to_credo_note(&name));
            }
            return Ok(name);
        };
        for (param, value) in &params {
            if GENERAL_PARAMS.contains(param) {
                self.config.notes.push(format!(
                    "param `{param}` of {name} (line {}) has no equivalent and is ignored",
                    value.line
                ));
                continue;
            }
            let known = rule.id != UNUSED_OPERATION && rule.params.iter().any(|p| p.name == *param);
            if !known {
                let ours: Vec<&str> = if rule.id == UNUSED_OPERATION {
                    Vec::new()
                } else {
                    rule.params.iter().map(|p| p.name).collect()
                };
                return Err(at(
                    value.line,
                    if ours.is_empty() {
                        format!(
                            "{name} has no param `{param}` that otp-audit understands (it maps to rule `{}`, which takes none)",
                            rule.id
                        )
                    } else {
                        format!(
                            "{name} has no param `{param}` that otp-audit understands (it maps to rule `{}`, which takes: {})",
                            rule.id,
                            ours.join(", ")
                        )
                    },
                ));
            }
            let converted = param_value(value).ok_or_else(|| {
                at(value.line, format!("param `{param}` of {name} must be a number, boolean, string or list of names, found {}", value.describe()))
            })?;
            self.config
                .set_param(rule.id, param, converted)
                .map_err(|e| at(value.line, format!("{name}: {}", e.message)))?;
        }
        if rule.id == UNUSED_OPERATION {
            let module = unused_module(&name);
            self.switch_module(module, switch);
        } else {
            self.config.set_enabled(rule.id, switch == Switch::On)?;
        }
        Ok(name)
    }

    fn modules(&mut self) -> &mut Vec<String> {
        let config = &self.config;
        self.unused_modules.get_or_insert_with(|| {
            match config
                .rule(UNUSED_OPERATION)
                .and_then(|s| s.params.get("modules"))
            {
                Some(ParamValue::List(l)) => l.clone(),
                _ => crate::rules::code::unused_operation::MODULES
                    .iter()
                    .map(|m| m.to_string())
                    .collect(),
            }
        })
    }

    /// `Stream` goes with `Enum`: Credo has no check of its own for it.
    fn switch_module(&mut self, module: &str, switch: Switch) {
        let affected: &[&str] = if module == "Enum" {
            &["Enum", "Stream"]
        } else {
            std::slice::from_ref(&module)
        };
        let modules = self.modules();
        for m in affected {
            modules.retain(|x| x != m);
            if switch == Switch::On {
                modules.push(m.to_string());
            }
        }
    }

    fn finish(mut self) -> Result<Config, ConfigError> {
        // `checks: %{enabled: [...]}` names every Credo check that runs.
        if let Some(pinned) = self.pinned.take() {
            for rule in rules::ALL {
                let credo_builtin: Vec<&str> = rule
                    .credo
                    .iter()
                    .copied()
                    .filter(|c| c.starts_with("Credo.Check."))
                    .collect();
                if credo_builtin.is_empty() {
                    continue;
                }
                if rule.id == UNUSED_OPERATION {
                    for check in credo_builtin {
                        if !pinned.iter().any(|p| p == check) {
                            self.switch_module(unused_module(check), Switch::Off);
                        }
                    }
                } else if !credo_builtin.iter().any(|c| pinned.iter().any(|p| p == c)) {
                    self.config.set_enabled(rule.id, false)?;
                }
            }
        }
        if let Some(mut modules) = self.unused_modules.take() {
            let order = crate::rules::code::unused_operation::MODULES;
            modules.sort_by_key(|m| order.iter().position(|o| o == m).unwrap_or(order.len()));
            modules.dedup();
            let enabled = !modules.is_empty();
            if enabled {
                self.config
                    .set_param(UNUSED_OPERATION, "modules", ParamValue::List(modules))?;
            }
            self.config.set_enabled(UNUSED_OPERATION, enabled)?;
        }
        Ok(self.config)
    }
}

/// `{Check, params}`, `{Check, false}` or a bare `Check`.
fn check_entry(item: &Term) -> Result<(String, Option<&Term>), ConfigError> {
    match &item.value {
        Value::Alias(name) => Ok((name.clone(), None)),
        Value::Tuple(parts) => match parts.as_slice() {
            [
                Term {
                    value: Value::Alias(name),
                    ..
                },
            ] => Ok((name.clone(), None)),
            [
                Term {
                    value: Value::Alias(name),
                    ..
                },
                params,
            ] => Ok((name.clone(), Some(params))),
            _ => Err(at(
                item.line,
                "expected a `{Check, params}` tuple with a module name first",
            )),
        },
        _ => Err(at(
            item.line,
            format!(
                "expected a `{{Check, params}}` tuple, found {}",
                item.describe()
            ),
        )),
    }
}

/// `Credo.Check.Warning.UnusedStringOperation` → `String`.
fn unused_module(check: &str) -> &str {
    check
        .rsplit('.')
        .next()
        .and_then(|n| n.strip_prefix("Unused"))
        .and_then(|n| n.strip_suffix("Operation"))
        .unwrap_or(check)
}

fn param_value(term: &Term) -> Option<ParamValue> {
    Some(match &term.value {
        Value::Int(i) => ParamValue::Int(*i),
        Value::Bool(b) => ParamValue::Bool(*b),
        Value::Str(s) | Value::Atom(s) => ParamValue::Str(s.clone()),
        Value::List(items) => ParamValue::List(
            items
                .iter()
                .map(|i| match &i.value {
                    Value::Str(s) | Value::Atom(s) | Value::Alias(s) => Some(s.clone()),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// `files.included`/`excluded`: strings are globs or directories, `~r` are regexes.
fn patterns(key: &str, list: &Term) -> Result<Vec<PathPattern>, ConfigError> {
    let items: Vec<&Term> = match &list.value {
        Value::List(items) => items.iter().collect(),
        Value::Str(_) | Value::Regex(..) => vec![list],
        _ => {
            return Err(at(
                list.line,
                format!(
                    "expected `files.{key}` to be a list of paths, globs or regexes, found {}",
                    list.describe()
                ),
            ));
        }
    };
    items
        .into_iter()
        .map(|item| match &item.value {
            // Credo reads `"apps/*/lib/"` as everything below the matching directories.
            Value::Str(s) if s.ends_with('/') && s.contains(['*', '?', '[']) => {
                Ok(PathPattern::glob(&format!("{s}**")))
            }
            Value::Str(s) => Ok(PathPattern::glob(s)),
            Value::Regex(pattern, modifiers) => {
                let flags: String = modifiers
                    .chars()
                    .filter(|c| matches!(c, 'i' | 'm' | 's' | 'x'))
                    .collect();
                let source = if flags.is_empty() {
                    pattern.clone()
                } else {
                    format!("(?{flags}){pattern}")
                };
                regex_lite::Regex::new(&source)
                    .map(PathPattern::Regex)
                    .map_err(|e| {
                        at(
                            item.line,
                            format!("the regex `~r/{pattern}/` is not supported: {e}"),
                        )
                    })
            }
            _ => Err(at(
                item.line,
                format!(
                    "expected a path, glob or `~r` regex in `files.{key}`, found {}",
                    item.describe()
                ),
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    /// The shape of the audit plan's `.credo.exs`.
    const PLAN: &str = r#"
# Enforced in CI by `mix credo --strict`.
%{
  configs: [
    %{
      name: "default",
      files: %{
        included: ["lib/", "test/"],
        excluded: [~r"/_build/", ~r"/deps/", ~r"/test/support/"]
      },
      requires: ["./lib/foundation/credo_checks/"],
      strict: true,
      color: true,
      checks: [
        # Banned functions
        {Credo.Check.Warning.ForbiddenModule,
         modules: [
           {Process, [:spawn, :spawn_link], "Use a supervisor"},
           {:erlang, [:send], "Use GenServer.cast"}
         ]},
        {Foundation.CredoChecks.NoRawSend, []},
        {Foundation.CredoChecks.NoProcessSleep, []},
        {Foundation.CredoChecks.GenServerTimeout, []},
        {Credo.Check.Refactor.Nesting, max_nesting: 2},
        {Credo.Check.Warning.UnusedEnumOperation, []},
        {Credo.Check.Warning.UnusedKeywordOperation, []},
        {Credo.Check.Warning.UnusedListOperation, []},
        {Credo.Check.Warning.UnusedStringOperation, []},
        {Credo.Check.Warning.UnusedTupleOperation, []},
        {Credo.Check.Refactor.ModuleDependencies, false}
      ]
    }
  ]
}
"#;

    fn modules(c: &Config) -> Vec<String> {
        match c.rule(UNUSED_OPERATION).unwrap().params.get("modules") {
            Some(ParamValue::List(l)) => l.clone(),
            None => Vec::new(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn imports_the_audit_plan_config() {
        let c = from_credo_exs(PLAN).unwrap();
        assert_eq!(c.source, ConfigSource::Credo(".credo.exs".into()));
        assert_eq!(
            c.rule("code/nesting").unwrap().params["max_nesting"],
            ParamValue::Int(2)
        );
        for id in [
            "otp/no-raw-send",
            "test/no-sleep",
            "otp/call-timeout",
            "code/nesting",
            UNUSED_OPERATION,
        ] {
            assert!(c.rule(id).unwrap().enabled, "{id}");
        }
        // The list form keeps Credo's defaults for checks it does not name.
        assert_eq!(modules(&c), crate::rules::code::unused_operation::MODULES);
        assert!(c.files.accepts("lib/my_app/worker.ex"));
        assert!(c.files.accepts("test/my_app/worker_test.exs"));
        assert!(!c.files.accepts("test/support/helpers.ex"));
        assert!(!c.files.accepts("deps/jason/lib/jason.ex"));
        assert!(!c.files.accepts("_build/dev/lib/x.ex"));
        assert!(!c.files.accepts("config/config.exs"));
        // A project's `mix.exs` is read though `included` names only lib/ and test/.
        assert!(c.files.accepts("mix.exs"));
        assert!(c.files.accepts("apps/core/mix.exs"));
        assert_eq!(
            c.notes,
            ["Credo check Credo.Check.Warning.ForbiddenModule is left to Credo"]
        );
    }

    #[test]
    fn false_disables_and_unused_checks_narrow_the_modules() {
        let c = from_credo_exs(
            "%{configs: [%{checks: [\
               {Foundation.CredoChecks.NoRawSend, false},\
               {Credo.Check.Warning.UnusedStringOperation, false},\
               {Credo.Check.Warning.UnusedEnumOperation, false},\
               {Credo.Check.Refactor.Nesting, [max_nesting: 3]}]}]}",
        )
        .unwrap();
        assert!(!c.rule("otp/no-raw-send").unwrap().enabled);
        assert_eq!(
            modules(&c),
            ["List", "Keyword", "Tuple", "Map", "Path", "Regex", "File"]
        );
        assert_eq!(
            c.rule("code/nesting").unwrap().params["max_nesting"],
            ParamValue::Int(3)
        );

        let all_off: String = crate::rules::code::unused_operation::RULE
            .credo
            .iter()
            .map(|c| format!("{{{c}, false}},"))
            .collect();
        let c = from_credo_exs(&format!("%{{configs: [%{{checks: [{all_off}]}}]}}")).unwrap();
        assert!(!c.rule(UNUSED_OPERATION).unwrap().enabled);
    }

    #[test]
    fn map_form_pins_the_enabled_credo_checks() {
        let c = from_credo_exs(
            r#"%{
              configs: [
                %{name: "ci", checks: [{Credo.Check.Refactor.Nesting, max_nesting: 9}]},
                %{
                  name: "default",
                  checks: %{
                    enabled: [
                      {Credo.Check.Refactor.Nesting, max_nesting: 4},
                      {Credo.Check.Warning.UnusedMapOperation, []},
                      {Credo.Check.Readability.ModuleDoc, []}
                    ],
                    disabled: [
                      {Credo.Check.Warning.UnsafeToAtom, []},
                      {Foundation.CredoChecks.NoProcessSleep, []}
                    ]
                  }
                }
              ]
            }"#,
        )
        .unwrap();
        assert_eq!(
            c.rule("code/nesting").unwrap().params["max_nesting"],
            ParamValue::Int(4)
        );
        assert!(c.rule("code/nesting").unwrap().enabled);
        assert!(!c.rule("sec/unsafe-atom").unwrap().enabled);
        assert!(!c.rule("test/no-sleep").unwrap().enabled);
        // Not named in `enabled`: Credo would not run it.
        assert!(!c.rule("config/compile-time-env").unwrap().enabled);
        assert_eq!(modules(&c), ["Map"]);
        // Rules Credo has no check for keep their defaults.
        assert!(c.rule("otp/no-raw-send").unwrap().enabled);
        assert_eq!(
            c.notes,
            ["Credo check Credo.Check.Readability.ModuleDoc is left to Credo"]
        );
    }

    #[test]
    fn regex_and_glob_exclusions() {
        let c = from_credo_exs(
            r#"%{configs: [%{files: %{
                included: ["lib/", "apps/*/lib/"],
                excluded: [~r/\/generated\//, ~r{_pb\.ex$}, ~r"/LEGACY/"i, "lib/vendor/**/*.ex"]
            }}]}"#,
        )
        .unwrap();
        assert!(c.files.accepts("lib/a.ex"));
        assert!(c.files.accepts("apps/core/lib/a.ex"));
        assert!(!c.files.accepts("lib/generated/a.ex"));
        assert!(!c.files.accepts("lib/proto/user_pb.ex"));
        assert!(!c.files.accepts("lib/legacy/old.ex"));
        assert!(!c.files.accepts("lib/vendor/x/y.ex"));
        assert!(!c.files.accepts("test/a_test.exs"));
    }

    /// Umbrella projects write `Path.wildcard/2` alternatives; read as plain
    /// text they matched no file and the whole project came out clean.
    #[test]
    fn brace_alternatives_in_included() {
        let c = from_credo_exs(
            r#"%{configs: [%{files: %{included: ["lib/", "apps/*/{lib,test}/**/*.{ex,exs}"]}}]}"#,
        )
        .unwrap();
        assert!(c.files.accepts("apps/indexer/lib/indexer/fetcher.ex"));
        assert!(c.files.accepts("apps/indexer/test/fetcher_test.exs"));
        assert!(!c.files.accepts("apps/indexer/priv/seed.exs"));
    }

    #[test]
    fn unknown_params_are_errors_naming_check_and_param() {
        let e = from_credo_exs(
            "%{configs: [%{checks: [\n  {Credo.Check.Refactor.Nesting, max_depth: 3}\n]}]}",
        )
        .unwrap_err();
        assert!(e.message.contains("line 2"), "{e}");
        assert!(e.message.contains("Credo.Check.Refactor.Nesting"), "{e}");
        assert!(e.message.contains("`max_depth`"), "{e}");
        assert!(e.message.contains("max_nesting"), "{e}");

        let e = from_credo_exs(
            "%{configs: [%{checks: [{Credo.Check.Warning.UnusedEnumOperation, ignore: [:reduce]}]}]}",
        )
        .unwrap_err();
        assert!(
            e.message.contains("UnusedEnumOperation") && e.message.contains("`ignore`"),
            "{e}"
        );

        let e = from_credo_exs(
            "%{configs: [%{checks: [{Credo.Check.Refactor.Nesting, max_nesting: \"3\"}]}]}",
        )
        .unwrap_err();
        assert!(e.message.contains("must be an integer"), "{e}");

        // Credo's general params are accepted and noted.
        let c = from_credo_exs(
            "%{configs: [%{checks: [{Credo.Check.Refactor.Nesting, priority: :low, max_nesting: 3}]}]}",
        )
        .unwrap();
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
    }

    #[test]
    fn syntax_errors_and_code_say_where() {
        let e = from_credo_exs("%{\n  configs: [\n    %{name: \"default\",, checks: []}\n  ]\n}")
            .unwrap_err();
        assert!(e.message.contains("line 3"), "{e}");
        assert!(e.message.contains("syntax error"), "{e}");

        let e = from_credo_exs("%{\n  configs: [\n    %{checks: Path.wildcard(\"x\")}\n  ]\n}")
            .unwrap_err();
        assert!(
            e.message.contains("line 3") && e.message.contains("not run"),
            "{e}"
        );

        let e = from_credo_exs("checks = []\n%{configs: [%{checks: checks}]}").unwrap_err();
        assert!(e.message.contains("one map literal"), "{e}");

        let e = from_credo_exs("%{configs: %{}}").unwrap_err();
        assert!(e.message.contains("list of maps"), "{e}");

        let deep = format!("%{{configs: {}{}}}", "[".repeat(5_000), "]".repeat(5_000));
        let e = from_credo_exs(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{e}");
    }

    #[test]
    fn imported_max_nesting_reaches_the_engine() {
        let src = "defmodule A do\n  def f(a, b, c) do\n    if a do\n      if b do\n        if c, do: :deep\n      end\n    end\n  end\nend\n";
        let nesting = |config: Config| {
            Engine::new(config)
                .check("lib/a.ex", src)
                .findings
                .into_iter()
                .filter(|f| f.rule == "code/nesting")
                .count()
        };
        assert_eq!(nesting(Config::default()), 1);
        let c = from_credo_exs(
            "%{configs: [%{checks: [{Credo.Check.Refactor.Nesting, max_nesting: 3}]}]}",
        )
        .unwrap();
        assert_eq!(nesting(c), 0);
    }
}
