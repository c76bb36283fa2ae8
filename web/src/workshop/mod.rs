//! The workshop: OTP remediation exercises checked by the engine, offline.

use leptos::prelude::*;

/// Mount the workshop section into `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(|| {
        view! {
            <div class="app">
                <header class="top">
                    <h1><span class="brand">"otp-audit"</span><span class="sub">" workshop"</span></h1>
                    <crate::app::SectionNav />
                </header>
                <main class="page">"Coming soon."</main>
            </div>
        }
    });
}
