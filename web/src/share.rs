//! The playground's state in a URL fragment (`#s=...`: JSON, deflated, base64url)
//! and in localStorage (the same JSON, uncompressed).

use crate::analysis::Settings;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub code: String,
    pub path: String,
    #[serde(default)]
    pub settings: Settings,
}

/// The fragment key: `#s=<payload>`.
pub const FRAGMENT_KEY: &str = "s=";

/// A decoded link must not inflate into more than this.
const MAX_INFLATED: usize = 8 << 20;

pub fn encode(state: &State) -> String {
    let json = serde_json::to_vec(state).expect("state serializes");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    URL_SAFE_NO_PAD.encode(packed)
}

pub fn decode(payload: &str) -> Result<State, String> {
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|e| format!("the link is not base64url: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|e| format!("the link does not inflate: {e:?}"))?;
    serde_json::from_slice(&json).map_err(|e| format!("the link holds no playground state: {e}"))
}

/// The state in a location hash (`#s=...`), if there is one.
pub fn from_hash(hash: &str) -> Option<Result<State, String>> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    h.strip_prefix(FRAGMENT_KEY).map(decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut settings = Settings::default();
        settings.update_rule("otp/no-raw-send", |o| o.enabled = Some(false));
        let s = State {
            code: "defmodule A do\n  # é 😀\nend\n".repeat(50),
            path: "test/a_test.exs".into(),
            settings,
        };
        let enc = encode(&s);
        assert!(enc.len() < s.code.len() / 4, "deflate works: {}", enc.len());
        assert!(
            enc.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(from_hash(&format!("#s={enc}")).unwrap().unwrap(), s);
        assert!(from_hash("#other").is_none());
        assert!(from_hash("#s=!!!").unwrap().is_err());
        assert!(decode(&URL_SAFE_NO_PAD.encode(b"junk")).is_err());
    }
}
