//! Output formats.

pub mod json;
pub mod rules;
pub mod text;

use std::io::IsTerminal;

/// Color when stdout is a terminal and `NO_COLOR` is not set (no-color.org).
pub fn color_by_default() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
