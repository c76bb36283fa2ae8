//! Small DOM helpers. Listeners are gloo-events'; timers and storage stay on web-sys:
//! gloo-timers added 7 KB gzip to the wasm, and gloo-storage would store JSON where
//! saved code and reports are raw strings today.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, Window};

pub fn window() -> Window {
    web_sys::window().expect("the playground runs in a window")
}

pub fn document() -> Document {
    window().document().expect("a window has a document")
}

pub fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id} is in the page"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("#{id} has the expected type"))
}

pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Run `f` after `ms` milliseconds; returns the timer id.
pub fn set_timeout(ms: i32, f: impl FnOnce() + 'static) -> i32 {
    let cb = Closure::once_into_js(f);
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms)
        .unwrap_or(0)
}

pub fn clear_timeout(id: i32) {
    window().clear_timeout_with_handle(id);
}

/// Listen to `event` on `target` for the life of the page. Not passive: handlers may
/// call `preventDefault` (the editor's Tab).
pub fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &'static str,
    mut f: impl FnMut(E) + 'static,
) {
    use gloo_events::{EventListener, EventListenerOptions};
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(target, event, options, move |ev| {
        f(ev.clone().unchecked_into())
    })
    .forget();
}

pub fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Replace the children of `container` (one `<div class="{class}">` per line) so that
/// their HTML is `new`, touching only the lines that changed.
pub fn sync_lines(container: &Element, old: &mut Vec<String>, new: Vec<String>, class: &str) {
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let old_mid = old.len() - prefix - suffix;
    let new_mid = new.len() - prefix - suffix;
    let children = container.children();
    let common = old_mid.min(new_mid);
    for k in 0..common {
        if let Some(el) = children.item((prefix + k) as u32) {
            el.set_inner_html(&new[prefix + k]);
        }
    }
    let at = prefix + common;
    if new_mid > old_mid {
        let doc = document();
        let before = children.item(at as u32);
        for html in &new[at..at + new_mid - old_mid] {
            let div = doc.create_element("div").expect("div");
            div.set_class_name(class);
            div.set_inner_html(html);
            let _ = container.insert_before(&div, before.as_ref().map(|e| e.as_ref()));
        }
    } else {
        for _ in 0..old_mid - new_mid {
            if let Some(el) = children.item(at as u32) {
                el.remove();
            }
        }
    }
    *old = new;
}

pub fn set_style(el: &HtmlElement, prop: &str, value: &str) {
    let _ = el.style().set_property(prop, value);
}

/// Set a property on `window` for tests and benchmarks.
pub fn expose(name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(&window(), &JsValue::from_str(name), value);
}
