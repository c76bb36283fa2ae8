//! The entry point: parse a file, build its model, run the enabled rules, apply
//! suppressions and precedence, and turn drafts into findings with positions.

use crate::config::Config;
use crate::finding::{Edit, Finding, Fix, Safety, Severity};
use crate::model::File;
use crate::rule::{Draft, Facts, Report, Rule};
use crate::rules;
use crate::scope::FileScope;
use crate::source::LineIndex;
use crate::supervisors;
use crate::{runtime, suppress, syntax, walk};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// The result of analysing one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileResult {
    pub path: String,
    pub scope: FileScope,
    pub bytes: usize,
    pub lines: usize,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub findings: Vec<Finding>,
}

/// The outcome of fixing one file.
#[derive(Clone, Debug)]
pub struct FixOutcome {
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    pub passes: usize,
    /// Analysis of the fixed text.
    pub after: FileResult,
}

/// What one file contributes to the cross-file rules, and the supervisor names it
/// defines (for the messages and fixes that suggest one).
#[derive(Default)]
pub struct FileFacts(
    pub(crate) Vec<(&'static str, Facts)>,
    pub(crate) supervisors::Names,
);

impl FileFacts {
    /// The facts as JSON, `[[rule id, facts], ...]`, to hand them to the engine of
    /// another process (the web app analyses in several workers and concludes in one).
    /// The supervisor names travel as `["supervisors", {"task": [...], ...}]`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut entries: Vec<serde_json::Value> = self
            .0
            .iter()
            .filter_map(|(id, f)| {
                let pass = rules::by_id(id)?.project?;
                Some(serde_json::json!([id, (pass.encode)(f)?]))
            })
            .collect();
        if self.1 != supervisors::Names::default() {
            entries.push(serde_json::json!([SUPERVISORS, self.1]));
        }
        serde_json::Value::Array(entries)
    }

    /// Facts written by [`FileFacts::to_json`]; unknown rules and damaged entries are
    /// left out.
    pub fn from_json(value: &serde_json::Value) -> FileFacts {
        let entries = value.as_array().map(Vec::as_slice).unwrap_or_default();
        let names = entries
            .iter()
            .find(|e| e.get(0).and_then(|k| k.as_str()) == Some(SUPERVISORS))
            .and_then(|e| serde_json::from_value(e.get(1)?.clone()).ok())
            .unwrap_or_default();
        FileFacts(
            entries
                .iter()
                .filter_map(|e| {
                    let rule = rules::by_id(e.get(0)?.as_str()?)?;
                    Some((rule.id, (rule.project?.decode)(e.get(1)?)?))
                })
                .collect(),
            names,
        )
    }
}

/// The key of the supervisor names in [`FileFacts::to_json`] (rule ids have a slash).
const SUPERVISORS: &str = "supervisors";

/// The facts of every file of a project, so that one file is checked or fixed as
/// the whole-project check sees it: with the supervisor names other files define,
/// and with the findings cross-file rules add or retract. Without them `--fix`
/// would rewrite code for findings `check` does not report.
#[derive(Default)]
pub struct ProjectFacts {
    files: Vec<(String, FileFacts)>,
}

impl ProjectFacts {
    /// Facts of files by path, as [`Engine::check_with_facts`] returned them.
    pub fn new(files: Vec<(String, FileFacts)>) -> ProjectFacts {
        ProjectFacts { files }
    }
}

pub struct Engine {
    config: Config,
    /// Folders holding a `mix.exs`, in the coordinates of the paths handed in.
    mix_dirs: Vec<String>,
    /// Files over this size are analysed in pieces ([`PIECE_BYTES`]).
    piece_bytes: usize,
}

thread_local! {
    static PARSER: RefCell<tree_sitter::Parser> = RefCell::new({
        let mut p = tree_sitter::Parser::new();
        p.set_language(&syntax::language()).expect("tree-sitter-elixir matches the tree-sitter ABI");
        p
    });
}

/// Parse Elixir source with the thread's parser, reading uppercase sigils as Elixir
/// does ([`crate::sigil_escapes`]).
pub fn parse(source: &str) -> tree_sitter::Tree {
    crate::sigil_escapes::parse_like_elixir(source, parse_plain)
}

/// The grammar's own reading of `source`.
pub(crate) fn parse_plain(source: &str) -> tree_sitter::Tree {
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(source, None)
            .expect("parsing without a timeout or cancellation always yields a tree")
    })
}

const MAX_SNIPPET_LINES: usize = 6;

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Config::default())
    }
}

impl Engine {
    pub fn new(config: Config) -> Engine {
        Engine {
            config,
            mix_dirs: Vec::new(),
            piece_bytes: PIECE_BYTES,
        }
    }

    /// The folders of the project that hold a `mix.exs` (`""` for the top, see
    /// [`crate::scope::mix_dirs`]): each file is then scoped relative to the Mix
    /// project that holds it. Without them the first path segment decides.
    pub fn with_project_roots(mut self, mix_dirs: Vec<String>) -> Engine {
        self.mix_dirs = mix_dirs;
        self
    }

    /// Analyse files over `bytes` in pieces of about that size (default
    /// [`PIECE_BYTES`]); for tests, which need not build megabytes of source.
    pub fn with_piece_bytes(mut self, bytes: usize) -> Engine {
        self.piece_bytes = bytes.max(1);
        self
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The folders holding a `mix.exs` given by [`Engine::with_project_roots`].
    pub fn mix_dirs(&self) -> &[String] {
        &self.mix_dirs
    }

    /// Files over this many bytes are analysed in pieces.
    pub(crate) fn piece_bytes(&self) -> usize {
        self.piece_bytes
    }

    /// The scope of a project-relative path: which rules apply to it.
    pub fn scope_of(&self, path: &str) -> FileScope {
        FileScope::classify(path, &self.mix_dirs)
    }

    /// Analyse one file. `path` is project-relative and decides the file scope.
    pub fn check(&self, path: &str, source: &str) -> FileResult {
        self.check_as(path, self.scope_of(path), source)
    }

    /// Analyse one file in a scope the caller decided (a host that knows the tree
    /// better than the path, such as the CLI on disk).
    pub fn check_as(&self, path: &str, scope: FileScope, source: &str) -> FileResult {
        let (mut result, facts) = self.check_with_facts_as(path, scope, source);
        // Alone, a file knows only the supervisors it defines itself.
        for f in &mut result.findings {
            facts.1.resolve(f);
        }
        result
    }

    fn check_tree_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
        tree: &tree_sitter::Tree,
    ) -> FileResult {
        let (mut result, facts) = self.check_tree_with_facts_as(path, scope, source, tree);
        // Alone, a file knows only the supervisors it defines itself.
        for f in &mut result.findings {
            facts.1.resolve(f);
        }
        result
    }

    pub fn check_tree(&self, path: &str, source: &str, tree: &tree_sitter::Tree) -> FileResult {
        self.check_tree_as(path, self.scope_of(path), source, tree)
    }

    /// Analyse one file and collect what cross-file rules need from it; hand the
    /// facts of all files to [`Engine::conclude`], which also fills in the supervisor
    /// names the findings suggest.
    pub fn check_with_facts(&self, path: &str, source: &str) -> (FileResult, FileFacts) {
        self.check_with_facts_as(path, self.scope_of(path), source)
    }

    /// [`Engine::check_with_facts`] in a scope the caller decided.
    pub fn check_with_facts_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
    ) -> (FileResult, FileFacts) {
        if source.len() > self.piece_bytes
            && let Some(checked) = self.check_in_pieces(path, scope, source)
        {
            return checked;
        }
        let tree = parse(source);
        self.check_tree_with_facts_as(path, scope, source, &tree)
    }

    /// Whether `source` parses without syntax errors; a large file is parsed in
    /// pieces, as [`Engine::check`] does, so that asking costs little memory.
    pub fn parses(&self, source: &str) -> bool {
        if source.len() > self.piece_bytes {
            let pieces = pieces(source, self.piece_bytes);
            let lines = LineIndex::new(source);
            if pieces.len() > 1
                && pieces
                    .into_iter()
                    .all(|p| !parse_piece(source, p, &lines).root_node().has_error())
            {
                return true;
            }
        }
        !parse(source).root_node().has_error()
    }

    /// Analyse a large file piece by piece (see [`PIECE_BYTES`]): each piece is
    /// parsed on its own, its model built and its rules run, then its tree dropped;
    /// suppressions and findings are then settled for the whole file. `None` when
    /// the file has no place to cut or a piece does not parse on its own (a cut
    /// inside a string, or a file with syntax errors): analyse it whole.
    fn check_in_pieces(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
    ) -> Option<(FileResult, FileFacts)> {
        let pieces = pieces(source, self.piece_bytes);
        if pieces.len() < 2 {
            return None;
        }
        let lines = LineIndex::new(source);
        let mut all = Drafted::default();
        for piece in pieces {
            let tree = parse_piece(source, piece, &lines);
            if tree.root_node().has_error() {
                return None;
            }
            all.extend(self.draft(path, source, scope, &tree, &lines));
        }
        Some(self.settle(path, source, scope, &lines, all))
    }

    /// Analyse a whole project: every file, then the cross-file rules.
    pub fn check_project(&self, files: &[(&str, &str)]) -> Vec<FileResult> {
        let (mut results, facts): (Vec<_>, Vec<_>) = files
            .iter()
            .map(|(p, s)| self.check_with_facts(p, s))
            .unzip();
        self.conclude(files, &mut results, facts);
        results
    }

    /// Run the cross-file rules over the facts of every file (in the order of
    /// `files`), adding their findings to `results`.
    pub fn conclude(
        &self,
        files: &[(&str, &str)],
        results: &mut [FileResult],
        facts: Vec<FileFacts>,
    ) {
        self.conclude_keeping(files, results, facts);
    }

    /// [`Engine::conclude`], keeping the facts for [`Engine::fix_in_project`].
    pub fn conclude_keeping(
        &self,
        files: &[(&str, &str)],
        results: &mut [FileResult],
        facts: Vec<FileFacts>,
    ) -> ProjectFacts {
        let refs: Vec<&FileFacts> = facts.iter().collect();
        self.conclude_refs(files, &refs, results, Some);
        ProjectFacts::new(
            files
                .iter()
                .map(|(p, _)| p.to_string())
                .zip(facts)
                .collect(),
        )
    }

    /// [`Engine::conclude`] over borrowed facts, with every file's text at hand:
    /// the findings of file `i` go to `results[slot(i)]`, and nowhere when `slot`
    /// says `None`.
    fn conclude_refs(
        &self,
        files: &[(&str, &str)],
        facts: &[&FileFacts],
        results: &mut [FileResult],
        slot: impl Fn(usize) -> Option<usize>,
    ) {
        let pending = self.conclude_pending(facts, results, &slot);
        for i in pending.files() {
            if let (Some((path, src)), Some(result)) =
                (files.get(i), slot(i).and_then(|k| results.get_mut(k)))
            {
                self.place(&pending, i, path, src, result);
            }
        }
        pending.finish(results);
    }

    /// [`Engine::check_with_facts_as`] on a tree the caller parsed from `source`
    /// (an editor re-parses incrementally as the text changes); the file is
    /// analysed whole, never in pieces.
    pub fn check_tree_with_facts_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
        tree: &tree_sitter::Tree,
    ) -> (FileResult, FileFacts) {
        let lines = LineIndex::new(source);
        let drafted = self.draft(path, source, scope, tree, &lines);
        self.settle(path, source, scope, &lines, drafted)
    }

    /// Build the model of `tree` (the whole file or a piece of it) and run the
    /// enabled rules on it.
    fn draft(
        &self,
        path: &str,
        source: &str,
        scope: FileScope,
        tree: &tree_sitter::Tree,
        lines: &LineIndex,
    ) -> Drafted {
        let mut file = File::new(path, source, scope, tree);
        walk::build(&mut file);
        // A `lib/` file that only holds test tooling (`MyLib.Test`, a `TestStore`
        // that says it is for tests) is judged as test support.
        let scope = if scope == FileScope::Lib && crate::scope::holds_test_tooling(&file) {
            FileScope::TestSupport
        } else {
            scope
        };
        file.scope = scope;

        let mut drafts: Vec<(&'static Rule, Draft)> = Vec::new();
        let mut facts = FileFacts(Vec::new(), supervisors::Names::collect(&file));
        // Branches that only `:dev` or `:test` compile are not production code.
        let non_prod = if scope == FileScope::Lib {
            crate::mix_env::non_prod_regions(&file)
        } else {
            Vec::new()
        };
        for (rule, settings) in self.config.enabled_rules() {
            let mut report = Report::new(rule, settings);
            // Cross-file rules may need facts from files they do not report on.
            if let Some(pass) = rule.project
                && let Some(f) = (pass.collect)(&file, &report)
            {
                facts.0.push((rule.id, f));
            }
            if !rule.applies_to(scope) {
                continue;
            }
            (rule.check)(&file, &mut report);
            if runtime::PRIMITIVE_RULES.contains(&rule.id) {
                report
                    .drafts
                    .retain(|d| !runtime::in_runtime_module(&file, d.range.start));
            }
            if !non_prod.is_empty() && !rule.applies_to(FileScope::Test) {
                report
                    .drafts
                    .retain(|d| !non_prod.iter().any(|r| r.contains(&d.range.start)));
            }
            drafts.extend(report.drafts.into_iter().map(|d| (rule, d)));
        }
        drop_superseded(&mut drafts);

        let (suppressions, bad_comments) = suppress::parse(&file.comments, source, lines);
        Drafted {
            drafts,
            facts,
            suppressions,
            bad_comments,
            scope: Some(scope),
        }
    }

    /// Apply the file's suppressions to its drafts, report the unused ones, and
    /// turn the drafts into findings.
    fn settle(
        &self,
        path: &str,
        source: &str,
        scope: FileScope,
        lines: &LineIndex,
        drafted: Drafted,
    ) -> (FileResult, FileFacts) {
        let Drafted {
            mut drafts,
            facts,
            mut suppressions,
            bad_comments,
            scope: ran_in,
        } = drafted;
        let scope = ran_in.unwrap_or(scope);
        drafts.retain(|(rule, d)| !suppressions.suppresses(rule, lines.line_of(d.range.start)));
        let meta = rules::by_id("meta/unused-suppression").expect("registered");
        if self.config.rule(meta.id).is_some_and(|s| s.enabled) {
            for s in suppressions
                .items
                .iter()
                .filter(|s| !s.used && s.reportable())
            {
                let named: Vec<&Rule> = s.rules_named().filter(|r| r.applies_to(scope)).collect();
                // A rule the config turns off did not run: the comment may still be needed.
                if named.iter().any(|r| !self.rule_enabled(r)) {
                    continue;
                }
                let message = format!(
                    "`{}` suppresses nothing here; remove it",
                    s.describe(source)
                );
                let mut d = comment_draft(s.range.clone(), message, None);
                // A cross-file rule reports after this file's check, so this file alone
                // cannot tell whether the comment silences one of its findings (unless
                // its project pass only withdraws findings).
                let (title, safety) = match named
                    .iter()
                    .find(|r| r.project.is_some_and(|p| !p.only_retracts))
                {
                    Some(r) => (
                        format!(
                            "Remove the comment (check first: `{}` also reports across files, and it may silence one of those findings)",
                            r.id
                        ),
                        Safety::Unsafe,
                    ),
                    None => ("Remove the comment".to_string(), Safety::Safe),
                };
                d.fix(Fix::new(
                    title,
                    safety,
                    vec![remove_comment(source, s.range.clone())],
                ));
                drafts.push((meta, d));
            }
            for s in &suppressions.items {
                let Some(first) = suppressions.items.iter().find(|e| s.repeats(e)) else {
                    continue;
                };
                let message = format!(
                    "`{}` repeats the comment on line {}, which already covers the whole file; remove it",
                    s.describe(source),
                    lines.line_of(first.range.start) + 1
                );
                let mut d = comment_draft(s.range.clone(), message, None);
                d.fix(Fix::new(
                    "Remove the repeated comment".to_string(),
                    Safety::Safe,
                    vec![remove_comment(source, s.range.clone())],
                ));
                drafts.push((meta, d));
            }
            for (range, message) in bad_comments {
                drafts.push((meta, comment_draft(range, message, Some(Severity::Warning))));
            }
        }

        let mut findings: Vec<Finding> = drafts
            .into_iter()
            .map(|(rule, d)| self.finish(rule, d, path, source, lines))
            .collect();
        findings.sort_by(|a, b| {
            (a.start.byte, &a.rule, a.end.byte).cmp(&(b.start.byte, &b.rule, b.end.byte))
        });
        let result = FileResult {
            path: path.to_string(),
            scope,
            bytes: source.len(),
            lines: lines.line_count(source),
            findings,
        };
        (result, facts)
    }

    fn rule_enabled(&self, rule: &Rule) -> bool {
        self.config.rule(rule.id).is_some_and(|s| s.enabled)
    }

    pub(crate) fn finish(
        &self,
        rule: &'static Rule,
        d: Draft,
        path: &str,
        src: &str,
        lines: &LineIndex,
    ) -> Finding {
        let configured = self
            .config
            .rule(rule.id)
            .map(|s| s.severity)
            .unwrap_or(rule.severity);
        // A severity set in the config wins over a rule's per-site choice.
        let severity = if configured != rule.severity {
            configured
        } else {
            d.severity.unwrap_or(rule.severity)
        };
        let start = lines.position(src, d.range.start);
        let end = lines.position(src, d.range.end.max(d.range.start));
        let first = start.line as usize - 1;
        let last = (end.line as usize - 1).min(first + MAX_SNIPPET_LINES - 1);
        let snippet = (first..=last)
            .map(|l| clip(lines.line_text(src, l)))
            .collect::<Vec<_>>()
            .join("\n");
        Finding {
            rule: rule.id.to_string(),
            severity,
            message: d.message,
            path: path.to_string(),
            scope: d.scope,
            start,
            end,
            guide: match d.anchor {
                Some(a) => format!("{}#{a}", rule.id),
                None => rule.id.to_string(),
            },
            fixes: d.fixes,
            snippet,
        }
    }

    /// Apply fixes up to `max` safety until none apply (at most 10 passes).
    pub fn fix(&self, path: &str, source: &str, max: Safety) -> FixOutcome {
        self.fix_as(path, self.scope_of(path), source, max)
    }

    /// [`Engine::fix`] in a scope the caller decided.
    pub fn fix_as(&self, path: &str, scope: FileScope, source: &str, max: Safety) -> FixOutcome {
        self.fix_in_project_as(path, scope, source, max, &ProjectFacts::default())
    }

    /// [`Engine::check`] for one file of a project, as [`Engine::check_project`]
    /// would see it: `project` holds the facts of the files (this one's, if there,
    /// are replaced by those of `source`).
    pub fn check_in_project(&self, path: &str, source: &str, project: &ProjectFacts) -> FileResult {
        self.check_in_project_as(path, self.scope_of(path), source, project)
    }

    /// [`Engine::check_in_project`] in a scope the caller decided.
    pub fn check_in_project_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
        project: &ProjectFacts,
    ) -> FileResult {
        let (result, own) = self.check_with_facts_as(path, scope, source);
        let mut files: Vec<(&str, &str)> = Vec::with_capacity(project.files.len() + 1);
        let mut facts: Vec<&FileFacts> = Vec::with_capacity(project.files.len() + 1);
        for (p, f) in &project.files {
            if p != path {
                // Only this file's findings are kept, so no other text is needed.
                files.push((p, ""));
                facts.push(f);
            }
        }
        let me = files.len();
        files.push((path, source));
        facts.push(&own);
        let mut results = [result];
        self.conclude_refs(&files, &facts, &mut results, |i| (i == me).then_some(0));
        let [result] = results;
        result
    }

    /// The facts of every file of a project, for [`Engine::fix_in_project`].
    pub fn project_facts(&self, files: &[(&str, &str)]) -> ProjectFacts {
        ProjectFacts::new(
            files
                .iter()
                .map(|(path, source)| (path.to_string(), self.check_with_facts(path, source).1))
                .collect(),
        )
    }

    /// The supervisor names one file defines, in a scope the caller decided.
    pub fn supervisor_names_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
    ) -> supervisors::Names {
        let tree = parse(source);
        let mut file = File::new(path, source, scope, &tree);
        walk::build(&mut file);
        supervisors::Names::collect(&file)
    }

    /// [`Engine::fix`] for a file of a project: only the findings
    /// [`Engine::check_in_project`] reports are fixed, and fixes that move work
    /// under the project's supervisor name it.
    pub fn fix_in_project(
        &self,
        path: &str,
        source: &str,
        max: Safety,
        project: &ProjectFacts,
    ) -> FixOutcome {
        self.fix_in_project_as(path, self.scope_of(path), source, max, project)
    }

    /// [`Engine::fix_in_project`] in a scope the caller decided.
    pub fn fix_in_project_as(
        &self,
        path: &str,
        scope: FileScope,
        source: &str,
        max: Safety,
        project: &ProjectFacts,
    ) -> FixOutcome {
        let check = |text: &str| self.check_in_project_as(path, scope, text, project);
        let mut text = source.to_string();
        let mut applied = 0;
        let mut passes = 0;
        let mut result = check(&text);
        while passes < 10 {
            let (next, n) = crate::fix::apply_fixes(&text, &result.findings, max);
            if n == 0 || next == text {
                break;
            }
            passes += 1;
            applied += n;
            text = next;
            result = check(&text);
        }
        FixOutcome {
            text,
            applied,
            passes,
            after: result,
        }
    }
}

/// A file larger than this is analysed in pieces of whole top-level forms: the
/// syntax tree alone takes about 50 bytes per byte of Elixir, and the model about
/// 25 more, so a 20 MB file analysed whole needs 1.5 GB; in pieces, memory follows
/// the piece, and the file costs little more than its text and its findings.
pub const PIECE_BYTES: usize = 1 << 20;

/// What the rules found in one tree (a file, or a piece of it), before its
/// suppressions are applied.
#[derive(Default)]
struct Drafted {
    drafts: Vec<(&'static Rule, Draft)>,
    facts: FileFacts,
    suppressions: suppress::Suppressions,
    bad_comments: Vec<(std::ops::Range<usize>, String)>,
    /// The scope the rules ran in (see [`crate::scope::holds_test_tooling`]); for a
    /// file analysed in pieces, the first piece's.
    scope: Option<FileScope>,
}

impl Drafted {
    fn extend(&mut self, piece: Drafted) {
        self.drafts.extend(piece.drafts);
        self.facts.0.extend(piece.facts.0);
        self.facts.1.extend(&piece.facts.1);
        self.suppressions.items.extend(piece.suppressions.items);
        self.bad_comments.extend(piece.bad_comments);
        self.scope = self.scope.or(piece.scope);
    }
}

/// Cut `source` into byte ranges of about `size` bytes at top-level boundaries:
/// after a line that is just `end` at the left margin, which in formatted code
/// closes a top-level `defmodule` (a cut that lands in a string makes a piece fail
/// to parse, and the file is analysed whole).
fn pieces(source: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    for (i, _) in source.match_indices('\n') {
        let line = &source[line_start..i];
        line_start = i + 1;
        if line_start - start >= size && line.trim_end() == "end" {
            out.push(start..line_start);
            start = line_start;
        }
    }
    if start < source.len() {
        out.push(start..source.len());
    }
    out
}

/// Parse the bytes `range` of `source` alone; node positions stay those of the
/// whole file.
fn parse_piece(
    source: &str,
    range: std::ops::Range<usize>,
    lines: &LineIndex,
) -> tree_sitter::Tree {
    let point = |byte: usize| {
        let row = lines.line_of(byte);
        tree_sitter::Point::new(row, byte - lines.line_start(row))
    };
    let piece = tree_sitter::Range {
        start_byte: range.start,
        end_byte: range.end,
        start_point: point(range.start),
        end_point: point(range.end),
    };
    PARSER.with(|p| {
        let mut p = p.borrow_mut();
        p.set_included_ranges(&[piece])
            .expect("one range within the text");
        let tree = crate::sigil_escapes::parse_like_elixir(source, |text| {
            p.parse(text, None)
                .expect("parsing without a timeout or cancellation always yields a tree")
        });
        p.set_included_ranges(&[]).expect("the whole text");
        tree
    })
}

/// Snippet lines are for display; a minified 100 KB line must not be copied per finding.
const MAX_SNIPPET_LINE: usize = 400;

fn clip(line: &str) -> &str {
    if line.len() <= MAX_SNIPPET_LINE {
        return line;
    }
    &line[..crate::source::floor_char_boundary(line, MAX_SNIPPET_LINE)]
}

/// One site, one finding: a more specific rule's finding replaces the general one.
fn drop_superseded(drafts: &mut Vec<(&'static Rule, Draft)>) {
    let superseded: Vec<(usize, &str)> = drafts
        .iter()
        .flat_map(|(r, d)| r.supersedes.iter().map(move |s| (d.range.start, *s)))
        .collect();
    if superseded.is_empty() {
        return;
    }
    drafts.retain(|(r, d)| !superseded.contains(&(d.range.start, r.id)));
}

/// A finding of `meta/unused-suppression` on a suppression comment.
fn comment_draft(
    range: std::ops::Range<usize>,
    message: String,
    severity: Option<Severity>,
) -> Draft {
    Draft {
        range,
        message,
        severity,
        anchor: None,
        scope: String::new(),
        fixes: Vec::new(),
    }
}

/// Delete a comment; when it is alone on its line, delete the line.
fn remove_comment(src: &str, range: std::ops::Range<usize>) -> Edit {
    let line_start = src[..range.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = src[range.end..]
        .find('\n')
        .map(|i| range.end + i + 1)
        .unwrap_or(src.len());
    let before = &src[line_start..range.start];
    if before.trim().is_empty() && src[range.end..line_end].trim().is_empty() {
        Edit::delete(line_start..line_end)
    } else {
        let trimmed = before.trim_end().len() + line_start;
        Edit::delete(trimmed..range.end)
    }
}
