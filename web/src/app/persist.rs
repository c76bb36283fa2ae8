//! localStorage: the last state, and the theme.

use super::dom;
use crate::share::State;

const STATE_KEY: &str = "otp-audit-playground";
const THEME_KEY: &str = "otp-audit-theme";

pub fn save(state: &State) {
    if let Ok(json) = serde_json::to_string(state) {
        dom::storage_set(STATE_KEY, &json);
    }
}

pub fn load() -> Option<State> {
    serde_json::from_str(&dom::storage_get(STATE_KEY)?).ok()
}

pub fn save_theme(theme: &str) {
    dom::storage_set(THEME_KEY, theme);
}

pub fn load_theme() -> Option<String> {
    dom::storage_get(THEME_KEY)
}
