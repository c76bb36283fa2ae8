//! Running an audit from the page: read the input (a zip in a worker, a folder's
//! files here), analyse batches of files in the worker pool with progress, conclude
//! the cross-file rules here, and show the report; fix in the workers on demand.
//! Every step checks that its run is still the current one, so a cancelled or
//! replaced run never touches the page.

use super::jobs::{Checked, Outcome, from_flat, to_flat};
use super::pool::{self, Job, Pool};
use super::route::View;
use super::state::{Audit, Kept, Origin, STORAGE_KEY};
use super::ui::{Phase, Ui};
use crate::shared::dom;
use leptos::prelude::*;
use otp_audit_engine::FileResult;
use otp_audit_project::archive::Named;
use otp_audit_project::project::{FixedFile, Sources};
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
    /// The current run; older runs' callbacks see a different number and stop.
    static RUN: Cell<u64> = const { Cell::new(0) };
    /// Safe fixes of the current audit, once computed.
    static FIXED: RefCell<Option<Rc<Vec<FixedFile>>>> = const { RefCell::new(None) };
    /// The location hash when the user picked the input of the current run.
    static RUN_HASH: RefCell<String> = const { RefCell::new(String::new()) };
}

pub fn pool() -> Pool {
    POOL.with(|p| {
        p.borrow_mut()
            .get_or_insert_with(|| Pool::new(pool::default_size()))
            .clone()
    })
}

fn location_hash() -> String {
    dom::window().location().hash().unwrap_or_default()
}

/// Note the view the user is on as they pick an input: reading the file comes later
/// (asynchronously), and a navigation meanwhile already counts.
pub fn picked() {
    RUN_HASH.with(|h| *h.borrow_mut() = location_hash());
}

fn new_run() -> u64 {
    RUN.with(|r| {
        r.set(r.get() + 1);
        r.get()
    })
}

fn current(run: u64) -> bool {
    RUN.with(|r| r.get()) == run
}

fn parse<T: for<'a> Deserialize<'a>>(answer: &wasm_bindgen::JsValue) -> Result<T, String> {
    let text = answer.as_string().unwrap_or_default();
    match serde_json::from_str::<Outcome<T>>(&text) {
        Ok(Outcome::Ok(v)) => Ok(v),
        Ok(Outcome::Error(e)) => Err(e),
        Err(e) => Err(format!("a worker's answer cannot be read: {e}")),
    }
}

fn fail(ui: Ui, run: u64, message: String) {
    if current(run) {
        ui.phase.set(Phase::Idle);
        ui.error.set(Some(message));
    }
}

fn begin(ui: Ui, name: &str) -> u64 {
    let run = new_run();
    FIXED.with(|f| *f.borrow_mut() = None);
    ui.error.set(None);
    ui.note.set(None);
    ui.phase.set(Phase::Reading(name.to_string()));
    run
}

/// Stop the current run: its workers are replaced, its callbacks never run.
pub fn cancel(ui: Ui) {
    new_run();
    pool().cancel();
    ui.phase.set(Phase::Idle);
    ui.note.set(Some("Cancelled.".into()));
}

/// Analyse a zip archive's bytes.
pub fn open_zip(ui: Ui, name: String, bytes: Vec<u8>) {
    let run = begin(ui, &name);
    let t0 = dom::now();
    let array = js_sys::Uint8Array::from(&bytes[..]);
    pool().submit(Job {
        kind: "read",
        config: String::new(),
        files: None,
        bytes: Some(array),
        done: Box::new(move |answer| {
            if !current(run) {
                return;
            }
            let Some(all) = answer.dyn_ref::<js_sys::Array>() else {
                let e = parse::<()>(&answer).err().unwrap_or_default();
                return fail(ui, run, format!("`{name}`: {e}"));
            };
            let meta = all.get(0).as_string().unwrap_or_default();
            let mut sources: Sources = match serde_json::from_str(&meta) {
                Ok(s) => s,
                Err(e) => return fail(ui, run, format!("a worker's answer cannot be read: {e}")),
            };
            let flat = all.slice(1, all.length());
            sources.files = from_flat(&flat);
            analyse(ui, run, name, Origin::Zip, sources, flat, Some(bytes), t0);
        }),
    });
}

/// Analyse a picked folder's files (`(path, bytes)`, paths starting with the folder).
pub fn open_folder(ui: Ui, name: String, entries: Vec<(String, Vec<u8>)>, t0: f64) {
    let run = begin(ui, &name);
    let limits = otp_audit_project::project::browser_limits();
    match otp_audit_project::project::from_folder(entries, &limits) {
        Ok(sources) => {
            let flat = to_flat(&sources.files);
            analyse(ui, run, name, Origin::Folder, sources, flat, None, t0)
        }
        Err(e) => fail(ui, run, e),
    }
}

/// Open a JSON report.
pub fn open_report(ui: Ui, name: String, text: &str) {
    new_run();
    FIXED.with(|f| *f.borrow_mut() = None);
    ui.note.set(None);
    ui.phase.set(Phase::Idle);
    match Audit::from_report(name, text) {
        Ok(audit) => {
            ui.error.set(None);
            show(ui, audit);
        }
        Err(e) => ui.error.set(Some(e)),
    }
}

/// Batches of about `target` bytes, so that every worker gets several and the
/// progress bar moves.
fn batches(files: &[Named], workers: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let target = (total / (workers.max(1) * 8)).clamp(16 * 1024, 512 * 1024);
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (_, t)) in files.iter().enumerate() {
        size += t.len();
        if size >= target {
            out.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    if start < files.len() {
        out.push(start..files.len());
    }
    out
}

struct Progress {
    results: Vec<Option<FileResult>>,
    facts: Vec<serde_json::Value>,
    left: usize,
    done_files: usize,
    done_bytes: usize,
}

/// Analyse `sources`, whose files are also in `flat` (`[path, text, ...]`, how
/// they travel to the workers).
#[allow(clippy::too_many_arguments)]
fn analyse(
    ui: Ui,
    run: u64,
    name: String,
    origin: Origin,
    sources: Sources,
    flat: js_sys::Array,
    zip: Option<Vec<u8>>,
    t0: f64,
) {
    let pool = pool();
    let workers = pool.size();
    let total = sources.files.len();
    let total_bytes = sources.total_bytes();
    ui.phase.set(Phase::Analysing {
        done: 0,
        total,
        bytes_done: 0,
        bytes_total: total_bytes,
        workers,
    });
    let config = serde_json::to_string(&sources.setup()).expect("setup serializes");
    let ranges = batches(&sources.files, workers);
    let progress = Rc::new(RefCell::new(Progress {
        results: vec![None; total],
        facts: vec![serde_json::Value::Null; total],
        left: ranges.len(),
        done_files: 0,
        done_bytes: 0,
    }));
    let sources = Rc::new(sources);
    let zip = Rc::new(RefCell::new(zip));
    let name = Rc::new(name);
    for range in ranges {
        let files = flat.slice(2 * range.start as u32, 2 * range.end as u32);
        let bytes: usize = sources.files[range.clone()]
            .iter()
            .map(|(_, t)| t.len())
            .sum();
        let (progress, sources, zip, name, origin) = (
            progress.clone(),
            sources.clone(),
            zip.clone(),
            name.clone(),
            origin.clone(),
        );
        pool.submit(Job {
            kind: "check",
            config: config.clone(),
            files: Some(files),
            bytes: None,
            done: Box::new(move |answer| {
                if !current(run) {
                    return;
                }
                let checked = match parse::<Checked>(&answer) {
                    Ok(c) => c,
                    Err(e) => {
                        new_run();
                        return fail(ui, run, e);
                    }
                };
                let finished = {
                    let mut p = progress.borrow_mut();
                    for (k, (r, f)) in checked.results.into_iter().zip(checked.facts).enumerate() {
                        p.results[range.start + k] = Some(r);
                        p.facts[range.start + k] = f;
                    }
                    p.left -= 1;
                    p.done_files += range.len();
                    p.done_bytes += bytes;
                    ui.phase.set(Phase::Analysing {
                        done: p.done_files,
                        total,
                        bytes_done: p.done_bytes,
                        bytes_total: total_bytes,
                        workers,
                    });
                    p.left == 0
                };
                if finished {
                    let mut p = progress.borrow_mut();
                    let mut results: Vec<FileResult> = p
                        .results
                        .drain(..)
                        .map(|r| r.expect("every batch answered"))
                        .collect();
                    let sources = Rc::try_unwrap(sources).unwrap_or_else(|s| (*s).clone());
                    let (source, efforts) = match super::state::conclude(
                        sources.config.as_ref(),
                        &sources,
                        &mut results,
                        &p.facts,
                    ) {
                        Ok(v) => v,
                        Err(e) => return fail(ui, run, e),
                    };
                    let mut audit = Audit::analysed(
                        (*name).clone(),
                        origin,
                        sources,
                        zip.borrow_mut().take(),
                        results,
                        &source,
                        &efforts,
                    );
                    let ms = dom::now() - t0;
                    audit.ms = Some(ms);
                    // A report made here is dated like the CLI's, for the progress view.
                    audit.file.stamp.generated_at = Some(super::series::now_rfc3339());
                    ui.phase.set(Phase::Done {
                        total,
                        bytes: total_bytes,
                        ms,
                    });
                    show(ui, audit);
                }
            }),
        });
    }
}

/// Show a new audit and keep its report for a reload.
fn show(ui: Ui, audit: Audit) {
    let audit = Arc::new(audit);
    let run = RUN.with(|r| r.get());
    let kept = audit.clone();
    // After the report is on screen, in a task of its own: megabytes of JSON.
    dom::set_timeout(0, move || {
        if !current(run) {
            return;
        }
        let kept = Kept {
            name: kept.name.clone(),
            file: kept.file.clone(),
        };
        let stored = serde_json::to_string(&kept)
            .ok()
            .and_then(|text| dom::local_storage()?.set_item(STORAGE_KEY, &text).ok());
        if stored.is_none() {
            ui.note.set(Some(
                "This report is too large to keep in the browser: after a reload, open it again (or export it as JSON).".into(),
            ));
        }
    });
    ui.audit.set(Some(audit));
    // A new project opens on its summary, unless the user went to another view while
    // it was analysed (a restored report stays browsable meanwhile): the run finishing
    // must not undo a newer navigation. The hash, not `ui.view`, is compared: a hash
    // set just now has not reached `ui.view` yet (its `hashchange` is still queued).
    let hash = location_hash();
    let moved = RUN_HASH.with(|h| *h.borrow() != hash);
    let summary = View::Summary;
    if !moved && View::parse(crate::sections::Section::rest(&hash)) != summary {
        let _ = dom::window().location().set_hash(&summary.href());
    }
}

/// The report kept by the last visit, if any.
pub fn restore(ui: Ui) {
    let Some(kept) = super::state::kept() else {
        return;
    };
    let plan = kept.file.plan();
    ui.note.set(Some(format!(
        "Showing the last report, of `{}`. Its files are not kept across a reload: drop the project again to see whole files and download fixes.",
        kept.name
    )));
    ui.audit.set(Some(Arc::new(Audit {
        name: kept.name,
        origin: Origin::Restored,
        file: kept.file,
        plan,
        sources: None,
        zip: None,
        ms: None,
    })));
}

type Then = Box<dyn FnOnce(&Audit, &[FixedFile])>;

/// Compute the safe fixes in the workers (once per audit), then `then` them.
pub fn with_fixes(ui: Ui, then: impl FnOnce(&Audit, &[FixedFile]) + 'static) {
    let Some(audit) = ui.audit.get_untracked() else {
        return;
    };
    if audit.sources.is_none() {
        ui.error
            .set(Some(format!("Cannot fix: {}.", super::state::NO_SOURCE)));
        return;
    }
    if let Some(fixed) = FIXED.with(|f| f.borrow().clone()) {
        then(&audit, &fixed);
        return;
    }
    let run = RUN.with(|r| r.get());
    let files = audit.fixable_files();
    let setup = audit
        .sources
        .as_ref()
        .map(|s| s.setup())
        .unwrap_or_default();
    let config = serde_json::to_string(&setup).expect("setup serializes");
    let pool = pool();
    let chunk = files.len().div_ceil(pool.size().max(1)).max(1);
    let parts: Vec<Vec<Named>> = files.chunks(chunk).map(|c| c.to_vec()).collect();
    ui.fixing.set(true);
    let left = Rc::new(Cell::new(parts.len()));
    let fixed: Rc<RefCell<Vec<FixedFile>>> = Rc::default();
    let then: Rc<RefCell<Option<Then>>> = Rc::new(RefCell::new(Some(Box::new(then))));
    let finish = {
        let (fixed, then) = (fixed.clone(), then.clone());
        move || {
            ui.fixing.set(false);
            let all = Rc::new(std::mem::take(&mut *fixed.borrow_mut()));
            FIXED.with(|f| *f.borrow_mut() = Some(all.clone()));
            if let (Some(audit), Some(then)) = (ui.audit.get_untracked(), then.borrow_mut().take())
            {
                then(&audit, &all);
            }
        }
    };
    if parts.is_empty() {
        finish();
        return;
    }
    let finish = Rc::new(finish);
    for part in parts {
        let (left, fixed, finish) = (left.clone(), fixed.clone(), finish.clone());
        pool.submit(Job {
            kind: "fix",
            config: config.clone(),
            files: Some(to_flat(&part)),
            bytes: None,
            done: Box::new(move |answer| {
                if !current(run) {
                    return;
                }
                match parse::<Vec<FixedFile>>(&answer) {
                    Ok(v) => fixed.borrow_mut().extend(v),
                    Err(e) => {
                        ui.fixing.set(false);
                        ui.error.set(Some(e));
                        new_run();
                        return;
                    }
                }
                left.set(left.get() - 1);
                if left.get() == 0 {
                    finish();
                }
            }),
        });
    }
}

/// Offer `bytes` as a download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = dom::document();
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            if let Some(a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) {
                a.click();
            }
            let _ = body.remove_child(&a);
        }
    }
    // Revoke later: the download starts asynchronously.
    dom::set_timeout(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_file_once_in_order() {
        let files: Vec<Named> = (0..100)
            .map(|i| (format!("lib/f{i}.ex"), "x".repeat(1000 + 97 * i)))
            .collect();
        for workers in [1, 2, 8] {
            let b = batches(&files, workers);
            assert!(b.len() >= 2, "more than one batch, so the bar moves");
            let flat: Vec<usize> = b.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, (0..100).collect::<Vec<_>>());
        }
        assert!(batches(&[], 2).is_empty());
    }
}
