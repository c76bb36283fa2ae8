//! The reports the progress view follows: JSON reports picked together (or made
//! in this page), kept in time order in local storage, each removable.

use super::state::Kept;
use super::ui::Ui;
use crate::shared::dom;
use leptos::prelude::*;
use otp_audit_project::formats::json::{self, ReportFile};
use std::sync::Arc;

pub const STORAGE_KEY: &str = "otp-audit.audit.series";

/// Now, as a report's `generated_at`.
pub fn now_rfc3339() -> String {
    otp_audit_project::stamp::rfc3339((js_sys::Date::now() / 1000.0) as u64)
}

/// The series kept across a reload; an unreadable one is dropped.
pub fn load() -> Vec<Arc<Kept>> {
    dom::storage_get(STORAGE_KEY)
        .and_then(|t| serde_json::from_str::<Vec<Kept>>(&t).ok())
        .unwrap_or_default()
        .into_iter()
        .map(Arc::new)
        .collect()
}

fn save(ui: Ui, series: &[Arc<Kept>]) {
    let list: Vec<&Kept> = series.iter().map(|k| &**k).collect();
    let stored = serde_json::to_string(&list)
        .ok()
        .and_then(|text| dom::local_storage()?.set_item(STORAGE_KEY, &text).ok());
    if stored.is_none() {
        ui.note.set(Some(
            "These reports are too large to keep in the browser: after a reload, pick them again."
                .into(),
        ));
    }
}

/// `series` in the order the reports were made (see `progress::order`).
fn sorted(series: Vec<Arc<Kept>>) -> Vec<Arc<Kept>> {
    let files: Vec<&ReportFile> = series.iter().map(|k| &k.file).collect();
    let order = otp_audit_project::progress::order(&files);
    order.into_iter().map(|i| series[i].clone()).collect()
}

/// Add reports; one already in the series (the same document) is not added twice.
/// Returns how many were new.
pub fn add(ui: Ui, new: Vec<Kept>) -> usize {
    let mut series = ui.series.get_untracked();
    let mut added = 0;
    for k in new {
        if series.iter().any(|s| s.file == k.file) {
            continue;
        }
        series.push(Arc::new(k));
        added += 1;
    }
    let series = sorted(series);
    save(ui, &series);
    ui.series.set(series);
    added
}

pub fn remove(ui: Ui, index: usize) {
    let mut series = ui.series.get_untracked();
    if index < series.len() {
        series.remove(index);
    }
    save(ui, &series);
    ui.series.set(series);
}

/// Read JSON reports' texts; the first bad one's error is reported and the good
/// ones are added.
pub fn add_texts(ui: Ui, texts: Vec<(String, String)>) {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in texts {
        match json::read(&text) {
            Ok(file) => good.push(Kept { name, file }),
            Err(e) => errors.push(format!("`{name}`: {e}")),
        }
    }
    let n = good.len();
    let added = add(ui, good);
    ui.error.set(errors.into_iter().next());
    if added < n {
        ui.note.set(Some(format!(
            "{} already followed.",
            crate::text::count(n - added, "report is", "reports are")
        )));
    }
}
