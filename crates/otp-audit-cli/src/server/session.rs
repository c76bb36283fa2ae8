//! One client's session: the lifecycle (initialize, shutdown, exit), the
//! documents, and the loop that analyses between messages. Changes are debounced:
//! analysis waits until no message has come for `debounceMs` (0 by default: until
//! the messages already sent are read), so a burst of keystrokes is analysed once.

use super::actions::{self, Buffer};
use super::diagnostics::{self, default_guide_base};
use super::hover;
use super::text::{byte_of, path_of_uri};
use super::transport::{self, Incoming};
use super::workspace::{self, Notes, Project};
use crate::files;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use otp_audit_engine::source::LineIndex;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

#[derive(PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Waiting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

/// What the loop does after a message.
pub enum Flow {
    Continue,
    /// `exit` came; `true` when `shutdown` came first (exit status 0).
    Exit(bool),
}

/// `window/logMessage` types.
const ERROR: u8 = 1;
const WARNING: u8 = 2;
const INFO: u8 = 3;

pub struct Session {
    out: Box<dyn Write + Send>,
    log_stderr: bool,
    phase: Phase,
    folders: Vec<PathBuf>,
    projects: Vec<Project>,
    guide_base: String,
    debounce: Duration,
    /// When the oldest change not yet analysed came.
    changed_at: Option<Instant>,
    /// Publish the diagnostics of every file of the workspace, not only open ones.
    workspace_diagnostics: bool,
    watch_dynamically: bool,
}

/// What the server does, as `initialize` answers it.
fn capabilities() -> lsp_types::InitializeResult {
    use lsp_types::*;
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(actions::FIX_ALL),
                ]),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "otp-audit".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// A request's error: code and message.
type Failure = (i32, String);

fn invalid_params(e: impl std::fmt::Display) -> Failure {
    (
        ErrorCode::InvalidParams as i32,
        format!("invalid params: {e}"),
    )
}

impl Session {
    pub fn new(out: Box<dyn Write + Send>, log_stderr: bool) -> Session {
        Session {
            out,
            log_stderr,
            phase: Phase::Waiting,
            folders: Vec::new(),
            projects: Vec::new(),
            guide_base: default_guide_base(),
            debounce: Duration::ZERO,
            changed_at: None,
            workspace_diagnostics: true,
            watch_dynamically: false,
        }
    }

    /// Serve until `exit` or the end of input; returns whether the client shut the
    /// server down first.
    pub fn serve(&mut self, incoming: &Receiver<Incoming>) -> bool {
        loop {
            let next = match self.changed_at {
                Some(at) => {
                    let wait = (at + self.debounce).saturating_duration_since(Instant::now());
                    match incoming.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return false,
                    }
                }
                None => match incoming.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return false,
                },
            };
            match next {
                Some(m) => {
                    if let Flow::Exit(clean) = self.handle_guarded(m) {
                        return clean;
                    }
                }
                None => self.flush_guarded(),
            }
        }
    }

    /// Handle one message; a panic in a handler is caught, logged and, for a
    /// request, answered with an internal error: the session goes on.
    pub fn handle_guarded(&mut self, m: Incoming) -> Flow {
        let request_id = match &m {
            Incoming::Message(Message::Request(r)) => Some(r.id.clone()),
            _ => None,
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(m))) {
            Ok(flow) => flow,
            Err(panic) => {
                let what = super::panic_message(&panic);
                self.log(ERROR, &format!("internal error (please report it): {what}"));
                if let Some(id) = request_id {
                    self.send(Message::Response(Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("internal error: {what}; the server keeps running"),
                    )));
                }
                Flow::Continue
            }
        }
    }

    fn flush_guarded(&mut self) {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.flush())).is_err() {
            self.changed_at = None;
            self.log(ERROR, "internal error while analysing (please report it)");
        }
    }

    /// [`Session::handle_guarded`] without the guard, for the fuzz test.
    #[cfg(test)]
    pub fn handle_unguarded(&mut self, m: Incoming) -> Flow {
        self.handle(m)
    }

    /// The findings kept for an open buffer (from its incrementally re-parsed
    /// tree), and those of the same text analysed afresh; for the tests.
    #[cfg(test)]
    pub fn kept_and_fresh(
        &mut self,
        uri: &str,
    ) -> Option<(
        Vec<otp_audit_engine::Finding>,
        Vec<otp_audit_engine::Finding>,
    )> {
        let path = files::absolute(&path_of_uri(uri)?);
        let i = self.find(&path)?;
        let project = &self.projects[i];
        let file = project.files.get(&path)?;
        let mut fresh = Project::open(project.root.clone(), &mut Notes::new());
        fresh.put(path.clone(), file.text.clone(), uri.into(), None, None);
        fresh.analyse();
        Some((file.findings.clone(), fresh.files[&path].findings.clone()))
    }

    fn handle(&mut self, m: Incoming) -> Flow {
        match m {
            Incoming::Invalid {
                reply_to,
                code,
                message,
            } => {
                self.log(WARNING, &format!("ignored a message: {message}"));
                if let Some(id) = reply_to {
                    self.write(&transport::error_reply(id, code, &message));
                }
                Flow::Continue
            }
            Incoming::Message(Message::Request(r)) => {
                let id = r.id.clone();
                let response = match self.request(r) {
                    Ok(v) => Response::new_ok(id, v),
                    Err((code, message)) => Response::new_err(id, code, message),
                };
                self.send(Message::Response(response));
                Flow::Continue
            }
            Incoming::Message(Message::Notification(n)) => self.notification(n),
            // Answers to our own requests (capability registration) need nothing.
            Incoming::Message(Message::Response(_)) => Flow::Continue,
        }
    }

    fn request(&mut self, r: Request) -> Result<Value, Failure> {
        match (&self.phase, r.method.as_str()) {
            (Phase::Waiting, "initialize") => Ok(self.initialize(&r.params)),
            (Phase::Waiting, _) => Err((
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized; send `initialize` first".into(),
            )),
            (Phase::ShutDown, _) => Err((
                ErrorCode::InvalidRequest as i32,
                "the server was shut down; only `exit` is expected".into(),
            )),
            (Phase::Running, "initialize") => Err((
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".into(),
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, "textDocument/codeAction") => self.code_action(r.params),
            (Phase::Running, "textDocument/hover") => self.hover(r.params),
            (Phase::Running, method) => Err((
                ErrorCode::MethodNotFound as i32,
                format!("otp-audit does not handle `{method}`"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) -> Flow {
        if n.method == "exit" {
            return Flow::Exit(self.phase == Phase::ShutDown);
        }
        if self.phase != Phase::Running {
            return Flow::Continue;
        }
        let outcome = match n.method.as_str() {
            "initialized" => {
                self.initialized();
                Ok(())
            }
            "textDocument/didOpen" => self.did_open(&n.params),
            "textDocument/didChange" => self.did_change(&n.params),
            "textDocument/didClose" => self.did_close(&n.params),
            "textDocument/didSave" => self.did_save(&n.params),
            "workspace/didChangeWatchedFiles" => self.watched_files_changed(&n.params),
            _ => Ok(()),
        };
        if let Err(e) = outcome {
            self.log(WARNING, &format!("ignored `{}`: {e}", n.method));
        }
        Flow::Continue
    }

    // ---- lifecycle ----

    fn initialize(&mut self, params: &Value) -> Value {
        let folders: Vec<PathBuf> = match params.get("workspaceFolders").and_then(Value::as_array) {
            Some(list) => list
                .iter()
                .filter_map(|f| path_of_uri(f.get("uri")?.as_str()?))
                .collect(),
            None => params
                .get("rootUri")
                .and_then(Value::as_str)
                .and_then(path_of_uri)
                .or_else(|| {
                    params
                        .get("rootPath")
                        .and_then(Value::as_str)
                        .map(PathBuf::from)
                })
                .into_iter()
                .collect(),
        };
        self.folders = folders.iter().map(|f| files::absolute(f)).collect();
        let options = params.get("initializationOptions");
        let option = |key: &str| options.and_then(|o| o.get(key));
        if let Some(ms) = option("debounceMs").and_then(Value::as_u64) {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        if let Some(base) = option("guideBaseUrl").and_then(Value::as_str) {
            self.guide_base = base.to_string();
        }
        if let Some(on) = option("workspaceDiagnostics").and_then(Value::as_bool) {
            self.workspace_diagnostics = on;
        }
        self.watch_dynamically = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.phase = Phase::Running;
        serde_json::to_value(capabilities()).unwrap_or(Value::Null)
    }

    fn initialized(&mut self) {
        if self.watch_dynamically {
            let watchers: Vec<Value> = ["**/otp-audit.toml", "**/.credo.exs", "**/*.{ex,exs}"]
                .iter()
                .map(|g| json!({"globPattern": g}))
                .collect();
            self.send(Message::Request(Request::new(
                lsp_server::RequestId::from("otp-audit/watch".to_string()),
                "client/registerCapability".into(),
                json!({"registrations": [{
                    "id": "otp-audit/watch",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": {"watchers": watchers},
                }]}),
            )));
        }
        if !self.workspace_diagnostics {
            return;
        }
        let started = Instant::now();
        for folder in self.folders.clone() {
            let i = self.project_for(&folder, true);
            let mut notes = Notes::new();
            self.projects[i].scan(&folder, &mut notes);
            self.log_notes(notes);
        }
        let files: usize = self.projects.iter().map(|p| p.files.len()).sum();
        self.flush();
        self.log(
            INFO,
            &format!(
                "analysed the workspace: {files} file{} in {} ms",
                if files == 1 { "" } else { "s" },
                started.elapsed().as_millis()
            ),
        );
    }

    // ---- documents ----

    /// The project a path belongs to: the workspace folder holding it decides the
    /// root (as `otp-audit check FOLDER` does), else the nearest `mix.exs` above
    /// it. Made on first use.
    fn project_for(&mut self, path: &Path, is_folder: bool) -> usize {
        let folder = self
            .folders
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.as_os_str().len())
            .cloned();
        let root = match folder {
            Some(f) => files::absolute(&files::root_of(&f)),
            None if is_folder => files::absolute(&files::root_of(path)),
            None => {
                let dir = path.parent().unwrap_or(path);
                dir.ancestors()
                    .find(|d| d.join("mix.exs").is_file())
                    .unwrap_or(dir)
                    .to_path_buf()
            }
        };
        if let Some(i) = self.projects.iter().position(|p| p.root == root) {
            return i;
        }
        let mut notes = Notes::new();
        let project = Project::open(root, &mut notes);
        self.log_notes(notes);
        self.projects.push(project);
        self.projects.len() - 1
    }

    /// The project and path of an open document.
    fn find(&self, path: &Path) -> Option<usize> {
        self.projects
            .iter()
            .position(|p| p.files.contains_key(path))
    }

    fn mark_changed(&mut self) {
        if self.changed_at.is_none() {
            self.changed_at = Some(Instant::now());
        }
    }

    fn did_open(&mut self, params: &Value) -> Result<(), String> {
        let doc = params.get("textDocument").ok_or("no textDocument")?;
        let uri = doc.get("uri").and_then(Value::as_str).ok_or("no uri")?;
        let text = doc.get("text").and_then(Value::as_str).ok_or("no text")?;
        let version = doc.get("version").and_then(Value::as_i64).unwrap_or(0) as i32;
        let Some(path) = path_of_uri(uri) else {
            return Err(format!(
                "`{uri}` is not a file: URI; only files are analysed"
            ));
        };
        let path = files::absolute(&path);
        let language = doc.get("languageId").and_then(Value::as_str);
        if !files::is_elixir(&path) && language != Some("elixir") {
            return Ok(());
        }
        let i = self.project_for(&path, false);
        if let Some(old) = self.projects[i].files.get(&path)
            && old.uri != uri
            && old.published.is_some()
        {
            // The client names the file differently from the workspace scan.
            let old_uri = old.uri.clone();
            self.publish(&old_uri, &json!([]), None);
        }
        self.projects[i].put(path, text.to_string(), uri.to_string(), Some(version), None);
        self.mark_changed();
        Ok(())
    }

    fn did_change(&mut self, params: &Value) -> Result<(), String> {
        let doc = params.get("textDocument").ok_or("no textDocument")?;
        let uri = doc.get("uri").and_then(Value::as_str).ok_or("no uri")?;
        let version = doc.get("version").and_then(Value::as_i64);
        let changes = params
            .get("contentChanges")
            .and_then(Value::as_array)
            .ok_or("no contentChanges")?;
        let path = path_of_uri(uri)
            .map(|p| files::absolute(&p))
            .ok_or("not a file: URI")?;
        let i = self.find(&path).ok_or("the document is not open")?;
        let file = self.projects[i]
            .files
            .get_mut(&path)
            .ok_or("the document is not open")?;
        for change in changes {
            let new = change
                .get("text")
                .and_then(Value::as_str)
                .ok_or("a change without text")?;
            match change.get("range") {
                None => file.replace(new),
                Some(range) => {
                    let index = LineIndex::new(&file.text);
                    let at = |key: &str| -> Result<usize, String> {
                        let p = range.get(key).ok_or("a range without start or end")?;
                        let n = |k: &str| p.get(k).and_then(Value::as_u64).unwrap_or(0);
                        let clamp = |v: u64| v.min(u32::MAX as u64) as u32;
                        Ok(byte_of(
                            &file.text,
                            &index,
                            clamp(n("line")),
                            clamp(n("character")),
                        ))
                    };
                    let (a, b) = (at("start")?, at("end")?);
                    file.edit(a.min(b), a.max(b), new);
                }
            }
        }
        if let Some(v) = version {
            file.open = Some(v as i32);
        }
        self.mark_changed();
        Ok(())
    }

    fn did_close(&mut self, params: &Value) -> Result<(), String> {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .ok_or("no uri")?;
        let path = path_of_uri(uri)
            .map(|p| files::absolute(&p))
            .ok_or("not a file: URI")?;
        let Some(i) = self.find(&path) else {
            return Ok(());
        };
        // In a workspace folder the file's diagnostics stay, from its text on disk.
        let in_workspace =
            self.workspace_diagnostics && self.folders.iter().any(|f| path.starts_with(f));
        let mut notes = Notes::new();
        let on_disk = in_workspace
            .then(|| workspace::read_source(&path, &mut notes))
            .flatten();
        self.log_notes(notes);
        let project = &mut self.projects[i];
        match on_disk {
            Some(text) => {
                let uri = project.files[&path].uri.clone();
                project.put(path, text, uri, None, None);
            }
            None => {
                if let Some(f) = project.files.remove(&path) {
                    // Others' cross-file findings may change.
                    if let Some(other) = project.files.values_mut().next() {
                        other.dirty = true;
                    }
                    if f.published.is_some() {
                        self.publish(&f.uri, &json!([]), None);
                    }
                }
            }
        }
        self.mark_changed();
        Ok(())
    }

    fn did_save(&mut self, params: &Value) -> Result<(), String> {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .ok_or("no uri")?;
        if let Some(path) = path_of_uri(uri)
            && workspace::is_config_file(&path)
        {
            self.reload_config(&files::absolute(&path));
        }
        Ok(())
    }

    fn watched_files_changed(&mut self, params: &Value) -> Result<(), String> {
        let changes = params
            .get("changes")
            .and_then(Value::as_array)
            .ok_or("no changes")?;
        for change in changes {
            let Some(path) = change
                .get("uri")
                .and_then(Value::as_str)
                .and_then(path_of_uri)
            else {
                continue;
            };
            let path = files::absolute(&path);
            if workspace::is_config_file(&path) {
                self.reload_config(&path);
                continue;
            }
            if !files::is_elixir(&path) || !self.folders.iter().any(|f| path.starts_with(f)) {
                continue;
            }
            let deleted = change.get("type").and_then(Value::as_u64) == Some(3);
            let i = self.project_for(&path, false);
            if self.projects[i]
                .files
                .get(&path)
                .is_some_and(|f| f.open.is_some())
            {
                continue; // The buffer is the truth while it is open.
            }
            let mut notes = Notes::new();
            let text = (!deleted)
                .then(|| workspace::read_source(&path, &mut notes))
                .flatten();
            self.log_notes(notes);
            match text {
                Some(text) => {
                    let uri = super::text::uri_of_path(&path);
                    self.projects[i].put(path, text, uri, None, None);
                }
                None => {
                    if let Some(f) = self.projects[i].files.remove(&path)
                        && f.published.is_some()
                    {
                        self.publish(&f.uri, &json!([]), None);
                    }
                    if let Some(other) = self.projects[i].files.values_mut().next() {
                        other.dirty = true;
                    }
                }
            }
            self.mark_changed();
        }
        Ok(())
    }

    /// A configuration file changed: reload the project it belongs to.
    fn reload_config(&mut self, path: &Path) {
        let Some(dir) = path.parent() else { return };
        let mut notes = Notes::new();
        for p in self.projects.iter_mut().filter(|p| p.root == dir) {
            notes.push(format!(
                "reloading the configuration of `{}`",
                p.root.display()
            ));
            p.reload_config(&mut notes);
        }
        self.log_notes(notes);
        self.mark_changed();
    }

    // ---- analysis and publishing ----

    /// Analyse what changed and publish the diagnostics that differ from those
    /// last published.
    pub fn flush(&mut self) {
        self.changed_at = None;
        let mut outgoing = Vec::new();
        for p in &mut self.projects {
            if !p.analyse() {
                continue;
            }
            for f in p.files.values_mut() {
                let due =
                    std::mem::take(&mut f.changed) || (f.published.is_none() && f.open.is_some());
                if !due || (f.open.is_none() && !self.workspace_diagnostics) {
                    continue;
                }
                let diagnostics = diagnostics::diagnostics(&f.findings, &self.guide_base);
                if f.published.as_ref() == Some(&diagnostics)
                    || (f.published.is_none() && f.open.is_none() && f.findings.is_empty())
                {
                    continue;
                }
                outgoing.push((f.uri.clone(), diagnostics.clone(), f.open));
                f.published = Some(diagnostics);
            }
        }
        for (uri, diagnostics, version) in outgoing {
            self.publish(&uri, &diagnostics, version);
        }
    }

    fn publish(&mut self, uri: &str, diagnostics: &Value, version: Option<i32>) {
        let mut params = json!({"uri": uri, "diagnostics": diagnostics});
        if let Some(v) = version {
            params["version"] = json!(v);
        }
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
    }

    /// The open document a request names, analysed up to date.
    fn document(&mut self, params: &Value) -> Result<Option<(usize, PathBuf)>, Failure> {
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid_params("no textDocument.uri"))?;
        if self.changed_at.is_some() {
            self.flush();
        }
        let Some(path) = path_of_uri(uri).map(|p| files::absolute(&p)) else {
            return Ok(None);
        };
        Ok(self.find(&path).map(|i| (i, path)))
    }

    fn position(params: &Value, pointer: &str) -> Result<(u32, u32), Failure> {
        let p = params
            .pointer(pointer)
            .ok_or_else(|| invalid_params(format!("no {pointer}")))?;
        let n = |k: &str| {
            p.get(k)
                .and_then(Value::as_u64)
                .map(|v| v.min(u32::MAX as u64) as u32)
                .ok_or_else(|| invalid_params(format!("{pointer}/{k} is not a number")))
        };
        Ok((n("line")?, n("character")?))
    }

    fn code_action(&mut self, params: Value) -> Result<Value, Failure> {
        let start = Self::position(&params, "/range/start")?;
        let end = Self::position(&params, "/range/end")?;
        let only: Option<Vec<String>> = params
            .pointer("/context/only")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|k| Some(k.as_str()?.to_string()))
                    .collect()
            });
        let Some((i, path)) = self.document(&params)? else {
            return Ok(json!([]));
        };
        let project = &self.projects[i];
        let file = &project.files[&path];
        if !file.accepted {
            return Ok(json!([]));
        }
        let index = LineIndex::new(&file.text);
        let a = byte_of(&file.text, &index, start.0, start.1);
        let b = byte_of(&file.text, &index, end.0, end.1);
        let buffer = Buffer {
            uri: &file.uri,
            text: &file.text,
            rel: &file.rel,
            scope: file.scope,
            findings: &file.findings,
        };
        Ok(Value::Array(actions::actions(
            &buffer,
            &project.engine,
            &project.facts,
            a.min(b),
            a.max(b),
            only.as_deref(),
            &self.guide_base,
        )))
    }

    fn hover(&mut self, params: Value) -> Result<Value, Failure> {
        let (line, character) = Self::position(&params, "/position")?;
        let Some((i, path)) = self.document(&params)? else {
            return Ok(Value::Null);
        };
        let file = &self.projects[i].files[&path];
        let index = LineIndex::new(&file.text);
        let at = byte_of(&file.text, &index, line, character);
        let here: Vec<_> = file
            .findings
            .iter()
            .filter(|f| f.start.byte as usize <= at && at <= f.end.byte as usize)
            .collect();
        let Some(first) = here.first() else {
            return Ok(Value::Null);
        };
        Ok(json!({
            "contents": {"kind": "markdown", "value": hover::markdown(&here, &self.guide_base)},
            "range": diagnostics::diagnostic(first, &self.guide_base)["range"],
        }))
    }

    // ---- output ----

    fn send(&mut self, m: Message) {
        if let Err(e) = m.write(&mut self.out)
            && self.log_stderr
        {
            eprintln!("otp-audit server: cannot write to the client: {e}");
        }
    }

    fn write(&mut self, v: &Value) {
        if let Err(e) = transport::write_value(&mut self.out, v)
            && self.log_stderr
        {
            eprintln!("otp-audit server: cannot write to the client: {e}");
        }
    }

    /// A line in the client's log (`window/logMessage`), and on stderr when asked;
    /// errors are also shown to the user (`window/showMessage`).
    pub fn log(&mut self, level: u8, message: &str) {
        if self.log_stderr {
            eprintln!("otp-audit server: {message}");
        }
        let params = json!({"type": level, "message": message});
        if level == ERROR {
            self.send(Message::Notification(Notification::new(
                "window/showMessage".into(),
                params.clone(),
            )));
        }
        self.send(Message::Notification(Notification::new(
            "window/logMessage".into(),
            params,
        )));
    }

    fn log_notes(&mut self, notes: Notes) {
        for n in notes {
            let level = if n.starts_with("error:") { ERROR } else { INFO };
            self.log(level, &n);
        }
    }
}
