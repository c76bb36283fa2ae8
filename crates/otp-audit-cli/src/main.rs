//! `otp-audit`: the command-line shell over the engine. Fast and quiet: findings
//! on stdout, a one-line summary on stderr, exit status for CI.

mod args;
mod files;
mod output;
mod run;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help(text)) => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Ok(args::Command::Version) => {
            println!("otp-audit {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(args::Command::Explain(id)) => match otp_audit_engine::guide::page(&id) {
            Some(page) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(page.as_bytes());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("otp-audit: no rule `{id}`; run `otp-audit rules` to list them");
                ExitCode::from(2)
            }
        },
        Ok(args::Command::Rules(json)) => {
            output::rules::print(json);
            ExitCode::SUCCESS
        }
        Ok(args::Command::Check(opts)) => match run::check(&opts) {
            Ok(true) => ExitCode::from(1),
            Ok(false) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("otp-audit: {e}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("otp-audit: {e}\nRun `otp-audit --help` for usage.");
            ExitCode::from(2)
        }
    }
}
