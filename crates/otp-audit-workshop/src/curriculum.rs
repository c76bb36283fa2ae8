//! The built-in curriculum: packs in the trainer format, embedded at build time.

use crate::pack::{Pack, PackError};

/// The curriculum files, in the order their tracks are listed.
pub const FILES: &[(&str, &str)] = &[
    (
        "test-hygiene.json",
        include_str!("../curriculum/test-hygiene.json"),
    ),
    (
        "process-hardening.json",
        include_str!("../curriculum/process-hardening.json"),
    ),
    (
        "genserver-shape.json",
        include_str!("../curriculum/genserver-shape.json"),
    ),
];

/// Every built-in pack, parsed. The curriculum tests keep them valid.
pub fn packs() -> Result<Vec<Pack>, (String, PackError)> {
    FILES
        .iter()
        .map(|(name, text)| Pack::from_json(text).map_err(|e| (name.to_string(), e)))
        .collect()
}
