//! The JavaScript API other pages can embed: `check(source, path, config)` returns
//! the findings as the CLI's `--format json` prints them. On the playground page it is
//! `window.wasmBindings.check`.

use crate::analysis::{self, ConfigInput};
use otp_audit_engine::rule::{Fixability, ParamSpec};
use otp_audit_engine::{Engine, Safety, rules};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    // Plain objects, not `Map`s, exactly as `JSON.parse` of the CLI's output gives.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn config_input(config: JsValue) -> Result<ConfigInput, JsError> {
    if config.is_null() || config.is_undefined() {
        Ok(ConfigInput::Defaults)
    } else if let Some(text) = config.as_string() {
        Ok(ConfigInput::Text(text))
    } else {
        let value: serde_json::Value = serde_wasm_bindgen::from_value(config)
            .map_err(|e| JsError::new(&format!("config: {e}")))?;
        Ok(ConfigInput::Json(value))
    }
}

fn engine(config: JsValue) -> Result<Engine, JsError> {
    let config = analysis::config_of_input(config_input(config)?).map_err(|e| JsError::new(&e))?;
    Ok(Engine::new(config))
}

/// Analyse `source` as the file `path` (which decides the rules that apply).
/// `config` is `null` for the defaults, the text of an `otp-audit.toml` or a
/// `.credo.exs`, or an object shaped like the TOML document. Returns the findings,
/// each as in the CLI's JSON report; throws on an invalid config.
#[wasm_bindgen]
pub fn check(source: &str, path: &str, config: JsValue) -> Result<JsValue, JsError> {
    let engine = engine(config)?;
    to_js(&analysis::check(&engine, path, source))
}

/// Apply every fix up to `safety` (`"safe"`, the default, or `"unsafe"`) until none
/// applies; returns `{text, applied, findings}`.
#[wasm_bindgen]
pub fn fix(
    source: &str,
    path: &str,
    config: JsValue,
    safety: Option<String>,
) -> Result<JsValue, JsError> {
    let engine = engine(config)?;
    let max = match safety.as_deref() {
        None | Some("safe") => Safety::Safe,
        Some("unsafe") => Safety::Unsafe,
        Some(other) => {
            return Err(JsError::new(&format!(
                "safety must be \"safe\" or \"unsafe\", got {other:?}"
            )));
        }
    };
    let out = engine.fix(path, source, max);
    #[derive(Serialize)]
    struct Fixed<'a> {
        text: &'a str,
        applied: usize,
        findings: &'a [otp_audit_engine::Finding],
    }
    to_js(&Fixed {
        text: &out.text,
        applied: out.applied,
        findings: &out.after.findings,
    })
}

/// Every rule: id, title, severity, scopes, fixability, parameters.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct RuleInfo {
        id: &'static str,
        title: &'static str,
        severity: otp_audit_engine::Severity,
        scopes: &'static [otp_audit_engine::FileScope],
        fix: Fixability,
        default_enabled: bool,
        params: &'static [ParamSpec],
    }
    let list: Vec<RuleInfo> = rules::ALL
        .iter()
        .map(|r| RuleInfo {
            id: r.id,
            title: r.title,
            severity: r.severity,
            scopes: r.scopes,
            fix: r.fix,
            default_enabled: r.default_enabled,
            params: r.params,
        })
        .collect();
    to_js(&list)
}

/// Analysis for the playground's worker: settings and results as JSON strings.
#[doc(hidden)]
#[wasm_bindgen]
pub fn worker_check(source: &str, path: &str, settings_json: &str) -> String {
    crate::worker::answer(source, path, settings_json)
}
