//! `otp-audit check`: configure, collect, analyse on all cores, print.

use crate::args::{CheckOptions, Format};
use crate::files::{self, Input};
use crate::output;
use otp_audit_engine::{Config, Engine, FileFacts, FileResult};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Load the configuration: `--config`, else `otp-audit.toml` or `.credo.exs` in the
/// project directory, else the defaults.
pub fn load_config(explicit: Option<&Path>, root: &Path) -> Result<Config, String> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()))
    };
    let from = |p: &Path| -> Result<Config, String> {
        let text = read(p)?;
        let is_credo = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".exs"));
        let mut config = if is_credo {
            otp_audit_engine::credo_config::from_credo_exs(&text)
        } else {
            Config::from_toml(&text)
        }
        .map_err(|e| format!("{}: {e}", p.display()))?;
        if !is_credo {
            config.source = otp_audit_engine::config::ConfigSource::Toml(p.display().to_string());
        }
        Ok(config)
    };
    if let Some(p) = explicit {
        return from(p);
    }
    for name in ["otp-audit.toml", ".credo.exs"] {
        let p = root.join(name);
        if p.is_file() {
            return from(&p);
        }
    }
    Ok(Config::default())
}

/// Returns whether anything was found.
pub fn check(opts: &CheckOptions) -> Result<bool, String> {
    let root = files::root_of(&opts.paths[0]);
    let config = load_config(opts.config.as_deref(), &root)?;
    let mut inputs = files::collect(&opts.paths)?;
    let explicit: Vec<&Path> = opts
        .paths
        .iter()
        .filter(|p| p.is_file())
        .map(|p| p.as_path())
        .collect();
    inputs.retain(|i| explicit.contains(&i.disk.as_path()) || config.files.accepts(&i.path));
    let engine = Engine::new(config);
    let jobs = opts.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let analysed = analyse(&engine, &inputs, jobs)?;
    let sources: Vec<(&str, &str)> = analysed
        .iter()
        .map(|a| (a.path.as_str(), a.source.as_str()))
        .collect();
    let mut results: Vec<FileResult> = Vec::with_capacity(analysed.len());
    let mut facts = Vec::with_capacity(analysed.len());
    for a in &analysed {
        results.push(a.result.clone());
    }
    for a in analysed.iter() {
        facts.push(
            a.facts
                .lock()
                .expect("no panics while holding")
                .take()
                .unwrap_or_default(),
        );
    }
    engine.conclude(&sources, &mut results, facts);
    let found = results.iter().any(|r| !r.findings.is_empty());
    let color = opts.color.unwrap_or_else(output::color_by_default);
    let written = match opts.format {
        Format::Json => output::json::print(&results, engine.config()),
        Format::Text => output::text::print(&results, color),
    };
    match written {
        // `otp-audit check | head` is fine.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(found),
        Err(e) => Err(format!("cannot write the output: {e}")),
        Ok(()) => Ok(found),
    }
}

struct Analysed {
    path: String,
    source: String,
    result: FileResult,
    facts: Mutex<Option<FileFacts>>,
}

/// A file analysed, skipped (`None`), or an I/O error.
type Outcome = Result<Option<Analysed>, String>;

/// Read and analyse the files on `jobs` threads; results keep the input order.
fn analyse(engine: &Engine, inputs: &[Input], jobs: usize) -> Result<Vec<Analysed>, String> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = inputs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(inputs.len()).max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let outcome = analyse_one(engine, input);
                    *slots[i].lock().expect("no panics while holding") = Some(outcome);
                }
            });
        }
    });
    let mut out = Vec::with_capacity(inputs.len());
    for slot in slots {
        match slot.into_inner().expect("threads joined") {
            Some(Ok(Some(a))) => out.push(a),
            Some(Ok(None)) | None => {}
            Some(Err(e)) => return Err(e),
        }
    }
    Ok(out)
}

fn analyse_one(engine: &Engine, input: &Input) -> Outcome {
    let bytes = std::fs::read(&input.disk)
        .map_err(|e| format!("cannot read `{}`: {e}", input.disk.display()))?;
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => {
            eprintln!(
                "otp-audit: skipping `{}`: not UTF-8 (Elixir source must be UTF-8)",
                input.disk.display()
            );
            return Ok(None);
        }
    };
    let (result, facts) = engine.check_with_facts(&input.path, &source);
    Ok(Some(Analysed {
        path: input.path.clone(),
        source,
        result,
        facts: Mutex::new(Some(facts)),
    }))
}
