//! Command-line arguments, parsed by hand: a handful of flags does not need a
//! framework, and errors say what to type instead.

use otp_audit_engine::rules::ALL;
use otp_audit_engine::{FileScope, Severity};
use std::path::PathBuf;

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Credo,
    Flycheck,
    Markdown,
    Html,
}

impl Format {
    const NAMES: &str = "text, json, jsonl, sarif, credo, flycheck, markdown or html";

    fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "sarif" => Format::Sarif,
            "credo" => Format::Credo,
            "flycheck" => Format::Flycheck,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

/// Which findings to report: rule ids or group prefixes, file scopes, a minimum
/// severity.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Rule ids or prefixes (`otp/`); empty: every enabled rule.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Empty: every scope.
    pub scopes: Vec<FileScope>,
    pub min_severity: Option<Severity>,
}

impl Selection {
    fn matches(pattern: &str, rule: &str) -> bool {
        if pattern.ends_with('/') {
            rule.starts_with(pattern)
        } else {
            rule == pattern
        }
    }

    /// Whether findings of `rule` are reported.
    pub fn rule(&self, rule: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| Self::matches(p, rule)))
            && !self.ignore.iter().any(|p| Self::matches(p, rule))
    }

    pub fn scope(&self, scope: FileScope) -> bool {
        self.scopes.is_empty() || self.scopes.contains(&scope)
    }

    pub fn finding(&self, f: &otp_audit_engine::Finding) -> bool {
        self.rule(&f.rule) && self.min_severity.is_none_or(|m| f.severity >= m)
    }

    /// Nothing is filtered out.
    pub fn is_everything(&self) -> bool {
        self.select.is_empty()
            && self.ignore.is_empty()
            && self.scopes.is_empty()
            && self.min_severity.is_none()
    }
}

/// Options of `check` (and, for the subset it reads, `report`).
#[derive(Debug)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub config: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub color: Option<bool>,
    pub selection: Selection,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    /// `--max-count RULE=N`, as given (parsed by the baseline module).
    pub max_count: Vec<String>,
    pub ratchet: bool,
    pub fix: bool,
    pub unsafe_fixes: bool,
    pub diff: bool,
    pub output: Option<PathBuf>,
    /// `--strict`: a skipped file is an error (exit 2).
    pub strict: bool,
    /// `--statistics`: print findings per rule and per scope instead of findings.
    pub statistics: bool,
    /// List every configuration note (the Credo checks left to Credo).
    pub verbose: bool,
    /// Files larger than this many bytes are skipped (`--max-file-size`).
    pub max_file_size: u64,
}

/// The default of `--max-file-size`: larger Elixir files are generated data, not
/// code anyone maintains by hand, and take memory out of proportion.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

impl CheckOptions {
    fn new(format: Format) -> CheckOptions {
        CheckOptions {
            paths: Vec::new(),
            format,
            config: None,
            jobs: None,
            color: None,
            selection: Selection::default(),
            baseline: None,
            write_baseline: None,
            max_count: Vec::new(),
            ratchet: false,
            fix: false,
            unsafe_fixes: false,
            diff: false,
            output: None,
            strict: false,
            statistics: false,
            verbose: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

#[derive(Debug)]
pub struct BenchOptions {
    pub files: usize,
    pub seed: u64,
    pub rounds: usize,
    pub jobs: Option<usize>,
    /// Benchmark these files instead of a generated corpus.
    pub path: Option<PathBuf>,
    /// Benchmark one generated file of this many megabytes instead.
    pub large_file: Option<usize>,
    /// Internal: run one phase in this process and print its figures (the parent
    /// runs each phase in a fresh process so that each peak is its own).
    pub phase: Option<String>,
}

pub enum Command {
    Check(CheckOptions),
    /// `report`: the same analysis, printed as the remediation plan.
    Report(CheckOptions),
    /// Print a rule's guide page (or the patterns page), or the findings at `path:line:col`.
    Explain(String),
    /// List the rules; `true` for JSON.
    Rules(bool),
    Bench(BenchOptions),
    Help(&'static str),
    Version,
}

pub const HELP: &str = "\
otp-audit: find OTP and ExUnit anti-patterns in Elixir code

Usage:
  otp-audit check [OPTIONS] [PATH]...    analyse files, directories or a .zip (default: .)
  otp-audit report [OPTIONS] [PATH]...   the remediation plan, Markdown or HTML
  otp-audit explain RULE                 print a rule's guide page (`patterns` for all patterns)
  otp-audit explain FILE:LINE[:COL]      the findings at a position, with their guide
  otp-audit rules [--format json]        list the rules
  otp-audit bench [--files N] [--seed S] [--rounds R] [PATH]
                                         parse and analysis throughput, peak memory
  otp-audit bench --large-file MB        the same on one generated file of MB megabytes

Output:
  -f, --format <FORMAT>      text (default), json, jsonl, sarif, credo, flycheck,
                             markdown or html (report: markdown or html)
  -o, --output <FILE>        write the output to FILE instead of stdout
      --color <auto|always|never>

Selection:
      --select <RULES>       report only these rule ids or prefixes (otp/, test/);
                             comma-separated or repeated; names off-by-default rules on
      --ignore <RULES>       do not report these rule ids or prefixes
      --scope <SCOPES>       lib, test, test_support, other (comma-separated)
      --severity <LEVEL>     report findings at least this severe: info, warning, error

Baselines and the ratchet:
      --write-baseline <FILE>  record today's findings and per-rule counts; exit 0
      --baseline <FILE>      report and fail only on findings not in FILE; list fixed ones
      --max-count <RULE=N>   fail when RULE has more than N findings (repeatable)
      --ratchet              cap each rule at its count in the --baseline file

Fixes:
      --fix                  apply safe fixes in place, then report what remains
      --unsafe-fixes         with --fix or --diff: include fixes that need review
      --diff                 print the fixes as a unified diff instead of writing

Statistics:
      --statistics           print findings per rule and per scope (a table; with
                             --format json a JSON object) to compare runs

Other:
      --strict               exit 2 when a file was skipped (not UTF-8, a symbolic
                             link out of the project, over the size limit)
  -c, --config <FILE>        otp-audit.toml or .credo.exs to use (default: the one
                             found in the project directory, else built-in defaults)
  -j, --jobs <N>             threads to use (default: all cores)
      --max-file-size <SIZE> skip larger files, with a note (default: 10MB; KB, MB,
                             GB; a bare number is megabytes)
  -v, --verbose              list every configuration note (each Credo check
                             that has no otp-audit equivalent)
  -h, --help                 print this help
  -V, --version              print the version

Directories are searched recursively for .ex and .exs files, skipping deps/,
_build/, node_modules/ and .git/, following symbolic links that stay inside the
project. Each file is analysed once, whatever arguments overlap. Which rules
apply to a file (lib, test, test_support, other) is decided relative to the
nearest folder above it that holds a mix.exs, whatever path was typed. Paths in
the output are relative to the directory given when it is a project's root,
else to the current directory.

Exit status: 0 no findings, 1 findings (or a count over its limit, or a --diff
that is not empty), 2 usage or I/O error.
";

/// Short flags that take a value, which may be attached (`-j1`, `-fjson`).
const SHORT_WITH_VALUE: &[&str] = &["-j", "-f", "-o", "-c"];

/// Split `--flag=value` and `-jN`, and collect values of flags that take one.
struct Flags<'a> {
    it: std::iter::Peekable<std::slice::Iter<'a, String>>,
}

impl<'a> Flags<'a> {
    /// The next flag (or positional argument) and its inline value.
    fn next(&mut self) -> Option<(&'a str, Option<String>)> {
        let arg = self.it.next()?;
        if let Some(short) = SHORT_WITH_VALUE
            .iter()
            .find(|f| arg.len() > 2 && arg.starts_with(**f))
        {
            let value = &arg[short.len()..];
            return Some((short, Some(value.strip_prefix('=').unwrap_or(value).into())));
        }
        Some(match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        })
    }

    fn value(&mut self, flag: &str, inline: Option<String>) -> Result<String, String> {
        if let Some(v) = inline {
            return Ok(v);
        }
        match self.it.next() {
            Some(v) if !(v.starts_with("--") && v.len() > 2) => Ok(v.clone()),
            _ => Err(format!("`{flag}` needs a value")),
        }
    }
}

fn positive(flag: &str, v: &str) -> Result<usize, String> {
    v.replace('_', "")
        .parse()
        .ok()
        .filter(|&n: &usize| n > 0)
        .ok_or_else(|| format!("`{flag} {v}`: expected a positive number"))
}

/// A size in bytes from `10MB`, `512KB`, `1GB`, `300B` or a bare number of
/// megabytes.
fn size(flag: &str, v: &str) -> Result<u64, String> {
    let t = v.trim().to_ascii_uppercase().replace('_', "");
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let unit: u64 = match unit {
        "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "" | "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => 0,
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| *n > 0.0 && unit > 0)
        .map(|n| (n * unit as f64) as u64)
        .ok_or_else(|| format!("`{flag} {v}`: expected a size like 10MB, 512KB or 1GB"))
}

/// Check a `--select`/`--ignore` item: a rule id, a group prefix (`otp/` or `otp`).
fn rule_pattern(flag: &str, item: &str) -> Result<String, String> {
    let item = item.trim();
    if ALL.iter().any(|r| r.id == item) {
        return Ok(item.to_string());
    }
    let prefix = if item.ends_with('/') {
        item.to_string()
    } else {
        format!("{item}/")
    };
    if (!item.contains('/') || item.ends_with('/')) && ALL.iter().any(|r| r.id.starts_with(&prefix))
    {
        return Ok(prefix);
    }
    let mut groups: Vec<&str> = ALL
        .iter()
        .filter_map(|r| r.id.split_once('/').map(|(g, _)| g))
        .collect();
    groups.dedup();
    let near = otp_audit_engine::config::closest_rule_id(item).or_else(|| {
        let name = item.rsplit('/').next().unwrap_or(item);
        ALL.iter()
            .map(|r| r.id)
            .find(|id| !name.is_empty() && id.ends_with(name))
    });
    let hint = if let Some(id) = near {
        format!("did you mean `{id}`?")
    } else {
        format!(
            "use a rule id from `otp-audit rules` or a group prefix: {}",
            groups
                .iter()
                .map(|g| format!("{g}/"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Err(format!("`{flag} {item}`: no such rule or group; {hint}"))
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let command = argv.first().map(String::as_str);
    let rest = argv.get(1..).unwrap_or(&[]);
    match command {
        None | Some("-h" | "--help" | "help") => Ok(Command::Help(HELP)),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("check") => parse_check(rest, false),
        Some("report") => parse_check(rest, true),
        Some("explain") => match rest {
            [id] => Ok(Command::Explain(id.clone())),
            [] => Err("`explain` needs a rule id or a position, e.g. `otp-audit explain otp/no-raw-send` or `otp-audit explain lib/a.ex:12:5`".into()),
            _ => Err("`explain` takes one rule id or one FILE:LINE:COL".into()),
        },
        Some("rules") => parse_rules(rest),
        Some("bench") => parse_bench(rest),
        // `otp-audit --format json .` and `otp-audit lib` mean `check`.
        Some(other) if other.starts_with('-') || std::path::Path::new(other).exists() => {
            parse_check(argv, false)
        }
        Some(other) => Err(format!(
            "unknown command `{other}`; the commands are check, report, explain, rules and bench (`otp-audit check PATH`)"
        )),
    }
}

fn parse_rules(argv: &[String]) -> Result<Command, String> {
    let mut flags = Flags {
        it: argv.iter().peekable(),
    };
    let mut json = false;
    while let Some((flag, inline)) = flags.next() {
        match flag {
            "-f" | "--format" => {
                json = match flags.value(flag, inline)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(format!(
                            "unknown format `{other}` for `rules`; use text or json"
                        ));
                    }
                }
            }
            // Older spelling.
            "json" => json = true,
            "-h" | "--help" => return Ok(Command::Help(HELP)),
            other => {
                return Err(format!(
                    "`rules` does not take `{other}`; try `--format json`"
                ));
            }
        }
    }
    Ok(Command::Rules(json))
}

fn parse_bench(argv: &[String]) -> Result<Command, String> {
    let mut flags = Flags {
        it: argv.iter().peekable(),
    };
    let mut opts = BenchOptions {
        files: 1500,
        seed: 7,
        rounds: 3,
        jobs: None,
        path: None,
        large_file: None,
        phase: None,
    };
    while let Some((flag, inline)) = flags.next() {
        match flag {
            "--files" => opts.files = positive(flag, &flags.value(flag, inline)?)?,
            "--rounds" => opts.rounds = positive(flag, &flags.value(flag, inline)?)?,
            "-j" | "--jobs" => opts.jobs = Some(positive(flag, &flags.value(flag, inline)?)?),
            "--phase" => opts.phase = Some(flags.value(flag, inline)?),
            "--large-file" => {
                opts.large_file = Some(positive(flag, &flags.value(flag, inline)?)?);
            }
            "--seed" => {
                let v = flags.value(flag, inline)?;
                opts.seed = v
                    .parse()
                    .map_err(|_| format!("`--seed {v}`: expected a whole number"))?;
            }
            "-h" | "--help" => return Ok(Command::Help(HELP)),
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(format!(
                    "`bench` does not take `{f}`; it takes --files N, --seed S, --rounds R, --jobs N, --large-file MB and a PATH"
                ));
            }
            path => {
                if opts.path.is_some() {
                    return Err("`bench` takes one PATH".into());
                }
                opts.path = Some(PathBuf::from(path));
            }
        }
    }
    Ok(Command::Bench(opts))
}

fn parse_check(argv: &[String], report: bool) -> Result<Command, String> {
    let cmd = if report { "report" } else { "check" };
    let mut opts = CheckOptions::new(if report {
        Format::Markdown
    } else {
        Format::Text
    });
    let mut format_given = false;
    let mut flags = Flags {
        it: argv.iter().peekable(),
    };
    let only_check = |flag: &str| -> Result<(), String> {
        if report {
            Err(format!("`{flag}` is an option of `check`, not of `report`"))
        } else {
            Ok(())
        }
    };
    while let Some((flag, inline)) = flags.next() {
        match flag {
            "-h" | "--help" => return Ok(Command::Help(HELP)),
            "-v" | "--verbose" => opts.verbose = true,
            "--max-file-size" => opts.max_file_size = size(flag, &flags.value(flag, inline)?)?,
            "-f" | "--format" => {
                let v = flags.value(flag, inline)?;
                let format = Format::parse(&v).ok_or_else(|| {
                    if report {
                        format!("unknown format `{v}` for `report`; use markdown or html")
                    } else {
                        format!("unknown format `{v}`; use {}", Format::NAMES)
                    }
                })?;
                if report && !matches!(format, Format::Markdown | Format::Html) {
                    return Err(format!(
                        "`report` writes markdown or html; for `{v}` use `otp-audit check --format {v}`"
                    ));
                }
                opts.format = format;
                format_given = true;
            }
            "-o" | "--output" => opts.output = Some(PathBuf::from(flags.value(flag, inline)?)),
            "-c" | "--config" => opts.config = Some(PathBuf::from(flags.value(flag, inline)?)),
            "-j" | "--jobs" => opts.jobs = Some(positive(flag, &flags.value(flag, inline)?)?),
            "--color" => {
                opts.color = match flags.value(flag, inline)?.as_str() {
                    "auto" => None,
                    "always" => Some(true),
                    "never" => Some(false),
                    other => return Err(format!("`--color {other}`: use auto, always or never")),
                }
            }
            "--select" | "--ignore" => {
                let v = flags.value(flag, inline)?;
                if v.split(',').all(|s| s.trim().is_empty()) {
                    return Err(format!(
                        "`{flag}` needs at least one rule id or group prefix, e.g. `{flag} otp/no-raw-send` or `{flag} test/`"
                    ));
                }
                for item in v.split(',').filter(|s| !s.trim().is_empty()) {
                    let p = rule_pattern(flag, item)?;
                    if flag == "--select" {
                        opts.selection.select.push(p);
                    } else {
                        opts.selection.ignore.push(p);
                    }
                }
            }
            "--scope" => {
                let v = flags.value(flag, inline)?;
                for item in v.split(',').filter(|s| !s.trim().is_empty()) {
                    let s = FileScope::parse(item.trim()).ok_or_else(|| {
                        format!("`--scope {item}`: use lib, test, test_support or other")
                    })?;
                    opts.selection.scopes.push(s);
                }
            }
            "--severity" => {
                let v = flags.value(flag, inline)?;
                opts.selection.min_severity = Some(
                    Severity::parse(&v)
                        .ok_or_else(|| format!("`--severity {v}`: use info, warning or error"))?,
                );
            }
            "--baseline" => opts.baseline = Some(PathBuf::from(flags.value(flag, inline)?)),
            "--write-baseline" => {
                only_check(flag)?;
                opts.write_baseline = Some(PathBuf::from(flags.value(flag, inline)?));
            }
            "--max-count" => {
                only_check(flag)?;
                let v = flags.value(flag, inline)?;
                let (rule, _) = otp_audit_project::baseline::parse_max_count(&v)?;
                if !ALL.iter().any(|r| r.id == rule) {
                    let hint = otp_audit_engine::config::closest_rule_id(&rule)
                        .map(|id| format!("did you mean `{id}`?"))
                        .unwrap_or_else(|| "run `otp-audit rules` to list them".into());
                    return Err(format!("`--max-count {v}`: no rule `{rule}`; {hint}"));
                }
                opts.max_count.push(v);
            }
            "--ratchet" => {
                only_check(flag)?;
                opts.ratchet = true;
            }
            "--fix" => {
                only_check(flag)?;
                opts.fix = true;
            }
            "--unsafe-fixes" => {
                only_check(flag)?;
                opts.unsafe_fixes = true;
            }
            "--diff" => {
                only_check(flag)?;
                opts.diff = true;
            }
            "--strict" => opts.strict = true,
            "--statistics" => {
                only_check(flag)?;
                opts.statistics = true;
            }
            "--" => {
                while let Some((p, _)) = flags.next() {
                    opts.paths.push(PathBuf::from(p));
                }
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(format!("unknown option `{f}` for `{cmd}`"));
            }
            path => opts.paths.push(PathBuf::from(path)),
        }
    }
    if opts.paths.is_empty() {
        opts.paths.push(PathBuf::from("."));
    }
    if report && !format_given {
        let html = opts.output.as_ref().is_some_and(|o| {
            o.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        });
        if html {
            opts.format = Format::Html;
        }
    }
    if opts.unsafe_fixes && !opts.fix && !opts.diff {
        return Err("`--unsafe-fixes` goes with `--fix` (write) or `--diff` (show)".into());
    }
    if opts.fix && opts.diff {
        return Err("`--fix` writes the fixes and `--diff` only shows them: choose one".into());
    }
    if opts.ratchet && opts.baseline.is_none() {
        return Err("`--ratchet` caps each rule at its count in a baseline: add `--baseline FILE` (written by `--write-baseline FILE`)".into());
    }
    if opts.statistics && !matches!(opts.format, Format::Text | Format::Json) {
        return Err(
            "`--statistics` prints a text table or, with `--format json`, a JSON object".into(),
        );
    }
    if opts.statistics && (opts.fix || opts.diff || opts.write_baseline.is_some()) {
        return Err(
            "`--statistics` only counts; run `--fix`, `--diff` or `--write-baseline` on their own"
                .into(),
        );
    }
    if opts.write_baseline.is_some() && (opts.fix || opts.diff) {
        return Err("write the baseline and apply fixes in two runs: `--write-baseline` cannot go with `--fix` or `--diff`".into());
    }
    if report {
        Ok(Command::Report(opts))
    } else {
        Ok(Command::Check(opts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn check(args: &[&str]) -> Result<CheckOptions, String> {
        match parse(&argv(args))? {
            Command::Check(o) | Command::Report(o) => Ok(o),
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
        for (name, f) in [
            ("jsonl", Format::Jsonl),
            ("sarif", Format::Sarif),
            ("credo", Format::Credo),
            ("flycheck", Format::Flycheck),
            ("markdown", Format::Markdown),
            ("html", Format::Html),
        ] {
            assert_eq!(check(&["check", "-f", name]).unwrap().format, f);
        }
    }

    #[test]
    fn selection_takes_ids_and_prefixes() {
        let o = check(&[
            "check",
            "--select",
            "otp/,test/no-sleep",
            "--ignore=otp/no-raw-send",
            "--scope",
            "lib,test",
            "--severity",
            "warning",
        ])
        .unwrap();
        let s = &o.selection;
        assert_eq!(s.select, ["otp/", "test/no-sleep"]);
        assert!(s.rule("otp/call-timeout") && s.rule("test/no-sleep"));
        assert!(!s.rule("otp/no-raw-send") && !s.rule("test/no-raw-spawn"));
        assert_eq!(s.scopes, [FileScope::Lib, FileScope::Test]);
        assert_eq!(s.min_severity, Some(Severity::Warning));
        assert_eq!(
            check(&["check", "--select", "otp"])
                .unwrap()
                .selection
                .select,
            ["otp/"]
        );
        let e = check(&["check", "--select", "otp/no-raw-sned"]).unwrap_err();
        assert!(e.contains("no such rule"), "{e}");
        let e = check(&["check", "--ignore", "test/sleep"]).unwrap_err();
        assert!(e.contains("did you mean `test/no-sleep`"), "{e}");
    }

    #[test]
    fn baseline_and_fix_flags() {
        let o = check(&[
            "check",
            "--baseline",
            "b.json",
            "--ratchet",
            "--max-count",
            "otp/no-raw-send=41",
        ])
        .unwrap();
        assert!(o.ratchet);
        assert_eq!(o.max_count, ["otp/no-raw-send=41"]);
        assert!(
            check(&["check", "--ratchet"])
                .unwrap_err()
                .contains("--baseline")
        );
        assert!(
            check(&["check", "--max-count", "otp/nope=1"])
                .unwrap_err()
                .contains("no rule")
        );
        assert!(
            check(&["check", "--max-count", "otp/no-raw-send"])
                .unwrap_err()
                .contains("RULE=COUNT")
        );
        assert!(
            check(&["check", "--unsafe-fixes"])
                .unwrap_err()
                .contains("--fix")
        );
        let o = check(&["check", "--fix", "--unsafe-fixes"]).unwrap();
        assert!(o.fix && o.unsafe_fixes);
        assert!(
            check(&["check", "--write-baseline", "b.json", "--fix"])
                .unwrap_err()
                .contains("two runs")
        );
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(size("f", "10MB"), Ok(10 << 20));
        assert_eq!(size("f", "10"), Ok(10 << 20));
        assert_eq!(size("f", "512kb"), Ok(512 << 10));
        assert_eq!(size("f", "300B"), Ok(300));
        assert_eq!(size("f", "1.5G"), Ok(3 << 29));
        assert!(size("f", "lots").is_err() && size("f", "0").is_err() && size("f", "5XB").is_err());
    }

    #[test]
    fn report_formats() {
        let o = check(&["report"]).unwrap();
        assert_eq!(o.format, Format::Markdown);
        let o = check(&["report", "-o", "plan.html"]).unwrap();
        assert_eq!(o.format, Format::Html);
        assert!(
            check(&["report", "-f", "sarif"])
                .unwrap_err()
                .contains("check --format sarif")
        );
        assert!(
            check(&["report", "--fix"])
                .unwrap_err()
                .contains("not of `report`")
        );
    }

    #[test]
    fn other_commands() {
        assert!(matches!(
            parse(&argv(&["rules", "--format", "json"])),
            Ok(Command::Rules(true))
        ));
        assert!(matches!(
            parse(&argv(&["rules"])),
            Ok(Command::Rules(false))
        ));
        match parse(&argv(&["bench", "--files", "10", "--seed", "3"])) {
            Ok(Command::Bench(b)) => assert_eq!((b.files, b.seed), (10, 3)),
            _ => panic!("bench"),
        }
        assert!(matches!(
            parse(&argv(&["explain", "lib/a.ex:1:2"])),
            Ok(Command::Explain(_))
        ));
        assert!(parse(&argv(&["frobnicate"])).is_err());
    }

    #[test]
    fn errors_say_what_to_do() {
        assert!(
            check(&["check", "--format", "xml"])
                .unwrap_err()
                .contains("use text, json")
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
