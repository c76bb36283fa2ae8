//! The inputs: drop a zip (or a JSON report) anywhere on the drop zone, pick a zip,
//! pick a folder, or open a report; the progress bar with its cancel button; the
//! error and note lines.

use super::run;
use super::ui::{Phase, Ui};
use crate::shared::dom;
use leptos::prelude::*;
use otp_audit_project::archive::human_bytes;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

/// Bigger inputs are refused before they are read into memory.
const MAX_ZIP_BYTES: f64 = 800.0 * 1024.0 * 1024.0;
const MAX_REPORT_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

async fn bytes_of(file: &File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("cannot read `{}`; pick it again", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn too_big(file: &File, max: f64, what: &str) -> Option<String> {
    (file.size() > max).then(|| {
        format!(
            "`{}` is {}, more than the {} a {what} may be here; use the command line for it",
            file.name(),
            human_bytes(file.size() as u64),
            human_bytes(max as u64)
        )
    })
}

fn open_file(ui: Ui, file: File) {
    run::picked();
    let name = file.name();
    let is_report = name.to_ascii_lowercase().ends_with(".json");
    leptos::task::spawn_local(async move {
        let (max, what) = if is_report {
            (MAX_REPORT_BYTES, "report")
        } else {
            (MAX_ZIP_BYTES, "project archive")
        };
        if let Some(e) = too_big(&file, max, what) {
            ui.error.set(Some(e));
            return;
        }
        let bytes = match bytes_of(&file).await {
            Ok(b) => b,
            Err(e) => return ui.error.set(Some(e)),
        };
        if is_report {
            match String::from_utf8(bytes) {
                Ok(text) => run::open_report(ui, name, &text),
                Err(_) => ui.error.set(Some(format!(
                    "`{name}` is not a text file; open the JSON file written by `otp-audit check --format json`"
                ))),
            }
        } else {
            run::open_zip(ui, name, bytes);
        }
    });
}

/// Several JSON reports at once, added to the series the progress view follows.
fn open_reports(ui: Ui, files: web_sys::FileList) {
    let picked: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    leptos::task::spawn_local(async move {
        let mut texts = Vec::new();
        for f in picked {
            if let Some(e) = too_big(&f, MAX_REPORT_BYTES, "report") {
                return ui.error.set(Some(e));
            }
            let bytes = match bytes_of(&f).await {
                Ok(b) => b,
                Err(e) => return ui.error.set(Some(e)),
            };
            match String::from_utf8(bytes) {
                Ok(text) => texts.push((f.name(), text)),
                Err(_) => {
                    return ui.error.set(Some(format!(
                        "`{}` is not a text file; pick the JSON files written by `otp-audit check --format json`",
                        f.name()
                    )));
                }
            }
        }
        super::series::add_texts(ui, texts);
        let _ = dom::window().location().set_hash("#/audit/progress");
    });
}

/// `webkitRelativePath`: the path of a picked folder's file, the folder first.
fn relative_path(file: &File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

fn open_folder(ui: Ui, files: web_sys::FileList) {
    run::picked();
    let t0 = dom::now();
    let mut picked: Vec<File> = Vec::new();
    for i in 0..files.length() {
        if let Some(f) = files.get(i) {
            picked.push(f);
        }
    }
    let Some(first) = picked.first() else { return };
    let name = relative_path(first)
        .split('/')
        .next()
        .unwrap_or("folder")
        .to_string()
        + "/";
    ui.error.set(None);
    ui.phase.set(Phase::Reading(name.clone()));
    leptos::task::spawn_local(async move {
        let mut entries = Vec::new();
        for f in picked {
            let path = relative_path(&f);
            // Read only what will be analysed: not node_modules, not assets.
            if !otp_audit_project::archive::wanted_in_folder(&path) {
                continue;
            }
            match bytes_of(&f).await {
                Ok(b) => entries.push((path, b)),
                Err(e) => {
                    ui.phase.set(Phase::Idle);
                    return ui.error.set(Some(e));
                }
            }
        }
        run::open_folder(ui, name, entries, t0);
    });
}

/// A generated project with planted findings (the corpus the tests use), opened as
/// if it were a picked folder: the audit without a project at hand.
fn open_sample(ui: Ui) {
    run::picked();
    let t0 = dom::now();
    let project = otp_audit_corpus::generate(&otp_audit_corpus::Options {
        seed: 19,
        files: 60,
        test_files: 30,
        violation_rate: 0.15,
    });
    let entries = project
        .files
        .into_iter()
        .map(|f| (format!("sample_project/{}", f.path), f.source.into_bytes()))
        .collect();
    run::open_folder(ui, "sample_project/".into(), entries, t0);
}

fn input_files(ev: &web_sys::Event) -> Option<(HtmlInputElement, web_sys::FileList)> {
    let input: HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let files = input.files()?;
    Some((input, files))
}

#[component]
pub fn Inputs(ui: Ui) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_file = move |ev: web_sys::Event| {
        if let Some((input, files)) = input_files(&ev) {
            if let Some(f) = files.get(0) {
                open_file(ui, f);
            }
            // The same file picked again is a new change.
            input.set_value("");
        }
    };
    let on_folder = move |ev: web_sys::Event| {
        if let Some((input, files)) = input_files(&ev) {
            open_folder(ui, files);
            input.set_value("");
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(f) = file {
            open_file(ui, f);
        }
    };
    let on_reports = move |ev: web_sys::Event| {
        if let Some((input, files)) = input_files(&ev) {
            open_reports(ui, files);
            input.set_value("");
        }
    };
    let busy = move || ui.phase.with(Phase::busy);
    // `webkitdirectory` has no typed attribute: set it on the element.
    let folder_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = folder_ref.get() {
            let _ = el.set_attribute("webkitdirectory", "");
        }
    });
    // Once a report is open the inputs shrink to one line, so the report starts high.
    let compact = move || ui.audit.with(Option::is_some) && !busy();
    view! {
        <section
            class="audit-inputs"
            class:compact=compact
            class:dragging=move || dragging.get()
            data-testid="drop-zone"
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            {move || if compact() {
                view! { <p class="lead">"Open another project, or drop its " <b>".zip"</b> " here:"</p> }.into_any()
            } else {
                view! {
                    <p class="lead">
                        "Drop a project's " <b>".zip"</b> " (GitHub's “Download ZIP” works) or a JSON report here. "
                        "The code is analysed in this page and never leaves it."
                    </p>
                }.into_any()
            }}
            <div class="pickers">
                <label class="picker file-button">
                    "Choose a project zip…"
                    <input type="file" accept=".zip,application/zip" data-testid="project-input"
                        prop:disabled=busy on:change=on_file />
                </label>
                <label class="picker file-button">
                    "Choose a project folder…"
                    <input type="file" node_ref=folder_ref multiple=true data-testid="folder-input"
                        prop:disabled=busy on:change=on_folder />
                </label>
                <label class="picker file-button">
                    "Open a JSON report…"
                    <input type="file" accept=".json,application/json" data-testid="report-input"
                        on:change=on_file />
                </label>
                <label class="picker file-button" title="Several reports of one project, from CI runs over time: the progress view">
                    "Follow progress: JSON reports…"
                    <input type="file" accept=".json,application/json" multiple=true data-testid="reports-input"
                        on:change=on_reports />
                </label>
                {move || (!compact()).then(|| view! {
                    <button class="sample" data-testid="sample-project" prop:disabled=busy
                        on:click=move |_| open_sample(ui)
                        title="A generated Mix project with planted findings, to see what a report looks like">
                        "Try a sample project"
                    </button>
                })}
            </div>
            <Progress ui=ui />
            {move || ui.error.get().map(|e| view! { <p class="audit-error" role="alert" data-testid="error">{crate::shared::message_view(&e)}</p> })}
            {move || ui.note.get().map(|n| view! { <p class="audit-note" data-testid="note">{crate::shared::message_view(&n)}</p> })}
        </section>
    }
}

#[component]
fn Progress(ui: Ui) -> impl IntoView {
    move || {
        match ui.phase.get() {
        Phase::Reading(name) => view! {
            <div class="audit-progress" data-testid="progress" data-done="0" data-total="0" data-state="reading">
                <progress></progress>
                <span>{format!("Reading {name}…")}</span>
                <button data-testid="cancel" on:click=move |_| run::cancel(ui)>"Cancel"</button>
            </div>
        }
        .into_any(),
        Phase::Analysing { done, total, bytes_done, bytes_total, workers } => view! {
            <div class="audit-progress" data-testid="progress" data-done=done.to_string()
                data-total=total.to_string() data-bytes-done=bytes_done.to_string()
                data-bytes-total=bytes_total.to_string() data-state="analysing">
                <progress max=total.max(1).to_string() value=done.to_string()></progress>
                <span>
                    {format!(
                        "{done} of {total} files, {} of {} ({workers} worker{})",
                        human_bytes(bytes_done as u64),
                        human_bytes(bytes_total as u64),
                        if workers == 1 { "" } else { "s" }
                    )}
                </span>
                <button data-testid="cancel" on:click=move |_| run::cancel(ui)>"Cancel"</button>
            </div>
        }
        .into_any(),
        Phase::Done { total, bytes, ms } => view! {
            <div class="audit-progress" data-testid="progress" data-done=total.to_string()
                data-total=total.to_string() data-bytes-done=bytes.to_string()
                data-bytes-total=bytes.to_string() data-state="done">
                <progress max=total.max(1).to_string() value=total.to_string()></progress>
                <span>{format!("Analysed {total} files ({}) in {:.2} s.", human_bytes(bytes as u64), ms / 1000.0)}</span>
            </div>
        }
        .into_any(),
        Phase::Idle => ().into_any(),
    }
    }
}
