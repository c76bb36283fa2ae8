//! A zip file as PATH: analysed like the directory it holds; damaged or hostile
//! archives are clear errors (exit 2), never a crash or a hang.

mod common;

use common::*;
use otp_audit_project::archive::write_zip;
use std::time::{Duration, Instant};

fn zipped() -> Vec<u8> {
    write_zip(&[
        ("shop/lib/shop/worker.ex", WORKER),
        ("shop/test/shop/worker_test.exs", SLEEPY_TEST),
        ("shop/deps/other/lib/other.ex", WORKER),
        ("shop/README.md", b"# shop\n"),
        (
            "shop/lib/shop/latin1.ex",
            b"defmodule L do\n  # caf\xe9\nend\n",
        ),
        (
            "shop/otp-audit.toml",
            b"[rules.\"test/no-sleep\"]\nenabled = false\n",
        ),
    ])
}

#[test]
fn a_zip_is_analysed_like_its_directory() {
    let p = Project::new("zip", &[]);
    p.write("shop.zip", zipped());
    let o = p.run(&["check", "--format", "json", "shop.zip"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // The common top folder is stripped, vendored code skipped, the latin-1 file
    // skipped with a warning and listed as skipped.
    assert_eq!(paths, ["lib/shop/worker.ex", "test/shop/worker_test.exs"]);
    assert!(
        stderr(&o).contains("skipped `lib/shop/latin1.ex`: not UTF-8"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        doc["skipped"],
        serde_json::json!([{"path": "lib/shop/latin1.ex", "reason": "not_utf8"}])
    );
    let rules: Vec<&str> = findings(&doc)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"otp/no-raw-send"), "{rules:?}");
    // The archive's otp-audit.toml applies.
    assert!(!rules.contains(&"test/no-sleep"), "{rules:?}");
    assert_eq!(doc["config"]["path"], "otp-audit.toml");
}

fn fails_clearly(name: &str, bytes: Vec<u8>, expect: &str) {
    let p = Project::new(name, &[]);
    p.write("project.zip", bytes);
    let t = Instant::now();
    let o = p.run(&["check", "project.zip"]);
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "{name} took {:?}",
        t.elapsed()
    );
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("otp-audit: cannot read `project.zip`: ") && err.contains(expect),
        "{name}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused() {
    // 64 MiB of spaces deflate to a few dozen KiB: far past the ratio limit.
    let bomb = vec![b' '; 64 << 20];
    fails_clearly(
        "bomb",
        write_zip(&[("lib/bomb.ex", &bomb)]),
        "expands more than",
    );
}

#[test]
fn a_damaged_zip_is_refused() {
    let mut zip = zipped();
    let len = zip.len();
    zip.truncate(len / 2);
    fails_clearly("truncated", zip, "incomplete");
    fails_clearly(
        "not-zip",
        b"this is not a zip file at all".to_vec(),
        "not a zip",
    );
    let mut zip = zipped();
    // Scramble the compressed data of the first entry.
    for b in zip.iter_mut().skip(60).take(40) {
        *b ^= 0x5a;
    }
    let p = Project::new("scrambled", &[]);
    p.write("project.zip", zip);
    let o = p.run(&["check", "project.zip"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot read `project.zip`"),
        "{}",
        stderr(&o)
    );
}
