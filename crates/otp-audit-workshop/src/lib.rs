//! otp-audit's workshop: hands-on remediation exercises checked by the engine.
//!
//! Exercises are data: a [`pack::Pack`] is one JSON document (schema in
//! `pack.schema.json` beside this crate) and the built-in [`curriculum`] is a pack
//! like any trainer's. The [`checker`] decides when an exercise is solved: the
//! targeted findings are gone and every declared behaviour [`checks::Check`] still
//! holds, so deleting the code never passes. No I/O: the web app hands in text.

pub mod checker;
pub mod checks;
pub mod curriculum;
pub mod pack;
pub mod progress;

pub use checker::{Checker, Verdict};
pub use checks::Check;
pub use pack::{Exercise, Hint, Pack, PackError, Track};
pub use progress::Progress;
