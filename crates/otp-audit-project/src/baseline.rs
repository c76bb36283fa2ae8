//! Baselines and the count ratchet: adopt the audit on a legacy codebase without
//! fixing it first.
//!
//! A [`Baseline`] records today's findings (`otp-audit check --write-baseline FILE`).
//! Later runs compare against it ([`Baseline::compare`]): only findings that are not
//! in the baseline are *new* and fail the run; baseline entries no longer found are
//! reported as *fixed*.
//!
//! # Identity of a finding
//!
//! A finding is identified by its [`fingerprint`]: the rule, the file path, the
//! enclosing scope (`Shop.Worker.ping/1`) and the normalized source text of the
//! finding itself (the code under the finding's span, with runs of whitespace
//! collapsed to one space). Line and column numbers are deliberately left out, so:
//!
//! - inserting or deleting lines above a finding, re-indenting it, or moving its
//!   function elsewhere in the same file keeps its identity;
//! - editing the offending code itself, moving it to another function, or renaming
//!   the function or the file makes it a new finding (and the old entry fixed).
//!   Renaming a file therefore turns all of its findings into new ones: rewrite the
//!   baseline in the same change.
//!
//! Identical fingerprints are matched as a multiset: two identical `send(pid, :ping)`
//! calls in one function are two entries, and adding a third makes one new finding.
//!
//! # The count ratchet
//!
//! [`Ratchet`] (or [`check_counts`]) caps the number of findings per rule, from
//! `--max-count otp/no-raw-send=41` flags or from the per-rule [`Baseline::counts`]:
//! the audit plan's "fail the build if raw sends increased".

use otp_audit_engine::{FileResult, Finding};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// Today's findings, to compare later runs against. Serialized as JSON
/// ([`Baseline::to_json`], [`Baseline::from_json`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version, [`BASELINE_VERSION`].
    pub version: u32,
    /// Version of otp-audit that wrote the file.
    pub tool_version: String,
    /// Free text naming who or what wrote the baseline (a CI job, a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Number of findings per rule id; rules without findings are absent.
    #[serde(default)]
    pub counts: BTreeMap<String, usize>,
    /// One entry per finding, sorted by path, line, rule.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    /// Enclosing scope, as in [`Finding::scope`]; empty at file level.
    #[serde(default)]
    pub scope: String,
    /// [`fingerprint`] of the finding: what the comparison matches on.
    pub fingerprint: String,
    /// The finding's message when recorded, for people reading the file.
    #[serde(default)]
    pub message: String,
    /// 1-based line when recorded. Informational only: never used to match.
    #[serde(default)]
    pub line: u32,
}

impl Entry {
    /// The entry that records `f`.
    pub fn of(f: &Finding) -> Entry {
        Entry {
            rule: f.rule.clone(),
            path: f.path.clone(),
            scope: f.scope.clone(),
            fingerprint: fingerprint(f),
            message: f.message.clone(),
            line: f.start.line,
        }
    }
}

/// The outcome of comparing a run with a baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Findings not in the baseline, in the order of the results: these fail the run.
    pub new: Vec<Finding>,
    /// Baseline entries with no matching finding any more.
    pub fixed: Vec<Entry>,
    /// Findings that matched a baseline entry.
    pub unchanged: usize,
}

impl Comparison {
    /// No new findings.
    pub fn passed(&self) -> bool {
        self.new.is_empty()
    }
}

/// Why a baseline file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineError {
    /// Not JSON, or not the shape of a baseline.
    Invalid(String),
    /// Written by a newer otp-audit with a format this one does not know.
    UnsupportedVersion(u32),
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::Invalid(e) => write!(f, "not an otp-audit baseline file: {e}"),
            BaselineError::UnsupportedVersion(v) => write!(
                f,
                "baseline format version {v} is newer than this otp-audit understands \
                 (version {BASELINE_VERSION}); upgrade otp-audit or rewrite the baseline"
            ),
        }
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// Record every finding of `results`.
    pub fn from_results(results: &[FileResult]) -> Baseline {
        let mut entries: Vec<Entry> = results
            .iter()
            .flat_map(|r| r.findings.iter().map(Entry::of))
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, a.line, &a.rule, &a.fingerprint).cmp(&(
                &b.path,
                b.line,
                &b.rule,
                &b.fingerprint,
            ))
        });
        Baseline {
            version: BASELINE_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            created_by: None,
            counts: count_by_rule(results),
            entries,
        }
    }

    /// Set [`Baseline::created_by`].
    pub fn with_created_by(mut self, who: impl Into<String>) -> Baseline {
        self.created_by = Some(who.into());
        self
    }

    /// Pretty-printed JSON with a final newline: the baseline file's content.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .expect("a baseline of strings and numbers always serializes");
        s.push('\n');
        s
    }

    /// Read a baseline file's content.
    pub fn from_json(text: &str) -> Result<Baseline, BaselineError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| BaselineError::Invalid(e.to_string()))?;
        let version = value
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| {
                BaselineError::Invalid("no `version` number at the top level".to_string())
            })?;
        if version != u64::from(BASELINE_VERSION) {
            return Err(BaselineError::UnsupportedVersion(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        serde_json::from_value(value).map_err(|e| BaselineError::Invalid(e.to_string()))
    }

    /// Total number of recorded findings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Compare `results` with the baseline: which findings are new, which recorded
    /// ones are fixed, how many are unchanged. Matching is by [`fingerprint`], as a
    /// multiset; among entries with the same fingerprint, findings are paired with
    /// entries in line order, keeping the pairs whose lines are closest, so that the
    /// entries reported as fixed (and the findings reported as new) are the likely ones.
    pub fn compare(&self, results: &[FileResult]) -> Comparison {
        let mut recorded: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in &self.entries {
            recorded.entry(e.fingerprint.as_str()).or_default().push(e);
        }
        let all: Vec<&Finding> = results.iter().flat_map(|r| r.findings.iter()).collect();
        // Indices of findings per fingerprint, in order of first appearance.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        for (i, f) in all.iter().enumerate() {
            let fp = fingerprint(f);
            let g = *group_of.entry(fp.clone()).or_insert_with(|| {
                groups.push((fp, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i);
        }

        let mut is_new = vec![true; all.len()];
        let mut fixed: Vec<&Entry> = Vec::new();
        let mut unchanged = 0;
        for (fp, mut members) in groups {
            let mut entries = recorded.remove(fp.as_str()).unwrap_or_default();
            members.sort_by_key(|&i| (all[i].start.line, all[i].start.byte));
            entries.sort_by_key(|e| e.line);
            let lines_now: Vec<u32> = members.iter().map(|&i| all[i].start.line).collect();
            let lines_then: Vec<u32> = entries.iter().map(|e| e.line).collect();
            let (now_matched, then_matched) = pair_by_line(&lines_now, &lines_then);
            for (&i, &m) in members.iter().zip(&now_matched) {
                if m {
                    is_new[i] = false;
                    unchanged += 1;
                }
            }
            fixed.extend(
                entries
                    .iter()
                    .zip(&then_matched)
                    .filter(|&(_, &m)| !m)
                    .map(|(e, _)| *e),
            );
        }
        // Fingerprints that no current finding has: all fixed.
        fixed.extend(recorded.into_values().flatten());
        fixed.sort_by(|a, b| {
            (&a.path, a.line, &a.rule, &a.fingerprint).cmp(&(
                &b.path,
                b.line,
                &b.rule,
                &b.fingerprint,
            ))
        });

        Comparison {
            new: all
                .iter()
                .zip(&is_new)
                .filter(|&(_, &n)| n)
                .map(|(f, _)| (*f).clone())
                .collect(),
            fixed: fixed.into_iter().cloned().collect(),
            unchanged,
        }
    }

    /// The count ratchet this baseline implies: each rule it counted may have at most
    /// as many findings as it had. Rules absent from the baseline are not limited here
    /// (their findings are new findings for [`Baseline::compare`]).
    pub fn ratchet(&self) -> Ratchet {
        Ratchet {
            limits: self.counts.clone(),
        }
    }
}

/// Pair `a` (current lines) with `b` (recorded lines), both sorted, preserving order
/// and matching `min(a.len(), b.len())` pairs with the least total line distance.
/// Returns which elements of each side were matched.
fn pair_by_line(a: &[u32], b: &[u32]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    if n == m {
        return (vec![true; n], vec![true; m]);
    }
    if n == 0 || m == 0 || n.saturating_mul(m) > 1_000_000 {
        // Degenerate or huge group: pair in order.
        let k = n.min(m);
        return (
            (0..n).map(|i| i < k).collect(),
            (0..m).map(|j| j < k).collect(),
        );
    }
    // Let `long` be the side with more elements; every element of `short` is matched
    // to a distinct element of `long` in order. dp[i][j]: best cost using the first i
    // of long and the first j of short.
    let swap = n < m;
    let (long, short) = if swap { (b, a) } else { (a, b) };
    let (ln, sn) = (long.len(), short.len());
    const INF: u64 = u64::MAX / 2;
    let w = sn + 1;
    let mut dp = vec![INF; (ln + 1) * w];
    dp[0] = 0;
    for i in 1..=ln {
        dp[i * w] = 0;
        for j in 1..=sn.min(i) {
            let skip = dp[(i - 1) * w + j];
            let take = dp[(i - 1) * w + j - 1]
                .saturating_add(u64::from(long[i - 1].abs_diff(short[j - 1])));
            dp[i * w + j] = skip.min(take);
        }
    }
    let mut long_matched = vec![false; ln];
    let (mut i, mut j) = (ln, sn);
    while j > 0 {
        let take =
            dp[(i - 1) * w + j - 1].saturating_add(u64::from(long[i - 1].abs_diff(short[j - 1])));
        if dp[i * w + j] == take {
            long_matched[i - 1] = true;
            j -= 1;
        }
        i -= 1;
    }
    let short_matched = vec![true; sn];
    if swap {
        (short_matched, long_matched)
    } else {
        (long_matched, short_matched)
    }
}

/// Number of findings per rule id (rules without findings are absent).
pub fn count_by_rule(results: &[FileResult]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for f in results.iter().flat_map(|r| r.findings.iter()) {
        *counts.entry(f.rule.clone()).or_insert(0) += 1;
    }
    counts
}

/// The identity of a finding across edits: a 16-hex-digit hash of the rule, path,
/// scope and [`finding_text`] (normalized source of the finding). Line numbers do not
/// take part. Stable across platforms and otp-audit versions of the same
/// [`BASELINE_VERSION`].
pub fn fingerprint(f: &Finding) -> String {
    let mut h = Fnv64::new();
    for part in [
        f.rule.as_str(),
        f.path.as_str(),
        f.scope.as_str(),
        finding_text(f).as_str(),
    ] {
        h.write(part.as_bytes());
        // A separator that cannot occur in the text (0xFF is never valid UTF-8).
        h.write(&[0xFF]);
    }
    format!("{:016x}", h.finish())
}

/// The source text under the finding's span with whitespace collapsed: taken from
/// [`Finding::snippet`] (the source lines from the finding's first line, at most six,
/// each clipped) by its start and end columns. When the span is empty, the text of
/// its first line; when there is no snippet, the message.
pub fn finding_text(f: &Finding) -> String {
    let lines: Vec<&str> = if f.snippet.is_empty() {
        Vec::new()
    } else {
        f.snippet.split('\n').collect()
    };
    let Some(first) = lines.first() else {
        return collapse(&f.message);
    };
    let start_col = (f.start.column as usize).saturating_sub(1);
    let span_lines = (f.end.line.saturating_sub(f.start.line)) as usize;
    let mut text = String::new();
    if span_lines == 0 {
        let end_col = (f.end.column as usize).saturating_sub(1);
        text.push_str(slice_cols(first, start_col, Some(end_col)));
    } else {
        text.push_str(slice_cols(first, start_col, None));
        for (k, line) in lines.iter().enumerate().skip(1) {
            text.push('\n');
            if k == span_lines {
                let end_col = (f.end.column as usize).saturating_sub(1);
                text.push_str(slice_cols(line, 0, Some(end_col)));
                break;
            }
            text.push_str(line);
        }
    }
    let collapsed = collapse(&text);
    if collapsed.is_empty() {
        collapse(first)
    } else {
        collapsed
    }
}

/// `line[from..to]` by byte columns, clamped to the line and to char boundaries.
fn slice_cols(line: &str, from: usize, to: Option<usize>) -> &str {
    let clamp = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = clamp(from);
    let to = to.map(clamp).unwrap_or(line.len()).max(from);
    &line[from..to]
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a: tiny, and the same on every platform and release.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A rule whose findings went past its limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountViolation {
    pub rule: String,
    pub limit: usize,
    pub actual: usize,
}

impl fmt::Display for CountViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} finding{}, more than the limit of {}",
            self.rule,
            self.actual,
            if self.actual == 1 { "" } else { "s" },
            self.limit
        )
    }
}

/// Per-rule caps on the number of findings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratchet {
    /// Rule id to the most findings allowed.
    pub limits: BTreeMap<String, usize>,
}

impl Ratchet {
    /// Add or tighten limits from `--max-count` arguments (`otp/no-raw-send=41`).
    /// A rule given twice keeps the lower limit.
    pub fn with_max_counts<'a>(
        mut self,
        args: impl IntoIterator<Item = &'a str>,
    ) -> Result<Ratchet, String> {
        for a in args {
            let (rule, n) = parse_max_count(a)?;
            self.limits
                .entry(rule)
                .and_modify(|l| *l = (*l).min(n))
                .or_insert(n);
        }
        Ok(self)
    }

    /// Rules whose findings exceed their limit.
    pub fn check(&self, results: &[FileResult]) -> Vec<CountViolation> {
        check_counts(results, &self.limits)
    }
}

/// Parse one `--max-count` argument, `RULE=N`.
pub fn parse_max_count(arg: &str) -> Result<(String, usize), String> {
    let Some((rule, n)) = arg.split_once('=') else {
        return Err(format!(
            "`{arg}`: expected RULE=COUNT, like `otp/no-raw-send=41`"
        ));
    };
    let rule = rule.trim();
    if rule.is_empty() {
        return Err(format!("`{arg}`: the rule id is missing before `=`"));
    }
    let n = n.trim().replace('_', "");
    let n: usize = n.parse().map_err(|_| {
        format!("`{arg}`: the count after `=` must be a whole number, like `otp/no-raw-send=41`")
    })?;
    Ok((rule.to_string(), n))
}

/// Rules in `limits` whose number of findings in `results` is above the limit, in
/// rule order.
pub fn check_counts(
    results: &[FileResult],
    limits: &BTreeMap<String, usize>,
) -> Vec<CountViolation> {
    let counts = count_by_rule(results);
    limits
        .iter()
        .filter_map(|(rule, &limit)| {
            let actual = counts.get(rule).copied().unwrap_or(0);
            (actual > limit).then(|| CountViolation {
                rule: rule.clone(),
                limit,
                actual,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::source::Position;
    use otp_audit_engine::{FileScope, Severity};

    fn pos(line: u32, column: u32) -> Position {
        Position {
            line,
            column,
            utf16_column: column,
            byte: line * 100 + column,
        }
    }

    fn finding(line: u32, snippet: &str, start_col: u32, end: (u32, u32)) -> Finding {
        Finding {
            rule: "otp/no-raw-send".into(),
            severity: Severity::Warning,
            message: "m".into(),
            path: "lib/a.ex".into(),
            scope: "A.f/1".into(),
            start: pos(line, start_col),
            end: pos(line + end.0, end.1),
            guide: "otp/no-raw-send".into(),
            fixes: vec![],
            snippet: snippet.into(),
        }
    }

    fn result(findings: Vec<Finding>) -> FileResult {
        FileResult {
            path: "lib/a.ex".into(),
            scope: FileScope::Lib,
            bytes: 0,
            lines: 0,
            findings,
        }
    }

    #[test]
    fn text_is_the_span_with_whitespace_collapsed() {
        let f = finding(3, "  def ping(pid), do: send(pid,   :ping)", 22, (0, 41));
        assert_eq!(finding_text(&f), "send(pid, :ping)");
        let multi = finding(3, "    send(pid,\n      :ping)\n  end", 5, (1, 13));
        assert_eq!(finding_text(&multi), "send(pid, :ping)");
    }

    #[test]
    fn text_clamps_columns_and_char_boundaries() {
        // Byte columns: `é` is two bytes, `send` starts at column 4.
        let f = finding(1, "é send(x)", 4, (0, 200));
        assert_eq!(finding_text(&f), "send(x)");
        let inside = finding(1, "é send(x)", 2, (0, 5));
        assert_eq!(finding_text(&inside), "é s");
        let empty_span = finding(1, "  use GenServer", 3, (0, 3));
        assert_eq!(finding_text(&empty_span), "use GenServer");
        let mut no_snippet = finding(1, "", 1, (0, 1));
        no_snippet.message = "a  message".into();
        assert_eq!(finding_text(&no_snippet), "a message");
    }

    #[test]
    fn fingerprint_ignores_lines_and_indentation() {
        let a = finding(3, "  send(pid, :ping)", 3, (0, 19));
        let b = finding(40, "      send(pid, :ping)", 7, (0, 23));
        assert_eq!(fingerprint(&a), fingerprint(&b));
        let mut c = b.clone();
        c.scope = "A.g/1".into();
        assert_ne!(fingerprint(&a), fingerprint(&c));
        let mut d = b.clone();
        d.path = "lib/b.ex".into();
        assert_ne!(fingerprint(&a), fingerprint(&d));
        assert_eq!(fingerprint(&a).len(), 16);
    }

    #[test]
    fn multiplicity_counts() {
        let one = finding(3, "  send(pid, :ping)", 3, (0, 19));
        let base = Baseline::from_results(&[result(vec![one.clone(), one.clone()])]);
        assert_eq!(base.counts["otp/no-raw-send"], 2);
        let mut third = one.clone();
        third.start.line = 9;
        third.start.byte = 999;
        let cmp = base.compare(&[result(vec![one.clone(), one.clone(), third.clone()])]);
        assert_eq!(cmp.unchanged, 2);
        assert_eq!(cmp.new.len(), 1);
        assert_eq!(cmp.new[0].start.line, 9);
        assert!(cmp.fixed.is_empty());
        let cmp = base.compare(&[result(vec![one.clone()])]);
        assert_eq!((cmp.unchanged, cmp.new.len(), cmp.fixed.len()), (1, 0, 1));
    }

    #[test]
    fn pairing_keeps_the_closest_lines() {
        // Recorded at lines 10 and 20; now one remains at 25 (five lines inserted
        // above): the one at 10 is the fixed one.
        assert_eq!(
            pair_by_line(&[25], &[10, 20]),
            (vec![true], vec![false, true])
        );
        assert_eq!(
            pair_by_line(&[5, 12, 30], &[11]),
            (vec![false, true, false], vec![true])
        );
    }

    #[test]
    fn json_round_trip_and_version_check() {
        let f = finding(3, "  send(pid, :ping)", 3, (0, 19));
        let base = Baseline::from_results(&[result(vec![f])]).with_created_by("ci");
        let text = base.to_json();
        assert_eq!(Baseline::from_json(&text).unwrap(), base);
        let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
        assert_eq!(
            Baseline::from_json(&newer),
            Err(BaselineError::UnsupportedVersion(2))
        );
        assert!(matches!(
            Baseline::from_json("[]"),
            Err(BaselineError::Invalid(_))
        ));
    }

    #[test]
    fn ratchet() {
        let f = finding(3, "  send(pid, :ping)", 3, (0, 19));
        let results = [result(vec![f.clone(), f.clone()])];
        let r = Ratchet::default()
            .with_max_counts(["otp/no-raw-send=3", "otp/no-raw-send=1", "test/no-sleep=0"])
            .unwrap();
        assert_eq!(
            r.check(&results),
            vec![CountViolation {
                rule: "otp/no-raw-send".into(),
                limit: 1,
                actual: 2
            }]
        );
        assert_eq!(
            r.check(&results)[0].to_string(),
            "otp/no-raw-send: 2 findings, more than the limit of 1"
        );
        assert!(
            Baseline::from_results(&results)
                .ratchet()
                .check(&results)
                .is_empty()
        );
        assert!(parse_max_count("otp/no-raw-send").is_err());
        assert!(parse_max_count("=3").is_err());
        assert!(parse_max_count("x=-1").is_err());
        assert_eq!(parse_max_count("x = 1_000"), Ok(("x".into(), 1000)));
    }
}
