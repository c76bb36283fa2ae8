//! `otp-audit`: the command-line shell over the engine. Fast and quiet: findings
//! on stdout, a one-line summary on stderr, exit status for CI.

mod args;
mod bench;
mod check;
mod config;
mod explain;
mod files;
mod fix;
mod output;
mod progress;
mod run;
mod write;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args::parse(&argv) {
        Ok(args::Command::Help(text)) => output::stdout(text).map(|()| false),
        Ok(args::Command::Version) => {
            output::stdout(&format!("otp-audit {}\n", env!("CARGO_PKG_VERSION"))).map(|()| false)
        }
        Ok(args::Command::Explain(arg)) => explain::explain(&arg).map(|()| false),
        Ok(args::Command::Rules(json)) => output::rules::print(json).map(|()| false),
        Ok(args::Command::Check(opts)) => {
            output::set_verbose(opts.verbose);
            run::set_max_file_size(opts.max_file_size);
            check::check(&opts)
        }
        Ok(args::Command::Report(opts)) => {
            output::set_verbose(opts.verbose);
            run::set_max_file_size(opts.max_file_size);
            check::report(&opts).map(|()| false)
        }
        Ok(args::Command::Bench(opts)) => bench::bench(&opts).map(|()| false),
        Err(e) => {
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
