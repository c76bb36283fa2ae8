//! `otp-audit-corpus --seed N --files N --test-files N [--rate F] --out DIR`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use otp_audit_corpus::{Options, generate};

const USAGE: &str = "\
usage: otp-audit-corpus --out DIR [--seed N] [--files N] [--test-files N] [--rate F]

Writes a synthetic Elixir project under DIR and DIR/planted.json, the list of
planted otp-audit violations ({\"counts\": {rule: n}, \"planted\": [{rule, path, line}]}).

  --out DIR         output directory (created if missing)
  --seed N          PRNG seed; the same options give byte-identical output (default 1)
  --files N         number of lib/** files (default 100)
  --test-files N    number of test/**/*_test.exs files (default 50)
  --rate F          probability in 0..1 that a generated function or test
                    plants a violation (default 0.05)
";

fn parse(args: &[String]) -> Result<(Options, PathBuf), String> {
    let mut opts = Options::default();
    let mut out = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (flag.as_str(), None),
        };
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it.next().cloned().ok_or(format!("{name} needs a value")),
            }
        };
        let number = |v: String| -> Result<usize, String> {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{name}: not a non-negative integer: {v}"))
        };
        match name {
            "--seed" => {
                let v = value()?;
                opts.seed = v
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--seed: not an unsigned integer: {v}"))?;
            }
            "--files" => opts.files = number(value()?)?,
            "--test-files" => opts.test_files = number(value()?)?,
            "--rate" => {
                let v = value()?;
                let rate: f64 = v
                    .parse()
                    .map_err(|_| format!("--rate: not a number: {v}"))?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("--rate must be within 0..1, got {v}"));
                }
                opts.violation_rate = rate;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok((opts, out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (opts, out) = match parse(&args) {
        Ok(v) => v,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("otp-audit-corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let project = generate(&opts);
    let generated = started.elapsed();
    if let Err(e) = project.write_to(&out) {
        eprintln!("otp-audit-corpus: writing {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let counts = project
        .counts()
        .iter()
        .map(|(rule, n)| format!("{rule}={n}"))
        .collect::<Vec<_>>()
        .join(" ");
    println!(
        "wrote {} files ({} bytes) to {} in {:.2?} (generation {:.2?}); planted {}{}{}",
        project.files.len(),
        project.total_bytes(),
        out.display(),
        started.elapsed(),
        generated,
        project.planted.len(),
        if counts.is_empty() { "" } else { ": " },
        counts
    );
    ExitCode::SUCCESS
}
