//! The playground's settings and one analysis: a pasted `otp-audit.toml` or
//! `.credo.exs`, rule toggles and parameters on top of it, and the engine run on one
//! file exactly as the CLI runs it on a project of one file.

use otp_audit_engine::config::{ConfigSource, ParamValue};
use otp_audit_engine::{Config, Engine, Finding, Safety, Severity, credo_config, fix};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Settings as the user made them; serialized into share links and localStorage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// A pasted `otp-audit.toml` or `.credo.exs`; empty for the defaults.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub config_text: String,
    /// Changes made in the rules panel, applied over the pasted config.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleOverride>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, ParamValue>,
}

impl RuleOverride {
    pub fn is_empty(&self) -> bool {
        self.enabled.is_none() && self.severity.is_none() && self.params.is_empty()
    }
}

/// Is this text a `.credo.exs` (an Elixir map literal) rather than TOML?
pub fn looks_like_credo(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    body.is_some_and(|l| l.starts_with("%{"))
}

/// Parse a pasted config text: a `.credo.exs` when it looks like one, else TOML.
pub fn parse_config_text(text: &str) -> Result<Config, String> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    if looks_like_credo(text) {
        credo_config::from_credo_exs(text).map_err(|e| format!(".credo.exs: {e}"))
    } else {
        let mut c = Config::from_toml(text).map_err(|e| format!("otp-audit.toml: {e}"))?;
        c.source = ConfigSource::Toml("otp-audit.toml".into());
        Ok(c)
    }
}

/// An engine error as the page says it: the settings panel lists every rule, so no
/// pointer to the command line.
fn page_wording(e: String) -> String {
    e.replace(
        "run `otp-audit rules` to list the rule ids",
        "the Rules list below has every id",
    )
}

impl Settings {
    /// The engine configuration these settings describe.
    pub fn to_config(&self) -> Result<Config, String> {
        self.build_config().map_err(page_wording)
    }

    fn build_config(&self) -> Result<Config, String> {
        let mut config = parse_config_text(&self.config_text)?;
        for (id, o) in &self.rules {
            let rule = config.rule_mut(id).map_err(|e| e.to_string())?;
            if let Some(on) = o.enabled {
                rule.enabled = on;
            }
            if let Some(s) = o.severity {
                rule.severity = s;
            }
            for (name, value) in &o.params {
                config
                    .set_param(id, name, value.clone())
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(config)
    }

    /// The settings of the pasted config alone (the defaults when it is invalid).
    fn base(&self) -> Config {
        parse_config_text(&self.config_text).unwrap_or_default()
    }

    /// Turn a rule on or off; an override that equals the pasted config is dropped.
    pub fn set_enabled(&mut self, id: &str, on: bool) {
        let base = self.base().rule(id).map(|r| r.enabled);
        self.update_rule(id, |o| o.enabled = (base != Some(on)).then_some(on));
    }

    pub fn set_severity(&mut self, id: &str, severity: Severity) {
        let base = self.base().rule(id).map(|r| r.severity);
        self.update_rule(id, |o| {
            o.severity = (base != Some(severity)).then_some(severity)
        });
    }

    pub fn set_param(&mut self, id: &str, name: &str, value: ParamValue) {
        let base = self.base();
        let current = base
            .rule(id)
            .and_then(|r| r.params.get(name).cloned())
            .or_else(|| otp_audit_engine::rules::by_id(id).and_then(|r| r.param_default(name)));
        self.update_rule(id, |o| {
            if current.as_ref() == Some(&value) {
                o.params.remove(name);
            } else {
                o.params.insert(name.to_string(), value);
            }
        });
    }

    /// Set or clear one override, dropping empty entries.
    pub fn update_rule(&mut self, id: &str, f: impl FnOnce(&mut RuleOverride)) {
        let entry = self.rules.entry(id.to_string()).or_default();
        f(entry);
        if entry.is_empty() {
            self.rules.remove(id);
        }
    }
}

/// Analyse one file as the CLI does (the cross-file rules see a project of one file).
pub fn check(engine: &Engine, path: &str, source: &str) -> Vec<Finding> {
    engine
        .check_project(&[(path, source)])
        .pop()
        .map(|r| r.findings)
        .unwrap_or_default()
}

/// The text after applying one fix.
pub fn apply_fix(source: &str, fix: &otp_audit_engine::Fix) -> String {
    let edits: Vec<&otp_audit_engine::Edit> = fix.edits.iter().collect();
    fix::apply_edits(source, &edits).0
}

/// The text after applying every safe fix, to a fixpoint, and how many were applied.
pub fn fix_all_safe(engine: &Engine, path: &str, source: &str) -> (String, usize) {
    let out = engine.fix(path, source, Safety::Safe);
    (out.text, out.applied)
}

/// The `config` argument of the JavaScript API: nothing, the text of an
/// `otp-audit.toml` or `.credo.exs`, or the TOML document as an object.
pub enum ConfigInput {
    Defaults,
    Text(String),
    Json(serde_json::Value),
}

pub fn config_of_input(input: ConfigInput) -> Result<Config, String> {
    match input {
        ConfigInput::Defaults => Ok(Config::default()),
        ConfigInput::Text(t) => parse_config_text(&t),
        ConfigInput::Json(v) => {
            let table: toml::Table = serde::Deserialize::deserialize(v)
                .map_err(|e| format!("config object is not a TOML document: {e}"))?;
            let text = toml::to_string(&table).map_err(|e| e.to_string())?;
            Config::from_toml(&text).map_err(|e| e.to_string())
        }
    }
}

/// What a pasted config changes from the defaults, one line per rule, for example
/// `` `code/nesting`: max_nesting 5 `` or `` `otp/no-raw-send`: off ``.
pub fn config_changes(config: &Config) -> Vec<String> {
    let defaults = Config::default();
    let show = |v: &ParamValue| match v {
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Int(n) => n.to_string(),
        ParamValue::Str(s) => format!("\"{s}\""),
        ParamValue::List(l) => format!("[{}]", l.join(", ")),
    };
    otp_audit_engine::rules::ALL
        .iter()
        .filter_map(|r| {
            let (now, was) = (config.rule(r.id)?, defaults.rule(r.id)?);
            let mut parts = Vec::new();
            if now.enabled != was.enabled {
                parts.push(if now.enabled { "on" } else { "off" }.to_string());
            }
            if now.severity != was.severity {
                parts.push(now.severity.as_str().to_string());
            }
            for (name, v) in &now.params {
                let default = r
                    .params
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| (p.default)());
                if default.as_ref() != Some(v) {
                    parts.push(format!("{name} {}", show(v)));
                }
            }
            (!parts.is_empty()).then(|| format!("`{}`: {}", r.id, parts.join(", ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pasted_config_says_what_it_changed() {
        let c = super::parse_config_text(
            "[rules.\"code/nesting\"]\nmax_nesting = 5\n[rules.\"otp/no-raw-send\"]\nenabled = false\n",
        )
        .unwrap();
        assert_eq!(
            super::config_changes(&c),
            // In the order of the rule list.
            ["`otp/no-raw-send`: off", "`code/nesting`: max_nesting 5"]
        );
        assert!(super::config_changes(&otp_audit_engine::Config::default()).is_empty());
        let bad = super::Settings {
            config_text: "[rules.\"otp/no-such\"]\nenabled = false\n".into(),
            ..Default::default()
        };
        let e = bad.to_config().unwrap_err();
        assert!(
            e.contains("the Rules list below") && !e.contains("otp-audit rules"),
            "{e}"
        );
    }

    use super::*;

    #[test]
    fn overrides_apply_over_the_pasted_config() {
        let mut s = Settings {
            config_text: "[rules.\"code/nesting\"]\nmax_nesting = 3\n".into(),
            ..Settings::default()
        };
        s.update_rule("otp/no-raw-send", |o| o.enabled = Some(false));
        s.update_rule("otp/call-timeout", |o| {
            o.params.insert("timeout".into(), ParamValue::Int(10_000));
        });
        let c = s.to_config().unwrap();
        assert!(!c.rule("otp/no-raw-send").unwrap().enabled);
        assert_eq!(
            c.rule("code/nesting").unwrap().params["max_nesting"],
            ParamValue::Int(3)
        );
        s.update_rule("otp/no-raw-send", |o| o.enabled = None);
        assert!(!s.rules.contains_key("otp/no-raw-send"));
    }

    #[test]
    fn overrides_equal_to_the_pasted_config_are_dropped() {
        let mut s = Settings::default();
        s.set_enabled("otp/no-raw-send", false);
        s.set_enabled("otp/no-raw-send", true);
        assert!(s.rules.is_empty());
        s.set_param("code/nesting", "max_nesting", ParamValue::Int(9));
        assert!(!s.rules.is_empty());
        let default = otp_audit_engine::rules::by_id("code/nesting")
            .and_then(|r| r.param_default("max_nesting"))
            .unwrap();
        s.set_param("code/nesting", "max_nesting", default);
        assert!(s.rules.is_empty());
        s.config_text = "[rules.\"otp/no-raw-send\"]\nenabled = false\n".into();
        s.set_enabled("otp/no-raw-send", false);
        assert!(s.rules.is_empty());
        s.set_severity("otp/no-raw-send", Severity::Error);
        assert_eq!(s.rules["otp/no-raw-send"].severity, Some(Severity::Error));
    }

    #[test]
    fn credo_and_toml_are_told_apart() {
        assert!(looks_like_credo("# credo\n%{configs: []}"));
        assert!(!looks_like_credo("[rules.\"x\"]"));
        let c = parse_config_text(
            "%{configs: [%{name: \"default\", checks: [{Credo.Check.Refactor.Nesting, max_nesting: 4}]}]}",
        )
        .unwrap();
        assert_eq!(
            c.rule("code/nesting").unwrap().params["max_nesting"],
            ParamValue::Int(4)
        );
        let e = parse_config_text("[rules.\"otp/no-raw-sned\"]\nenabled = false").unwrap_err();
        assert!(e.contains("did you mean"), "{e}");
    }

    #[test]
    fn settings_round_trip_as_json() {
        let mut s = Settings::default();
        s.update_rule("code/nesting", |o| {
            o.severity = Some(Severity::Error);
            o.params.insert("max_nesting".into(), ParamValue::Int(2));
        });
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
        assert_eq!(serde_json::to_string(&Settings::default()).unwrap(), "{}");
    }

    #[test]
    fn config_objects_are_toml_documents() {
        let v = serde_json::json!({"rules": {"otp/call-timeout": {"timeout": 10000}}});
        let c = config_of_input(ConfigInput::Json(v)).unwrap();
        assert_eq!(
            c.rule("otp/call-timeout").unwrap().params["timeout"],
            ParamValue::Int(10000)
        );
        assert!(config_of_input(ConfigInput::Json(serde_json::json!({"nope": 1}))).is_err());
    }

    #[test]
    fn one_file_is_checked_like_the_cli_does() {
        let engine = Engine::default();
        let src = "defmodule W do\n  def ping(pid), do: send(pid, :ping)\nend\n";
        let f = check(&engine, "lib/w.ex", src);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "otp/no-raw-send");
        assert_eq!(f[0].start.line, 2);
        // A test module without assertions is a cross-file finding.
        let t = "defmodule WTest do\n  use ExUnit.Case\n  test \"x\" do\n    :ok\n  end\nend\n";
        let f = check(&engine, "test/w_test.exs", t);
        assert!(f.iter().any(|f| f.rule == "test/no-assertion"), "{f:?}");
    }

    #[test]
    fn fix_all_safe_adds_the_call_timeout() {
        let engine = Engine::default();
        let src = "defmodule C do\n  def get(s), do: GenServer.call(s, :get)\nend\n";
        let (text, n) = fix_all_safe(&engine, "lib/c.ex", src);
        assert_eq!(n, 1);
        assert!(text.contains("GenServer.call(s, :get, 5_000)"), "{text}");
    }
}
