//! The result cache in `otp-audit bench`: the corpus is written to a temporary
//! folder and analysed as `check` analyses a project on disk (walk, configuration,
//! read, analyse on every core, cross-file rules, cache read and write), without
//! the cache, then cold (empty cache), warm (nothing changed), and with one file
//! changed (the largest, the worst case for one edit). Each round edits that file
//! anew, so the cache never holds its text; times are the best of the rounds.

use crate::args::{BenchOptions, Selection};
use crate::cache::{Choice, clean};
use crate::files::{self, Input, Origin};
use crate::run;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The best times of the four runs, in nanoseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Times {
    pub uncached: u128,
    pub cold: u128,
    pub warm: u128,
    pub one_changed: u128,
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Write the corpus under `root`: the files of PATH as they lie under it, or the
/// generated ones by their project paths. Returns the largest file's path.
fn write_corpus(opts: &BenchOptions, inputs: &[Input], root: &Path) -> Result<PathBuf, String> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(path) = &opts.path {
        let base = files::absolute(path);
        for input in files::collect(std::slice::from_ref(path))?.inputs {
            let Some(disk) = input.disk() else { continue };
            let abs = files::absolute(disk);
            let rel = abs.strip_prefix(&base).unwrap_or(&abs);
            files.push((rel.to_path_buf(), input.read()?.into_owned()));
        }
    } else {
        for input in inputs {
            if let Origin::Memory { bytes, .. } = &input.origin {
                files.push((PathBuf::from(&input.path), bytes.clone()));
            }
        }
    }
    let mut largest = (0, PathBuf::new());
    for (rel, bytes) in files {
        let to = root.join(&rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        }
        std::fs::write(&to, &bytes).map_err(|e| format!("cannot write `{}`: {e}", to.display()))?;
        if bytes.len() > largest.0 {
            largest = (bytes.len(), to);
        }
    }
    Ok(largest.1)
}

/// One run as `check` makes it; its time and its findings.
fn timed(root: &Path, choice: &Choice, jobs: usize) -> Result<(u128, usize), String> {
    let t = Instant::now();
    let project = run::open(&[root.to_path_buf()], None, &Selection::default(), choice)?;
    let analysis = run::analyse(
        &project.engine,
        &project.inputs,
        jobs,
        false,
        project.cache.as_ref(),
    )?;
    let findings = analysis.results.iter().map(|r| r.findings.len()).sum();
    Ok((t.elapsed().as_nanos(), findings))
}

/// Time the four runs, `opts.rounds` times each, on `jobs` threads.
pub fn measure(opts: &BenchOptions, inputs: &[Input], jobs: usize) -> Result<Times, String> {
    let root = std::env::temp_dir().join(format!("otp-audit-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let guard = TempDir(root.clone());
    let largest = write_corpus(opts, inputs, &root.join("project"))?;
    let original = std::fs::read(&largest).map_err(|e| e.to_string())?;
    let project = root.join("project");
    let cache = Choice::Dir(root.join("cache"));
    let mut best = Times {
        uncached: u128::MAX,
        cold: u128::MAX,
        warm: u128::MAX,
        one_changed: u128::MAX,
    };
    for round in 0..opts.rounds {
        let (uncached, expected) = timed(&project, &Choice::Off, jobs)?;
        clean::clean(&root.join("cache"))?;
        let (cold, f1) = timed(&project, &cache, jobs)?;
        let (warm, f2) = timed(&project, &cache, jobs)?;
        let mut edited = original.clone();
        edited.extend_from_slice(format!("\n# otp-audit bench edit {round}\n").as_bytes());
        std::fs::write(&largest, &edited).map_err(|e| e.to_string())?;
        let (one_changed, f3) = timed(&project, &cache, jobs)?;
        std::fs::write(&largest, &original).map_err(|e| e.to_string())?;
        if [f1, f2, f3] != [expected; 3] {
            return Err(format!(
                "the cached runs found {f1}, {f2} and {f3} findings where the run without the cache found {expected}"
            ));
        }
        best.uncached = best.uncached.min(uncached);
        best.cold = best.cold.min(cold);
        best.warm = best.warm.min(warm);
        best.one_changed = best.one_changed.min(one_changed);
    }
    drop(guard);
    Ok(best)
}
