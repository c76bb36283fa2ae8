//! The engine behind a byte-level ABI: JSON in, JSON out. Any wasm host (Node, a
//! browser, a worker) can drive it with `WebAssembly.instantiate` and no glue code;
//! the native build of the same function gives the reference output for parity tests.

use otp_audit_engine::{Config, Engine, FileResult};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct Bundle {
    pub files: Vec<BundleFile>,
    /// The text of an `otp-audit.toml`, or none for defaults.
    #[serde(default)]
    pub config: Option<String>,
}

#[derive(Deserialize)]
pub struct BundleFile {
    pub path: String,
    pub source: String,
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    results: &'a [FileResult],
}

/// Analyse every file of a JSON bundle; the answer is JSON too.
pub fn run_bundle(json: &[u8]) -> String {
    let out = |error: Option<String>, results: &[FileResult]| {
        serde_json::to_string(&Output { error, results }).expect("findings serialize")
    };
    let bundle: Bundle = match serde_json::from_slice(json) {
        Ok(b) => b,
        Err(e) => return out(Some(format!("invalid bundle: {e}")), &[]),
    };
    let config = match bundle.config.as_deref().map(Config::from_toml) {
        None => Config::default(),
        Some(Ok(c)) => c,
        Some(Err(e)) => return out(Some(format!("otp-audit.toml: {e}")), &[]),
    };
    let engine = Engine::new(config);
    let results: Vec<FileResult> = bundle
        .files
        .iter()
        .map(|f| engine.check(&f.path, &f.source))
        .collect();
    out(None, &results)
}

#[cfg(target_arch = "wasm32")]
mod abi {
    use std::alloc::{Layout, alloc, dealloc};

    /// Reserve `len` bytes for the host to write the input into.
    #[unsafe(no_mangle)]
    pub extern "C" fn otp_alloc(len: usize) -> *mut u8 {
        // SAFETY: the layout has a non-zero size (at least 1) and byte alignment.
        unsafe { alloc(Layout::from_size_align(len.max(1), 1).expect("valid layout")) }
    }

    /// Release memory handed out by `otp_alloc` or `otp_check_bundle`.
    ///
    /// # Safety
    /// `ptr` must come from `otp_alloc(len)` or be an output of `otp_check_bundle` of that length.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn otp_free(ptr: *mut u8, len: usize) {
        // SAFETY: the caller passes back a pointer and length we allocated.
        unsafe {
            dealloc(
                ptr,
                Layout::from_size_align(len.max(1), 1).expect("valid layout"),
            )
        }
    }

    /// Analyse the bundle at `ptr..ptr+len`. Returns a pointer to 4 bytes of
    /// little-endian length followed by the JSON answer; free it with
    /// `otp_free(ptr, 4 + length)`.
    ///
    /// # Safety
    /// `ptr..ptr+len` must be memory the host wrote through `otp_alloc`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn otp_check_bundle(ptr: *const u8, len: usize) -> *mut u8 {
        // SAFETY: the host wrote `len` bytes at `ptr`.
        let input = unsafe { std::slice::from_raw_parts(ptr, len) };
        let answer = super::run_bundle(input);
        let total = 4 + answer.len();
        let out = otp_alloc(total);
        // SAFETY: `out` has room for `total` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping((answer.len() as u32).to_le_bytes().as_ptr(), out, 4);
            std::ptr::copy_nonoverlapping(answer.as_ptr(), out.add(4), answer.len());
        }
        out
    }
}
