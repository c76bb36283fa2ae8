//! SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read.
//!
//! One log, one run. `tool.driver.rules` holds one reporting descriptor per rule of
//! [`otp_audit_engine::rules::ALL`] (enabled or not, in registry order, so
//! `result.ruleIndex` is stable across runs): its id, a PascalCase `name`
//! ([`rule_name`]), the title as `shortDescription`, the guide's summary as
//! `fullDescription`, the whole guide page as `help` (Markdown, plus a plain-text
//! rendering), the default level and tags.
//!
//! Results:
//! - `locations[0].physicalLocation.artifactLocation` is the project-relative path,
//!   percent-encoded, against the base id `%SRCROOT%` (described in
//!   `run.originalUriBaseIds`; give [`SarifOptions::root_uri`] to pin it to a
//!   `file:` URI). Paths that are already absolute become `file:` URIs.
//! - `region` columns are UTF-16 code units (`run.columnKind` is
//!   `utf16CodeUnits`), taken from [`Position::utf16_column`]; `region.snippet` is the
//!   exact text of the finding's span and `contextRegion` its whole lines, both
//!   recovered from [`Finding::snippet`] when it covers them (it holds at most six
//!   lines, each clipped at 400 bytes; otherwise they are left out).
//! - `partialFingerprints["otpAudit/v1"]` is the baseline identity of the finding
//!   ([`crate::baseline::fingerprint`]: rule, path, scope and whitespace-collapsed
//!   text, never line numbers) with `:N` appended for the N-th identical finding, so
//!   results keep their identity across unrelated edits and duplicates stay distinct.
//!   `primaryLocationLineHash` is left to GitHub's upload action, which computes it
//!   from the checkout.
//! - `fixes` carry the engine's fixes as text replacements (line/column regions in
//!   UTF-16 units). The engine expresses edits as byte offsets and the formatter has
//!   no source text, so an edit can only be placed when it falls inside the lines of
//!   the finding's snippet (or at the start of the line right after one): fixes that
//!   touch other lines, such as an `init/1` added at the end of a module, are left
//!   out of the SARIF rather than emitted with guessed positions. A fix's safety is in
//!   its `properties.safety`.
//! - `level` is the finding's severity (`error`, `warning`, `note` for info).

use crate::baseline;
use crate::skipped::Skipped;
use otp_audit_engine::rules::{self, Rule};
use otp_audit_engine::source::Position;
use otp_audit_engine::{FileResult, Finding, Fix, Severity};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// `$schema` of the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The `uriBaseId` every relative artifact location is resolved against.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of the fingerprint in `result.partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "otpAudit/v1";

/// Optional facts the caller knows and the library cannot (it does no I/O).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SarifOptions {
    /// Absolute `file:` URI of the analysed directory (`file:///home/me/shop/`),
    /// written as `originalUriBaseIds["%SRCROOT%"].uri`. A trailing `/` is added when
    /// missing. Without it the base is only described.
    pub root_uri: Option<String>,
    /// Absolute URI under which the guide pages are published; when set, each rule
    /// gets `helpUri = help_base_uri + rule id` (`https://.../guide/` + `otp/no-raw-send`).
    pub help_base_uri: Option<String>,
    /// Files found and not analysed: written as the invocation's
    /// `toolExecutionNotifications`, so a run that checked less says so.
    pub skipped: Vec<Skipped>,
}

/// SARIF 2.1.0 log of `results`, with default [`SarifOptions`].
pub fn to_sarif(results: &[FileResult]) -> Value {
    to_sarif_with(results, &SarifOptions::default())
}

/// SARIF 2.1.0 log of `results`.
pub fn to_sarif_with(results: &[FileResult], options: &SarifOptions) -> Value {
    let rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| rule_descriptor(r, options))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = results
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| {
            let fp = baseline::fingerprint(f);
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            result(f, format!("{fp}:{n}"))
        })
        .collect();

    let mut root = Map::new();
    if let Some(uri) = &options.root_uri {
        let uri = if uri.ends_with('/') {
            uri.clone()
        } else {
            format!("{uri}/")
        };
        root.insert("uri".into(), json!(uri));
    }
    root.insert(
        "description".into(),
        json!({"text": "The directory otp-audit analysed; result paths are relative to it."}),
    );

    let mut driver = json!({
        "name": "otp-audit",
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let repository = env!("CARGO_PKG_REPOSITORY");
    if is_real_home(repository) {
        driver["informationUri"] = json!(repository);
    }
    let mut run = json!({
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: root},
        "columnKind": "utf16CodeUnits",
        "results": results,
    });
    if !options.skipped.is_empty() {
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": options.skipped.iter().map(skip_notification).collect::<Vec<_>>(),
        }]);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    })
}

/// A skipped file as a SARIF notification: a warning about the file, its reason
/// as the descriptor id.
fn skip_notification(s: &Skipped) -> Value {
    json!({
        "level": "warning",
        "message": {"text": format!("`{}` was not analysed: {}", s.path, s.reason.describe())},
        "descriptor": {"id": s.reason.as_str()},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(&s.path)}}],
    })
}

/// SARIF `level` of a severity: `error`, `warning`, or `note` for info.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// PascalCase of a rule id, every `/`- or `-`-separated word capitalised:
/// `otp/no-raw-send` → `OtpNoRawSend`.
pub fn rule_name(id: &str) -> String {
    id.split('/').map(pascal_case).collect()
}

/// `no-raw-send` → `NoRawSend`.
pub(crate) fn pascal_case(word: &str) -> String {
    word.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

fn rule_descriptor(rule: &Rule, options: &SarifOptions) -> Value {
    let group = rule.id.split('/').next().unwrap_or(rule.id);
    let mut tags = vec![group.to_string(), quality_tag(group).to_string()];
    tags.dedup();
    let mut properties = json!({"tags": tags});
    if group == "sec" {
        // GitHub sorts security alerts by this CVSS-like score; atom-table exhaustion
        // is a denial of service: medium.
        properties["security-severity"] = json!("5.0");
    }
    let mut configuration = json!({"level": level(rule.severity)});
    if !rule.default_enabled {
        configuration["enabled"] = json!(false);
    }
    let mut d = json!({
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": sentence(rule.title)},
        "fullDescription": {"text": sentence(&one_line(&markdown_to_text(rule.summary()))), "markdown": rule.summary()},
        "help": {"text": markdown_to_text(rule.guide), "markdown": rule.guide},
        "defaultConfiguration": configuration,
        "properties": properties,
    });
    if let Some(base) = &options.help_base_uri {
        d["helpUri"] = json!(format!("{base}{}", rule.id));
    }
    d
}

/// The kind of quality a group of rules protects, as a GitHub-style tag.
fn quality_tag(group: &str) -> &'static str {
    match group {
        "sec" => "security",
        "code" | "meta" => "maintainability",
        "syntax" | "config" => "correctness",
        _ => "reliability",
    }
}

fn result(f: &Finding, fingerprint: String) -> Value {
    let frame = Frame::new(f);
    let mut region = json!({
        "startLine": f.start.line,
        "startColumn": f.start.utf16_column,
        "endLine": f.end.line,
        "endColumn": f.end.utf16_column,
    });
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), artifact_location(&f.path));
    if let Some(frame) = &frame {
        if let Some(text) = frame.span_text().filter(|t| !t.is_empty()) {
            region["snippet"] = json!({"text": text});
        }
        physical.insert("region".into(), region);
        if let Some((end_line, text)) = frame.context() {
            physical.insert(
                "contextRegion".into(),
                json!({"startLine": f.start.line, "endLine": end_line, "snippet": {"text": text}}),
            );
        }
    } else {
        physical.insert("region".into(), region);
    }
    let mut location = json!({"physicalLocation": physical});
    if !f.scope.is_empty() {
        location["logicalLocations"] = json!([{"fullyQualifiedName": f.scope}]);
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": sentence(&f.message)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"guide": f.guide},
    });
    if let Some(i) = rules::ALL.iter().position(|r| r.id == f.rule) {
        r["ruleIndex"] = json!(i);
    }
    let fixes: Vec<Value> = match &frame {
        Some(frame) => f.fixes.iter().filter_map(|x| fix(f, frame, x)).collect(),
        None => Vec::new(),
    };
    if !fixes.is_empty() {
        r["fixes"] = json!(fixes);
    }
    r
}

fn fix(f: &Finding, frame: &Frame, fix: &Fix) -> Option<Value> {
    let mut replacements = Vec::new();
    for e in &fix.edits {
        let start = frame.locate(e.start_byte)?;
        let end = frame.locate(e.end_byte)?;
        let mut r = json!({"deletedRegion": {
            "startLine": start.line,
            "startColumn": start.utf16_column,
            "endLine": end.line,
            "endColumn": end.utf16_column,
        }});
        if !e.replacement.is_empty() {
            r["insertedContent"] = json!({"text": e.replacement});
        }
        replacements.push(r);
    }
    Some(json!({
        "description": {"text": sentence(&fix.title)},
        "artifactChanges": [{"artifactLocation": artifact_location(&f.path), "replacements": replacements}],
        "properties": {"safety": fix.safety.as_str()},
    }))
}

/// `{"uri", "uriBaseId"}` of a project-relative path; absolute paths become `file:` URIs.
fn artifact_location(path: &str) -> Value {
    let path = path.replace('\\', "/");
    let b = path.as_bytes();
    let windows_drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", percent_encode(&path, false))})
    } else if windows_drive {
        json!({"uri": format!("file:///{}", percent_encode(&path, true))})
    } else {
        let rel = path.trim_start_matches("./");
        json!({"uri": percent_encode(rel, false), "uriBaseId": SRCROOT})
    }
}

/// Percent-encode everything but RFC 3986 unreserved characters and `/`; with
/// `drive`, the `:` of a leading drive letter (`C:`) is kept too.
fn percent_encode(path: &str, drive: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && b == b':' && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A wrapped paragraph on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// SARIF messages are sentences: end them with a period when they end otherwise.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// A plain-text rendering of a guide page: headings without their `#`s, code fences
/// dropped (their code kept, indented), emphasis markers removed.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            out.push(format!("    {line}"));
            continue;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            out.push(line[level..].trim().to_string());
        } else {
            out.push(line.replace("**", ""));
        }
    }
    out.join("\n").trim().to_string()
}

/// A place in the file, as SARIF counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Loc {
    pub line: u32,
    pub utf16_column: u32,
    /// 1-based column in Unicode scalar values (what Elixir and Emacs count).
    pub char_column: u32,
}

/// The engine clips snippet lines at 400 bytes, on a character boundary: a line this
/// long may be a prefix of the real one.
const CLIPPED_AT: usize = 400 - 3;

/// The source around a finding, rebuilt from [`Finding::snippet`]: the snippet's
/// first line starts at the finding's line, so byte offsets near the finding map to
/// lines and columns without the file.
pub(crate) struct Frame<'a> {
    start: Position,
    end: Position,
    /// Byte offset of the snippet's first line in the file.
    first_byte: usize,
    lines: Vec<&'a str>,
    /// Length of the line terminator, when the finding's own end position proves it.
    eol: Option<usize>,
}

impl<'a> Frame<'a> {
    /// `None` without a snippet, or when the snippet does not agree with the start
    /// position (a finding read from an older file, or a start past a clipped line).
    pub(crate) fn new(f: &'a Finding) -> Option<Frame<'a>> {
        if f.snippet.is_empty() {
            return None;
        }
        let lines: Vec<&str> = f.snippet.split('\n').collect();
        let col = (f.start.column as usize).checked_sub(1)?;
        let first = lines[0];
        if col > first.len() || !first.is_char_boundary(col) {
            return None;
        }
        if col == first.len() && first.len() >= CLIPPED_AT {
            return None;
        }
        let first_byte = (f.start.byte as usize).checked_sub(col)?;
        let mut frame = Frame {
            start: f.start,
            end: f.end,
            first_byte,
            lines,
            eol: None,
        };
        frame.eol = frame.detect_eol();
        Some(frame)
    }

    fn clipped(&self, i: usize) -> bool {
        self.lines[i].len() >= CLIPPED_AT
    }

    /// `\n` or `\r\n`: the one under which the end position's line and column land
    /// on its byte offset. Unknown for single-line findings.
    fn detect_eol(&self) -> Option<usize> {
        let k = self.end.line.checked_sub(self.start.line)? as usize;
        if k == 0 || k >= self.lines.len() || (0..k).any(|i| self.clipped(i)) {
            return None;
        }
        [1, 2].into_iter().find(|&eol| {
            let line_start: usize =
                self.first_byte + self.lines[..k].iter().map(|l| l.len() + eol).sum::<usize>();
            line_start + (self.end.column as usize).saturating_sub(1) == self.end.byte as usize
        })
    }

    fn loc(&self, i: usize, prefix: &str) -> Loc {
        Loc {
            line: self.start.line + i as u32,
            utf16_column: prefix.encode_utf16().count() as u32 + 1,
            char_column: prefix.chars().count() as u32 + 1,
        }
    }

    /// Line and columns of a byte offset, when the snippet determines them.
    pub(crate) fn locate(&self, byte: usize) -> Option<Loc> {
        let mut rel = byte.checked_sub(self.first_byte)?;
        for (i, line) in self.lines.iter().enumerate() {
            let clipped = self.clipped(i);
            if rel < line.len() || (rel == line.len() && !clipped) {
                return line
                    .is_char_boundary(rel)
                    .then(|| self.loc(i, &line[..rel]));
            }
            if clipped {
                return None;
            }
            let next = Loc {
                line: self.start.line + i as u32 + 1,
                utf16_column: 1,
                char_column: 1,
            };
            match self.eol {
                Some(eol) if rel == line.len() + eol => return Some(next),
                Some(eol) if rel > line.len() + eol => rel -= line.len() + eol,
                // Unknown terminator: only the start of the next line under `\n` is
                // unambiguous (a `\r\n` file never has an edit between `\r` and `\n`).
                None if rel == line.len() + 1 => return Some(next),
                _ => return None,
            }
        }
        None
    }

    /// The start column in Unicode scalar values.
    pub(crate) fn start_char_column(&self) -> u32 {
        let col = self.start.column as usize - 1;
        self.lines[0][..col].chars().count() as u32 + 1
    }

    /// The exact text of the finding's span, when the snippet holds all of it.
    pub(crate) fn span_text(&self) -> Option<String> {
        let k = self.end.line.checked_sub(self.start.line)? as usize;
        if k >= self.lines.len() {
            return None;
        }
        let from = self.start.column as usize - 1;
        let to = (self.end.column as usize).checked_sub(1)?;
        let last = self.lines[k];
        if to > last.len() || !last.is_char_boundary(to) || (to == last.len() && self.clipped(k)) {
            return None;
        }
        if k == 0 {
            return (from <= to).then(|| self.lines[0][from..to].to_string());
        }
        let eol = match self.eol? {
            2 => "\r\n",
            _ => "\n",
        };
        let mut text = self.lines[0][from..].to_string();
        for line in &self.lines[1..k] {
            text.push_str(eol);
            text.push_str(line);
        }
        text.push_str(eol);
        text.push_str(&last[..to]);
        Some(text)
    }

    /// The whole lines of the finding (last line number, text), when the snippet
    /// holds them unclipped.
    pub(crate) fn context(&self) -> Option<(u32, String)> {
        let k = self.end.line.checked_sub(self.start.line)? as usize;
        if k >= self.lines.len() || (0..=k).any(|i| self.clipped(i)) {
            return None;
        }
        let eol = match self.eol {
            Some(2) => "\r\n",
            Some(_) => "\n",
            None if k == 0 => "\n",
            None => return None,
        };
        Some((self.end.line, self.lines[..=k].join(eol)))
    }
}

/// Whether `uri` is a real web address: not empty and not on a domain reserved for
/// examples and tests (RFC 2606), which a code-scanning page would show as a dead link.
fn is_real_home(uri: &str) -> bool {
    let Some(rest) = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let reserved_tld = [".invalid", ".example", ".test", ".localhost"]
        .iter()
        .any(|t| host.ends_with(t));
    let example_domain = ["example.com", "example.net", "example.org"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")));
    !host.is_empty() && !reserved_tld && !example_domain
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::{Edit, Engine, Safety};

    #[test]
    fn information_uri_is_a_real_home_or_left_out() {
        assert!(is_real_home("https://github.com/someone/otp-audit"));
        for placeholder in [
            "",
            "https://example.invalid/otp-audit",
            "https://example.com/otp-audit",
            "http://docs.example.org",
            "https://otp-audit.test/",
            "not a url",
        ] {
            assert!(!is_real_home(placeholder), "{placeholder}");
        }
    }

    fn finding_at(src: &str, path: &str, rule: &str) -> Finding {
        let r = Engine::default().check(path, src);
        r.findings
            .into_iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} in {path}"))
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name("otp/no-raw-send"), "OtpNoRawSend");
        assert_eq!(rule_name("code/nesting"), "CodeNesting");
        assert_eq!(
            rule_name("meta/unused-suppression"),
            "MetaUnusedSuppression"
        );
    }

    #[test]
    fn paths_are_relative_and_encoded() {
        assert_eq!(
            artifact_location("./lib/my app/ü.ex"),
            json!({"uri": "lib/my%20app/%C3%BC.ex", "uriBaseId": SRCROOT})
        );
        assert_eq!(
            artifact_location("a:b#c.ex"),
            json!({"uri": "a%3Ab%23c.ex", "uriBaseId": SRCROOT})
        );
        assert_eq!(
            artifact_location("/srv/app/lib/a.ex"),
            json!({"uri": "file:///srv/app/lib/a.ex"})
        );
        assert_eq!(
            artifact_location("C:\\app\\lib\\a.ex"),
            json!({"uri": "file:///C:/app/lib/a.ex"})
        );
    }

    #[test]
    fn frame_maps_bytes_on_utf16_and_char_columns() {
        let src = "defmodule A do\n  def f(p), do: send(p, \"é😀\") && send(p, :x)\nend\n";
        let f = finding_at(src, "lib/a.ex", "otp/no-raw-send");
        let frame = Frame::new(&f).expect("consistent snippet");
        assert_eq!(frame.span_text().as_deref(), Some("send(p, \"é😀\")"));
        let x = src.find(":x").unwrap();
        let loc = frame.locate(x).unwrap();
        // `  def f(p), do: send(p, "é😀") && send(p, ` is 41 chars; 😀 is two UTF-16 units.
        assert_eq!((loc.line, loc.char_column, loc.utf16_column), (2, 42, 43));
        // One past the line's end is the start of the next line.
        let next = src.find("end\n").unwrap();
        assert_eq!(
            frame.locate(next),
            Some(Loc {
                line: 3,
                utf16_column: 1,
                char_column: 1
            })
        );
        // Beyond the snippet: unknown.
        assert_eq!(frame.locate(next + 1), None);
        assert_eq!(frame.locate(0), None);
    }

    #[test]
    fn crlf_is_detected_from_multi_line_findings() {
        let src = "defmodule A do\r\n  def f(p) do\r\n    spawn(fn ->\r\n      p\r\n    end)\r\n  end\r\nend\r\n";
        let f = finding_at(src, "lib/a.ex", "otp/no-raw-spawn");
        assert_eq!((f.start.line, f.end.line), (3, 5));
        let frame = Frame::new(&f).unwrap();
        assert_eq!(frame.eol, Some(2));
        assert_eq!(
            frame.span_text().as_deref(),
            Some("spawn(fn ->\r\n      p\r\n    end)")
        );
        let p = src.find("      p").unwrap() + 6;
        assert_eq!(
            frame.locate(p).map(|l| (l.line, l.utf16_column)),
            Some((4, 7))
        );
        // The same source with `\n`.
        let lf = src.replace("\r\n", "\n");
        let g = finding_at(&lf, "lib/a.ex", "otp/no-raw-spawn");
        assert_eq!(Frame::new(&g).unwrap().eol, Some(1));
    }

    #[test]
    fn fixes_outside_the_snippet_are_left_out() {
        let src = "defmodule A do\n  def f(s), do: GenServer.call(s, :x)\nend\n";
        let f = finding_at(src, "lib/a.ex", "otp/call-timeout");
        let frame = Frame::new(&f).unwrap();
        let inside = fix(&f, &frame, &f.fixes[0]).expect("edit on the finding's line");
        let region = &inside["artifactChanges"][0]["replacements"][0]["deletedRegion"];
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], region["endColumn"]);
        let far = Fix::new("far", Safety::Safe, vec![Edit::insert(src.len(), "x")]);
        assert_eq!(fix(&f, &frame, &far), None);
    }

    #[test]
    fn clipped_lines_stop_the_mapping() {
        let long = "x".repeat(600);
        let src = format!("defmodule A do\n  def f(p), do: send(p, \"{long}\")\nend\n");
        let f = finding_at(&src, "lib/a.ex", "otp/no-raw-send");
        let frame = Frame::new(&f).unwrap();
        assert_eq!(frame.span_text(), None);
        assert_eq!(frame.context(), None);
        assert!(frame.locate(f.start.byte as usize + 4).is_some());
        assert_eq!(frame.locate(f.end.byte as usize), None);
    }

    #[test]
    fn snippetless_findings_still_have_a_region() {
        let src = "defmodule A do\n  def f(p), do: send(p, :x)\nend\n";
        let mut f = finding_at(src, "lib/a.ex", "otp/no-raw-send");
        f.snippet.clear();
        let r = result(&f, "x:1".into());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 2);
        assert!(region.get("snippet").is_none());
        assert!(Frame::new(&f).is_none());
    }

    #[test]
    fn markdown_becomes_text() {
        let md = "# T: title\n\nSome **bold** `code`.\n\n```elixir\nsend(a, b)\n```\n";
        assert_eq!(
            markdown_to_text(md),
            "T: title\n\nSome bold `code`.\n\n    send(a, b)"
        );
    }

    #[test]
    fn duplicates_get_distinct_fingerprints() {
        let src = "defmodule A do\n  def f(p) do\n    send(p, :x)\n    send(p, :x)\n  end\nend\n";
        let r = Engine::default().check("lib/a.ex", src);
        let log = to_sarif(&[r]);
        let fps: Vec<&str> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap())
            .collect();
        assert_eq!(fps.len(), 2);
        assert_ne!(fps[0], fps[1]);
        assert_eq!(fps[0].split(':').next(), fps[1].split(':').next());
    }
}
