//! A pool of module workers running this page's own wasm module (as the
//! playground's worker does: no second binary), one job at a time each, jobs taken
//! from one queue so that fast workers take more. `cancel` terminates the workers
//! at once (a job in the middle of a large file cannot be interrupted otherwise) and
//! starts fresh ones.

use crate::shared::module_worker::spawn_module_worker;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

const SCRIPT: &str = r#"
import init, { audit_read, audit_files } from "__JS__";
await init({ module_or_path: "__WASM__" });
self.onmessage = (e) => {
  const [kind, config, files, bytes] = e.data;
  let out;
  try {
    out = kind === "read" ? audit_read(bytes) : audit_files(kind, config, files);
  } catch (err) {
    out = JSON.stringify({ error: "the analysis failed in a worker: " + err });
  }
  self.postMessage(out);
};
self.postMessage("ready");
"#;

/// Called with the job's answer: a flat array of files (`read`), or the JSON text of
/// an `Outcome` (`{"ok": ...}` or `{"error": "..."}`).
pub type Done = Box<dyn FnOnce(JsValue)>;

pub struct Job {
    /// `read` (with `bytes`), `check` or `fix` (with `config` and `files`).
    pub kind: &'static str,
    pub config: String,
    /// `[path, text, ...]`.
    pub files: Option<js_sys::Array>,
    pub bytes: Option<js_sys::Uint8Array>,
    pub done: Done,
}

struct Slot {
    worker: Worker,
    ready: bool,
    running: Option<Done>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

#[derive(Default)]
struct Inner {
    slots: Vec<Slot>,
    queue: VecDeque<Job>,
}

#[derive(Clone)]
pub struct Pool(Rc<RefCell<Inner>>);

/// Workers to start: one per core the browser reports, at most 8, at least 1.
pub fn default_size() -> usize {
    let n = crate::shared::dom::window()
        .navigator()
        .hardware_concurrency();
    (n as usize).clamp(1, 8)
}

impl Pool {
    pub fn new(size: usize) -> Pool {
        let pool = Pool(Rc::new(RefCell::new(Inner::default())));
        pool.start(size);
        pool
    }

    pub fn size(&self) -> usize {
        self.0.borrow().slots.len()
    }

    fn start(&self, size: usize) {
        let mut slots = Vec::with_capacity(size);
        for i in 0..size {
            let Some(worker) = spawn_module_worker(SCRIPT) else {
                break;
            };
            let weak: Weak<RefCell<Inner>> = Rc::downgrade(&self.0);
            let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let Some(inner) = weak.upgrade() else { return };
                let data = ev.data();
                let done = {
                    let mut inner = inner.borrow_mut();
                    let Some(slot) = inner.slots.get_mut(i) else {
                        return;
                    };
                    if data.as_string().as_deref() == Some("ready") {
                        slot.ready = true;
                        None
                    } else {
                        slot.running.take()
                    }
                };
                // Outside the borrow: the callback may submit more jobs.
                if let Some(done) = done {
                    done(data);
                }
                Pool(inner).pump();
            });
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            let weak: Weak<RefCell<Inner>> = Rc::downgrade(&self.0);
            let onerror =
                Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
                    ev.prevent_default();
                    let Some(inner) = weak.upgrade() else { return };
                    let done = inner
                        .borrow_mut()
                        .slots
                        .get_mut(i)
                        .and_then(|s| s.running.take());
                    let message = format!(
                        "{{\"error\":{}}}",
                        serde_json::to_string(&format!(
                            "a worker failed ({}); reload the page and try again",
                            ev.message()
                        ))
                        .unwrap_or_default()
                    );
                    if let Some(done) = done {
                        done(JsValue::from_str(&message));
                    }
                });
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            slots.push(Slot {
                worker,
                ready: false,
                running: None,
                _onmessage: onmessage,
                _onerror: onerror,
            });
        }
        self.0.borrow_mut().slots = slots;
    }

    pub fn submit(&self, job: Job) {
        self.0.borrow_mut().queue.push_back(job);
        self.pump();
    }

    /// Hand queued jobs to idle workers.
    fn pump(&self) {
        let mut inner = self.0.borrow_mut();
        let Inner { slots, queue } = &mut *inner;
        for slot in slots.iter_mut() {
            if !slot.ready || slot.running.is_some() {
                continue;
            }
            let Some(job) = queue.pop_front() else { break };
            let bytes = job.bytes.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let files = job.files.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let msg = js_sys::Array::of4(
                &JsValue::from_str(job.kind),
                &JsValue::from_str(&job.config),
                &files,
                &bytes,
            );
            slot.running = Some(job.done);
            let _ = slot.worker.post_message(&msg);
        }
    }

    /// Drop every queued and running job (their callbacks never run) and replace
    /// the workers with fresh ones.
    pub fn cancel(&self) {
        let size = {
            let mut inner = self.0.borrow_mut();
            inner.queue.clear();
            for s in &inner.slots {
                s.worker.terminate();
            }
            let n = inner.slots.len();
            inner.slots.clear();
            n
        };
        self.start(size.max(1));
    }
}
