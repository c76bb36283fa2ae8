//! The LSP's framing over a byte stream: `Content-Length` headers, a JSON body.
//! Ours rather than `lsp_server::Connection::stdio`, which ends the session at the
//! first body that is not a JSON-RPC message; JSON-RPC asks for an error reply
//! instead (`-32700` for bad JSON, `-32600` for an invalid request), and a client
//! that sent one garbled message should keep its server.

use lsp_server::Message;
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};

/// A body larger than this is read and dropped (a 10 MB file sent as JSON is
/// well under it).
const MAX_BODY: usize = 64 << 20;

/// JSON-RPC's error codes.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;

/// One message from the client, or what was wrong with it.
#[derive(Debug, Clone)]
pub enum Incoming {
    Message(Message),
    /// Not a message. `reply_to` is the id to answer (`null` when it cannot be
    /// read); `None` for a notification, which gets no reply.
    Invalid {
        reply_to: Option<Value>,
        code: i32,
        message: String,
    },
}

/// Read one frame's body. `Ok(None)` at the end of the stream (also in the middle
/// of a frame: the client is gone); `Err` text for a frame whose headers or body
/// cannot be used, after which reading goes on with the next frame.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Result<String, String>>> {
    let mut length: Option<usize> = None;
    let mut bad_header: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        saw_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("a header line without a colon: `{line}`")),
        }
    }
    let Some(length) = length else {
        return Ok(Some(Err(
            bad_header.unwrap_or_else(|| "a frame without Content-Length".into())
        )));
    };
    if length > MAX_BODY {
        let skipped = io::copy(&mut r.take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Err(format!(
            "a body of {length} bytes, over the {MAX_BODY}-byte limit"
        ))));
    }
    let mut body = vec![0; length];
    if let Err(e) = r.read_exact(&mut body) {
        return match e.kind() {
            io::ErrorKind::UnexpectedEof => Ok(None),
            _ => Err(e),
        };
    }
    Ok(Some(
        String::from_utf8(body).map_err(|_| "a body that is not UTF-8".to_string()),
    ))
}

/// What a body holds: a message, or the error to answer it with.
pub fn decode(text: &str) -> Incoming {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid {
                reply_to: Some(Value::Null),
                code: PARSE_ERROR,
                message: format!("parse error: {e}"),
            };
        }
    };
    let Some(object) = value.as_object() else {
        return Incoming::Invalid {
            reply_to: Some(Value::Null),
            code: INVALID_REQUEST,
            message: "invalid request: a JSON-RPC message is an object".into(),
        };
    };
    let id = object.get("id").cloned();
    let has_method = object.contains_key("method");
    match serde_json::from_value::<Message>(value.clone()) {
        Ok(m) => Incoming::Message(m),
        Err(e) => {
            // An id that cannot be echoed (not a number or a string) becomes null.
            let reply_to = match id {
                Some(id @ (Value::Number(_) | Value::String(_))) => Some(id),
                Some(_) => Some(Value::Null),
                None if has_method => None,
                None => Some(Value::Null),
            };
            Incoming::Invalid {
                reply_to,
                code: INVALID_REQUEST,
                message: format!("invalid request: {e}"),
            }
        }
    }
}

/// Write one frame.
pub fn write_value(w: &mut dyn Write, value: &Value) -> io::Result<()> {
    let body = serde_json::to_string(value)?;
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

/// An error reply to something that was not a message.
pub fn error_reply(id: Value, code: i32, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Result<String, String>> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).unwrap() {
            out.push(f);
        }
        out
    }

    #[test]
    fn frames_are_read_and_bad_ones_skipped() {
        let got = frames(
            "Content-Length: 2\r\n\r\n{}X-Other: 1\r\n\r\nContent-Length: 3\r\nContent-Type: x\r\n\r\n[1]",
        );
        assert_eq!(
            got,
            vec![
                Ok("{}".into()),
                Err("a frame without Content-Length".into()),
                Ok("[1]".into())
            ]
        );
    }

    #[test]
    fn a_truncated_body_ends_the_stream() {
        assert_eq!(frames("Content-Length: 10\r\n\r\n{}"), vec![]);
    }

    #[test]
    fn bodies_are_classified() {
        assert!(matches!(
            decode("{nope"),
            Incoming::Invalid {
                code: PARSE_ERROR,
                reply_to: Some(Value::Null),
                ..
            }
        ));
        assert!(matches!(
            decode("[1]"),
            Incoming::Invalid {
                code: INVALID_REQUEST,
                ..
            }
        ));
        match decode(r#"{"jsonrpc":"2.0","id":7,"method":5}"#) {
            Incoming::Invalid { reply_to, code, .. } => {
                assert_eq!((reply_to, code), (Some(json!(7)), INVALID_REQUEST));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            Incoming::Message(Message::Notification(_))
        ));
    }
}
