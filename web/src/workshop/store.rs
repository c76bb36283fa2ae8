//! localStorage: the attendee's progress and the trainer packs loaded on this machine
//! (kept as their JSON text, so they work offline and after a reload).

use crate::shared::dom;
use otp_audit_workshop::Progress;

const PROGRESS_KEY: &str = "otp-audit-workshop-progress";
const PACKS_KEY: &str = "otp-audit-workshop-packs";

pub fn load_progress() -> Progress {
    dom::storage_get(PROGRESS_KEY)
        .and_then(|t| Progress::from_json(&t).ok())
        .unwrap_or_default()
}

pub fn save_progress(p: &Progress) {
    dom::storage_set(PROGRESS_KEY, &p.to_json());
}

/// The loaded packs' JSON texts.
pub fn load_packs() -> Vec<String> {
    dom::storage_get(PACKS_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_packs(texts: &[String]) {
    if let Ok(json) = serde_json::to_string(texts) {
        dom::storage_set(PACKS_KEY, &json);
    }
}
