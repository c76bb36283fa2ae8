//! The exercise list: tracks with their overview and progress, trainer packs, and
//! progress export, import and reset.

use super::catalog::Route;
use super::{Ws, files};
use leptos::prelude::*;
use otp_audit_workshop::Progress;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

fn input_of(ev: &web_sys::Event) -> Option<HtmlInputElement> {
    ev.target()?.dyn_into::<HtmlInputElement>().ok()
}

fn choose_pack(ws: Ws, ev: web_sys::Event) {
    let Some(input) = input_of(&ev) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        match files::read_chosen(&input).await {
            Some(Ok((name, text))) => ws.load_pack(&name, &text),
            Some(Err(e)) => ws.pack_error.set(Some(e)),
            None => {}
        }
    });
}

fn import_progress(ws: Ws, ev: web_sys::Event) {
    let Some(input) = input_of(&ev) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        match files::read_chosen(&input).await {
            Some(Ok((name, text))) => match Progress::from_json(&text) {
                Ok(p) => {
                    let n = p.solved.len();
                    ws.update_progress(|mine| mine.merge(p));
                    ws.notice
                        .set(Some(format!("Imported {name}: {n} solved exercises.")));
                }
                Err(e) => ws.notice.set(Some(format!(
                    "{name}: {e}. Choose a file saved with \"Export progress\"."
                ))),
            },
            Some(Err(e)) => ws.notice.set(Some(e)),
            None => {}
        }
    });
}

fn export_progress(ws: Ws) {
    let json = ws.progress.with_untracked(Progress::to_json);
    files::download(
        "otp-audit-workshop-progress.json",
        &json,
        "application/json",
    );
}

/// A click anywhere on an exercise's row opens it, as its link does.
fn open_row(ev: &web_sys::MouseEvent) {
    let Some(row) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if row.closest("a").ok().flatten().is_some() {
        return; // the link itself navigates
    }
    let href = row
        .closest("li")
        .ok()
        .flatten()
        .and_then(|li| li.query_selector("a").ok().flatten())
        .and_then(|a| a.get_attribute("href"));
    if let Some(h) = href {
        let _ = crate::shared::dom::window().location().set_hash(&h);
    }
}

#[component]
pub fn ListView(ws: Ws) -> impl IntoView {
    let confirm_reset = RwSignal::new(false);
    // The last audit's schedule, so each track says when its stage comes.
    let last = crate::shared::last_report::kept().map(|k| (k.name.clone(), k.file.plan().schedule));
    view! {
        <div class="ws-list page">
            <section class="ws-intro">
                <h2>"Fix it until the analyser agrees"</h2>
                <p>
                    "Each exercise is a file from a real-looking Elixir project with an OTP or test problem. "
                    "Change the code until the targeted findings are gone and the behaviour checks still hold. "
                    "Everything runs in this page: after the first visit it works offline."
                </p>
            </section>
            <section class="ws-tools" aria-label="Packs and progress">
                <label class="ws-file file-button">
                    "Load a trainer pack…"
                    <input type="file" accept=".json,application/json" data-testid="pack-input"
                        on:change=move |ev| choose_pack(ws, ev) />
                </label>
                <button data-testid="export-progress" on:click=move |_| export_progress(ws)>"Export progress"</button>
                <label class="ws-file file-button">
                    "Import progress…"
                    <input type="file" accept=".json,application/json" data-testid="progress-input"
                        on:change=move |ev| import_progress(ws, ev) />
                </label>
                <span class="ws-file">
                    "Example pack: "
                    <a href="packs/example-trainer-pack.json" download="example-trainer-pack.json">"download"</a>
                    " · "
                    <a href="#/workshop?pack=packs/example-trainer-pack.json" data-testid="load-example-pack">"load"</a>
                </span>
                {move || if confirm_reset.get() {
                    view! {
                        <span class="ws-confirm">
                            "Forget every solved exercise and draft? "
                            <button data-testid="reset-confirm" on:click=move |_| {
                                ws.update_progress(|p| *p = Progress::default());
                                confirm_reset.set(false);
                                ws.notice.set(Some("Progress reset.".into()));
                            }>"Reset"</button>
                            <button class="subtle" on:click=move |_| confirm_reset.set(false)>"Keep"</button>
                        </span>
                    }.into_any()
                } else {
                    view! { <button class="subtle" data-testid="reset-progress" on:click=move |_| confirm_reset.set(true)>"Reset progress"</button> }.into_any()
                }}
            </section>
            {move || ws.pack_error.get().map(|e| view! {
                <div class="config-error ws-pack-error" role="alert" data-testid="pack-error">{crate::shared::message_view(&e)}</div>
            })}
            {move || ws.pack_warnings.with(|w| (!w.is_empty()).then(|| view! {
                <div class="config-error ws-pack-error" data-testid="pack-warnings">
                    "The pack loaded, but some exercises cannot be solved as written:"
                    <ul>{w.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                </div>
            }))}
            {move || ws.catalog.with(|c| {
                c.tracks().map(|(pack, track)| {
                    let exercises: Vec<_> = pack.track_exercises(&track.id).cloned().collect();
                    let stage = super::stage::label(
                        &super::stage::of_track(&exercises),
                        last.as_ref().map(|(n, s)| (n.as_str(), s)),
                    );
                    let total = exercises.len();
                    let ids: Vec<String> = exercises.iter().map(|e| e.id.clone()).collect();
                    let done = Signal::derive(move || ws.progress.with(|p| ids.iter().filter(|id| p.is_solved(id)).count()));
                    let trainer = (!c.is_builtin(&pack.id)).then(|| {
                        let pack_id = pack.id.clone();
                        view! {
                            <p class="ws-pack-note">
                                "From the trainer pack “" {pack.title.clone()} "”. "
                                <button class="subtle" data-testid="remove-pack" on:click=move |_| ws.remove_pack(&pack_id)>"Remove pack"</button>
                            </p>
                        }
                    });
                    view! {
                        <section class="ws-track" data-testid="track" data-id=track.id.clone()>
                            <div class="ws-track-head">
                                <h2>{track.title.clone()}</h2>
                                <span class="ws-count">{move || format!("{} / {total} solved", done.get())}</span>
                                <progress max=total value=done></progress>
                            </div>
                            <p class="ws-stage" data-testid="track-stage">{stage}</p>
                            <p class="ws-overview">{track.overview.clone()}</p>
                            {trainer}
                            <ol class="ws-exercises">
                                {exercises.into_iter().map(|ex| {
                                    let id = ex.id.clone();
                                    let id2 = ex.id.clone();
                                    let solved = Signal::derive(move || ws.progress.with(|p| p.is_solved(&id)));
                                    view! {
                                        <li data-testid="exercise" data-id=ex.id.clone()
                                            data-solved=move || solved.get().to_string()
                                            class:solved=solved
                                            on:click=move |ev| open_row(&ev)>
                                            <a href=Route::Exercise(id2.clone()).href()>{ex.title.clone()}</a>
                                            <span class="ws-rules">{ex.rules.join(", ")}</span>
                                            <span class="ws-mark">{move || if solved.get() { "✓ solved" } else { "" }}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </section>
                    }
                }).collect_view()
            })}
        </div>
    }
}
