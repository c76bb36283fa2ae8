//! The guide view: a rendered guide page put into its panel, and links between
//! guide pages followed in place.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Put a rendered guide page into `body` and scroll to the section the reference
/// names (`rule/id#heading`), marking it; the top of the page when there is none.
pub fn show_guide_page(body: &HtmlElement, reference: Option<&str>, html: Option<&str>) {
    body.set_inner_html(html.unwrap_or("<p>No guide page.</p>"));
    let target = reference.and_then(crate::guide::anchor).and_then(|a| {
        body.query_selector(&format!("[id=\"{}\"]", a.replace('"', "")))
            .ok()
            .flatten()
    });
    match target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        Some(t) => {
            let _ = t.class_list().add_1("target");
            body.set_scroll_top(t.offset_top() - 8);
        }
        None => body.set_scroll_top(0),
    }
}

/// The guide reference of a clicked `[data-guide]` link, the click then kept from
/// navigating: guide pages link to each other in place.
pub fn guide_link(ev: &web_sys::MouseEvent) -> Option<String> {
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-guide]").ok().flatten());
    let target = link.and_then(|l| l.get_attribute("data-guide"))?;
    ev.prevent_default();
    Some(target)
}
