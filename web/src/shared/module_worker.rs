//! Module workers made from a blob that imports this page's own wasm-bindgen module
//! (the URLs Trunk writes into `<link rel="modulepreload">` and `<link rel="preload">`),
//! so no second copy of the code is downloaded and no request leaves the origin.

use super::dom;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, Url, Worker, WorkerOptions, WorkerType};

fn asset(selector: &str) -> Option<String> {
    let href = dom::document()
        .query_selector(selector)
        .ok()
        .flatten()?
        .get_attribute("href")?;
    let base = dom::window().location().href().ok()?;
    Url::new_with_base(&href, &base).ok().map(|u| u.href())
}

/// A module worker running `script`, in which `__JS__` and `__WASM__` stand for the
/// URLs of this page's wasm-bindgen module and wasm file (the audit's workers use it
/// too).
pub fn spawn_module_worker(script: &str) -> Option<Worker> {
    let js = asset("link[rel=modulepreload][href$='.js']")?;
    let wasm = asset("link[rel=preload][href$='.wasm']")?;
    let script = script
        .replace("__JS__", &js.replace('"', "%22"))
        .replace("__WASM__", &wasm.replace('"', "%22"));
    let parts = js_sys::Array::of1(&JsValue::from_str(&script));
    let bag = BlobPropertyBag::new();
    bag.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &bag).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    Worker::new_with_options(&url, &opts).ok()
}
