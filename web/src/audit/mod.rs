//! The project audit (drop a zip or a folder, get the remediation report) and the
//! viewer of JSON reports written by the CLI.

use leptos::prelude::*;

/// Mount the audit section into `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(|| {
        view! {
            <div class="app">
                <header class="top">
                    <h1><span class="brand">"otp-audit"</span><span class="sub">" project audit"</span></h1>
                    <crate::app::SectionNav />
                </header>
                <main class="page">"Coming soon."</main>
            </div>
        }
    });
}
