//! The page's entry: mounts the section its URL fragment names. Only this module
//! knows all sections; each section depends on `shared`, never on another section.

use crate::sections::Section;
use crate::shared::dom;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // In the analysis worker the same module starts without a window: nothing to mount.
    if web_sys::window().is_none() {
        return;
    }
    let hash = dom::window().location().hash().unwrap_or_default();
    let section = Section::of_hash(&hash);
    dom::document().set_title(&format!("otp-audit · {}", section.title()));
    // One section per page load: crossing to another reloads, so no section's
    // listeners or workers outlive it.
    dom::listen(
        dom::window().unchecked_ref(),
        "hashchange",
        move |_: web_sys::Event| {
            let hash = dom::window().location().hash().unwrap_or_default();
            if Section::of_hash(&hash) != section {
                let _ = dom::window().location().reload();
            }
        },
    );
    match section {
        Section::Playground => crate::app::run(),
        Section::Audit => crate::audit::mount(),
        Section::Workshop => crate::workshop::mount(),
    }
}
