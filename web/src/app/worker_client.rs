//! The main thread's side of the analysis worker. The worker is a module worker made
//! from a blob that imports this very page's wasm-bindgen module (its URLs are in the
//! `<link rel="modulepreload">` and `<link rel="preload">` Trunk writes), so there is
//! no second wasm file to download and no request leaves the origin.

use super::dom;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

pub struct WorkerClient {
    worker: Worker,
    ready: Rc<Cell<bool>>,
}

const SCRIPT: &str = r#"
import init, { worker_check } from "__JS__";
await init({ module_or_path: "__WASM__" });
self.onmessage = (e) => {
  const [seq, source, path, settings] = e.data;
  const t0 = performance.now();
  const out = worker_check(source, path, settings);
  self.postMessage([seq, out, performance.now() - t0]);
};
self.postMessage(["ready"]);
"#;

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
pub(crate) fn spawn_module_worker(script: &str) -> Option<Worker> {
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

impl WorkerClient {
    pub fn spawn(
        on_answer: impl Fn(u64, String, f64) + 'static,
        on_ready: impl Fn() + 'static,
    ) -> Option<WorkerClient> {
        let worker = spawn_module_worker(SCRIPT)?;
        let ready = Rc::new(Cell::new(false));
        let flag = ready.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data: js_sys::Array = ev.data().unchecked_into();
            let head = data.get(0);
            if head.as_string().as_deref() == Some("ready") {
                flag.set(true);
                on_ready();
            } else if let (Some(seq), Some(json)) = (head.as_f64(), data.get(1).as_string()) {
                on_answer(seq as u64, json, data.get(2).as_f64().unwrap_or(0.0));
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            web_sys::console::warn_1(
                &"otp-audit: the analysis worker failed; analysing on the main thread".into(),
            );
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        onerror.forget();
        Some(WorkerClient { worker, ready })
    }

    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    pub fn post(&self, seq: u64, source: &str, path: &str, settings_json: &str) {
        let msg = js_sys::Array::of4(
            &JsValue::from_f64(seq as f64),
            &JsValue::from_str(source),
            &JsValue::from_str(path),
            &JsValue::from_str(settings_json),
        );
        let _ = self.worker.post_message(&msg);
    }
}
