//! `otp-audit`: the command-line shell over the engine. Fast and quiet: findings
//! on stdout, a one-line summary on stderr, exit status for CI.
//!
//! A library with one entry point, [`main`], so that a second binary can be the
//! same program: the repository root's package (what pre-commit's `language:
//! rust` installs, see `.pre-commit-hooks.yaml`) is this CLI under another name.

mod args;
mod bench;
mod cache;
mod check;
mod config;
mod explain;
mod files;
mod fix;
mod output;
mod progress;
mod run;
mod server;
mod stamp;
mod write;

use std::process::ExitCode;

/// Run the command line in `std::env::args_os()`; the exit status to return.
pub fn main() -> ExitCode {
    let outcome = match args::parse(std::env::args_os().collect()) {
        Ok(args::Command::Help) => print_help().map(|()| false),
        Ok(args::Command::Explain(arg)) => explain::explain(&arg).map(|()| false),
        Ok(args::Command::Rules(json)) => output::rules::print(json).map(|()| false),
        Ok(args::Command::Check(opts)) => {
            configure(opts.verbose, opts.max_file_size, opts.no_ignore);
            check::check(&opts)
        }
        Ok(args::Command::Report(opts)) => {
            configure(opts.verbose, opts.max_file_size, opts.no_ignore);
            check::report(&opts).map(|()| false)
        }
        Ok(args::Command::Bench(opts)) => bench::bench(&opts).map(|()| false),
        Ok(args::Command::Clean { path, cache_dir }) => {
            clean(&path, cache_dir.as_deref()).map(|()| false)
        }
        Ok(args::Command::Completions(shell)) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut args::command(), "otp-audit", &mut out);
            output::stdout(&String::from_utf8_lossy(&out)).map(|()| false)
        }
        // Exit status 1 when the client left without `shutdown`, as the LSP asks.
        Ok(args::Command::Server(opts)) => server::run(&opts).map(|clean| !clean),
        Ok(args::Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(args::command())
                .render(&mut out)
                .map_err(|e| format!("cannot render the manual page: {e}"))
                .and_then(|()| output::stdout(&String::from_utf8_lossy(&out)))
                .map(|()| false)
        }
        Err(args::Usage::Clap(e)) => {
            // Help and version print to stdout and exit 0; errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(args::Usage::Ours(e)) => {
            eprintln!("otp-audit: {e}\nRun `otp-audit --help` for usage.");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(true) => ExitCode::from(1),
        Ok(false) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("otp-audit: {e}");
            ExitCode::from(2)
        }
    }
}

/// The settings `check` and `report` read from everywhere.
fn configure(verbose: bool, max_file_size: u64, no_ignore: bool) {
    output::set_verbose(verbose);
    run::set_max_file_size(max_file_size);
    files::set_honour_ignore_files(!no_ignore);
}

/// `clean`: empty the cache of the project at `path`, and say what went.
fn clean(path: &std::path::Path, cache_dir: Option<&std::path::Path>) -> Result<(), String> {
    if !path.exists() {
        return Err(format!(
            "cannot read `{}`: no such file or directory; name the project whose cache to empty",
            path.display()
        ));
    }
    let dir = match cache_dir {
        Some(d) => d.to_path_buf(),
        None => files::root_of(path).join(cache::DIR_NAME),
    };
    let removed = cache::clean::clean(&dir)?;
    if removed.files == 0 {
        eprintln!("No cache in `{}`; nothing to remove.", dir.display());
    } else {
        eprintln!(
            "Removed {} file{} ({}) from `{}`{}.",
            removed.files,
            output::plural(removed.files),
            otp_audit_project::archive::human_bytes(removed.bytes),
            dir.display(),
            if removed.folder {
                ", and the folder"
            } else {
                ""
            }
        );
    }
    Ok(())
}

fn print_help() -> Result<(), String> {
    let help = args::command().render_help().to_string();
    output::stdout(&help)
}
