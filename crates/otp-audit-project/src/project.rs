//! A whole project from files in memory to results, fixes and a fixed archive: the
//! pipeline the web app runs (in its workers) and the CLI's zip input shares.
//!
//! [`from_zip`] or [`from_folder`] → [`Sources`] (UTF-8 texts, what was skipped and
//! why, the config file found at the root) → [`analyse`] (or, split over workers,
//! [`check_file`] per file and [`conclude`] over all) → [`fix`] the safe fixes →
//! [`fixed_zip`] / [`fixed_folder_zip`] or a unified [`diff`].

use crate::archive::{self, Limits, Named, Project};
use otp_audit_engine::{Engine, FileFacts, FileResult, Safety};
use serde::{Deserialize, Serialize};

/// The limits of the web app: the CLI's, but a file over 2 MiB is skipped (with its
/// reason) rather than analysed, since it is almost always generated code and would
/// hold a worker for long.
pub fn browser_limits() -> Limits {
    Limits {
        max_file_bytes: 2 * 1024 * 1024,
        ..Limits::default()
    }
}

/// The project's source files, ready to analyse.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sources {
    /// `(project-relative path, text)`, sorted by path.
    pub files: Vec<Named>,
    /// Entries not analysed, with the reason: other files, vendored directories,
    /// files over the size limit, files that are not UTF-8.
    pub skipped: Vec<Named>,
    /// `(otp-audit.toml or .credo.exs, text)` found at the project root.
    pub config: Option<Named>,
    /// The top folder removed from every path.
    pub root_stripped: Option<String>,
}

impl Sources {
    /// The files skipped for a reason the user should hear about: not UTF-8, too
    /// large, duplicate names; not the other files and vendored directories every
    /// project has.
    pub fn notable_skips(&self) -> impl Iterator<Item = &Named> {
        self.skipped
            .iter()
            .filter(|(p, why)| !p.ends_with('/') && why != "not an Elixir source file")
    }

    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|(_, t)| t.len()).sum()
    }

    /// The folders holding a `mix.exs` (`""` for the root): each file is scoped
    /// relative to the Mix project that holds it (`installer/lib/` is production
    /// code of the installer).
    pub fn mix_dirs(&self) -> Vec<String> {
        otp_audit_engine::scope::mix_dirs(self.files.iter().map(|(p, _)| p.as_str()))
    }

    /// What an engine for this project needs, to hand to the workers.
    pub fn setup(&self) -> Setup {
        Setup {
            config: self.config.clone(),
            mix_dirs: self.mix_dirs(),
        }
    }
}

/// What it takes to build a project's engine, in one message for the workers: the
/// config file found at the root and the folders that hold a `mix.exs`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    pub config: Option<Named>,
    #[serde(default)]
    pub mix_dirs: Vec<String>,
}

impl Setup {
    /// The engine of the project, with what its config says (and the efforts).
    pub fn engine(&self) -> Result<(Engine, crate::report::Efforts), String> {
        let loaded = crate::config::from_named(self.config.as_ref())?;
        let engine = Engine::new(loaded.config).with_project_roots(self.mix_dirs.clone());
        Ok((engine, loaded.efforts))
    }
}

fn finish(project: Project, what: &str) -> Result<Sources, String> {
    let root_stripped = project.root_stripped.clone();
    let config = project.config.clone();
    let mut skipped = project.skipped.clone();
    let (files, bad) = project.utf8_files();
    skipped.extend(bad);
    let sources = Sources {
        files,
        skipped,
        config,
        root_stripped,
    };
    if sources.files.is_empty() {
        let mut message = format!(
            "{what} holds no Elixir files to analyse (`.ex` or `.exs`, outside `deps/`, `_build/`, `node_modules/` and `.git/`)"
        );
        let notable: Vec<String> = sources
            .notable_skips()
            .take(3)
            .map(|(p, why)| format!("`{p}`: {why}"))
            .collect();
        if !notable.is_empty() {
            message.push_str(&format!("; skipped {}", notable.join("; ")));
        }
        message.push_str("; choose the project's folder or a zip of it");
        return Err(message);
    }
    Ok(sources)
}

/// Read a project from a zip archive's bytes. Errors are sentences for the user.
pub fn from_zip(bytes: &[u8], limits: &Limits) -> Result<Sources, String> {
    let project = archive::read_zip(bytes, limits).map_err(|e| {
        let mut s = e.to_string();
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        match e {
            archive::ArchiveError::NotZip => {
                format!("{s}: choose a `.zip` of the project (or its folder)")
            }
            _ => s,
        }
    })?;
    finish(project, "The archive")
}

/// Read a project from a folder pick's `(path, bytes)`, paths starting with the
/// picked folder (as `webkitRelativePath` gives them).
pub fn from_folder(entries: Vec<(String, Vec<u8>)>, limits: &Limits) -> Result<Sources, String> {
    let project = archive::read_files(entries, limits).map_err(|e| {
        let s = e.to_string();
        format!("Cannot read the folder: {s}")
    })?;
    finish(project, "The folder")
}

/// Analyse one file and what the cross-file rules need from it, as JSON (to carry
/// it from a worker to the one that concludes). The engine knows the project's Mix
/// folders ([`Setup::engine`]), so a batch of files is scoped as the whole project.
pub fn check_file(engine: &Engine, path: &str, text: &str) -> (FileResult, serde_json::Value) {
    let (result, facts) = engine.check_with_facts(path, text);
    (result, facts.to_json())
}

/// Run the cross-file rules over the files of [`check_file`], adding their findings.
pub fn conclude(
    engine: &Engine,
    files: &[Named],
    results: &mut [FileResult],
    facts: &[serde_json::Value],
) {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let facts = facts.iter().map(FileFacts::from_json).collect();
    engine.conclude(&refs, results, facts);
}

/// Analyse every file, then the cross-file rules, on this thread. Build `engine`
/// with [`Setup::engine`] (or give it [`Sources::mix_dirs`]) so nested Mix projects
/// are scoped by their own `mix.exs`.
pub fn analyse(engine: &Engine, files: &[Named]) -> Vec<FileResult> {
    let (mut results, facts): (Vec<_>, Vec<_>) = files
        .iter()
        .map(|(p, t)| engine.check_with_facts(p, t))
        .unzip();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    engine.conclude(&refs, &mut results, facts);
    results
}

/// A file that fixes changed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FixedFile {
    pub path: String,
    pub text: String,
    /// Fixes applied, over every pass.
    pub applied: usize,
}

/// Apply the fixes up to `max` to every file (to a fixpoint, as `otp-audit check
/// --fix` does); returns the files that changed, in input order.
pub fn fix(engine: &Engine, files: &[Named], max: Safety) -> Vec<FixedFile> {
    // A fix may name a supervisor another file defines (the application's
    // children), and a cross-file rule may retract a finding another file explains.
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (mut results, facts): (Vec<_>, Vec<_>) = refs
        .iter()
        .map(|(p, s)| engine.check_with_facts(p, s))
        .unzip();
    let project = engine.conclude_keeping(&refs, &mut results, facts);
    files
        .iter()
        .zip(&results)
        .filter(|(_, r)| {
            // Only what the whole-project check reports is fixed.
            r.findings
                .iter()
                .any(|f| f.fixes.iter().any(|x| x.safety <= max))
        })
        .filter_map(|((path, text), _)| {
            let outcome = engine.fix_in_project(path, text, max, &project);
            (outcome.applied > 0 && outcome.text != *text).then(|| FixedFile {
                path: path.clone(),
                text: outcome.text,
                applied: outcome.applied,
            })
        })
        .collect()
}

/// The unified diff of the fixed files against the originals, in path order, with
/// project-relative paths (`git apply` or `patch -p1` in the project's folder).
pub fn diff(files: &[Named], fixed: &[FixedFile]) -> String {
    let mut fixed: Vec<&FixedFile> = fixed.iter().collect();
    fixed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = String::new();
    for f in fixed {
        if let Some((_, old)) = files.iter().find(|(p, _)| *p == f.path) {
            out.push_str(&crate::diff::unified(&f.path, old, &f.text));
        }
    }
    out
}

/// The archive `original` with the fixed files replaced and every other entry
/// copied as it was.
pub fn fixed_zip(original: &[u8], fixed: &[FixedFile], limits: &Limits) -> Result<Vec<u8>, String> {
    let replacements: Vec<(&str, &[u8])> = fixed
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_bytes()))
        .collect();
    archive::rewrite_zip(original, &replacements, limits)
        .map_err(|e| format!("cannot write the fixed archive: {e}"))
}

/// A zip of a picked folder's project with the fixed files replaced: the files that
/// were read (the Elixir files and the config), under the folder's name.
pub fn fixed_folder_zip(sources: &Sources, fixed: &[FixedFile]) -> Vec<u8> {
    let prefix = sources
        .root_stripped
        .as_deref()
        .map(|r| format!("{r}/"))
        .unwrap_or_default();
    let mut entries: Vec<(String, &[u8])> = Vec::new();
    if let Some((name, text)) = &sources.config {
        entries.push((format!("{prefix}{name}"), text.as_bytes()));
    }
    for (path, text) in &sources.files {
        let new = fixed.iter().find(|f| f.path == *path).map(|f| &f.text);
        entries.push((format!("{prefix}{path}"), new.unwrap_or(text).as_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    archive::write_zip(&refs)
}
