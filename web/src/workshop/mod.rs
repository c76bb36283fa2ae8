//! The workshop: OTP remediation exercises checked by the engine, in the browser and
//! offline. `#/workshop` lists the tracks, `#/workshop/ex/<id>` is an exercise and
//! `#/workshop/present/<id>` its presenter view; `?pack=/packs/x.json` loads a
//! trainer pack from this origin.

pub mod catalog;
mod exercise;
mod files;
mod list;
mod stage;
mod store;

use self::catalog::{Catalog, Route};
use crate::highlight::Highlighter;
use crate::sections::Section;
use crate::shared::dom;
use leptos::prelude::*;
use otp_audit_workshop::{Checker, Pack, Progress};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// One engine for the page; building it is the costly part of a check.
    static CHECKER: Checker = Checker::new();
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
}

pub(crate) fn with_checker<R>(f: impl FnOnce(&Checker) -> R) -> R {
    CHECKER.with(f)
}

pub(crate) fn with_highlighter<R>(f: impl FnOnce(&mut Highlighter) -> R) -> R {
    HIGHLIGHTER.with(|h| f(&mut h.borrow_mut()))
}

/// The workshop's shared state.
#[derive(Clone, Copy)]
pub struct Ws {
    pub catalog: RwSignal<Catalog>,
    pub progress: RwSignal<Progress>,
    pub route: RwSignal<Route>,
    /// The last pack that failed to load, with the field at fault.
    pub pack_error: RwSignal<Option<String>>,
    /// Exercises of the last loaded pack that cannot be solved as written.
    pub pack_warnings: RwSignal<Vec<String>>,
    pub notice: RwSignal<Option<String>>,
}

impl Ws {
    pub fn update_progress(self, f: impl FnOnce(&mut Progress)) {
        self.progress.update(f);
        self.progress.with_untracked(store::save_progress);
    }

    fn save_packs(self) {
        let texts: Vec<String> = self.catalog.with_untracked(|c| {
            c.loaded()
                .iter()
                .filter_map(|p| serde_json::to_string(p).ok())
                .collect()
        });
        store::save_packs(&texts);
    }

    /// Load a trainer pack's text; `source` names the file or URL in messages.
    pub fn load_pack(self, source: &str, text: &str) {
        let result = Pack::from_json(text)
            .map_err(|e| e.to_string())
            .and_then(|pack| {
                self.pack_warnings.set(with_checker(|c| c.problems(&pack)));
                let summary = format!(
                    "Loaded \"{}\" from {source}: {} exercises.",
                    pack.title,
                    pack.exercises.len()
                );
                let mut out = Ok(summary);
                self.catalog.update(|c| {
                    if let Err(e) = c.add(pack) {
                        out = Err(e);
                    }
                });
                out
            });
        match result {
            Ok(summary) => {
                self.pack_error.set(None);
                self.notice.set(Some(summary));
                self.save_packs();
            }
            Err(e) => self.pack_error.set(Some(format!(
                "{source} is not a valid pack: {e}. Fix that field and load it again."
            ))),
        }
    }

    pub fn remove_pack(self, pack_id: &str) {
        self.catalog.update(|c| c.remove(pack_id));
        self.save_packs();
    }
}

/// Mount the workshop section into `<body>`.
pub fn mount() {
    let hash = dom::window().location().hash().unwrap_or_default();
    let (route, pack_url) = Route::parse(Section::rest(&hash));
    let mut catalog = Catalog::builtin();
    for text in store::load_packs() {
        // A stored pack that no longer parses (an older format) is dropped quietly.
        if let Ok(p) = Pack::from_json(&text) {
            let _ = catalog.add(p);
        }
    }
    let ws = Ws {
        catalog: RwSignal::new(catalog),
        progress: RwSignal::new(store::load_progress()),
        route: RwSignal::new(route),
        pack_error: RwSignal::new(None),
        pack_warnings: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
    };
    dom::listen(
        dom::window().as_ref(),
        "hashchange",
        move |_: web_sys::Event| {
            let hash = dom::window().location().hash().unwrap_or_default();
            if Section::of_hash(&hash) == Section::Workshop {
                let (route, pack_url) = Route::parse(Section::rest(&hash));
                ws.route.set(route);
                dom::window().scroll_to_with_x_and_y(0.0, 0.0);
                if let Some(url) = pack_url {
                    load_pack_url(ws, url);
                }
            }
        },
    );
    if let Some(url) = pack_url {
        load_pack_url(ws, url);
    }
    leptos::mount::mount_to_body(move || view! { <Workshop ws=ws /> });
    dom::expose("otpAuditReady", &JsValue::TRUE);
}

fn load_pack_url(ws: Ws, url: String) {
    wasm_bindgen_futures::spawn_local(async move {
        match files::fetch_same_origin(&url).await {
            Ok(text) => ws.load_pack(&url, &text),
            Err(e) => ws.pack_error.set(Some(e)),
        }
    });
}

#[component]
fn Workshop(ws: Ws) -> impl IntoView {
    Effect::new(move |_| {
        if ws.notice.get().is_some() {
            dom::set_timeout(5000, move || ws.notice.set(None));
        }
    });
    let solved = move || {
        let total = ws.catalog.with(Catalog::exercise_count);
        let done = ws.catalog.with(|c| {
            ws.progress.with(|p| {
                c.packs
                    .iter()
                    .flat_map(|pk| &pk.exercises)
                    .filter(|e| p.is_solved(&e.id))
                    .count()
            })
        });
        format!("{done} of {total} solved")
    };
    let presenter = move || matches!(ws.route.get(), Route::Present(_));
    view! {
        <div class="app workshop" class:presenter=presenter>
            <header class="top">
                <h1><span class="brand">"otp-audit"</span><span class="sub">" workshop"</span></h1>
                <crate::shared::SectionNav />
                <a class="ws-home" href="#/workshop">"All exercises"</a>
                <span class="ws-total" data-testid="progress-summary">{solved}</span>
                <crate::shared::ThemeToggle />
            </header>
            <main class="ws-main">
                {move || match ws.route.get() {
                    Route::List => view! { <list::ListView ws=ws /> }.into_any(),
                    Route::Exercise(id) => view! { <exercise::ExerciseView ws=ws id=id presenter=false /> }.into_any(),
                    Route::Present(id) => view! { <exercise::ExerciseView ws=ws id=id presenter=true /> }.into_any(),
                }}
            </main>
            {move || ws.notice.get().map(|n| view! { <div class="notice" role="status">{crate::shared::message_view(&n)}</div> })}
        </div>
    }
}
