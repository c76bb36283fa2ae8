//! What the server knows: projects (a root, its configuration, its files), each
//! file's text (the editor's for open buffers, the disk's for the rest), its own
//! findings and cross-file facts, and the findings after the project's cross-file
//! rules concluded. Files are found, named, scoped and filtered as `otp-audit
//! check` does it from the workspace folder.

use crate::config;
use crate::files;
use otp_audit_engine::supervisors::Names;
use otp_audit_engine::{Engine, FileFacts, FileResult, FileScope, Finding};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files larger than this are not analysed (as `check`'s default `--max-file-size`).
const MAX_FILE_BYTES: u64 = crate::args::DEFAULT_MAX_FILE_SIZE;

/// One file of a project.
pub struct FileState {
    /// Relative to the project root, `/`-separated: what rules and findings see.
    pub rel: String,
    pub scope: FileScope,
    pub text: String,
    /// The URI diagnostics are published under: the client's for an open buffer.
    pub uri: String,
    /// The buffer's version while the editor has it open.
    pub open: Option<i32>,
    /// Whether the configuration's `[files]` patterns take it in.
    pub accepted: bool,
    /// Changed since it was last analysed.
    pub dirty: bool,
    own: Option<FileResult>,
    facts: Value,
    /// The findings after the cross-file rules: what the diagnostics show.
    pub findings: Vec<Finding>,
    /// The diagnostics last published, to publish only what changed.
    pub published: Option<Value>,
}

pub struct Project {
    pub root: PathBuf,
    pub engine: Engine,
    /// The configuration file in use, if any.
    pub config_file: Option<PathBuf>,
    pub files: BTreeMap<PathBuf, FileState>,
    /// The supervisors the project's files define (fixes name them).
    pub names: Names,
}

/// A line for the log: what happened while loading or reading.
pub type Notes = Vec<String>;

impl Project {
    /// A project at `root` with its configuration (`otp-audit.toml`, else
    /// `.credo.exs`, else the defaults); a configuration that does not load is
    /// reported in `notes` and the defaults apply.
    pub fn open(root: PathBuf, notes: &mut Notes) -> Project {
        let (engine, config_file) = load_engine(&root, notes).unwrap_or_else(|| {
            (
                Engine::new(otp_audit_engine::Config::default()),
                config_path(&root),
            )
        });
        Project {
            root,
            engine,
            config_file,
            files: BTreeMap::new(),
            names: Names::default(),
        }
    }

    /// Load the configuration again; on an error the previous one stays. Every
    /// file is analysed again.
    pub fn reload_config(&mut self, notes: &mut Notes) {
        if let Some((engine, file)) = load_engine(&self.root, notes) {
            self.engine = engine;
            self.config_file = file;
        }
        for f in self.files.values_mut() {
            f.accepted = self.engine.config().files.accepts(&f.rel);
            f.dirty = true;
        }
    }

    /// Read every Elixir file under `folder` from disk (the CLI's walk: ignore
    /// files honoured, `deps/` and `_build/` skipped). Open buffers keep their text.
    pub fn scan(&mut self, folder: &Path, notes: &mut Notes) {
        let collected = match files::collect(&[folder.to_path_buf()]) {
            Ok(c) => c,
            Err(e) => {
                notes.push(format!(
                    "cannot list the files of `{}`: {e}",
                    folder.display()
                ));
                return;
            }
        };
        for input in collected.inputs {
            let Some(disk) = input.disk() else { continue };
            let abs = files::absolute(disk);
            if self.files.get(&abs).is_some_and(|f| f.open.is_some()) {
                continue;
            }
            if let Some(text) = read_source(&abs, notes) {
                let uri = super::text::uri_of_path(&abs);
                self.put(abs, text, uri, None, Some(input.scope));
            }
        }
    }

    /// Add or replace a file's text; it is analysed at the next [`Project::analyse`].
    pub fn put(
        &mut self,
        abs: PathBuf,
        text: String,
        uri: String,
        open: Option<i32>,
        scope: Option<FileScope>,
    ) {
        let rel = abs
            .strip_prefix(&self.root)
            .map(files::slash_path)
            .unwrap_or_else(|_| files::slash_path(&abs));
        let scope = scope.unwrap_or_else(|| files::scope_of_file(&abs, &rel));
        let accepted = self.engine.config().files.accepts(&rel);
        let entry = self.files.entry(abs).or_insert_with(|| FileState {
            rel: rel.clone(),
            scope,
            text: String::new(),
            uri: uri.clone(),
            open,
            accepted,
            dirty: true,
            own: None,
            facts: Value::Null,
            findings: Vec::new(),
            published: None,
        });
        entry.text = text;
        entry.uri = uri;
        entry.open = open;
        entry.dirty = true;
    }

    /// Analyse the files changed since the last call, then conclude the cross-file
    /// rules over every file. Returns whether anything was analysed.
    pub fn analyse(&mut self) -> bool {
        let mut any = false;
        for f in self.files.values_mut().filter(|f| f.dirty) {
            f.dirty = false;
            any = true;
            if !f.accepted {
                f.own = None;
                f.facts = Value::Null;
                continue;
            }
            let (result, facts) = self.engine.check_with_facts_as(&f.rel, f.scope, &f.text);
            f.own = Some(result);
            f.facts = facts.to_json();
        }
        if any {
            self.conclude();
        }
        any
    }

    /// The cross-file rules over the facts of every analysed file (the web app's
    /// workers hand facts over the same way, as JSON).
    fn conclude(&mut self) {
        let analysed: Vec<&FileState> = self.files.values().filter(|f| f.own.is_some()).collect();
        let sources: Vec<(&str, &str)> = analysed
            .iter()
            .map(|f| (f.rel.as_str(), f.text.as_str()))
            .collect();
        let mut results: Vec<FileResult> = analysed.iter().filter_map(|f| f.own.clone()).collect();
        let facts: Vec<FileFacts> = analysed
            .iter()
            .map(|f| FileFacts::from_json(&f.facts))
            .collect();
        let mut names = Names::default();
        for f in &analysed {
            if let Some(n) = supervisor_names(&f.facts) {
                names.extend(&n);
            }
        }
        self.engine.conclude(&sources, &mut results, facts);
        let mut by_rel: BTreeMap<String, Vec<Finding>> =
            results.into_iter().map(|r| (r.path, r.findings)).collect();
        for f in self.files.values_mut() {
            f.findings = by_rel.remove(&f.rel).unwrap_or_default();
        }
        self.names = names;
    }
}

/// The supervisor names in a file's facts (`["supervisors", {...}]`, see
/// `FileFacts::to_json`).
fn supervisor_names(facts: &Value) -> Option<Names> {
    let entry = facts
        .as_array()?
        .iter()
        .find(|e| e.get(0).and_then(Value::as_str) == Some("supervisors"))?;
    serde_json::from_value(entry.get(1)?.clone()).ok()
}

/// The configuration file a project at `root` would use.
fn config_path(root: &Path) -> Option<PathBuf> {
    otp_audit_project::archive::CONFIG_FILES
        .iter()
        .map(|name| root.join(name))
        .find(|p| p.is_file())
}

/// The engine for the configuration found at `root`; `None` (with a note) when it
/// does not load.
fn load_engine(root: &Path, notes: &mut Notes) -> Option<(Engine, Option<PathBuf>)> {
    match config::load(None, root, None) {
        Ok(loaded) => {
            let config = loaded.config;
            for note in &config.notes {
                notes.push(format!("configuration: {note}"));
            }
            let file = config_path(root);
            if let Some(f) = &file {
                notes.push(format!("using the configuration `{}`", f.display()));
            }
            Some((Engine::new(config), file))
        }
        Err(e) => {
            notes.push(format!(
                "error: {e}; fix it and save, until then the previous configuration (or the defaults) applies"
            ));
            None
        }
    }
}

/// A file's text from disk; `None` (with a note) when it is too large, not UTF-8
/// or unreadable.
pub fn read_source(abs: &Path, notes: &mut Notes) -> Option<String> {
    let meta = std::fs::metadata(abs).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        notes.push(format!(
            "skipped `{}`: over the {} limit for one file",
            abs.display(),
            otp_audit_project::archive::human_bytes(MAX_FILE_BYTES)
        ));
        return None;
    }
    match std::fs::read(abs) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                notes.push(format!("skipped `{}`: not UTF-8", abs.display()));
                None
            }
        },
        Err(e) => {
            notes.push(format!("cannot read `{}`: {e}", abs.display()));
            None
        }
    }
}

/// Whether a path is a configuration file name.
pub fn is_config_file(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| otp_audit_project::archive::CONFIG_FILES.contains(&n))
}
