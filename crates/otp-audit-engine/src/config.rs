//! Settings: which rules run, at what severity, with which parameters, on which
//! files. Read from `otp-audit.toml` ([`Config::from_toml`]) or imported from a
//! project's `.credo.exs` ([`crate::credo_config`]).

use crate::finding::Severity;
use crate::glob::PathPattern;
use crate::rules;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<String>),
}

impl ParamValue {
    fn type_name(&self) -> &'static str {
        match self {
            ParamValue::Bool(_) => "a boolean",
            ParamValue::Int(_) => "an integer",
            ParamValue::Str(_) => "a string",
            ParamValue::List(_) => "a list of strings",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleSettings {
    pub enabled: bool,
    pub severity: Severity,
    pub params: BTreeMap<String, ParamValue>,
}

/// Which files are analysed; paths are project-relative with `/`.
#[derive(Clone, Debug, Default)]
pub struct FileFilter {
    /// Empty means everything.
    pub include: Vec<PathPattern>,
    pub exclude: Vec<PathPattern>,
}

impl FileFilter {
    pub fn accepts(&self, path: &str) -> bool {
        // A `mix.exs` is read whatever `include` lists (a `.credo.exs` often names
        // only `lib/` and `test/`): the Elixir it allows decides whether a fix is safe
        // (config/compile-time-env). Only an `exclude` leaves it out.
        let mix_file = path == "mix.exs" || path.ends_with("/mix.exs");
        (self.include.is_empty() || mix_file || self.include.iter().any(|p| p.matches(path)))
            && !self.exclude.iter().any(|p| p.matches(path))
    }
}

/// Where the settings came from, for the user's benefit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "path")]
pub enum ConfigSource {
    Defaults,
    Toml(String),
    Credo(String),
}

#[derive(Clone, Debug)]
pub struct Config {
    pub files: FileFilter,
    rules: BTreeMap<&'static str, RuleSettings>,
    pub source: ConfigSource,
    /// Things the import could not map (Credo checks we do not implement...).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

pub(crate) fn error(message: impl Into<String>) -> ConfigError {
    ConfigError {
        message: message.into(),
    }
}

impl Default for Config {
    fn default() -> Self {
        let rules = rules::ALL
            .iter()
            .map(|r| {
                (
                    r.id,
                    RuleSettings {
                        enabled: r.default_enabled,
                        severity: r.severity,
                        params: BTreeMap::new(),
                    },
                )
            })
            .collect();
        Config {
            files: FileFilter::default(),
            rules,
            source: ConfigSource::Defaults,
            notes: Vec::new(),
        }
    }
}

impl Config {
    pub fn rule(&self, id: &str) -> Option<&RuleSettings> {
        self.rules.get(id)
    }

    /// Settings of a rule; errors name the rule and what to do.
    pub fn rule_mut(&mut self, id: &str) -> Result<&mut RuleSettings, ConfigError> {
        if !self.rules.contains_key(id) {
            return Err(unknown_rule(id));
        }
        Ok(self.rules.get_mut(id).expect("checked"))
    }

    pub fn set_enabled(&mut self, id: &str, on: bool) -> Result<(), ConfigError> {
        self.rule_mut(id)?.enabled = on;
        Ok(())
    }

    /// Set a parameter, checking its name and type against the rule's declaration.
    pub fn set_param(
        &mut self,
        id: &str,
        name: &str,
        value: ParamValue,
    ) -> Result<(), ConfigError> {
        let rule = rules::by_id(id).ok_or_else(|| unknown_rule(id))?;
        let Some(default) = rule.param_default(name) else {
            let known: Vec<_> = rule.params.iter().map(|p| p.name).collect();
            return Err(error(if known.is_empty() {
                format!(
                    "rule `{id}` has no parameter `{name}`; it takes only `enabled` and `severity`"
                )
            } else {
                format!(
                    "rule `{id}` has no parameter `{name}`; its parameters are: {}",
                    known.join(", ")
                )
            }));
        };
        if std::mem::discriminant(&default) != std::mem::discriminant(&value) {
            return Err(error(format!(
                "parameter `{name}` of rule `{id}` must be {}, got {}",
                default.type_name(),
                value.type_name()
            )));
        }
        self.rule_mut(id)?.params.insert(name.to_string(), value);
        Ok(())
    }

    pub fn enabled_rules(&self) -> impl Iterator<Item = (&'static rules::Rule, &RuleSettings)> {
        rules::ALL.iter().filter_map(|r| {
            let s = self.rules.get(r.id)?;
            s.enabled.then_some((*r, s))
        })
    }

    /// Parse an `otp-audit.toml`:
    ///
    /// ```toml
    /// [files]
    /// include = ["lib/**", "test/**"]
    /// exclude = ["lib/generated/**"]
    ///
    /// [rules."code/nesting"]
    /// max_nesting = 3
    ///
    /// [rules."test/no-assertion"]
    /// enabled = false
    /// ```
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| error(format!("not valid TOML: {e}")))?;
        let mut config = Config::default();
        for (key, value) in &table {
            match key.as_str() {
                "files" => config.files = parse_files(value)?,
                "rules" => {
                    let rules = value.as_table().ok_or_else(|| {
                        error("`rules` must be a table of `[rules.\"group/name\"]` tables")
                    })?;
                    for (id, settings) in rules {
                        config.apply_rule_table(id, settings)?;
                    }
                }
                other => {
                    return Err(error(format!(
                        "unknown key `{other}` in otp-audit.toml; expected `files` or `rules`"
                    )));
                }
            }
        }
        Ok(config)
    }

    fn apply_rule_table(&mut self, id: &str, value: &toml::Value) -> Result<(), ConfigError> {
        let table = value.as_table().ok_or_else(|| {
            error(format!(
                "`rules.\"{id}\"` must be a table, e.g. [rules.\"{id}\"] with `enabled = false`"
            ))
        })?;
        self.rule_mut(id)?;
        for (key, v) in table {
            match key.as_str() {
                "enabled" => {
                    let on = v.as_bool().ok_or_else(|| {
                        error(format!("`enabled` of rule `{id}` must be true or false"))
                    })?;
                    self.set_enabled(id, on)?;
                }
                "severity" => {
                    let s = v.as_str().and_then(Severity::parse).ok_or_else(|| {
                        error(format!(
                            "`severity` of rule `{id}` must be \"error\", \"warning\" or \"info\""
                        ))
                    })?;
                    self.rule_mut(id)?.severity = s;
                }
                name => {
                    let value = match v {
                        toml::Value::Boolean(b) => ParamValue::Bool(*b),
                        toml::Value::Integer(i) => ParamValue::Int(*i),
                        toml::Value::String(s) => ParamValue::Str(s.clone()),
                        toml::Value::Array(items) => ParamValue::List(
                            items
                                .iter()
                                .map(|i| {
                                    i.as_str().map(str::to_string).ok_or_else(|| {
                                        error(format!(
                                            "`{name}` of rule `{id}` must be a list of strings"
                                        ))
                                    })
                                })
                                .collect::<Result<_, _>>()?,
                        ),
                        _ => {
                            return Err(error(format!(
                                "`{name}` of rule `{id}` has an unsupported type"
                            )));
                        }
                    };
                    self.set_param(id, name, value)?;
                }
            }
        }
        Ok(())
    }
}

fn parse_files(value: &toml::Value) -> Result<FileFilter, ConfigError> {
    let table = value
        .as_table()
        .ok_or_else(|| error("`files` must be a table with `include` and `exclude` lists"))?;
    let mut filter = FileFilter::default();
    for (key, v) in table {
        let list = v
            .as_array()
            .ok_or_else(|| error(format!("`files.{key}` must be a list of path globs")))?;
        let patterns = list
            .iter()
            .map(|p| {
                p.as_str()
                    .map(PathPattern::glob)
                    .ok_or_else(|| error(format!("`files.{key}` must contain strings")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        match key.as_str() {
            "include" => filter.include = patterns,
            "exclude" => filter.exclude = patterns,
            other => {
                return Err(error(format!(
                    "unknown key `files.{other}`; expected `include` or `exclude`"
                )));
            }
        }
    }
    Ok(filter)
}

/// The rule id nearest to a mistyped `id`, if one is near enough to be the one meant.
pub fn closest_rule_id(id: &str) -> Option<&'static str> {
    rules::ALL
        .iter()
        .map(|r| (edit_distance(r.id, id), r.id))
        .min()
        .filter(|(d, _)| *d <= 4)
        .map(|(_, s)| s)
}

fn unknown_rule(id: &str) -> ConfigError {
    let suggestion = closest_rule_id(id)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    error(format!(
        "unknown rule `{id}`{suggestion}; run `otp-audit rules` to list the rule ids"
    ))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_sets_params_severity_and_files() {
        let c = Config::from_toml(
            r#"
            [files]
            exclude = ["lib/generated/**"]
            [rules."code/nesting"]
            max_nesting = 3
            severity = "error"
            [rules."otp/no-raw-send"]
            enabled = false
            "#,
        )
        .unwrap();
        let n = c.rule("code/nesting").unwrap();
        assert_eq!(n.params["max_nesting"], ParamValue::Int(3));
        assert_eq!(n.severity, Severity::Error);
        assert!(!c.rule("otp/no-raw-send").unwrap().enabled);
        assert!(!c.files.accepts("lib/generated/x.ex"));
        assert!(c.files.accepts("lib/x.ex"));
    }

    #[test]
    fn unknown_names_are_errors_that_suggest() {
        let e = Config::from_toml("[rules.\"otp/no-raw-sned\"]\nenabled = false").unwrap_err();
        assert!(e.message.contains("did you mean `otp/no-raw-send`"), "{e}");
        let e = Config::from_toml("[rules.\"code/nesting\"]\nmax_depth = 3").unwrap_err();
        assert!(e.message.contains("max_nesting"), "{e}");
        let e = Config::from_toml("[rules.\"code/nesting\"]\nmax_nesting = \"3\"").unwrap_err();
        assert!(e.message.contains("must be an integer"), "{e}");
        let e = Config::from_toml("[rulez]").unwrap_err();
        assert!(e.message.contains("unknown key `rulez`"), "{e}");
    }
}
