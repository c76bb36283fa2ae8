//! `otp-audit server` driven through stdio as an editor drives it: initialize,
//! workspace diagnostics, didOpen with unsaved text, code actions applied,
//! didChange, hover, configuration reload, malformed input, shutdown.

mod common;

use common::Project;
use common::lsp::{Client, apply_edits, file_uri};
use serde_json::{Value, json};

/// Non-ASCII text before the sends on their lines: byte and UTF-16 columns differ.
const WORKER: &str = "defmodule Shop.Worker do\n  def ping(pid), do: send(pid, {:ping, \"é😀\"})\n  def pong(pid) do\n    _ = \"ü😀\"; send(pid, :pong)\n  end\n\n  def get(server), do: GenServer.call(server, :get)\n\n  def state(m), do: :gen_statem.call(m, :state)\nend\n";
const CLEAN: &str = "defmodule Shop.Worker do\nend\n";
const OTHER: &str = "defmodule Shop.Other do\n  def tell(pid), do: send(pid, :hi)\nend\n";
const BROKEN: &str = "defmodule Shop.Broken do\n  def f(x), do: g(x\nend\n";

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// The UTF-16 column of the first `needle` on line `line0` of `text`.
fn utf16_column(text: &str, line0: usize, needle: &str) -> u64 {
    let line = text.lines().nth(line0).unwrap();
    line[..line.find(needle).unwrap()].encode_utf16().count() as u64
}

fn project() -> Project {
    Project::new(
        "lsp",
        &[
            ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
            // On disk the worker is clean: the buffer's unsaved text is what counts.
            ("lib/shop/worker.ex", CLEAN.as_bytes()),
            ("lib/shop/other.ex", OTHER.as_bytes()),
        ],
    )
}

#[test]
fn an_editor_session_over_stdio() {
    let p = project();
    let mut c = Client::start(env!("CARGO_BIN_EXE_otp-audit").as_ref(), &p.root);
    let init = c.initialize(&p.root, json!({}));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.otp-audit"])
    );

    // Workspace diagnostics on start: a file nobody opened.
    let other = c.diagnostics(&file_uri(&p.path("lib/shop/other.ex")), |d| !d.is_empty());
    assert_eq!(codes(&other), ["otp/no-raw-send"]);
    // The dynamic registration of watched files.
    let reg = c
        .wait(|m| m["method"] == "client/registerCapability")
        .expect("the server asks to watch files");
    c.send(&json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));

    // didOpen with text that is not on disk.
    let uri = file_uri(&p.path("lib/shop/worker.ex"));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "elixir", "version": 1, "text": WORKER}}),
    );
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(
        codes(&d),
        [
            "otp/no-raw-send",
            "otp/no-raw-send",
            "otp/call-timeout",
            "otp/call-timeout"
        ]
    );
    let send = &d[0];
    assert_eq!(send["source"], "otp-audit");
    assert_eq!(send["severity"], 2, "warning");
    assert!(
        send["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/otp/no_raw_send.md"),
        "{send}"
    );
    // UTF-16 ranges: the end of the first send is after "é😀" (3 units, 6 bytes).
    let line1 = WORKER.lines().nth(1).unwrap();
    assert_eq!(
        send["range"]["end"]["character"],
        line1.encode_utf16().count() as u64
    );
    assert_ne!(line1.encode_utf16().count(), line1.len());
    // The second send starts after "ü😀" on its line.
    assert_eq!(
        d[1]["range"]["start"],
        json!({"line": 3, "character": utf16_column(WORKER, 3, "send(")})
    );
    assert_ne!(
        utf16_column(WORKER, 3, "send(") as usize,
        18,
        "byte and UTF-16 columns differ"
    );

    // Code actions on the GenServer.call: the safe fix, and a suppression.
    let call = with_code(&d, "otp/call-timeout")[0].clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": call["range"], "context": {"diagnostics": [call]}}),
    );
    let actions = r["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Pass `5_000` as the timeout"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Suppress otp/call-timeout on this line"),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Pass `5_000` as the timeout")
        .unwrap();
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let fixed = apply_edits(WORKER, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert!(
        fixed.contains("GenServer.call(server, :get, 5_000)"),
        "{fixed}"
    );

    // The gen_statem call's fix changes behaviour: it says it needs review.
    let statem = with_code(&d, "otp/call-timeout")[1].clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": statem["range"], "context": {"diagnostics": []}}),
    );
    let titles: Vec<String> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.iter().any(|t| t.ends_with("(needs review)")),
        "{titles:?}"
    );

    // The suppression comment, applied, silences the finding.
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress otp/call-timeout on this line")
        .unwrap();
    let suppressed = apply_edits(
        WORKER,
        suppress["edit"]["changes"][&uri].as_array().unwrap(),
    );
    assert!(
        suppressed
            .contains("\n  # otp-audit:disable-for-next-line otp/call-timeout\n  def get(server)"),
        "{suppressed}"
    );

    // didChange with the fix as an incremental edit: the finding is gone.
    let edit = &fix["edit"]["changes"][&uri][0];
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let after = c.diagnostics(&uri, |d| with_code(d, "otp/call-timeout").len() == 1);
    assert_eq!(codes(&after).len(), 3, "{after:?}");

    // Fix all safe: asked for by the parent kind `source.fixAll`.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": WORKER}]}),
    );
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = r["result"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.otp-audit");
    let fixed_all = apply_edits(WORKER, all[0]["edit"]["changes"][&uri].as_array().unwrap());
    assert!(fixed_all.contains("GenServer.call(server, :get, 5_000)"));
    assert!(
        fixed_all.contains(":gen_statem.call(m, :state)"),
        "unsafe fixes stay out"
    );

    // Hover over the first send: the rule's guide section, in Markdown.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 25}}),
    );
    let hover = &r["result"];
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("`otp/no-raw-send`") && text.contains("## How to fix"),
        "{text}"
    );
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null, "nothing to say off a finding");

    // A file that does not parse gets its parse diagnostics.
    let broken = file_uri(&p.path("lib/shop/broken.ex"));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": broken, "languageId": "elixir", "version": 1, "text": BROKEN}}),
    );
    let d = c.diagnostics(&broken, |d| !d.is_empty());
    assert!(codes(&d).contains(&"syntax/parse-error"), "{d:?}");
    assert_eq!(with_code(&d, "syntax/parse-error")[0]["severity"], 1);

    // The configuration changes on disk: the diagnostics follow.
    p.write(
        "otp-audit.toml",
        "[rules.\"otp/no-raw-send\"]\nenabled = false\n",
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&p.path("otp-audit.toml")), "type": 1}]}),
    );
    let d = c.diagnostics(&uri, |d| !codes(d).contains(&"otp/no-raw-send"));
    assert_eq!(codes(&d), ["otp/call-timeout", "otp/call-timeout"]);
    c.diagnostics(&file_uri(&p.path("lib/shop/other.ex")), |d| d.is_empty());

    // Malformed input gets JSON-RPC errors, and the session goes on.
    c.send_raw(b"{not json");
    let e = c
        .wait(|m| m["error"]["code"] == -32700)
        .expect("a parse error");
    assert_eq!(e["id"], Value::Null);
    c.send_raw(br#"{"jsonrpc":"2.0","id":41,"method":7}"#);
    let e = c.response(&json!(41));
    assert_eq!(e["error"]["code"], -32600);
    let e = c.request("workspace/unknownThing", json!({}));
    assert_eq!(e["error"]["code"], -32601);
    let e = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}}));
    assert_eq!(e["error"]["code"], -32602, "{e}");

    // The server logs through window/logMessage.
    assert!(
        c.pending.iter().any(|m| m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("analysed the workspace")),
        "{:#?}",
        c.pending
    );
    assert_eq!(c.stop(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1_and_requests_before_initialize_are_refused() {
    let p = project();
    let mut c = Client::start(env!("CARGO_BIN_EXE_otp-audit").as_ref(), &p.root);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.notify("exit", Value::Null);
    assert_eq!(common::lsp::wait_exit(&mut c.child), Some(1));
}

#[test]
fn garbage_on_stdin_never_crashes_the_server() {
    let p = project();
    let mut c = Client::start(env!("CARGO_BIN_EXE_otp-audit").as_ref(), &p.root);
    c.initialize(&p.root, json!({"workspaceDiagnostics": false}));
    let uri = file_uri(&p.path("lib/shop/worker.ex"));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "elixir", "version": 1, "text": WORKER}}),
    );
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..200 {
        let body: Vec<u8> = (0..(next() % 200)).map(|_| next() as u8).collect();
        match round % 4 {
            0 => c.send_raw(&body),
            // Edits anywhere, with any text (lossy UTF-8 of random bytes).
            1 => c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": round},
                       "contentChanges": [{"range": {
                           "start": {"line": next() % 12, "character": next() % 60},
                           "end": {"line": next() % 12, "character": next() % 60}},
                           "text": String::from_utf8_lossy(&body)}]}),
            ),
            2 => {
                let r = c.request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri},
                           "range": {"start": {"line": next() % 12, "character": next() % 80},
                                     "end": {"line": next() % 12, "character": next() % 80}},
                           "context": {"diagnostics": []}}),
                );
                assert!(r["result"].is_array(), "{r}");
            }
            _ => {
                let r = c.request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri},
                           "position": {"line": next() % 12, "character": next() % 80}}),
                );
                assert!(r.get("result").is_some(), "{r}");
            }
        }
    }
    assert_eq!(c.stop(), Some(0));
}
