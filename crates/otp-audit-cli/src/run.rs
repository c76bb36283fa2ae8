//! The analysis pipeline shared by `check`, `report`, `explain` and `bench`:
//! configure, collect, analyse on all cores (one file at a time per thread, its
//! tree and text dropped when the file is done: what the output needs of the text
//! is cut out as each finding's code frame), then the cross-file rules (which read
//! again the few files they add findings to).

use crate::args::Selection;
use crate::cache::{self, Cache, Stored};
use crate::config::{self, Loaded};
use crate::files::{self, Collected, Input};
use crate::output::frame::Frames;
use crate::progress::{self, Progress};
use otp_audit_engine::config::ConfigSource;
use otp_audit_engine::{Config, Engine, FileFacts, FileResult, ProjectFacts};
use otp_audit_project::report::Efforts;
use otp_audit_project::skipped::{SkipReason, Skipped};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// `--max-file-size`, in bytes. Set once, from the arguments.
static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(crate::args::DEFAULT_MAX_FILE_SIZE);

pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// Whether to analyse `input`: a file on disk over `--max-file-size` is skipped
/// with a note (an archive's entries are held to the archive's own limit).
fn within_size_limit(input: &Input) -> bool {
    let max = MAX_FILE_SIZE.load(Ordering::Relaxed);
    let Some(len) = input
        .disk()
        .and_then(|d| std::fs::metadata(d).ok())
        .map(|m| m.len())
    else {
        return true;
    };
    if len <= max {
        return true;
    }
    eprintln!(
        "otp-audit: skipped `{}`: {}, over the {} limit for one file (`--max-file-size`)",
        input.display(),
        otp_audit_project::archive::human_bytes(len),
        otp_audit_project::archive::human_bytes(max)
    );
    false
}

/// A project ready to analyse.
pub struct Project {
    pub engine: Engine,
    pub efforts: Efforts,
    pub inputs: Vec<Input>,
    pub from_archive: bool,
    /// Files found and not analysed (before reading: links out of the project).
    pub skipped: Vec<Skipped>,
    /// The result cache, unless turned off or the files are not on disk.
    pub cache: Option<Cache>,
}

/// Threads to use: `--jobs`, else every core.
pub fn jobs(explicit: Option<usize>) -> usize {
    explicit.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// Turn rules on and off for a selection: rules named by id in `--select` run even
/// when off by default; rules whose findings cannot be reported do not run, unless
/// unused suppressions are reported (which needs every rule to have run).
pub fn apply_selection(config: &mut Config, sel: &Selection) -> Result<(), String> {
    for id in sel.select.iter().filter(|p| !p.ends_with('/')) {
        config.set_enabled(id, true).map_err(|e| e.to_string())?;
    }
    let meta = "meta/unused-suppression";
    let meta_reported = sel.rule(meta) && config.rule(meta).is_some_and(|s| s.enabled);
    if !meta_reported {
        for rule in otp_audit_engine::rules::ALL {
            if !sel.rule(rule.id) {
                config
                    .set_enabled(rule.id, false)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// The configuration's notes on stderr; the Credo checks without an equivalent are
/// counted in one line unless `--verbose` asks for the list.
fn print_notes(notes: &[String]) {
    use otp_audit_engine::credo_config::left_to_credo;
    let verbose = crate::output::verbose();
    let left = notes.iter().filter(|n| left_to_credo(n).is_some()).count();
    for note in notes {
        if verbose || left_to_credo(note).is_none() {
            eprintln!("otp-audit: note: {note}");
        }
    }
    if left > 0 && !verbose {
        eprintln!(
            "otp-audit: note: {left} Credo check{} {} no otp-audit equivalent; `--verbose` lists {}",
            crate::output::plural(left),
            if left == 1 { "has" } else { "have" },
            if left == 1 { "it" } else { "them" }
        );
    }
}

/// Load the configuration and list the files named by `paths`; `cache` says
/// where their results are cached.
pub fn open(
    paths: &[PathBuf],
    config: Option<&Path>,
    sel: &Selection,
    cache: &cache::Choice,
) -> Result<Project, String> {
    let Collected {
        mut inputs,
        archive_config,
        from_archive,
        skipped,
    } = files::collect(paths)?;
    // The Mix projects among the files (before the configuration leaves any out):
    // supervisor names are suggested only within the project that defines them.
    let mix_dirs = otp_audit_engine::scope::mix_dirs(inputs.iter().map(|i| i.path.as_str()));
    let root = files::root_of(&paths[0]);
    let Loaded {
        config: mut engine_config,
        efforts,
    } = config::load(config, &root, archive_config.as_ref())?;
    print_notes(&engine_config.notes);
    apply_selection(&mut engine_config, sel)?;
    let (kept, left_out): (Vec<_>, Vec<_>) = inputs
        .into_iter()
        .partition(|i| i.explicit || engine_config.files.accepts(&i.path_under(&root)));
    inputs = kept;
    note_tests_left_out(&engine_config.source, &left_out, &root);
    let mut skipped = skipped;
    inputs.retain(|i| {
        let within = within_size_limit(i);
        if !within {
            skipped.push(Skipped {
                path: i.display(),
                reason: SkipReason::TooLarge,
            });
        }
        within
    });
    let engine = Engine::new(engine_config).with_project_roots(mix_dirs);
    let cache = cache
        .dir(&root)
        .filter(|_| !from_archive)
        .map(|dir| Cache::new(dir, &engine));
    Ok(Project {
        engine,
        efforts,
        inputs,
        from_archive,
        skipped,
        cache,
    })
}

/// One line when the configuration's file filter (typically a `.credo.exs` whose
/// `files.included` lists only `lib/`) leaves out test files: the test rules are
/// half of what otp-audit checks, and an empty test column would otherwise pass
/// for a clean test suite.
fn note_tests_left_out(source: &ConfigSource, left_out: &[Input], root: &Path) {
    let tests = left_out
        .iter()
        .filter(|i| i.path_under(root).ends_with("_test.exs"))
        .count();
    let name = match source {
        ConfigSource::Credo(name) => format!("`{name}` (files.included/excluded)"),
        ConfigSource::Toml(name) => format!("`{name}` ([files] include/exclude)"),
        ConfigSource::Defaults => return,
    };
    if tests > 0 {
        eprintln!(
            "otp-audit: note: {name} leaves out {tests} test file{}, so the test/ rules do not see them; widen the filter or name the files to check them",
            crate::output::plural(tests)
        );
    }
}

/// Map `f` over `items` on `jobs` threads (rayon), keeping the order, counting
/// progress. Each file is a task of its own: sizes vary too much to split evenly.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    progress: &Progress,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let one = |item: &T| {
        let r = f(item);
        progress.advance();
        r
    };
    let threads = jobs.min(items.len()).max(1);
    if threads == 1 {
        return items.iter().map(one).collect();
    }
    let all = || items.par_iter().with_max_len(1).map(one).collect();
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(all),
        // No threads to be had: one is enough.
        Err(_) => items.iter().map(one).collect(),
    }
}

/// The analysed files, in input order, with their findings' code frames.
pub struct Analysis {
    pub results: Vec<FileResult>,
    /// `frames[i]`: the code frames of the findings of `results[i]`.
    pub frames: Vec<Frames>,
    /// Files not analysed, and why.
    pub skipped: Vec<Skipped>,
}

impl Analysis {
    /// Keep the files in the selected scopes and the selected findings.
    pub fn select(&mut self, sel: &Selection) {
        if sel.is_everything() {
            return;
        }
        let mut keep = self.results.iter().map(|r| sel.scope(r.scope));
        self.frames.retain(|_| keep.next().unwrap_or(false));
        self.results.retain(|r| sel.scope(r.scope));
        for r in &mut self.results {
            r.findings.retain(|f| sel.finding(f));
        }
    }
}

/// Decode a file as UTF-8; `None` when it is not (the file is then skipped).
pub fn text_of(bytes: std::borrow::Cow<'_, [u8]>) -> Option<String> {
    match bytes {
        std::borrow::Cow::Owned(b) => String::from_utf8(b).ok(),
        std::borrow::Cow::Borrowed(b) => std::str::from_utf8(b).ok().map(str::to_string),
    }
}

/// Read and analyse the files on `jobs` threads, then run the cross-file rules;
/// with a `cache`, files whose analysis it holds are not analysed again.
pub fn analyse(
    engine: &Engine,
    inputs: &[Input],
    jobs: usize,
    show_progress: bool,
    cache: Option<&Cache>,
) -> Result<Analysis, String> {
    Ok(analyse_keeping_facts(engine, inputs, jobs, show_progress, cache)?.0)
}

/// One file analysed (or found in the cache): its findings, their code frames,
/// its facts for the cross-file rules, the hash of the bytes analysed (to know
/// them again), and what to cache of it.
struct Analysed {
    result: FileResult,
    frames: Frames,
    facts: FileFacts,
    content: u64,
    stored: Option<Stored>,
}

type Outcome = Result<Result<Analysed, Skipped>, String>;

/// Analyse one input, through the cache when there is one and the file is on disk.
fn analyse_one(engine: &Engine, input: &Input, cached: Option<&cache::Read>) -> Outcome {
    let bytes = input.read()?;
    let content = cache::content_hash(&bytes);
    let Some(source) = text_of(bytes) else {
        return Ok(Err(Skipped {
            path: input.path.clone(),
            reason: SkipReason::NotUtf8,
        }));
    };
    let done = |result: FileResult, facts, stored| {
        let frames = Frames::cut(&source, &result.findings);
        Ok(Ok(Analysed {
            result,
            frames,
            facts,
            content,
            stored,
        }))
    };
    let Some((read, disk)) = cached.zip(input.disk()) else {
        let (result, facts) = engine.check_with_facts_as(&input.path, input.scope, &source);
        return done(result, facts, None);
    };
    if let Some((result, facts)) = cache::lookup(read, input, content) {
        return done(result, facts, Some(Stored::Kept(input.path.clone())));
    }
    let (result, facts) = engine.check_with_facts_as(&input.path, input.scope, &source);
    let line = cache::line(input, disk, content, &result, &facts);
    done(result, facts, Some(Stored::Fresh(line)))
}

/// The text of `input` again, for a cross-file finding: the same bytes as were
/// analysed (`content` is their hash), or an error.
fn read_again(input: &Input, content: u64) -> Result<String, String> {
    let bytes = input.read()?;
    let same = cache::content_hash(&bytes) == content;
    match text_of(bytes) {
        Some(text) if same => Ok(text),
        _ => Err(format!(
            "`{}` changed while it was being checked; run again",
            input.display()
        )),
    }
}

/// [`analyse`], with the facts of every file for fixing one of them as a part of
/// the project.
pub fn analyse_keeping_facts(
    engine: &Engine,
    inputs: &[Input],
    jobs: usize,
    show_progress: bool,
    cache: Option<&Cache>,
) -> Result<(Analysis, ProjectFacts), String> {
    let text = cache.map(Cache::load).unwrap_or_default();
    let read = cache.map(|c| c.read(&text));
    let outcomes: Vec<Outcome> = progress::run("checking", inputs.len(), show_progress, |p| {
        par_map(inputs, jobs, p, |input| {
            analyse_one(engine, input, read.as_ref())
        })
    });
    let mut results = Vec::with_capacity(outcomes.len());
    let mut frames = Vec::with_capacity(outcomes.len());
    let mut facts = Vec::with_capacity(outcomes.len());
    // For each result, its input and the hash of the bytes analysed.
    let mut analysed = Vec::with_capacity(outcomes.len());
    let mut skipped = Vec::new();
    let mut stored = Vec::new();
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome? {
            Ok(a) => {
                results.push(a.result);
                frames.push(a.frames);
                facts.push(a.facts);
                analysed.push((input, a.content));
                stored.extend(a.stored);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    if let (Some(cache), Some(read)) = (cache, &read) {
        if crate::output::verbose() {
            let reused = stored
                .iter()
                .filter(|s| matches!(s, Stored::Kept(_)))
                .count();
            eprintln!(
                "otp-audit: cache: {reused} of {} file{} reused from `{}`",
                stored.len(),
                crate::output::plural(stored.len()),
                cache.dir().display()
            );
        }
        let visited = inputs.iter().map(|i| i.path.as_str()).collect();
        // A cache that cannot be written costs speed, not results.
        if let Err(e) = cache.save(read, &visited, stored) {
            eprintln!("otp-audit: warning: {e}");
        }
    }
    let refs: Vec<&FileFacts> = facts.iter().collect();
    let pending = engine.conclude_pending(&refs, &mut results, Some);
    for i in pending.files() {
        let (input, content) = analysed[i];
        let text = read_again(input, content)?;
        let result = &mut results[i];
        engine.place(&pending, i, &input.path, &text, result);
        frames[i] = Frames::cut(&text, &result.findings);
    }
    pending.finish(&mut results);
    let project = ProjectFacts::new(results.iter().map(|r| r.path.clone()).zip(facts).collect());
    let analysis = Analysis {
        results,
        frames,
        skipped,
    };
    Ok((analysis, project))
}

/// Open and analyse in one step, with the selection applied.
pub fn open_and_analyse(
    paths: &[PathBuf],
    config: Option<&Path>,
    sel: &Selection,
    jobs_flag: Option<usize>,
    cache: &cache::Choice,
) -> Result<(Project, Analysis), String> {
    let project = open(paths, config, sel, cache)?;
    let mut analysis = analyse(
        &project.engine,
        &project.inputs,
        jobs(jobs_flag),
        progress::enabled(),
        project.cache.as_ref(),
    )?;
    analysis.skipped.extend(project.skipped.iter().cloned());
    analysis.skipped.sort();
    analysis.select(sel);
    Ok((project, analysis))
}
