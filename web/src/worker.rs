//! Analysis off the main thread: the page's own wasm module, loaded a second time in
//! a module worker, answers `{seq, source, path, settings}` messages. Only the newest
//! request's answer is ever applied (see `app`), so answers cannot arrive out of order.
//! The worker keeps the last text's tree: a message that differs from the previous
//! one by a keystroke is re-parsed incrementally.

use crate::analysis::Settings;
use otp_audit_engine::{Document, Engine, Finding};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Milliseconds the analysis took in the worker.
    #[serde(default)]
    pub ms: f64,
}

thread_local! {
    /// The engine of the last settings seen, rebuilt only when they change.
    static ENGINE: RefCell<Option<(String, Engine)>> = const { RefCell::new(None) };
    /// The last text analysed and its tree.
    static DOC: RefCell<Option<Document>> = const { RefCell::new(None) };
}

/// Analyse in the worker; everything crosses the thread boundary as JSON text.
pub fn answer(source: &str, path: &str, settings_json: &str) -> String {
    let answer = ENGINE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(s, _)| s != settings_json) {
            let settings: Settings = match serde_json::from_str(settings_json) {
                Ok(s) => s,
                Err(e) => return error(format!("bad settings: {e}")),
            };
            match settings.to_config() {
                Ok(c) => *cell = Some((settings_json.to_string(), Engine::new(c))),
                Err(e) => return error(e),
            }
        }
        let (_, engine) = cell.as_ref().expect("set above");
        let findings = DOC.with(|doc| {
            let mut doc = doc.borrow_mut();
            match doc.as_mut() {
                Some(d) => {
                    d.set_text(source);
                }
                None => *doc = Some(Document::new(source)),
            }
            doc.as_ref()
                .expect("set above")
                .check(engine, path)
                .findings
        });
        Answer {
            error: None,
            findings,
            ms: 0.0,
        }
    });
    serde_json::to_string(&answer).expect("answers serialize")
}

fn error(message: String) -> Answer {
    Answer {
        error: Some(message),
        findings: Vec::new(),
        ms: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_json_findings() {
        let a: Answer = serde_json::from_str(&answer("send(p, :x)\n", "lib/a.ex", "{}")).unwrap();
        assert_eq!(a.error, None);
        assert_eq!(a.findings[0].rule, "otp/no-raw-send");
        let a: Answer =
            serde_json::from_str(&answer("", "lib/a.ex", "{\"rules\":{\"x/y\":{}}}")).unwrap();
        assert!(a.error.unwrap().contains("unknown rule"));
    }

    #[test]
    fn a_keystroke_later_the_answer_is_that_of_the_new_text() {
        let before = "defmodule A do\n  def f(p), do: send(p, :x)\nend\n";
        let after = before.replace("send(p, :x)", "GenServer.call(p, :x)");
        let rules = |source: &str| -> Vec<String> {
            let a: Answer = serde_json::from_str(&answer(source, "lib/a.ex", "{}")).unwrap();
            a.findings.into_iter().map(|f| f.rule).collect()
        };
        assert_eq!(rules(before), ["otp/no-raw-send"]);
        assert_eq!(rules(&after), ["otp/call-timeout"]);
        assert_eq!(rules(before), ["otp/no-raw-send"]);
    }
}
