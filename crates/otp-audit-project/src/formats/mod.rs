//! Machine-readable output formats.

pub mod credo;
pub mod flycheck;
pub mod json;
pub mod jsonl;
pub mod sarif;
