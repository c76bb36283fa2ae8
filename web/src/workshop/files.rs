//! The browser's file and network doors: reading a chosen file, saving a download,
//! and fetching a pack from this origin.

use crate::shared::dom;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// The text of the file chosen in `input` (then cleared, so the same file can be
/// chosen again), or `None` when nothing was chosen.
pub async fn read_chosen(input: &HtmlInputElement) -> Option<Result<(String, String), String>> {
    let file = input.files()?.get(0)?;
    input.set_value("");
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{name}: could not be read"))
        .map(|v| v.as_string().unwrap_or_default());
    Some(text.map(|t| (name, t)))
}

/// Offer `text` as a download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = dom::document().create_element("a")
        && let Ok(a) = a.dyn_into::<HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        let _ = dom::document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let _ = Url::revoke_object_url(&url);
}

/// Fetch a pack by URL. Only this origin: a pack is code shown to attendees, and a
/// static app offline has nothing else to fetch from anyway.
pub async fn fetch_same_origin(url: &str) -> Result<String, String> {
    let location = dom::window().location();
    let base = location
        .href()
        .map_err(|_| "no page location".to_string())?;
    let origin = location.origin().unwrap_or_default();
    let resolved =
        Url::new_with_base(url, &base).map_err(|_| format!("pack URL \"{url}\" is not a URL"))?;
    if resolved.origin() != origin {
        return Err(format!(
            "pack URL \"{url}\" is on another origin; put the pack beside the app (e.g. /packs/my-pack.json) or load it as a file"
        ));
    }
    let resp = JsFuture::from(dom::window().fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| format!("could not fetch {url}: offline, or the server did not answer"))?;
    let resp: web_sys::Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!(
            "could not fetch {url}: the server answered {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let text = resp.text().map_err(|_| format!("could not read {url}"))?;
    JsFuture::from(text)
        .await
        .map(|v| v.as_string().unwrap_or_default())
        .map_err(|_| format!("could not read {url}"))
}
