//! Command-line arguments: clap (derive) reads them, with help grouped by topic,
//! "did you mean" for mistyped flags and commands, shell completions and a man
//! page. The checks that need the rule list or span several flags stay ours, so
//! their errors say what to type instead.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use otp_audit_engine::rules::ALL;
use otp_audit_engine::{FileScope, Severity};
use std::ffi::OsString;
use std::path::PathBuf;

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    #[value(alias = "ndjson")]
    Jsonl,
    Sarif,
    Credo,
    Flycheck,
    #[value(alias = "md")]
    Markdown,
    Html,
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
    /// `--no-ignore`: walk folders that `.gitignore`/`.ignore` files exclude.
    pub no_ignore: bool,
    /// `report --compare OLD.json`: what changed since that JSON report.
    pub compare: Option<PathBuf>,
    /// `--revision REV`: the commit the JSON report names.
    pub revision: Option<String>,
    /// `--cache-dir DIR`, `--no-cache`.
    pub cache: crate::cache::Choice,
}

/// The default of `--max-file-size`: larger Elixir files are generated data, not
/// code anyone maintains by hand, and take memory out of proportion.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

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
    /// A shell completion script on stdout.
    Completions(clap_complete::Shell),
    /// The manual page (roff) on stdout.
    Man,
    /// `server`: the language server on stdin/stdout.
    Server(crate::server::ServerOptions),
    /// `clean`: empty the cache of the project at `path` (or `--cache-dir`).
    Clean {
        path: PathBuf,
        cache_dir: Option<PathBuf>,
    },
    /// `otp-audit` alone: the help.
    Help,
}

/// A usage error: clap's own (already worded, with "did you mean"), or ours.
#[derive(Debug)]
pub enum Usage {
    Clap(clap::Error),
    Ours(String),
}

impl From<String> for Usage {
    fn from(s: String) -> Usage {
        Usage::Ours(s)
    }
}

impl From<&str> for Usage {
    fn from(s: &str) -> Usage {
        Usage::Ours(s.to_string())
    }
}

const CHECK_NOTES: &str = "\
Directories are searched recursively for .ex and .exs files, skipping deps/,
_build/, node_modules/ and .git/ always, and what .gitignore, .ignore and git's
global excludes name unless --no-ignore. Symbolic links are followed while they
stay inside the project; a link out of it is skipped with a note. Each file is
analysed once, whatever arguments overlap. Which rules apply to a file (lib,
test, test_support, other) is decided relative to the nearest folder above it
that holds a mix.exs, whatever path was typed. Paths in the output are relative
to the directory given when it is a project's root, else to the current
directory.

Exit status: 0 no findings, 1 findings (or a count over its limit, or a --diff
that is not empty), 2 usage or I/O error.";

const TOP_NOTES: &str = "\
`otp-audit PATH` and `otp-audit --format json PATH` mean `otp-audit check`.
Run `otp-audit check --help` for the options, grouped by topic.

Exit status: 0 no findings, 1 findings (or a count over its limit, or a --diff
that is not empty), 2 usage or I/O error.";

/// Find OTP and ExUnit anti-patterns in Elixir code
#[derive(Parser)]
#[command(name = "otp-audit", version, after_help = TOP_NOTES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Subcommand)]
enum Sub {
    /// Analyse files, directories or a .zip (default: .)
    #[command(after_help = CHECK_NOTES)]
    Check(CheckArgs),
    /// The remediation plan, Markdown or HTML
    #[command(after_help = CHECK_NOTES)]
    Report(CheckArgs),
    /// Print a rule's guide page (`patterns` for all patterns), or the findings
    /// at FILE:LINE[:COL] with their guide
    Explain {
        #[arg(value_name = "RULE|FILE:LINE[:COL]")]
        what: String,
    },
    /// List the rules
    Rules {
        #[arg(short, long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// The older spelling `otp-audit rules json`.
        #[arg(hide = true, value_parser = ["json"])]
        json: Option<String>,
    },
    /// Parse and analysis throughput, peak memory (on a generated corpus, PATH,
    /// or one generated file of --large-file MB)
    Bench(BenchArgs),
    /// Print a shell completion script (e.g. `otp-audit completions bash >
    /// ~/.local/share/bash-completion/completions/otp-audit`)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) on stdout: `otp-audit man | man -l -`
    Man,
    /// Empty the result cache (.otp-audit-cache/ at the project root of PATH,
    /// default .)
    Clean {
        /// A file or folder of the project (default: .)
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        /// The cache folder, when runs name it with --cache-dir
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
    },
    /// A language server over stdin/stdout (LSP): diagnostics, fixes as code
    /// actions, the guide on hover; see the README for editor setup
    Server {
        /// Also write the server's log to stderr (it always goes to the client
        /// through window/logMessage)
        #[arg(long)]
        log_stderr: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The flags of `check`; `report` reads the same struct and refuses the ones
/// marked "check only" (hidden from its help).
#[derive(Args)]
#[command(disable_help_flag = true)]
struct CheckArgs {
    /// Files, directories or .zip archives
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Default: text (report: markdown, or html for `-o FILE.html`; it writes only
    /// those two)
    #[arg(short, long, value_enum, help_heading = "Output")]
    format: Option<Format>,
    /// Write the output to FILE instead of stdout
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    output: Option<PathBuf>,
    /// Color the text output
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, help_heading = "Output")]
    color: ColorWhen,
    /// The commit the JSON report names as `revision` (default: `git rev-parse
    /// HEAD` in the project, when it is a git checkout; check only)
    #[arg(long, value_name = "REV", help_heading = "Output")]
    revision: Option<String>,

    /// Report only these rule ids or prefixes (otp/, test/); comma-separated or
    /// repeated; names off-by-default rules on
    #[arg(long, value_name = "RULES", help_heading = "Selection")]
    select: Vec<String>,
    /// Do not report these rule ids or prefixes
    #[arg(long, value_name = "RULES", help_heading = "Selection")]
    ignore: Vec<String>,
    /// Report only files of these scopes (comma-separated)
    #[arg(long, value_name = "SCOPES", value_delimiter = ',', help_heading = "Selection",
          value_parser = ["lib", "test", "test_support", "other"])]
    scope: Vec<String>,
    /// Report findings at least this severe
    #[arg(long, value_name = "LEVEL", help_heading = "Selection",
          value_parser = ["info", "warning", "error"])]
    severity: Option<String>,

    /// Record today's findings and per-rule counts; exit 0 (check only)
    #[arg(long, value_name = "FILE", help_heading = "Baselines and the ratchet")]
    write_baseline: Option<PathBuf>,
    /// Report and fail only on findings not in FILE; list fixed ones
    #[arg(long, value_name = "FILE", help_heading = "Baselines and the ratchet")]
    baseline: Option<PathBuf>,
    /// Fail when RULE has more than N findings (repeatable; check only)
    #[arg(
        long,
        value_name = "RULE=N",
        help_heading = "Baselines and the ratchet"
    )]
    max_count: Vec<String>,
    /// Cap each rule at its count in the --baseline file (check only)
    #[arg(long, help_heading = "Baselines and the ratchet")]
    ratchet: bool,
    /// Print what changed since OLD.json (a `check --format json` report):
    /// findings fixed, new and unchanged, per rule; PATH may be the newer JSON
    /// report (report only; markdown, html or json)
    #[arg(
        long,
        value_name = "OLD.json",
        help_heading = "Baselines and the ratchet"
    )]
    compare: Option<PathBuf>,

    /// Apply safe fixes in place, then report what remains (check only)
    #[arg(long, help_heading = "Fixes")]
    fix: bool,
    /// With --fix or --diff: include fixes that need review (check only)
    #[arg(long, help_heading = "Fixes")]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing (check only)
    #[arg(long, help_heading = "Fixes")]
    diff: bool,

    /// Print findings per rule and per scope (a table; with --format json a JSON
    /// object) to compare runs (check only)
    #[arg(long, help_heading = "Statistics")]
    statistics: bool,

    /// Exit 2 when a file was skipped (not UTF-8, a symbolic link out of the
    /// project, over the size limit)
    #[arg(long, help_heading = "Other")]
    strict: bool,
    /// otp-audit.toml or .credo.exs to use (default: the one found in the
    /// project directory, else built-in defaults)
    #[arg(short, long, value_name = "FILE", help_heading = "Other")]
    config: Option<PathBuf>,
    /// Threads to use (default: all cores)
    #[arg(short, long, value_name = "N", value_parser = positive, help_heading = "Other")]
    jobs: Option<usize>,
    /// Skip larger files, with a note (KB, MB, GB; a bare number is megabytes)
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = size, help_heading = "Other")]
    max_file_size: u64,
    /// Also analyse what .gitignore, .ignore and git's global excludes name
    /// (deps/, _build/, node_modules/ and .git/ stay skipped)
    #[arg(long, help_heading = "Other")]
    no_ignore: bool,
    /// List every configuration note (each Credo check that has no otp-audit
    /// equivalent), and say how many files the cache served
    #[arg(short, long, help_heading = "Other")]
    verbose: bool,
    /// Print this help
    #[arg(short, long, action = clap::ArgAction::Help, help_heading = "Other")]
    help: Option<bool>,

    /// Keep the result cache in DIR (default: .otp-audit-cache/ at the project
    /// root)
    #[arg(
        long,
        value_name = "DIR",
        help_heading = "Cache",
        conflicts_with = "no_cache"
    )]
    cache_dir: Option<PathBuf>,
    /// Analyse every file afresh, and neither read nor write the cache
    #[arg(long, help_heading = "Cache")]
    no_cache: bool,
}

#[derive(Args)]
struct BenchArgs {
    /// Lib files to generate (and a third as many test files)
    #[arg(long, value_name = "N", default_value_t = 1500, value_parser = positive)]
    files: usize,
    /// Seed of the generated corpus (the same seed gives the same bytes)
    #[arg(long, value_name = "S", default_value_t = 7, value_parser = whole)]
    seed: u64,
    /// Timed rounds per phase; the best is printed
    #[arg(long, value_name = "R", default_value_t = 3, value_parser = positive)]
    rounds: usize,
    /// Threads for the all-cores phase (default: all cores)
    #[arg(short, long, value_name = "N", value_parser = positive)]
    jobs: Option<usize>,
    /// Benchmark one generated file of MB megabytes instead
    #[arg(long, value_name = "MB", value_parser = positive)]
    large_file: Option<usize>,
    #[arg(long, hide = true)]
    phase: Option<String>,
    /// Benchmark these files instead of a generated corpus
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
}

/// The flags of `check` that `report` refuses.
const CHECK_ONLY: &[&str] = &[
    "write_baseline",
    "max_count",
    "ratchet",
    "fix",
    "unsafe_fixes",
    "diff",
    "statistics",
    "revision",
];

/// The command line's grammar, as completions and the man page describe it.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommand("report", |mut report| {
        for id in CHECK_ONLY {
            report = report.mut_arg(*id, |a| a.hide(true));
        }
        report
    })
}

fn positive(v: &str) -> Result<usize, String> {
    v.replace('_', "")
        .parse()
        .ok()
        .filter(|&n: &usize| n > 0)
        .ok_or_else(|| "expected a positive number".to_string())
}

fn whole(v: &str) -> Result<u64, String> {
    v.parse().map_err(|_| "expected a whole number".to_string())
}

/// A size in bytes from `10MB`, `512KB`, `1GB`, `300B` or a bare number of
/// megabytes.
fn size(v: &str) -> Result<u64, String> {
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
        .ok_or_else(|| "expected a size like 10MB, 512KB or 1GB".to_string())
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

/// `--select`/`--ignore` values (each comma-separated) as rule patterns.
fn rule_patterns(flag: &str, values: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for v in values {
        if v.split(',').all(|s| s.trim().is_empty()) {
            return Err(format!(
                "`{flag}` needs at least one rule id or group prefix, e.g. `{flag} otp/no-raw-send` or `{flag} test/`"
            ));
        }
        for item in v.split(',').filter(|s| !s.trim().is_empty()) {
            out.push(rule_pattern(flag, item)?);
        }
    }
    Ok(out)
}

const COMMANDS: &[&str] = &[
    "check",
    "report",
    "explain",
    "rules",
    "bench",
    "completions",
    "man",
    "server",
    "clean",
    "help",
];

/// `otp-audit --format json .` and `otp-audit lib` mean `check`.
fn implicit_check(argv: &mut Vec<OsString>) {
    let Some(first) = argv.get(1) else { return };
    let first = first.to_string_lossy();
    let flag =
        first.starts_with('-') && !matches!(first.as_ref(), "-h" | "--help" | "-V" | "--version");
    let path = !COMMANDS.contains(&first.as_ref()) && std::path::Path::new(&*first).exists();
    if flag || path {
        argv.insert(1, "check".into());
    }
}

/// Parse the whole command line (program name first).
pub fn parse(mut argv: Vec<OsString>) -> Result<Command, Usage> {
    implicit_check(&mut argv);
    let matches = command().try_get_matches_from(argv).map_err(Usage::Clap)?;
    let cli = Cli::from_arg_matches(&matches).map_err(Usage::Clap)?;
    Ok(match cli.command {
        None => Command::Help,
        Some(Sub::Check(a)) => Command::Check(check_options(a, false)?),
        Some(Sub::Report(a)) => Command::Report(check_options(a, true)?),
        Some(Sub::Explain { what }) => Command::Explain(what),
        Some(Sub::Rules { format, json }) => {
            Command::Rules(json.is_some() || matches!(format, RulesFormat::Json))
        }
        Some(Sub::Bench(b)) => Command::Bench(BenchOptions {
            files: b.files,
            seed: b.seed,
            rounds: b.rounds,
            jobs: b.jobs,
            path: b.path,
            large_file: b.large_file,
            phase: b.phase,
        }),
        Some(Sub::Completions { shell }) => Command::Completions(shell),
        Some(Sub::Man) => Command::Man,
        Some(Sub::Server { log_stderr }) => {
            Command::Server(crate::server::ServerOptions { log_stderr })
        }
        Some(Sub::Clean { path, cache_dir }) => Command::Clean {
            path: path.unwrap_or_else(|| PathBuf::from(".")),
            cache_dir,
        },
    })
}

/// The `--format` of `report`: markdown (default; html when `-o` names a .html
/// file) or html.
fn report_format(given: Option<Format>, output: Option<&PathBuf>) -> Result<Format, String> {
    match given {
        Some(f @ (Format::Markdown | Format::Html)) => Ok(f),
        Some(other) => {
            let v = other.to_possible_value().map(|v| v.get_name().to_string());
            let v = v.unwrap_or_default();
            Err(format!(
                "`report` writes markdown or html; for `{v}` use `otp-audit check --format {v}`"
            ))
        }
        None => {
            let html = output.is_some_and(|o| {
                o.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                })
            });
            Ok(if html { Format::Html } else { Format::Markdown })
        }
    }
}

/// The check-only flags given to `report`, by their spelling.
fn check_only_given(a: &CheckArgs) -> Option<&'static str> {
    [
        (a.write_baseline.is_some(), "--write-baseline"),
        (!a.max_count.is_empty(), "--max-count"),
        (a.ratchet, "--ratchet"),
        (a.fix, "--fix"),
        (a.unsafe_fixes, "--unsafe-fixes"),
        (a.diff, "--diff"),
        (a.statistics, "--statistics"),
        (a.revision.is_some(), "--revision"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

fn check_options(a: CheckArgs, report: bool) -> Result<CheckOptions, String> {
    if report && let Some(flag) = check_only_given(&a) {
        return Err(format!("`{flag}` is an option of `check`, not of `report`"));
    }
    if !report && a.compare.is_some() {
        return Err(
            "`--compare` is an option of `report`: `otp-audit report --compare OLD.json [NEW.json | PATH]`"
                .into(),
        );
    }
    let format = if report && a.compare.is_some() && a.format == Some(Format::Json) {
        Format::Json
    } else if report {
        report_format(a.format, a.output.as_ref())?
    } else {
        a.format.unwrap_or(Format::Text)
    };
    for v in &a.max_count {
        let (rule, _) = otp_audit_project::baseline::parse_max_count(v)?;
        if !ALL.iter().any(|r| r.id == rule) {
            let hint = otp_audit_engine::config::closest_rule_id(&rule)
                .map(|id| format!("did you mean `{id}`?"))
                .unwrap_or_else(|| "run `otp-audit rules` to list them".into());
            return Err(format!("`--max-count {v}`: no rule `{rule}`; {hint}"));
        }
    }
    let selection = Selection {
        select: rule_patterns("--select", &a.select)?,
        ignore: rule_patterns("--ignore", &a.ignore)?,
        scopes: a.scope.iter().filter_map(|s| FileScope::parse(s)).collect(),
        min_severity: a.severity.as_deref().and_then(Severity::parse),
    };
    let opts = CheckOptions {
        paths: if a.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            a.paths
        },
        format,
        config: a.config,
        jobs: a.jobs,
        color: match a.color {
            ColorWhen::Auto => None,
            ColorWhen::Always => Some(true),
            ColorWhen::Never => Some(false),
        },
        selection,
        baseline: a.baseline,
        write_baseline: a.write_baseline,
        max_count: a.max_count,
        ratchet: a.ratchet,
        fix: a.fix,
        unsafe_fixes: a.unsafe_fixes,
        diff: a.diff,
        output: a.output,
        strict: a.strict,
        statistics: a.statistics,
        verbose: a.verbose,
        max_file_size: a.max_file_size,
        no_ignore: a.no_ignore,
        compare: a.compare,
        revision: a.revision,
        cache: match (a.no_cache, a.cache_dir) {
            (true, _) => crate::cache::Choice::Off,
            (false, Some(dir)) => crate::cache::Choice::Dir(dir),
            (false, None) => crate::cache::Choice::AtRoot,
        },
    };
    combinations(&opts)?;
    Ok(opts)
}

/// Flags that do not go together, with what to run instead.
fn combinations(opts: &CheckOptions) -> Result<(), String> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Command, Usage> {
        let mut argv = vec![OsString::from("otp-audit")];
        argv.extend(args.iter().map(OsString::from));
        parse(argv)
    }

    fn error(args: &[&str]) -> String {
        match parse_args(args) {
            Err(Usage::Ours(e)) => e,
            Err(Usage::Clap(e)) => e.to_string(),
            Ok(_) => panic!("{args:?} parsed"),
        }
    }

    fn check(args: &[&str]) -> Result<CheckOptions, String> {
        match parse_args(args) {
            Ok(Command::Check(o) | Command::Report(o)) => Ok(o),
            Ok(_) => Err("not check".into()),
            Err(_) => Err(error(args)),
        }
    }

    #[test]
    fn the_grammar_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn flags_and_paths() {
        let o = check(&["check", "--format=json", "-j", "2", "lib", "test"]).unwrap();
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.jobs, Some(2));
        assert_eq!(o.paths, [PathBuf::from("lib"), PathBuf::from("test")]);
        assert_eq!(check(&["check"]).unwrap().paths, [PathBuf::from(".")]);
        assert_eq!(check(&["check", "-j1"]).unwrap().jobs, Some(1));
        assert_eq!(check(&["check", "-fjson"]).unwrap().format, Format::Json);
        for (name, f) in [
            ("jsonl", Format::Jsonl),
            ("ndjson", Format::Jsonl),
            ("sarif", Format::Sarif),
            ("credo", Format::Credo),
            ("flycheck", Format::Flycheck),
            ("markdown", Format::Markdown),
            ("md", Format::Markdown),
            ("html", Format::Html),
        ] {
            assert_eq!(check(&["check", "-f", name]).unwrap().format, f);
        }
        assert!(check(&["check", "--no-ignore"]).unwrap().no_ignore);
        assert!(!check(&["check"]).unwrap().no_ignore);
    }

    #[test]
    fn a_leading_flag_means_check() {
        let o = check(&["--format", "json"]).unwrap();
        assert_eq!(o.format, Format::Json);
        assert!(matches!(parse_args(&[]), Ok(Command::Help)));
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
        let e = check(&["check", "--scope", "library"]).unwrap_err();
        assert!(e.contains("lib, test, test_support, other"), "{e}");
        assert!(e.contains("library"), "{e}");
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
        assert_eq!(size("10MB"), Ok(10 << 20));
        assert_eq!(size("10"), Ok(10 << 20));
        assert_eq!(size("512kb"), Ok(512 << 10));
        assert_eq!(size("300B"), Ok(300));
        assert_eq!(size("1.5G"), Ok(3 << 29));
        assert!(size("lots").is_err() && size("0").is_err() && size("5XB").is_err());
        assert_eq!(
            check(&["check"]).unwrap().max_file_size,
            DEFAULT_MAX_FILE_SIZE
        );
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
            parse_args(&["rules", "--format", "json"]),
            Ok(Command::Rules(true))
        ));
        assert!(matches!(parse_args(&["rules"]), Ok(Command::Rules(false))));
        assert!(matches!(
            parse_args(&["rules", "json"]),
            Ok(Command::Rules(true))
        ));
        match parse_args(&["bench", "--files", "10", "--seed", "3"]) {
            Ok(Command::Bench(b)) => assert_eq!((b.files, b.seed, b.rounds), (10, 3, 3)),
            _ => panic!("bench"),
        }
        assert!(matches!(
            parse_args(&["explain", "lib/a.ex:1:2"]),
            Ok(Command::Explain(_))
        ));
        assert!(matches!(
            parse_args(&["completions", "zsh"]),
            Ok(Command::Completions(clap_complete::Shell::Zsh))
        ));
        assert!(error(&["frobnicate"]).contains("frobnicate"));
    }

    #[test]
    fn cache_flags() {
        use crate::cache::Choice;
        assert_eq!(check(&["check"]).unwrap().cache, Choice::AtRoot);
        assert_eq!(check(&["check", "--no-cache"]).unwrap().cache, Choice::Off);
        assert_eq!(
            check(&["report", "--cache-dir", "c"]).unwrap().cache,
            Choice::Dir(PathBuf::from("c"))
        );
        assert!(error(&["check", "--no-cache", "--cache-dir", "c"]).contains("cannot be used"));
        match parse_args(&["clean"]) {
            Ok(Command::Clean { path, cache_dir }) => {
                assert_eq!((path, cache_dir), (PathBuf::from("."), None));
            }
            _ => panic!("clean"),
        }
    }

    #[test]
    fn errors_say_what_to_do() {
        assert!(error(&["check", "--format", "xml"]).contains("jsonl"));
        assert!(error(&["check", "--jobs", "0"]).contains("positive"));
        assert!(error(&["check", "--bogus"]).contains("--bogus"));
        assert!(error(&["check", "--config"]).contains("a value is required"));
        let e = error(&["check", "--fromat", "json"]);
        assert!(e.contains("similar argument exists: '--format'"), "{e}");
        let e = error(&["chekc"]);
        assert!(e.contains("similar subcommand exists: 'check'"), "{e}");
    }
}
