//! otp-audit's rule engine: finds OTP and ExUnit anti-patterns in Elixir source with
//! tree-sitter-elixir, explains them and proposes fixes. No I/O: callers hand in
//! paths and text; the CLI and the browser are thin shells over [`Engine`].

mod conclusion;
pub mod config;
pub mod credo_config;
mod document;
mod engine;
pub mod finding;
pub mod fix;
pub mod glob;
pub mod guide;
pub mod hashed;
mod mix_env;
pub mod model;
mod resolve;
pub mod rule;
pub mod rules;
pub mod runtime;
pub mod scope;
mod sigil_escapes;
pub mod source;
pub mod supervisors;
mod suppress;
pub mod syntax;
mod walk;

pub use conclusion::Pending;
pub use config::{Config, ConfigError};
pub use document::{Change, Document, changed_region};
pub use engine::{Engine, FileFacts, FileResult, FixOutcome, PIECE_BYTES, ProjectFacts, parse};
pub use finding::{Edit, Finding, Fix, Safety, Severity};
pub use scope::FileScope;
pub use syntax::language;

/// Version of the JSON report format (`{"version": 1, ...}`).
pub const REPORT_VERSION: u32 = 1;
