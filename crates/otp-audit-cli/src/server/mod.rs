//! `otp-audit server`: a language server over stdio. It publishes the findings of
//! open buffers (their unsaved text) and of the workspace's files as diagnostics,
//! offers the fixes, "fix all safe" and a suppression comment as code actions, and
//! shows the rule's guide section on hover.
//!
//! Built on `lsp-server` + `lsp-types`, rust-analyzer's: synchronous, small, no
//! async runtime. The engine is synchronous and quick (milliseconds per file), so
//! one loop on one thread that analyses between messages is all the server needs;
//! `tower-lsp-server` would bring tokio and its threads for nothing. Only the
//! framing is ours (`transport`): `lsp_server::Connection::stdio` ends the session
//! at the first body that is not a JSON-RPC message, and JSON-RPC asks for an
//! error reply instead.
//!
//! The server never exits on bad input: handlers run under `catch_unwind`, and a
//! panic is logged and answered with an internal error. It logs through
//! `window/logMessage`, and to stderr only with `--log-stderr`.

mod actions;
mod diagnostics;
#[cfg(test)]
mod fuzz;
mod hover;
mod session;
mod text;
mod transport;
mod workspace;

pub use session::Session;
pub use transport::{Incoming, decode, read_frame};

use std::sync::mpsc;

/// `otp-audit server [--log-stderr]`.
pub struct ServerOptions {
    pub log_stderr: bool,
}

/// The text of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Serve on stdin and stdout until the client says `exit` (or goes away).
/// Returns whether the session ended as the protocol asks (`shutdown`, then `exit`).
pub fn run(opts: &ServerOptions) -> Result<bool, String> {
    let log_stderr = opts.log_stderr;
    // A caught panic is logged to the client; stderr gets it only when asked.
    std::panic::set_hook(Box::new(move |info| {
        if log_stderr {
            eprintln!("otp-audit server: {info}");
        }
    }));
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("otp-audit-lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                let incoming = match read_frame(&mut input) {
                    Ok(Some(Ok(body))) => decode(&body),
                    Ok(Some(Err(problem))) => Incoming::Invalid {
                        reply_to: Some(serde_json::Value::Null),
                        code: transport::PARSE_ERROR,
                        message: format!("parse error: {problem}"),
                    },
                    Ok(None) | Err(_) => return,
                };
                if tx.send(incoming).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| format!("cannot start the reader thread: {e}"))?;
    let mut session = Session::new(Box::new(std::io::stdout()), log_stderr);
    Ok(session.serve(&rx))
}
