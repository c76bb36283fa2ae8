//! The binary writes the project and a planted.json that matches the library's output.

use std::path::PathBuf;
use std::process::Command;

use otp_audit_corpus::{Options, PlantedReport, generate};

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("otp-audit-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn writes_files_and_planted_json() {
    let dir = out_dir("cli");
    let status = Command::new(env!("CARGO_BIN_EXE_otp-audit-corpus"))
        .args([
            "--seed",
            "5",
            "--files",
            "8",
            "--test-files",
            "6",
            "--rate",
            "0.25",
            "--out",
        ])
        .arg(&dir)
        .output()
        .expect("run otp-audit-corpus");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let project = generate(&Options {
        seed: 5,
        files: 8,
        test_files: 6,
        violation_rate: 0.25,
    });
    for f in &project.files {
        let on_disk = std::fs::read_to_string(dir.join(&f.path)).expect(&f.path);
        assert_eq!(on_disk, f.source, "{}", f.path);
    }
    let json = std::fs::read_to_string(dir.join("planted.json")).unwrap();
    let report: PlantedReport = serde_json::from_str(&json).unwrap();
    assert_eq!(report.planted, project.planted);
    assert_eq!(report.counts, project.counts());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rejects_bad_arguments() {
    for args in [
        vec!["--files", "3"],
        vec!["--rate", "1.5", "--out", "x"],
        vec!["--files", "many", "--out", "x"],
        vec!["--bogus", "--out", "x"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_otp-audit-corpus"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let help = Command::new(env!("CARGO_BIN_EXE_otp-audit-corpus"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--test-files"));
}
