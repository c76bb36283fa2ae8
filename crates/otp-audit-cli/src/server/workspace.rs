//! What the server knows: projects (a root, its configuration, its files), each
//! file's text (the editor's for open buffers, the disk's for the rest), its own
//! findings and cross-file facts, and the findings after the project's cross-file
//! rules concluded. Files are found, named, scoped and filtered as `otp-audit
//! check` does it from the workspace folder.

use crate::config;
use crate::files;
use otp_audit_engine::{
    Document, Engine, FileFacts, FileResult, FileScope, Finding, PIECE_BYTES, ProjectFacts,
};
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
    /// An open buffer's text and syntax tree, edited with each change and
    /// re-parsed incrementally (tree-sitter reuses what the edit did not touch).
    doc: Option<Document>,
    /// The findings after the cross-file rules: what the diagnostics show.
    pub findings: Vec<Finding>,
    /// The findings changed at the last analysis (their diagnostics are due).
    pub changed: bool,
    /// The diagnostics last published, to publish only what changed.
    pub published: Option<Value>,
}

pub struct Project {
    pub root: PathBuf,
    pub engine: Engine,
    /// The configuration file in use, if any.
    pub config_file: Option<PathBuf>,
    pub files: BTreeMap<PathBuf, FileState>,
    /// The facts of every analysed file, so that "fix all" fixes what the
    /// diagnostics show (cross-file retractions, the supervisors fixes name).
    pub facts: ProjectFacts,
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
            facts: ProjectFacts::default(),
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
            doc: None,
            findings: Vec::new(),
            changed: false,
            published: None,
        });
        entry.text = text;
        if entry.uri != uri {
            // Published under another name: due again under this one.
            entry.published = None;
        }
        entry.uri = uri;
        entry.open = open;
        entry.dirty = true;
        entry.doc = None;
    }

    /// Analyse the files changed since the last call (on every core when there are
    /// many, as at start), then conclude the cross-file rules over every file.
    /// Returns whether anything was analysed.
    pub fn analyse(&mut self) -> bool {
        let engine = &self.engine;
        let mut dirty: Vec<&mut FileState> = self.files.values_mut().filter(|f| f.dirty).collect();
        if dirty.is_empty() {
            return false;
        }
        let one = |f: &mut &mut FileState| f.analyse(engine);
        if dirty.len() > 8 {
            use rayon::prelude::*;
            dirty.par_iter_mut().for_each(one);
        } else {
            dirty.iter_mut().for_each(one);
        }
        self.conclude();
        true
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
        let project = self.engine.conclude_keeping(&sources, &mut results, facts);
        let mut by_rel: BTreeMap<String, Vec<Finding>> =
            results.into_iter().map(|r| (r.path, r.findings)).collect();
        for f in self.files.values_mut() {
            let findings = by_rel.remove(&f.rel).unwrap_or_default();
            if findings != f.findings {
                f.findings = findings;
                f.changed = true;
            }
        }
        self.facts = project;
    }
}

impl FileState {
    fn analyse(&mut self, engine: &Engine) {
        self.dirty = false;
        if !self.accepted {
            self.own = None;
            self.facts = Value::Null;
            self.doc = None;
            return;
        }
        let (result, facts) = if self.open.is_some() && self.text.len() <= PIECE_BYTES {
            let text = &self.text;
            let doc = self.doc.get_or_insert_with(|| Document::new(text));
            doc.check_with_facts_as(engine, &self.rel, self.scope)
        } else {
            self.doc = None;
            engine.check_with_facts_as(&self.rel, self.scope, &self.text)
        };
        self.own = Some(result);
        self.facts = facts.to_json();
    }

    /// Replace the bytes `start..end` with `new`, and tell the syntax tree.
    pub fn edit(&mut self, start: usize, end: usize, new: &str) {
        self.text.replace_range(start..end, new);
        if let Some(doc) = &mut self.doc {
            doc.edit(start, end, new);
        }
        self.dirty = true;
    }

    /// Replace the whole text.
    pub fn replace(&mut self, text: &str) {
        self.text = text.to_string();
        self.doc = None;
        self.dirty = true;
    }
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
