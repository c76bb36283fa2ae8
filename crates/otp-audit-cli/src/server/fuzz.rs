//! Property test: whatever a client sends, in whatever order, the session never
//! panics (its handlers run here without the `catch_unwind` that guards them in
//! the server) and answers every request exactly once.

use super::session::Session;
use super::transport::{Incoming, decode};
use lsp_server::{Message, Notification, Request, RequestId};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// What the session wrote, shared with the test.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const METHODS: &[&str] = &[
    "initialize",
    "initialized",
    "shutdown",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "textDocument/codeAction",
    "textDocument/hover",
    "workspace/didChangeWatchedFiles",
    "$/cancelRequest",
    "unknown/method",
];

/// A file of a Mix project (so that `lib/` rules apply); it need not exist.
fn uri() -> &'static str {
    static URI: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URI.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("otp-audit-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("mix.exs"), "").unwrap();
        super::text::uri_of_path(&root.join("lib/shop/worker.ex"))
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(json!(uri())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("textDocument".to_string()),
                    Just("uri".to_string()),
                    Just("text".to_string()),
                    Just("range".to_string()),
                    Just("position".to_string()),
                    Just("line".to_string()),
                    Just("character".to_string()),
                    Just("contentChanges".to_string()),
                    Just("changes".to_string()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn position() -> impl Strategy<Value = Value> {
    (0u32..12, 0u32..90).prop_map(|(l, c)| json!({"line": l, "character": c}))
}

/// Elixir-ish text: fragments that make findings, with non-ASCII and broken code.
fn source() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("defmodule A do\n"),
        Just("  def f(p), do: send(p, :x)\n"),
        Just("  def g(s), do: GenServer.call(s, :g)\n"),
        Just("  # otp-audit:disable-for-next-line otp/no-raw-send\n"),
        Just("  x = \"é😀\"\r\n"),
        Just("end\n"),
        Just("(("),
        Just("\u{0}"),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

fn request(method: &str, params: Value, id: i32) -> Incoming {
    Incoming::Message(Message::Request(Request::new(
        RequestId::from(id),
        method.to_string(),
        params,
    )))
}

fn notification(method: &str, params: Value) -> Incoming {
    Incoming::Message(Message::Notification(Notification::new(
        method.to_string(),
        params,
    )))
}

/// Messages as a client sends them, with odd positions and texts.
fn well_formed() -> impl Strategy<Value = Incoming> {
    prop_oneof![
        (source(), any::<i32>()).prop_map(|(text, v)| notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(), "languageId": "elixir", "version": v, "text": text}})
        )),
        (position(), position(), source()).prop_map(|(a, b, text)| notification(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(), "version": 2},
                   "contentChanges": [{"range": {"start": a, "end": b}, "text": text}]})
        )),
        (position(), position(), any::<bool>(), any::<i32>()).prop_map(|(a, b, all, id)| request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri()}, "range": {"start": a, "end": b},
                   "context": {"diagnostics": [], "only": if all { json!(["source.fixAll"]) } else { Value::Null }}}),
            id
        )),
        (position(), any::<i32>()).prop_map(|(p, id)| request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri()}, "position": p}),
            id
        )),
        Just(notification("textDocument/didClose", json!({"textDocument": {"uri": uri()}}))),
        Just(notification("textDocument/didSave", json!({"textDocument": {"uri": uri()}}))),
    ]
}

fn message() -> impl Strategy<Value = Incoming> {
    prop_oneof![
        6 => well_formed(),
        1 => (0..METHODS.len(), json_value(), any::<i32>())
            .prop_map(|(m, params, id)| request(METHODS[m], params, id)),
        1 => (0..METHODS.len(), json_value()).prop_map(|(m, params)| notification(METHODS[m], params)),
        1 => prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| decode(&String::from_utf8_lossy(&b))),
    ]
}

/// The ids of the responses in what the session wrote.
fn response_ids(out: &[u8]) -> Vec<Value> {
    let text = String::from_utf8_lossy(out);
    text.split("Content-Length: ")
        .filter_map(|frame| frame.split_once("\r\n\r\n"))
        .filter_map(|(_, body)| serde_json::from_str::<Value>(body).ok())
        .filter(|v| v.get("method").is_none())
        .map(|v| v["id"].clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_messages_in_any_order_never_panic(
        messages in prop::collection::vec(message(), 1..16),
        initialize_first in prop::bool::weighted(0.9),
    ) {
        let sink = Sink::default();
        let mut session = Session::new(Box::new(sink.clone()), false);
        let mut all = Vec::new();
        if initialize_first {
            all.push(Incoming::Message(Message::Request(Request::new(
                RequestId::from(-1),
                "initialize".into(),
                json!({"capabilities": {}, "initializationOptions": {"workspaceDiagnostics": false}}),
            ))));
        }
        all.extend(messages);
        let mut requests = 0;
        for m in all {
            if matches!(m, Incoming::Message(Message::Request(_))) {
                requests += 1;
            }
            if matches!(m, Incoming::Invalid { reply_to: Some(_), .. }) {
                requests += 1;
            }
            if let super::session::Flow::Exit(_) = session.handle_unguarded(m) {
                break;
            }
            session.flush();
        }
        let ids = response_ids(&sink.0.lock().unwrap());
        prop_assert_eq!(ids.len(), requests);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// An open buffer's tree is edited and re-parsed incrementally: after any
    /// edits its findings are those of the same text parsed afresh.
    #[test]
    fn incremental_reparsing_finds_what_a_fresh_parse_finds(
        start in source(),
        edits in prop::collection::vec((position(), position(), source()), 1..8),
    ) {
        let mut session = Session::new(Box::new(Sink::default()), false);
        session.handle_unguarded(request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": {"workspaceDiagnostics": false}}),
            1,
        ));
        session.handle_unguarded(notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(), "languageId": "elixir", "version": 1, "text": start}}),
        ));
        session.flush();
        for (n, (a, b, text)) in edits.into_iter().enumerate() {
            session.handle_unguarded(notification(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri(), "version": n + 2},
                       "contentChanges": [{"range": {"start": a, "end": b}, "text": text}]}),
            ));
            session.flush();
            let (kept, fresh) = session.kept_and_fresh(uri()).expect("the buffer is open");
            prop_assert_eq!(kept, fresh);
        }
    }
}
