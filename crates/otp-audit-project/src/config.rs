//! A project's configuration file, from its text: the engine's rules and files from
//! `otp-audit.toml` (or a `.credo.exs`), and the report's effort figures from its
//! `[report]` table, which is split off before the engine reads the rest. The CLI
//! reads the file from disk, the web app from an archive or a folder.

use crate::report::Efforts;
use otp_audit_engine::Config;
use otp_audit_engine::config::ConfigSource;

/// The configuration of a run.
#[derive(Default)]
pub struct Loaded {
    pub config: Config,
    pub efforts: Efforts,
}

/// Parse a configuration file's text; `name` decides its kind (`.exs`: Credo) and
/// names it in errors.
pub fn from_text(name: &str, text: &str) -> Result<Loaded, String> {
    if name.ends_with(".exs") {
        let config = otp_audit_engine::credo_config::from_credo_exs(text)
            .map_err(|e| format!("{name}: {e}"))?;
        return Ok(Loaded {
            config,
            efforts: Efforts::default(),
        });
    }
    let (engine_text, report) = split_report(text).map_err(|e| format!("{name}: {e}"))?;
    let mut config = Config::from_toml(engine_text.as_deref().unwrap_or(text))
        .map_err(|e| format!("{name}: {e}"))?;
    config.source = ConfigSource::Toml(name.to_string());
    let efforts = match report {
        None => Efforts::default(),
        Some(table) => Efforts::from_toml_table(&table).map_err(|e| format!("{name}: {e}"))?,
    };
    Ok(Loaded { config, efforts })
}

/// The configuration named by `(file name, text)`, else the defaults.
pub fn from_named(named: Option<&(String, String)>) -> Result<Loaded, String> {
    match named {
        Some((name, text)) => from_text(name, text),
        None => Ok(Loaded::default()),
    }
}

/// Take the `[report]` table out of an otp-audit.toml. Returns the text for the
/// engine when it had to change (`None`: use the text as it is) and the table.
fn split_report(text: &str) -> Result<(Option<String>, Option<toml::Table>), String> {
    // Cheap test first: most files have no report table, and the engine's own
    // parse gives the better error for broken TOML.
    if !text.contains("report") {
        return Ok((None, None));
    }
    let Ok(mut table) = text.parse::<toml::Table>() else {
        return Ok((None, None));
    };
    let Some(report) = table.remove("report") else {
        return Ok((None, None));
    };
    let report = match report {
        toml::Value::Table(t) => t,
        _ => {
            return Err(
                "`report` must be a table, e.g. `[report.effort]` with `\"otp/no-raw-send\" = 30`"
                    .into(),
            );
        }
    };
    let rest = toml::to_string(&table).map_err(|e| format!("cannot re-read the config: {e}"))?;
    Ok((Some(rest), Some(report)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_table_is_split_off() {
        let text = "[rules.\"otp/no-raw-send\"]\nenabled = false\n\n[report.effort]\n\"otp/call-timeout\" = 3\n";
        let loaded = from_text("otp-audit.toml", text).unwrap();
        assert!(!loaded.config.rule("otp/no-raw-send").unwrap().enabled);
        assert_eq!(
            loaded.config.source,
            ConfigSource::Toml("otp-audit.toml".into())
        );
        // Without a report table the engine reads the text itself.
        let (rest, report) = split_report("[files]\ninclude = [\"lib/**\"]\n").unwrap();
        assert!(rest.is_none() && report.is_none());
        assert!(
            from_text("otp-audit.toml", "report = 3\n")
                .err()
                .unwrap()
                .contains("must be a table")
        );
        // Other unknown keys are still the engine's errors.
        assert!(
            from_text("otp-audit.toml", "[report.effort]\n[bogus]\n")
                .err()
                .unwrap()
                .contains("unknown key `bogus`")
        );
    }

    #[test]
    fn credo_files_are_credo() {
        let loaded = from_named(Some(&(
            ".credo.exs".into(),
            "%{configs: [%{checks: []}]}".into(),
        )))
        .unwrap();
        assert!(matches!(loaded.config.source, ConfigSource::Credo(_)));
        assert_eq!(
            from_named(None).unwrap().config.source,
            ConfigSource::Defaults
        );
    }
}
