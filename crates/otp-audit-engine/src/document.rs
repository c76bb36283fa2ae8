//! A file being edited: its text and syntax tree, kept in step edit by edit. Each
//! edit is told to the tree (`Tree::edit`) and the text re-parsed with the old tree,
//! so tree-sitter re-reads only what the edit touched; the analysis then runs on that
//! tree. The playground's editor (highlighting and findings from one parse) and the
//! language server's open buffers share it.

use crate::engine::{Engine, FileFacts, FileResult, parse};
use crate::scope::FileScope;
use std::cell::RefCell;
use std::ops::Range;
use tree_sitter::{InputEdit, Parser, Point, Tree};

/// Text and its tree, parsed incrementally.
#[derive(Clone)]
pub struct Document {
    text: String,
    tree: Tree,
}

/// What an edit changed: bytes `start..old_end` of the old text became
/// `start..new_end` of the new one, and the syntax of `syntax` (ranges of the new
/// text, sorted) changed beyond the edited bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    pub syntax: Vec<Range<usize>>,
}

impl Document {
    pub fn new(text: &str) -> Document {
        Document {
            text: text.to_string(),
            tree: parse(text),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Replace bytes `start..end` (on character boundaries) with `new`.
    pub fn edit(&mut self, start: usize, end: usize, new: &str) -> Change {
        // Tree-sitter is told of a larger edit than the real one: from the end of
        // the last line with code before it. tree-sitter-elixir's scanner looks
        // past a line break for a `do` or an operator that continues the
        // expression, and a newline token made when the next line began with
        // `def` was kept when the typing turned it into `do` (the property test
        // found it): the block then went unseen. Telling tree-sitter that bytes
        // changed which did not is always sound; it costs a line of re-reading.
        let told = reread_from(&self.text, start);
        let told_position = point(&self.text, told);
        let start_position = point(&self.text, start);
        let old_end_position = point(&self.text, end);
        self.text.replace_range(start..end, new);
        let new_end = start + new.len();
        let mut old = self.tree.clone();
        old.edit(&InputEdit {
            start_byte: told,
            old_end_byte: end,
            new_end_byte: new_end,
            start_position: told_position,
            old_end_position,
            new_end_position: advance(start_position, new),
        });
        self.tree = reparse(&self.text, &old);
        if self.tree.root_node().has_error() {
            // Around a syntax error, tree-sitter's recovery may settle differently
            // when it reuses the old tree than when it starts afresh (the property
            // test found such an edit), and findings must be those of a fresh
            // parse: parse the whole text while the buffer does not parse.
            self.tree = parse(&self.text);
        }
        Change {
            start,
            old_end: end,
            new_end,
            syntax: old
                .changed_ranges(&self.tree)
                .map(|r| r.start_byte..r.end_byte)
                .collect(),
        }
    }

    /// Take a new text whole: the edit is the bytes between the common prefix and
    /// suffix of the two texts (an editor that only sees the new value, such as a
    /// textarea or a worker's message).
    pub fn set_text(&mut self, text: &str) -> Change {
        let (start, old_end, new_end) = changed_region(&self.text, text);
        if start == old_end && start == new_end {
            return Change {
                start,
                old_end,
                new_end,
                syntax: Vec::new(),
            };
        }
        self.edit(start, old_end, &text[start..new_end])
    }

    /// [`Engine::check_project`] of this one file: the findings, cross-file rules
    /// concluded over a project of one file, on the kept tree.
    pub fn check(&self, engine: &Engine, path: &str) -> FileResult {
        self.check_as(engine, path, engine.scope_of(path))
    }

    /// [`Document::check`] in a scope the caller decided.
    pub fn check_as(&self, engine: &Engine, path: &str, scope: FileScope) -> FileResult {
        let files = [(path, self.text.as_str())];
        let (result, facts) = self.check_with_facts_as(engine, path, scope);
        let mut results = [result];
        engine.conclude(&files, &mut results, vec![facts]);
        let [result] = results;
        result
    }

    /// [`Engine::check_with_facts_as`] on the kept tree: the file's own findings and
    /// its facts for the cross-file rules of a larger project.
    pub fn check_with_facts_as(
        &self,
        engine: &Engine,
        path: &str,
        scope: FileScope,
    ) -> (FileResult, FileFacts) {
        if self.text.len() > engine.piece_bytes() {
            // Analysed in pieces, as the whole-file check does: the tree is not used.
            engine.check_with_facts_as(path, scope, &self.text)
        } else {
            engine.check_tree_with_facts_as(path, scope, &self.text, &self.tree)
        }
    }
}

thread_local! {
    /// Parsing with an old tree needs a parser of its own (the engine's is for
    /// whole parses); one per thread serves every document.
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&crate::syntax::language())
            .expect("tree-sitter-elixir matches the tree-sitter ABI");
        p
    });
}

fn reparse(text: &str, old: &Tree) -> Tree {
    PARSER.with(|p| {
        let mut p = p.borrow_mut();
        crate::sigil_escapes::parse_like_elixir(text, |text| {
            p.parse(text, Some(old))
                .expect("parsing without a timeout or cancellation always yields a tree")
        })
    })
}

/// Where to tell tree-sitter an edit at `start` begins: one byte before the
/// line break and blank space that precede the edited line.
fn reread_from(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let line_start = bytes[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut at = line_start;
    while at > 0 && matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r') {
        at -= 1;
    }
    at = at.saturating_sub(1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Row and byte column of `byte` in `text`.
fn point(text: &str, byte: usize) -> Point {
    let before = &text.as_bytes()[..byte];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let row = bytecount_newlines(&before[..line_start]);
    Point::new(row, byte - line_start)
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Where `start` moves after inserting `inserted` there.
fn advance(start: Point, inserted: &str) -> Point {
    match inserted.rfind('\n') {
        Some(last) => Point::new(
            start.row + bytecount_newlines(inserted.as_bytes()),
            inserted.len() - last - 1,
        ),
        None => Point::new(start.row, start.column + inserted.len()),
    }
}

/// The bytes that differ between `old` and `new`: `(start, old_end, new_end)`, so
/// that `old[start..old_end]` became `new[start..new_end]`; on character boundaries.
pub fn changed_region(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = (a.len() - start).min(b.len() - start);
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    (start, a.len() - suffix, b.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_moves_positions_as_a_fresh_parse_sees_them() {
        let mut doc = Document::new("defmodule A do\n  def f, do: :ok\nend\n");
        let at = doc.text().find(":ok").unwrap();
        let change = doc.edit(at, at + 3, "send(p,\n :x)");
        assert_eq!((change.start, change.old_end), (at, at + 3));
        assert_eq!(change.new_end, at + "send(p,\n :x)".len());
        assert_eq!(
            doc.tree().root_node().to_sexp(),
            parse(doc.text()).root_node().to_sexp()
        );
        let end = doc.tree().root_node().end_position();
        assert_eq!(end, parse(doc.text()).root_node().end_position());
    }

    #[test]
    fn set_text_finds_the_edit_and_the_syntax_it_changed() {
        let mut doc = Document::new("a = 1\nb = 2\n");
        let change = doc.set_text("a = \"1\nb = 2\n");
        assert_eq!((change.start, change.old_end, change.new_end), (4, 4, 5));
        // Opening a string turns the rest of the file into its contents.
        assert!(change.syntax.iter().any(|r| r.end >= 10), "{change:?}");
        assert!(doc.set_text("a = \"1\nb = 2\n").syntax.is_empty());
    }

    #[test]
    fn edits_keep_reading_an_escaped_backslash_sigil_as_elixir_does() {
        let mut doc =
            Document::new("defmodule A do\n  def f, do: x(~S(\\\\))\n  def g, do: :ok\nend\n");
        assert!(!doc.tree().root_node().has_error());
        let at = doc.text().find(":ok").unwrap();
        doc.edit(at, at + 3, ":done");
        assert!(!doc.tree().root_node().has_error());
        // Typing the sigil itself: the edit lands inside the masked run.
        let at = doc.text().find("x(").unwrap() + 2;
        doc.edit(at, at, "~S(\\\\) <> ");
        assert!(!doc.tree().root_node().has_error(), "{}", doc.text());
        assert_eq!(
            doc.tree().root_node().to_sexp(),
            parse(doc.text()).root_node().to_sexp()
        );
    }

    #[test]
    fn typing_do_at_the_start_of_a_line_reads_it_as_a_fresh_parse_does() {
        // `do` on its own line after `@impl true` opens a block for `impl true`
        // (Elixir reads it so); the second edit must not keep the newline token
        // that the first parse made when the line began with `def`.
        let text = "x = 1\n  @impl true\n  def handle_call(msg, _from, state) do\n  end\nend\n";
        let mut doc = Document::new(text);
        doc.set_text(&text.replace("x = 1", "x = 2"));
        let typed = doc
            .text()
            .replace("  def handle_call", "  do\n def handle_call");
        doc.set_text(&typed);
        assert_eq!(
            doc.tree().root_node().to_sexp(),
            parse(&typed).root_node().to_sexp()
        );
    }

    #[test]
    fn the_region_stays_on_character_boundaries() {
        assert_eq!(changed_region("é", "è"), (0, 2, 2));
        assert_eq!(changed_region("abc", "abc"), (3, 3, 3));
        assert_eq!(changed_region("abc", "abc("), (3, 3, 4));
        assert_eq!(changed_region("aXa", "aa"), (1, 2, 1));
    }
}
