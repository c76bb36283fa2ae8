//! otp-audit's playground: the engine compiled to wasm behind a Leptos editor, with
//! findings, fixes, the migration guide, settings and share links. No server: the
//! built `dist/` is static files and no code leaves the page.
//!
//! The pure parts (highlighting, settings, share links, diffs, guide rendering,
//! examples) compile and are tested natively; the page itself runs in a browser.

pub mod analysis;
pub mod api;
pub mod app;
pub mod audit;
#[cfg(target_arch = "wasm32")]
mod entry;
pub mod examples;
pub mod guide;
pub mod highlight;
pub mod html;
pub mod sections;
pub mod share;
pub mod shared;
pub mod text;
pub mod worker;
pub mod workshop;
