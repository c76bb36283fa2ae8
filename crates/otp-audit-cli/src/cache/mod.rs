//! The result cache: each file's findings and cross-file facts as its own analysis
//! left them (before the cross-file rules), so that a re-run analyses only the
//! files that changed, then concludes the cross-file rules over cached and fresh
//! facts together (a changed helper still changes the findings of the tests that
//! use it).
//!
//! It lives in `.otp-audit-cache/` at the project root (`--cache-dir` elsewhere,
//! `--no-cache` off), one file per key: the engine (its version and a hash of this
//! very executable, so that any rebuild starts afresh) and the effective rule
//! settings. Within it, a line serves a file only when the path, the scope and the
//! xxh3 of the file's bytes all match. Only files on disk are cached, never the
//! entries of an archive. Writes go to a temporary file renamed over the old one,
//! so a concurrent run reads the old cache or the new, never half of one.
//!
//! `check --fix` uses the cache too: it supplies only the findings and facts of
//! files whose bytes hash as they did when the line was written, and every fix is
//! computed again from the text it is applied to, which is written only if the
//! file still holds that text.

pub mod clean;
mod format;

use crate::files::Input;
use otp_audit_engine::{Engine, FileFacts, FileResult};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

pub use format::Read;

/// The default cache folder, at the project root.
pub const DIR_NAME: &str = ".otp-audit-cache";

/// Cache files of other keys kept beside the current one (other configurations
/// in use, such as a `--select` run); older ones are removed.
const KEEP: usize = 8;

/// Where the cache goes, as the flags say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Choice {
    /// `.otp-audit-cache/` at the project root.
    #[default]
    AtRoot,
    /// `--cache-dir DIR`.
    Dir(PathBuf),
    /// `--no-cache`.
    Off,
}

impl Choice {
    /// The cache folder for a project rooted at `root`; `None` when off.
    pub fn dir(&self, root: &Path) -> Option<PathBuf> {
        match self {
            Choice::AtRoot => Some(root.join(DIR_NAME)),
            Choice::Dir(d) => Some(d.clone()),
            Choice::Off => None,
        }
    }
}

/// The cache of one engine and configuration in one folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    key: String,
}

/// xxh3 of this executable, once per process: a rebuilt engine never reads what
/// another build wrote, even at the same version number.
fn executable_hash() -> u64 {
    static HASH: OnceLock<u64> = OnceLock::new();
    *HASH.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::read)
            .map(|bytes| xxh3_64(&bytes))
            // Unreadable: a hash no run can have written under; nothing is reused.
            .unwrap_or_else(|_| xxh3_64(format!("{:?}", std::time::SystemTime::now()).as_bytes()))
    })
}

/// The settings that change what the rules report: each rule on or off, its
/// severity and parameters (a `BTreeMap`, so its `Debug` text has a fixed order).
fn settings_hash(engine: &Engine) -> u64 {
    let mut text = String::new();
    for rule in otp_audit_engine::rules::ALL {
        text.push_str(rule.id);
        text.push_str(&format!("={:?};", engine.config().rule(rule.id)));
    }
    xxh3_64(text.as_bytes())
}

/// The hash of a file's bytes, as lines record it.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

impl Cache {
    pub fn new(dir: PathBuf, engine: &Engine) -> Cache {
        Cache::with_key(
            dir,
            format!(
                "{} {:016x} {:016x}",
                env!("CARGO_PKG_VERSION"),
                executable_hash(),
                settings_hash(engine)
            ),
        )
    }

    fn with_key(dir: PathBuf, key: String) -> Cache {
        Cache { dir, key }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This key's file.
    fn file(&self) -> PathBuf {
        self.dir
            .join(format!("{:016x}.cache", xxh3_64(self.key.as_bytes())))
    }

    /// The file's text: empty when there is none or it cannot be read (the run
    /// then analyses everything and writes it anew).
    pub fn load(&self) -> String {
        std::fs::read(self.file())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The lines of a loaded text that this key may use.
    pub fn read<'a>(&self, text: &'a str) -> Read<'a> {
        format::read(text, &self.key)
    }

    /// Write the cache after a run that analysed `visited` (project paths): the
    /// lines of this run, then the earlier lines of files the run did not look at
    /// and that are still on disk. Nothing is written when nothing changed.
    pub fn save(
        &self,
        old: &Read,
        visited: &HashSet<&str>,
        lines: Vec<Stored>,
    ) -> Result<(), String> {
        let mut dirty = old.damaged;
        let mut text = format::header(&self.key);
        text.push('\n');
        for stored in &lines {
            match stored {
                Stored::Kept(path) => match old.lines.get(path) {
                    Some(l) => text.push_str(l.raw),
                    None => continue,
                },
                Stored::Fresh(line) => {
                    dirty = true;
                    text.push_str(line);
                }
            }
            text.push('\n');
        }
        let mut others: Vec<_> = old
            .lines
            .values()
            .filter(|l| !visited.contains(l.path.as_str()))
            .collect();
        others.sort_by(|a, b| a.path.cmp(&b.path));
        for l in others {
            if Path::new(&l.disk).is_file() {
                text.push_str(l.raw);
                text.push('\n');
            } else {
                dirty = true;
            }
        }
        // Lines of visited files that were not kept: gone from the run (skipped).
        let kept = lines
            .iter()
            .filter(|s| matches!(s, Stored::Kept(_)))
            .count();
        dirty |= old
            .lines
            .keys()
            .filter(|p| visited.contains(p.as_str()))
            .count()
            != kept;
        if !dirty {
            return Ok(());
        }
        self.write(&text).map_err(|e| {
            format!(
                "cannot write the cache in `{}`: {e}; choose another folder with `--cache-dir DIR` or run with `--no-cache`",
                self.dir.display()
            )
        })
    }

    fn write(&self, text: &str) -> std::io::Result<()> {
        let created = !self.dir.is_dir();
        std::fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.join(".gitignore");
        let ours = created || self.dir.file_name().is_some_and(|n| n == DIR_NAME);
        if ours && !ignore.exists() {
            std::fs::write(&ignore, clean::GITIGNORE)?;
        }
        crate::write::atomic_unsynced(&self.file(), text.as_bytes())?;
        self.prune();
        Ok(())
    }

    /// Remove the cache files of other keys beyond the [`KEEP`] most recent.
    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| clean::is_cache_file(p))
            .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
            .collect();
        if files.len() <= KEEP + 1 {
            return;
        }
        files.sort_by_key(|f| std::cmp::Reverse(f.0));
        let mine = self.file();
        for (_, p) in files.into_iter().filter(|(_, p)| *p != mine).skip(KEEP) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// What a run stores for one file: its earlier line (by path), unchanged, or a
/// new one.
pub enum Stored {
    Kept(String),
    Fresh(String),
}

/// The cached analysis of `input`, whose bytes hash to `content`, when a line
/// serves it.
pub fn lookup(read: &Read, input: &Input, content: u64) -> Option<(FileResult, FileFacts)> {
    let line = read.lines.get(&input.path)?;
    if line.content != content {
        return None;
    }
    let (result, facts): (FileResult, serde_json::Value) = serde_json::from_str(line.entry).ok()?;
    if result.path != input.path || result.scope != input.scope {
        return None;
    }
    Some((result, FileFacts::from_json(&facts)))
}

/// The line that stores a fresh analysis of a file on disk.
pub fn line(
    input: &Input,
    disk: &Path,
    content: u64,
    result: &FileResult,
    facts: &FileFacts,
) -> String {
    let entry = serde_json::to_string(&(result, facts.to_json())).expect("results serialize");
    let disk = crate::files::absolute(disk);
    format::line(content, &input.path, &disk.to_string_lossy(), &entry)
}

#[cfg(test)]
mod tests;
