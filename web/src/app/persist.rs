//! localStorage: the last state.

use crate::share::State;
use crate::shared::dom;

const STATE_KEY: &str = "otp-audit-playground";

pub fn save(state: &State) {
    if let Ok(json) = serde_json::to_string(state) {
        dom::storage_set(STATE_KEY, &json);
    }
}

pub fn load() -> Option<State> {
    serde_json::from_str(&dom::storage_get(STATE_KEY)?).ok()
}
