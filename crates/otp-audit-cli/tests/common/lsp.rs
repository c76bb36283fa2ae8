//! A minimal LSP client over the server's stdio, for the tests and the bench.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub struct Client {
    pub child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications and requests from the server not yet looked at.
    pub pending: Vec<Value>,
    next_id: i64,
}

/// Read frames from the server until its stdout closes.
fn read_frames(out: impl Read, tx: std::sync::mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("the server sends Content-Length")];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let v: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if tx.send(v).is_err() {
            return;
        }
    }
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl Client {
    pub fn start(bin: &Path, dir: &Path) -> Client {
        let mut child = Command::new(bin)
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Client {
            child,
            stdin,
            incoming: rx,
            pending: Vec::new(),
            next_id: 1,
        }
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        self.send_raw(serde_json::to_string(v).unwrap().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// Wait for the response with `id`, keeping what else comes.
    pub fn response(&mut self, id: &Value) -> Value {
        let found = self.wait(|m| m.get("method").is_none() && m.get("id") == Some(id));
        found.unwrap_or_else(|| panic!("no response to request {id}; got {:#?}", self.pending))
    }

    /// Wait for a message that `want` accepts; earlier ones stay pending.
    pub fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.pending.iter().position(&want) {
            return Some(self.pending.remove(i));
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if want(&m) => return Some(m),
                Ok(m) => self.pending.push(m),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// The next diagnostics published for `uri` that `want` accepts.
    pub fn diagnostics(&mut self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && want(m["params"]["diagnostics"].as_array().unwrap())
        });
        let m =
            m.unwrap_or_else(|| panic!("no such diagnostics for {uri}; got {:#?}", self.pending));
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// `initialize` with one workspace folder, then `initialized`.
    pub fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let uri = file_uri(root);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "project"}],
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// `shutdown`, `exit`, and the exit status.
    pub fn stop(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

/// Wait for the process to end (killing it after the timeout).
pub fn wait_exit(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn file_uri(p: &Path) -> String {
    let mut out = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The byte offset of an LSP position (UTF-16 units) in `text`.
pub fn byte_at(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Apply LSP text edits (non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                byte_at(text, &e["range"]["start"]),
                byte_at(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, t);
    }
    out
}
