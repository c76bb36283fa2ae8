//! `otp-audit bench`: how fast analysis is against tree-sitter parsing alone, how
//! it scales over cores, and how much memory it takes, on a reproducible synthetic
//! corpus (otp-audit-corpus) or on a project given as PATH.
//!
//! Each run of a phase is a fresh process (this binary, `bench --phase NAME`), so
//! that its peak memory is its own: the kernel's high-water mark of the resident set
//! (`VmHWM` in `/proc/self/status`), next to the resident set once the corpus is
//! loaded and before the phase starts. The phases take turns, `--rounds` times, so
//! that a change in the machine's load hits them alike; times are the best run.
//! Analysis goes through the same code as `check` (files read from memory instead of
//! disk): per file parse, model, every rule, the tree dropped; then the cross-file
//! rules. Then the result cache: the same corpus as a project on disk, run as
//! `check` runs it, without the cache, cold, warm and with one file changed
//! (see `cache.rs`).

mod cache;

use crate::args::BenchOptions;
use crate::files::{self, Input, Origin};
use crate::output;
use crate::run;
use otp_audit_engine::Engine;
use std::fmt::Write;
use std::time::Instant;

/// Resident-set figures of this process, in bytes (Linux; `None` elsewhere).
fn status_bytes(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// One lib file of about `mb` megabytes: the lib modules of synthetic corpora
/// (seeds `seed`, `seed + 1`, ...) one after another, as a generated file would
/// hold them.
fn large_file(mb: usize, seed: u64) -> String {
    let want = mb * 1_000_000;
    let mut text = String::with_capacity(want + 100_000);
    let mut seed = seed;
    while text.len() < want {
        let project = otp_audit_corpus::generate(&otp_audit_corpus::Options {
            seed,
            files: 200,
            test_files: 0,
            violation_rate: 0.05,
        });
        for f in project.files.iter().filter(|f| f.path.starts_with("lib/")) {
            if text.len() >= want {
                break;
            }
            text.push_str(&f.source);
            if !f.source.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
        }
        seed += 1;
    }
    text
}

/// The corpus in memory and how to describe it.
fn load(opts: &BenchOptions) -> Result<(String, Vec<Input>), String> {
    if let Some(mb) = opts.large_file {
        let input = Input {
            origin: Origin::Memory {
                container: "generated".into(),
                bytes: large_file(mb, opts.seed).into_bytes(),
            },
            path: "lib/generated/large.ex".into(),
            scope: otp_audit_engine::FileScope::Lib,
            explicit: true,
        };
        let what = format!(
            "one generated file of {mb} MB (otp-audit-corpus lib modules, --seed {})",
            opts.seed
        );
        return Ok((what, vec![input]));
    }
    if let Some(path) = &opts.path {
        let collected = files::collect(std::slice::from_ref(path))?;
        let mut inputs = Vec::with_capacity(collected.inputs.len());
        for input in collected.inputs {
            let bytes = input.read()?.into_owned();
            inputs.push(Input {
                origin: Origin::Memory {
                    container: path.display().to_string(),
                    bytes,
                },
                path: input.path,
                scope: input.scope,
                explicit: false,
            });
        }
        return Ok((format!("`{}`", path.display()), inputs));
    }
    let project = otp_audit_corpus::generate(&otp_audit_corpus::Options {
        seed: opts.seed,
        files: opts.files,
        test_files: opts.files / 3,
        violation_rate: 0.05,
    });
    let inputs = project
        .files
        .into_iter()
        .map(|f| Input {
            origin: Origin::Memory {
                container: "corpus".into(),
                bytes: f.source.into_bytes(),
            },
            scope: otp_audit_engine::FileScope::of_path(&f.path),
            path: f.path,
            explicit: false,
        })
        .collect();
    let what = format!(
        "synthetic corpus (otp-audit-corpus --seed {} --files {} --test-files {} --rate 0.05)",
        opts.seed,
        opts.files,
        opts.files / 3
    );
    Ok((what, inputs))
}

fn texts(inputs: &[Input]) -> Vec<&str> {
    inputs
        .iter()
        .filter_map(|i| match &i.origin {
            Origin::Memory { bytes, .. } => std::str::from_utf8(bytes).ok(),
            Origin::Disk(_) => None,
        })
        .collect()
}

/// The figures of one phase.
#[derive(Debug, Default)]
struct Figures {
    nanos: u128,
    /// Resident set before the phase, with the corpus loaded.
    start: Option<u64>,
    peak: Option<u64>,
    findings: usize,
}

impl Figures {
    fn to_line(&self) -> String {
        format!(
            "nanos={} start={} peak={} findings={}",
            self.nanos,
            self.start.unwrap_or(0),
            self.peak.unwrap_or(0),
            self.findings
        )
    }

    fn from_line(line: &str) -> Option<Figures> {
        let mut f = Figures::default();
        for part in line.split_whitespace() {
            let (k, v) = part.split_once('=')?;
            match k {
                "nanos" => f.nanos = v.parse().ok()?,
                "start" => f.start = v.parse().ok().filter(|&n| n > 0),
                "peak" => f.peak = v.parse().ok().filter(|&n| n > 0),
                "findings" => f.findings = v.parse().ok()?,
                _ => {}
            }
        }
        Some(f)
    }
}

/// Run one phase here: `parse`, or `analyse-N` for N threads.
fn phase(name: &str, opts: &BenchOptions, inputs: &[Input]) -> Result<Figures, String> {
    let texts = texts(inputs);
    let engine = Engine::default();
    let start = status_bytes("VmRSS:");
    let mut findings = 0;
    let mut best = u128::MAX;
    for _ in 0..opts.rounds {
        let t = Instant::now();
        if name == "parse" {
            for text in &texts {
                drop(std::hint::black_box(otp_audit_engine::parse(text)));
            }
        } else {
            let jobs: usize = name
                .strip_prefix("analyse-")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("unknown bench phase `{name}`"))?;
            let analysis = run::analyse(&engine, inputs, jobs, false, None)?;
            findings = analysis.results.iter().map(|r| r.findings.len()).sum();
        }
        best = best.min(t.elapsed().as_nanos());
    }
    Ok(Figures {
        nanos: best,
        start,
        peak: status_bytes("VmHWM:"),
        findings,
    })
}

/// Run a phase once in a fresh process; in this one if that is not possible.
fn phase_apart(name: &str, opts: &BenchOptions, inputs: &[Input]) -> Result<Figures, String> {
    let once = BenchOptions {
        rounds: 1,
        files: opts.files,
        seed: opts.seed,
        jobs: opts.jobs,
        path: opts.path.clone(),
        large_file: opts.large_file,
        phase: None,
    };
    let child = std::env::current_exe().ok().and_then(|exe| {
        let mut cmd = std::process::Command::new(exe);
        cmd.args(["bench", "--phase", name, "--rounds=1"])
            .arg(format!("--files={}", opts.files))
            .arg(format!("--seed={}", opts.seed));
        if let Some(mb) = opts.large_file {
            cmd.arg(format!("--large-file={mb}"));
        }
        if let Some(p) = &opts.path {
            cmd.arg(p);
        }
        cmd.stderr(std::process::Stdio::inherit()).output().ok()
    });
    match child {
        Some(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .lines()
            .find_map(Figures::from_line)
            .ok_or_else(|| format!("bench phase `{name}` printed no figures")),
        Some(o) => Err(format!("bench phase `{name}` failed with {}", o.status)),
        None => phase(name, &once, inputs),
    }
}

/// Run the phases in turn, `rounds` times, each run in a fresh process, so that a
/// change in the machine's load affects every phase alike; keep the best time and
/// the highest peak of each.
fn interleaved(
    names: &[String],
    opts: &BenchOptions,
    inputs: &[Input],
) -> Result<Vec<Figures>, String> {
    let mut best: Vec<Option<Figures>> = names.iter().map(|_| None).collect();
    for _ in 0..opts.rounds {
        for (name, slot) in names.iter().zip(&mut best) {
            let f = phase_apart(name, opts, inputs)?;
            *slot = Some(match slot.take() {
                None => f,
                Some(b) => Figures {
                    nanos: b.nanos.min(f.nanos),
                    start: b.start.max(f.start),
                    peak: b.peak.max(f.peak),
                    findings: f.findings,
                },
            });
        }
    }
    Ok(best.into_iter().map(|f| f.unwrap_or_default()).collect())
}

pub fn bench(opts: &BenchOptions) -> Result<(), String> {
    let (what, inputs) = load(opts)?;
    if let Some(name) = &opts.phase {
        return output::stdout(&format!("{}\n", phase(name, opts, &inputs)?.to_line()));
    }
    let texts = texts(&inputs);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let largest = texts.iter().map(|t| t.len()).max().unwrap_or(0);
    let files = texts.len();
    drop(texts);
    let cores = run::jobs(opts.jobs);
    let names = [
        "parse".to_string(),
        "analyse-1".into(),
        format!("analyse-{cores}"),
    ];
    let mut figures = interleaved(&names, opts, &inputs)?.into_iter();
    let (parse, single, multi) = match (figures.next(), figures.next(), figures.next()) {
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => return Err("the bench lost a phase".into()),
    };

    let mut out = String::new();
    let _ = writeln!(out, "otp-audit bench: {what}");
    let _ = writeln!(
        out,
        "{files} files, {bytes} bytes ({}), largest file {largest} bytes, {} findings; best of {} rounds",
        mb(bytes as u64),
        single.findings,
        opts.rounds
    );
    let _ = writeln!(
        out,
        "\n{:<36} {:>9} {:>8} {:>10} {:>14}",
        "", "time", "MB/s", "peak RSS", "corpus loaded"
    );
    let rows = [
        ("parse only (tree-sitter)", 1, &parse),
        ("full analysis", 1, &single),
        ("full analysis", cores, &multi),
    ];
    for (name, threads, f) in rows {
        let secs = f.nanos as f64 / 1e9;
        let label = format!("{name}, {threads} thread{}", output::plural(threads));
        let _ = writeln!(
            out,
            "{label:<36} {:>6.0} ms {:>8.2} {:>10} {:>14}",
            secs * 1e3,
            bytes as f64 / 1e6 / secs.max(1e-9),
            f.peak.map(mb).unwrap_or_else(|| "n/a".into()),
            f.start.map(mb).unwrap_or_else(|| "n/a".into()),
        );
    }
    let ratio = single.nanos as f64 / (parse.nanos as f64).max(1.0);
    let _ = writeln!(
        out,
        "\nfull analysis / parse only, 1 thread: {ratio:.2}x (goal: at most 1.25x)"
    );
    let speedup = single.nanos as f64 / (multi.nanos as f64).max(1.0);
    let _ = writeln!(
        out,
        "speedup on {cores} thread{}: {speedup:.2}x",
        output::plural(cores)
    );
    if let (Some(peak), Some(start)) = (single.peak, single.start)
        && largest > 0
    {
        let _ = writeln!(
            out,
            "full analysis, 1 thread: peak RSS {:.1}x the largest file, {:.1}x above the resident set before it (goal: at most 20x plus a constant)",
            peak as f64 / largest as f64,
            peak.saturating_sub(start) as f64 / largest as f64
        );
    }
    let _ = writeln!(
        out,
        "peak RSS is the whole process (VmHWM), each phase in a fresh one; \"corpus loaded\" is its resident set before the phase"
    );
    if opts.large_file.is_none() {
        let times = cache::measure(opts, &inputs, cores)?;
        out.push_str(&cache_table(&times, cores));
    }
    output::stdout(&out)
}

/// The result cache's figures, against the cold run.
fn cache_table(t: &cache::Times, cores: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nresult cache: the corpus as a project on disk, run as `check` runs it, {cores} thread{}",
        output::plural(cores)
    );
    let ms = |n: u128| n as f64 / 1e6;
    let share = |n: u128| 100.0 * n as f64 / (t.cold as f64).max(1.0);
    let rows = [
        ("no cache (--no-cache)", t.uncached, ""),
        ("cold (empty cache, written)", t.cold, ""),
        ("warm, nothing changed", t.warm, " (goal: at most 10%)"),
        (
            "one file changed (the largest)",
            t.one_changed,
            " (goal: at most 15%)",
        ),
    ];
    for (name, n, goal) in rows {
        let _ = writeln!(
            out,
            "{name:<36} {:>6.0} ms {:>7.1}% of cold{goal}",
            ms(n),
            share(n)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_round_trip() {
        let f = Figures {
            nanos: 12,
            start: Some(3),
            peak: Some(4),
            findings: 5,
        };
        let back = Figures::from_line(&f.to_line()).unwrap();
        assert_eq!(
            (back.nanos, back.start, back.peak, back.findings),
            (12, Some(3), Some(4), 5)
        );
    }

    #[test]
    fn a_small_bench_runs_in_process() {
        let opts = BenchOptions {
            files: 4,
            seed: 1,
            rounds: 1,
            jobs: Some(2),
            path: None,
            large_file: None,
            phase: None,
        };
        let (_, inputs) = load(&opts).unwrap();
        let f = phase("analyse-2", &opts, &inputs).unwrap();
        assert!(f.nanos > 0);
        assert!(phase("bogus", &opts, &inputs).is_err());
    }

    #[test]
    fn a_large_file_is_one_lib_file_of_the_size_asked() {
        let text = large_file(1, 3);
        assert!(
            (1_000_000..1_200_000).contains(&text.len()),
            "{}",
            text.len()
        );
        assert!(!otp_audit_engine::parse(&text).root_node().has_error());
    }
}
