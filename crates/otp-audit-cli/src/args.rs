//! Command-line arguments, parsed by hand: a handful of flags does not need a
//! framework, and errors say what to type instead.

use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub config: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub color: Option<bool>,
}

pub enum Command {
    Check(CheckOptions),
    /// Print a rule's guide page (or the patterns page).
    Explain(String),
    /// List the rules; `true` for JSON.
    Rules(bool),
    Help(&'static str),
    Version,
}

pub const HELP: &str = "\
otp-audit: find OTP and ExUnit anti-patterns in Elixir code

Usage:
  otp-audit check [OPTIONS] [PATH]...   analyse files and directories (default: .)
  otp-audit explain RULE                print a rule's guide page (`patterns` for all patterns)
  otp-audit rules [--format=json]       list the rules

Options:
  -f, --format <text|json>   output format (default: text)
  -c, --config <FILE>        otp-audit.toml or .credo.exs to use (default: the one
                             found in the project directory, else built-in defaults)
  -j, --jobs <N>             threads to use (default: all cores)
      --color <auto|always|never>
  -h, --help                 print this help
  -V, --version              print the version

Directories are searched recursively for .ex and .exs files, skipping deps/,
_build/, node_modules/ and .git/. Paths in the output are relative to the
directory given; that relative path decides whether a file is lib or test code.

Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
";

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter().peekable();
    match it.peek().map(|s| s.as_str()) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help(HELP)),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("check") => {
            it.next();
        }
        Some("explain") => {
            return match argv.get(1) {
                Some(id) => Ok(Command::Explain(id.clone())),
                None => Err(
                    "`explain` needs a rule id, e.g. `otp-audit explain otp/no-raw-send`".into(),
                ),
            };
        }
        Some("rules") => {
            return Ok(Command::Rules(
                argv.iter().any(|a| a == "--format=json" || a == "json"),
            ));
        }
        Some(other) if other.starts_with('-') => {}
        Some(other) => {
            return Err(format!(
                "unknown command `{other}`; the command is `otp-audit check PATH`"
            ));
        }
    }
    let mut opts = CheckOptions {
        paths: Vec::new(),
        format: Format::Text,
        config: None,
        jobs: None,
        color: None,
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help(HELP)),
            "-f" | "--format" => {
                opts.format = match value(flag)?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format `{other}`; use `text` or `json`")),
                }
            }
            "-c" | "--config" => opts.config = Some(PathBuf::from(value(flag)?)),
            "-j" | "--jobs" => {
                let v = value(flag)?;
                opts.jobs = Some(
                    v.parse()
                        .ok()
                        .filter(|&n: &usize| n > 0)
                        .ok_or_else(|| format!("`--jobs {v}`: expected a positive number"))?,
                );
            }
            "--color" => {
                opts.color = match value(flag)?.as_str() {
                    "auto" => None,
                    "always" => Some(true),
                    "never" => Some(false),
                    other => return Err(format!("`--color {other}`: use auto, always or never")),
                }
            }
            "--" => opts.paths.extend(it.by_ref().map(PathBuf::from)),
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(format!("unknown option `{f}`"));
            }
            path => opts.paths.push(PathBuf::from(path)),
        }
    }
    if opts.paths.is_empty() {
        opts.paths.push(PathBuf::from("."));
    }
    Ok(Command::Check(opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str]) -> Result<CheckOptions, String> {
        let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&argv)? {
            Command::Check(o) => Ok(o),
            _ => Err("not check".into()),
        }
    }

    #[test]
    fn flags_and_paths() {
        let o = check(&["check", "--format=json", "-j", "2", "lib", "test"]).unwrap();
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.jobs, Some(2));
        assert_eq!(o.paths, [PathBuf::from("lib"), PathBuf::from("test")]);
        assert_eq!(check(&["check"]).unwrap().paths, [PathBuf::from(".")]);
    }

    #[test]
    fn errors_say_what_to_do() {
        assert!(
            check(&["check", "--format", "xml"])
                .unwrap_err()
                .contains("use `text` or `json`")
        );
        assert!(
            check(&["check", "--jobs", "0"])
                .unwrap_err()
                .contains("positive")
        );
        assert!(
            check(&["check", "--bogus"])
                .unwrap_err()
                .contains("unknown option")
        );
        assert!(
            check(&["check", "--config"])
                .unwrap_err()
                .contains("needs a value")
        );
    }
}
