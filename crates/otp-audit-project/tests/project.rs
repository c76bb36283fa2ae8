//! The project pipeline the web app runs: a generated corpus with planted violations
//! zipped under a top folder → sources → results whose counts are the planted ones →
//! safe fixes → a fixed archive in which only the fixed files differ and nothing
//! safe-fixable is left; folders; the JSON report written and read back.

use otp_audit_corpus::{Options, generate};
use otp_audit_engine::{Engine, Safety};
use otp_audit_project::archive::{Limits, read_zip, write_zip};
use otp_audit_project::formats::json::{self, ReadError};
use otp_audit_project::project::{self, Sources};
use otp_audit_project::report::{Efforts, Report};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn corpus() -> otp_audit_corpus::Project {
    generate(&Options {
        seed: 5,
        files: 30,
        test_files: 15,
        violation_rate: 0.2,
    })
}

/// The corpus under `shop-main/`, with a README, vendored code and a Latin-1 file.
fn corpus_zip(c: &otp_audit_corpus::Project) -> Vec<u8> {
    let mut entries: Vec<(String, Vec<u8>)> = c
        .files
        .iter()
        .map(|f| {
            (
                format!("shop-main/{}", f.path),
                f.source.clone().into_bytes(),
            )
        })
        .collect();
    entries.push(("shop-main/README.md".into(), b"# Shop\n".to_vec()));
    entries.push((
        "shop-main/deps/dep/lib/dep.ex".into(),
        b"defmodule Dep do\n  def f(p), do: send(p, :x)\nend\n".to_vec(),
    ));
    entries.push(("shop-main/lib/latin1.ex".into(), b"# caf\xe9\n".to_vec()));
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
    write_zip(&refs)
}

fn counts(results: &[otp_audit_engine::FileResult]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for f in results.iter().flat_map(|r| &r.findings) {
        *m.entry(f.rule.clone()).or_insert(0) += 1;
    }
    m
}

#[test]
fn a_zipped_project_is_rooted_analysed_and_fixed() {
    let c = corpus();
    let zip = corpus_zip(&c);
    let limits = project::browser_limits();
    let sources = project::from_zip(&zip, &limits).unwrap();
    assert_eq!(sources.root_stripped.as_deref(), Some("shop-main"));
    assert_eq!(sources.files.len(), c.files.len());
    assert!(sources.files.iter().all(|(p, _)| !p.starts_with("deps/")));
    let notable: Vec<_> = sources.notable_skips().collect();
    assert_eq!(notable.len(), 1, "{notable:?}");
    assert_eq!(notable[0].0, "lib/latin1.ex");
    assert!(notable[0].1.contains("UTF-8"));

    let loaded = otp_audit_project::config::from_named(sources.config.as_ref()).unwrap();
    let engine = Engine::new(loaded.config);
    let results = project::analyse(&engine, &sources.files);
    assert_eq!(
        counts(&results),
        c.counts(),
        "the planted violations, exactly"
    );

    // Split over "workers" with facts as JSON: the same results.
    let (mut split, facts): (Vec<_>, Vec<_>) = sources
        .files
        .iter()
        .map(|(p, t)| project::check_file(&engine, p, t))
        .unzip();
    project::conclude(&engine, &sources.files, &mut split, &facts);
    assert_eq!(split, results);

    let fixed = project::fix(&engine, &sources.files, Safety::Safe);
    assert!(!fixed.is_empty(), "the corpus has safe fixes");
    let out = project::fixed_zip(&zip, &fixed, &limits).unwrap();
    let before = read_zip(&zip, &Limits::default()).unwrap();
    let after = read_zip(&out, &Limits::default()).unwrap();
    assert_eq!(after.root_stripped, before.root_stripped);
    assert_eq!(
        after.skipped, before.skipped,
        "other entries are all still there"
    );
    assert_eq!(after.files.len(), before.files.len());
    for (a, b) in after.files.iter().zip(&before.files) {
        assert_eq!(a.path, b.path);
        match fixed.iter().find(|f| f.path == a.path) {
            Some(f) => assert_eq!(a.bytes, f.text.as_bytes()),
            None => assert_eq!(a.bytes, b.bytes, "{} is unchanged", a.path),
        }
    }
    let again = project::from_zip(&out, &limits).unwrap();
    let results = project::analyse(&engine, &again.files);
    assert!(
        results
            .iter()
            .flat_map(|r| &r.findings)
            .all(|f| f.safe_fix().is_none()),
        "no safe fix left"
    );

    // A replacement for a file the archive does not have is refused.
    let stray = otp_audit_project::archive::rewrite_zip(&zip, &[("lib/nope.ex", b"x")], &limits);
    assert!(stray.unwrap_err().to_string().contains("lib/nope.ex"));

    let diff = project::diff(&sources.files, &fixed);
    for f in &fixed {
        assert!(diff.contains(&format!("+++ b/{}", f.path)), "{diff}");
    }
}

#[test]
fn folders_are_read_like_archives() {
    let entries = vec![
        (
            "shop/lib/a.ex".to_string(),
            b"defmodule A do\n  def f(p), do: send(p, :x)\nend\n".to_vec(),
        ),
        ("shop/node_modules/x/y.ex".to_string(), b"junk".to_vec()),
        (
            "shop/otp-audit.toml".to_string(),
            b"[rules.\"otp/no-raw-send\"]\nenabled = false\n".to_vec(),
        ),
        ("shop/assets/app.js".to_string(), b"1".to_vec()),
    ];
    assert!(otp_audit_project::archive::wanted_in_folder(
        "shop/lib/a.ex"
    ));
    assert!(otp_audit_project::archive::wanted_in_folder(
        "shop/otp-audit.toml"
    ));
    assert!(!otp_audit_project::archive::wanted_in_folder(
        "shop/node_modules/x/y.ex"
    ));
    assert!(!otp_audit_project::archive::wanted_in_folder(
        "shop/lib/otp-audit.toml"
    ));
    let s = project::from_folder(entries, &project::browser_limits()).unwrap();
    assert_eq!(s.root_stripped.as_deref(), Some("shop"));
    assert_eq!(s.files.len(), 1);
    assert_eq!(s.config.as_ref().unwrap().0, "otp-audit.toml");
    let engine = Engine::new(
        otp_audit_project::config::from_named(s.config.as_ref())
            .unwrap()
            .config,
    );
    assert!(
        project::analyse(&engine, &s.files)[0].findings.is_empty(),
        "the config applies"
    );

    let fixed = project::fix(&engine, &s.files, Safety::Safe);
    let zip = project::fixed_folder_zip(&s, &fixed);
    let back = project::from_zip(&zip, &project::browser_limits()).unwrap();
    assert_eq!(back.files, s.files);
    assert_eq!(back.config, s.config);
}

#[test]
fn bad_projects_get_sentences() {
    let limits = project::browser_limits();
    let e = project::from_zip(b"hello", &limits).unwrap_err();
    assert!(
        e.starts_with("Not a zip archive") && e.contains("choose"),
        "{e}"
    );
    // Hex digits from an LCG: compressible only about 2:1, so no bomb.
    let mut x: u64 = 1;
    let big: Vec<u8> = (0..5 * 1024 * 1024)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            b"0123456789abcdef"[(x >> 60) as usize]
        })
        .collect();
    let zip = write_zip(&[("p/lib/huge.ex", &big), ("p/README.md", b"x")]);
    let e = project::from_zip(&zip, &limits).unwrap_err();
    assert!(
        e.contains("no Elixir files") && e.contains("lib/huge.ex") && e.contains("5 MB"),
        "{e}"
    );
    let e = project::from_zip(&write_zip(&[("a.txt", b"x")]), &limits).unwrap_err();
    assert!(e.contains("no Elixir files"), "{e}");
    let e = project::from_zip(&write_zip(&[("lib/a.ex", b"\xff\xfe")]), &limits).unwrap_err();
    assert!(e.contains("not valid UTF-8"), "{e}");
}

fn sample_report() -> (Sources, String, Vec<otp_audit_engine::FileResult>) {
    let c = corpus();
    let sources = project::from_zip(&corpus_zip(&c), &project::browser_limits()).unwrap();
    let engine = Engine::new(Default::default());
    let results = project::analyse(&engine, &sources.files);
    let report = Report::build(&results, &Efforts::default(), None);
    let text = json::render(&results, &engine.config().source, &report, None, None);
    (sources, text, results)
}

#[test]
fn json_reports_round_trip() {
    let (_, text, results) = sample_report();
    let file = json::read(&text).unwrap();
    assert_eq!(file.results(), results);
    // What the web app writes is what the CLI writes.
    let source = otp_audit_engine::config::ConfigSource::Defaults;
    let web = json::ReportFile::from_results(&results, &source, file.plan());
    assert_eq!(web, file);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&web.to_json()).unwrap(),
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    );
    assert_eq!(
        file.plan(),
        Report::build(&results, &Efforts::default(), None)
    );
    assert_eq!(file.config_label(), "the defaults");
    assert_eq!(file.tool.name, "otp-audit");
    assert_eq!(
        file.stamp,
        Default::default(),
        "no stamp given, none written"
    );

    // `generated_at` and `revision` are read back and written again as given.
    let stamp = otp_audit_project::stamp::Stamp {
        generated_at: Some("2026-12-01T09:30:00Z".into()),
        revision: Some("0f1e2d".into()),
    };
    let stamped =
        json::render_with_skipped(&results, &[], &source, &file.plan(), None, None, &stamp);
    let v: serde_json::Value = serde_json::from_str(&stamped).unwrap();
    assert_eq!(
        (&v["version"], &v["generated_at"], &v["revision"]),
        (&1.into(), &"2026-12-01T09:30:00Z".into(), &"0f1e2d".into())
    );
    let back = json::read(&stamped).unwrap();
    assert_eq!(back.stamp, stamp);
    assert_eq!(json::read(&back.to_json()).unwrap(), back);
    // A stamp of the wrong type is a damaged report, not a panic.
    let bad = stamped.replace("\"0f1e2d\"", "12");
    assert!(matches!(json::read(&bad), Err(json::ReadError::Invalid(_))));

    // Without the plan, the viewer builds it.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("report");
    let file = json::read(&v.to_string()).unwrap();
    assert_eq!(file.plan().totals.findings, file.findings.len());
}

#[test]
fn bad_reports_are_named() {
    let (_, text, _) = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let e = json::read("not json").unwrap_err();
    assert!(matches!(e, ReadError::NotJson(_)));
    assert!(e.to_string().contains("not JSON"));
    assert!(matches!(
        json::read("[1, 2]").unwrap_err(),
        ReadError::NotAReport(_)
    ));
    assert!(
        json::read("{\"files\": []}")
            .unwrap_err()
            .to_string()
            .contains("no `version`")
    );

    v["version"] = 2.into();
    let e = json::read(&v.to_string()).unwrap_err();
    assert_eq!(
        e,
        ReadError::Version {
            found: "2".into(),
            supported: 1
        }
    );
    assert!(
        e.to_string().contains("schema version 2") && e.to_string().contains("reads version 1")
    );

    v["version"] = 1.into();
    v["findings"][0]["path"] = "lib/elsewhere.ex".into();
    assert!(
        json::read(&v.to_string())
            .unwrap_err()
            .to_string()
            .contains("does not list")
    );
    v["findings"] = "many".into();
    assert!(matches!(
        json::read(&v.to_string()).unwrap_err(),
        ReadError::Invalid(_)
    ));
}

#[test]
fn report_strings_stay_strings() {
    let (_, text, _) = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let evil = "<img src=x onerror=alert(1)>";
    v["findings"][0]["message"] = evil.into();
    let file = json::read(&v.to_string()).unwrap();
    assert_eq!(file.findings[0].message, evil);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn reading_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = json::read(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn reading_never_panics_on_damaged_reports(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>()) {
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let text = TEXT.get_or_init(|| {
            let engine = Engine::new(Default::default());
            let files = vec![(
                "lib/a.ex".to_string(),
                "defmodule A do\n  def f(p), do: send(p, :x)\n  def g(s), do: GenServer.call(s, :y)\nend\n".to_string(),
            )];
            let results = project::analyse(&engine, &files);
            let report = Report::build(&results, &Efforts::default(), None);
            json::render(&results, &engine.config().source, &report, None, None)
        });
        let mut bytes = text.as_bytes().to_vec();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len() - cut % bytes.len());
        let _ = json::read(&String::from_utf8_lossy(&bytes));
    }
}

/// A project with nested Mix projects (an installer, an umbrella child, a Mix
/// fixture under test/) and a project-level test helper that is a test.
fn nested_entries(top: &str) -> Vec<(String, Vec<u8>)> {
    let send = b"defmodule X do\n  def f(p), do: send(p, :x)\nend\n".to_vec();
    let sleepy =
        b"defmodule XTest do\n  use ExUnit.Case\n  test \"x\" do\n    Process.sleep(10)\n    assert true\n  end\nend\n"
            .to_vec();
    let mix = b"defmodule X.MixProject do\nend\n".to_vec();
    [
        ("mix.exs", mix.clone()),
        ("lib/app.ex", send.clone()),
        ("installer/mix.exs", mix.clone()),
        ("installer/lib/installer.ex", send.clone()),
        ("installer/test/installer_test.exs", sleepy.clone()),
        ("installer/templates/web.ex", send.clone()),
        ("test/support/fake_test.exs", sleepy.clone()),
        ("test/fixtures/app/mix.exs", mix),
        ("test/fixtures/app/lib/fixture.ex", send),
    ]
    .into_iter()
    .map(|(p, b)| (format!("{top}/{p}"), b))
    .collect()
}

fn scopes_and_rules(sources: &Sources) -> Vec<(String, &'static str, Vec<String>)> {
    let (engine, _) = sources.setup().engine().unwrap();
    project::analyse(&engine, &sources.files)
        .into_iter()
        .map(|r| {
            let rules = r.findings.iter().map(|f| f.rule.clone()).collect();
            (r.path, r.scope.as_str(), rules)
        })
        .collect()
}

#[test]
fn nested_mix_projects_are_scoped_by_their_own_mix_exs() {
    let entries = nested_entries("phx");
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
    let from_zip = project::from_zip(&write_zip(&refs), &project::browser_limits()).unwrap();
    let from_folder = project::from_folder(entries, &project::browser_limits()).unwrap();
    assert_eq!(from_zip.mix_dirs(), ["", "installer", "test/fixtures/app"]);
    let want: Vec<(String, &str, Vec<String>)> = [
        ("installer/lib/installer.ex", "lib", vec!["otp/no-raw-send"]),
        ("installer/mix.exs", "other", vec![]),
        ("installer/templates/web.ex", "other", vec![]),
        (
            "installer/test/installer_test.exs",
            "test",
            vec!["test/no-sleep"],
        ),
        ("lib/app.ex", "lib", vec!["otp/no-raw-send"]),
        ("mix.exs", "other", vec![]),
        // A Mix project under test/ is a fixture of the tests, not production code.
        ("test/fixtures/app/lib/fixture.ex", "test_support", vec![]),
        ("test/fixtures/app/mix.exs", "test_support", vec![]),
        // `mix test` runs it; test/no-sleep's own `allow_in` still spares test/support.
        ("test/support/fake_test.exs", "test", vec![]),
    ]
    .into_iter()
    .map(|(p, s, r)| (p.to_string(), s, r.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(scopes_and_rules(&from_zip), want);
    assert_eq!(scopes_and_rules(&from_folder), want);

    // A worker that sees one batch scopes it as the whole project.
    let (engine, _) = from_zip.setup().engine().unwrap();
    let (one, _) = project::check_file(&engine, "installer/lib/installer.ex", &from_zip.files[0].1);
    assert_eq!(one.scope, otp_audit_engine::FileScope::Lib);
    let json = json::render(
        &project::analyse(&engine, &from_zip.files),
        &engine.config().source,
        &Report::build(&[], &Efforts::default(), None),
        None,
        None,
    );
    assert!(
        json.contains(r#"{"path":"installer/lib/installer.ex","scope":"lib""#),
        "{json}"
    );
}
