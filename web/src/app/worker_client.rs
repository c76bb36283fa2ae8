//! The main thread's side of the analysis worker. The worker is a module worker made
//! from a blob that imports this very page's wasm-bindgen module (its URLs are in the
//! `<link rel="modulepreload">` and `<link rel="preload">` Trunk writes), so there is
//! no second wasm file to download and no request leaves the origin.

use crate::shared::module_worker::spawn_module_worker;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

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
