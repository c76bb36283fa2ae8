//! The project audit (drop a zip or pick a folder, get the remediation report) and
//! the viewer of JSON reports written by `otp-audit check --format json`.
//!
//! The library does the work (`otp_audit_project::project`: reading, analysis, fixes,
//! the fixed archive; `formats::json`: the report written and read back); here are
//! the workers that run it off the main thread ([`pool`], [`jobs`]), the run with its
//! progress ([`run`]), and the views ([`views`], [`file_view`]), each with its own URL
//! fragment ([`route`]). Strings from a report are only ever text in the page.

pub mod file_view;
pub mod inputs;
pub mod jobs;
pub mod pool;
pub mod progress;
pub mod route;
pub mod run;
pub mod series;
pub mod state;
pub mod ui;
pub mod views;

use crate::sections::Section;
use leptos::prelude::*;
use route::View;
use ui::Ui;

fn current_view() -> View {
    let hash = crate::shared::dom::window()
        .location()
        .hash()
        .unwrap_or_default();
    View::parse(Section::rest(&hash))
}

/// Mount the audit section into `<body>`.
pub fn mount() {
    let ui = Ui::new(current_view());
    {
        use wasm_bindgen::JsCast;
        crate::shared::dom::listen(
            crate::shared::dom::window().unchecked_ref(),
            "hashchange",
            move |_: web_sys::Event| ui.view.set(current_view()),
        );
        run::restore(ui);
        ui.series.set(series::load());
        // Start the workers now, so that their wasm is ready when a project comes.
        run::pool();
    }
    leptos::mount::mount_to_body(move || {
        view! {
            <div class="audit-app">
                <header class="top">
                    <h1><span class="brand">"otp-audit"</span><span class="sub">" project audit"</span></h1>
                    <crate::shared::SectionNav />
                    <crate::shared::ThemeToggle />
                </header>
                <main class="audit">
                    <inputs::Inputs ui=ui />
                    <views::Report ui=ui />
                    <progress::Progress ui=ui />
                </main>
            </div>
        }
    });
    crate::shared::dom::expose("otpAuditReady", &wasm_bindgen::JsValue::TRUE);
}
