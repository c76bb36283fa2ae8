//! Loading the configuration from disk; the text is parsed by
//! `otp_audit_project::config`, which the web app shares.

pub use otp_audit_project::config::{Loaded, from_text};
use std::path::Path;

/// `--config`, else the archive's configuration, else `otp-audit.toml` or
/// `.credo.exs` in the project directory, else the defaults.
pub fn load(
    explicit: Option<&Path>,
    root: &Path,
    archive_config: Option<&crate::files::ConfigText>,
) -> Result<Loaded, String> {
    let from = |p: &Path| -> Result<Loaded, String> {
        // Named as the user gave it, without a leading `./`.
        let name = p.strip_prefix(".").unwrap_or(p).display().to_string();
        let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read `{name}`: {e}"))?;
        from_text(&name, &text)
    };
    if let Some(p) = explicit {
        return from(p);
    }
    if let Some((name, text)) = archive_config {
        return from_text(name, text);
    }
    for name in otp_audit_project::archive::CONFIG_FILES {
        let p = root.join(name);
        if p.is_file() {
            return from(&p);
        }
    }
    Ok(Loaded::default())
}
