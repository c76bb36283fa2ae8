//! What the audit's workers do: the page's own wasm module, loaded again in module
//! workers (see `pool`), reads a project archive and analyses or fixes batches of
//! files. Everything crosses the worker boundary as JSON text, and every function
//! here is plain Rust, tested natively.

use otp_audit_engine::{Engine, FileResult, Safety};
use otp_audit_project::archive::Named;
use otp_audit_project::project::{self, FixedFile, Setup};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The answer to a job: its value, or the message to show.
#[derive(Serialize, Deserialize, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Outcome<T> {
    Ok(T),
    Error(String),
}

/// What a batch of files gives: each file's result and its cross-file facts.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct Checked {
    pub results: Vec<FileResult>,
    pub facts: Vec<serde_json::Value>,
}

thread_local! {
    /// The engine of the last config text seen, rebuilt only when it changes.
    static ENGINE: RefCell<Option<(String, Engine)>> = const { RefCell::new(None) };
}

/// The config message: a project's [`Setup`] (config file and Mix folders), or
/// just its config file (`(name, text)` or `null`).
#[derive(Deserialize)]
#[serde(untagged)]
enum SetupMessage {
    Setup(Setup),
    Config(Option<Named>),
}

fn with_engine<T>(config_json: &str, f: impl FnOnce(&Engine) -> T) -> Result<T, String> {
    ENGINE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(c, _)| c != config_json) {
            let message: SetupMessage = serde_json::from_str(config_json)
                .map_err(|e| format!("bad config message: {e}"))?;
            let setup = match message {
                SetupMessage::Setup(s) => s,
                SetupMessage::Config(config) => Setup {
                    config,
                    ..Setup::default()
                },
            };
            let (engine, _) = setup.engine()?;
            *cell = Some((config_json.to_string(), engine));
        }
        Ok(f(&cell.as_ref().expect("set above").1))
    })
}

fn answer<T: Serialize>(r: Result<T, String>) -> String {
    let outcome = match r {
        Ok(v) => Outcome::Ok(v),
        Err(e) => Outcome::Error(e),
    };
    serde_json::to_string(&outcome).expect("outcomes serialize")
}

/// Read a zip archive's project: `Outcome<Sources>`.
pub fn read_zip(bytes: &[u8]) -> String {
    answer(project::from_zip(bytes, &project::browser_limits()))
}

/// Analyse a batch of `(path, text)` files: `Outcome<Checked>`. `config_json` is the
/// project's [`Setup`], or its `(file name, text)` or `null`.
pub fn check(config_json: &str, files_json: &str) -> String {
    match serde_json::from_str(files_json) {
        Ok(files) => check_files(config_json, files),
        Err(e) => answer::<()>(Err(format!("bad files message: {e}"))),
    }
}

fn check_files(config_json: &str, files: Vec<Named>) -> String {
    answer(with_engine(config_json, |engine| {
        let mut out = Checked::default();
        for (path, text) in &files {
            let (r, f) = project::check_file(engine, path, text);
            out.results.push(r);
            out.facts.push(f);
        }
        out
    }))
}

/// Apply the safe fixes to a batch of files: `Outcome<Vec<FixedFile>>`.
pub fn fix(config_json: &str, files_json: &str) -> String {
    match serde_json::from_str(files_json) {
        Ok(files) => fix_files(config_json, files),
        Err(e) => answer::<()>(Err(format!("bad files message: {e}"))),
    }
}

fn fix_files(config_json: &str, files: Vec<Named>) -> String {
    answer(with_engine(config_json, |engine| -> Vec<FixedFile> {
        project::fix(engine, &files, Safety::Safe)
    }))
}

/// Files as a flat JS array `[path, text, path, text, ...]`: how texts cross
/// between threads, since a structured clone of strings costs far less on the main
/// thread than JSON of the same megabytes.
pub fn to_flat(files: &[Named]) -> js_sys::Array {
    let out = js_sys::Array::new();
    for (p, t) in files {
        out.push(&JsValue::from_str(p));
        out.push(&JsValue::from_str(t));
    }
    out
}

/// The `(path, text)` pairs of a flat array.
pub fn from_flat(flat: &js_sys::Array) -> Vec<Named> {
    let n = flat.length() / 2;
    (0..n)
        .map(|i| {
            let get = |k: u32| flat.get(k).as_string().unwrap_or_default();
            (get(2 * i), get(2 * i + 1))
        })
        .collect()
}

/// Worker entry point, `read`: the project in a zip archive as a flat array, its
/// first element the [`Sources`](project::Sources) without files (JSON), then the
/// files as in [`to_flat`]; or the JSON of an [`Outcome::Error`].
#[doc(hidden)]
#[wasm_bindgen]
pub fn audit_read(bytes: &[u8]) -> JsValue {
    match project::from_zip(bytes, &project::browser_limits()) {
        Ok(mut sources) => {
            let files = std::mem::take(&mut sources.files);
            let flat = to_flat(&files);
            let meta = serde_json::to_string(&sources).expect("sources serialize");
            flat.unshift(&JsValue::from_str(&meta));
            flat.into()
        }
        Err(e) => JsValue::from_str(&answer::<()>(Err(e))),
    }
}

/// Worker entry point, `check` or `fix` a batch of files given as a flat array.
#[doc(hidden)]
#[wasm_bindgen]
pub fn audit_files(kind: &str, config_json: &str, files: js_sys::Array) -> String {
    let files = from_flat(&files);
    match kind {
        "check" => check_files(config_json, files),
        "fix" => fix_files(config_json, files),
        other => answer::<()>(Err(format!("unknown job {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_project::project::Sources;

    fn ok<T: for<'a> Deserialize<'a>>(s: &str) -> T {
        match serde_json::from_str::<Outcome<T>>(s).unwrap() {
            Outcome::Ok(v) => v,
            Outcome::Error(e) => panic!("{e}"),
        }
    }

    #[test]
    fn jobs_answer_json() {
        let zip = otp_audit_project::archive::write_zip(&[(
            "p/lib/a.ex",
            b"defmodule A do\n  def f(p), do: send(p, :x)\nend\n",
        )]);
        let sources: Sources = ok(&read_zip(&zip));
        assert_eq!(sources.files[0].0, "lib/a.ex");
        let files = serde_json::to_string(&sources.files).unwrap();
        let checked: Checked = ok(&check("null", &files));
        assert_eq!(checked.results[0].findings[0].rule, "otp/no-raw-send");
        assert_eq!(checked.facts.len(), 1);
        let config = serde_json::to_string(&Some((
            "otp-audit.toml",
            "[rules.\"otp/no-raw-send\"]\nenabled = false\n",
        )))
        .unwrap();
        let checked: Checked = ok(&check(&config, &files));
        assert!(checked.results[0].findings.is_empty(), "the config applies");
        let e = read_zip(b"nope");
        assert!(e.contains("error") && e.contains("Not a zip"), "{e}");
        let e = check("{\"bad\": 1}", &files);
        assert!(e.contains("bad config"), "{e}");
    }

    #[test]
    fn workers_scope_files_by_their_mix_project() {
        let zip = otp_audit_project::archive::write_zip(&[
            ("p/mix.exs", b"defmodule P.MixProject do\nend\n".as_slice()),
            ("p/installer/mix.exs", b"defmodule I.MixProject do\nend\n"),
            (
                "p/installer/lib/i.ex",
                b"defmodule I do\n  def f(p), do: send(p, :x)\nend\n",
            ),
        ]);
        let sources: Sources = ok(&read_zip(&zip));
        let setup = serde_json::to_string(&sources.setup()).unwrap();
        let batch = serde_json::to_string(&sources.files[..1]).unwrap();
        let checked: Checked = ok(&check(&setup, &batch));
        let i = &checked.results[0];
        assert_eq!(
            (i.path.as_str(), i.scope),
            ("installer/lib/i.ex", otp_audit_engine::FileScope::Lib)
        );
        assert_eq!(i.findings[0].rule, "otp/no-raw-send");
    }
}
