//! Syntax highlighting as tree-sitter-elixir's own highlight query paints (see
//! [`captures`]), and the HTML of the editor's highlighted layer: one string per line,
//! tokens and finding underlines as spans.

mod captures;

use crate::html::escape_into;
use otp_audit_engine::{Document, Severity};

/// CSS class of each highlight id; id 0 (and `""`) draws no span.
const CLASSES: &[&str] = &[
    "", "k", "f", "m", "s", "ss", "sy", "se", "sr", "n", "c", "cb", "cm", "cd", "u", "o", "at",
    "p", "ps", "pr",
];

fn class_id(capture: &str) -> Option<u8> {
    if capture.contains("__") {
        return None;
    }
    let class = match capture {
        "keyword" => "k",
        "function" => "f",
        "module" => "m",
        "string" => "s",
        "string.special" => "ss",
        "string.special.symbol" => "sy",
        "string.escape" => "se",
        "string.regex" => "sr",
        "number" => "n",
        "constant" => "c",
        "constant.builtin" => "cb",
        "comment" => "cm",
        "comment.doc" => "cd",
        "comment.unused" => "u",
        "operator" => "o",
        "attribute" => "at",
        "punctuation" | "punctuation.delimiter" | "punctuation.bracket" => "p",
        "punctuation.special" => "ps",
        "property" => "pr",
        // Variables and interpolations take the default colour, over a string's.
        _ => "",
    };
    CLASSES.iter().position(|c| *c == class).map(|i| i as u8)
}

/// The last text and tree (an engine [`Document`], which the analysis reads too: one
/// parse per keystroke) and the highlight of every byte, both updated incrementally as
/// the text changes.
#[derive(Default)]
pub struct Highlighter {
    doc: Option<Document>,
    classes: Vec<u8>,
}

impl Highlighter {
    pub fn new() -> Highlighter {
        Highlighter::default()
    }

    /// Parse `text`, reusing the previous tree outside the changed region, and
    /// re-highlight the lines whose syntax changed. Returns the byte range of the new
    /// text whose highlight was recomputed.
    pub fn update(&mut self, text: &str) -> std::ops::Range<usize> {
        let Some(doc) = &mut self.doc else {
            self.doc = Some(Document::new(text));
            self.classes = vec![0; text.len()];
            self.paint(0..text.len());
            return 0..text.len();
        };
        let change = doc.set_text(text);
        if change.start == change.old_end && change.start == change.new_end {
            return text.len()..text.len();
        }
        // Shift the highlight of the unchanged text; repaint what changed.
        self.classes.splice(
            change.start..change.old_end,
            std::iter::repeat_n(0, change.new_end - change.start),
        );
        let (mut lo, mut hi) = (change.start, change.new_end);
        for r in &change.syntax {
            lo = lo.min(r.start);
            hi = hi.max(r.end);
        }
        // Whole lines, so that a token cut by the range is repainted whole.
        let bytes = text.as_bytes();
        let lo = bytes[..lo.min(text.len())]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let hi = bytes[hi.min(text.len())..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| hi + i);
        self.paint(lo..hi);
        lo..hi
    }

    /// The text and tree of the last update, for the analysis.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// Forget the last tree: the next update parses and highlights from scratch.
    pub fn reset(&mut self) {
        self.doc = None;
    }

    /// Recompute the highlight of `range` (a node reaching outside it is clipped).
    fn paint(&mut self, range: std::ops::Range<usize>) {
        let Some(doc) = &self.doc else { return };
        self.classes[range.clone()].fill(0);
        let classes = &mut self.classes;
        let text = doc.text().as_bytes();
        captures::each_capture(doc.tree(), text, range.clone(), |start, end, capture| {
            if let Some(id) = class_id(capture) {
                let (start, end) = (start.max(range.start), end.min(range.end));
                if start < end {
                    classes[start..end].fill(id);
                }
            }
        });
    }

    /// The highlight id of every byte of the last text.
    pub fn classes(&self) -> &[u8] {
        &self.classes
    }

    /// Highlight a whole snippet (a guide's code block) as HTML.
    pub fn snippet_html(&mut self, code: &str) -> String {
        // A separate tree: the editor's tree stays the base of its incremental parses.
        let saved = (self.doc.take(), std::mem::take(&mut self.classes));
        self.update(code);
        let lines = render_lines(code, &self.classes, &[]);
        (self.doc, self.classes) = saved;
        lines.join("\n")
    }
}

/// A finding drawn in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub selected: bool,
}

fn severity_level(s: Severity) -> u8 {
    match s {
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
    }
}

/// The HTML of every line of `text` (split at `\n`, so a trailing newline gives a
/// last empty line, as a textarea shows it).
pub fn render_lines(text: &str, classes: &[u8], marks: &[Mark]) -> Vec<String> {
    // Per byte: severity level in the low bits, 4 when part of the selected finding.
    let mut deco = vec![0u8; text.len()];
    for m in marks {
        let (start, end) = visible_range(text, m.start, m.end);
        let level = severity_level(m.severity);
        for d in &mut deco[start..end] {
            let selected = (*d & 4) | if m.selected { 4 } else { 0 };
            *d = (*d & 3).max(level) | selected;
        }
    }
    let mut lines = Vec::with_capacity(text.len() / 30 + 1);
    let mut line = String::new();
    let mut seg_start = 0;
    let bytes = text.as_bytes();
    let flush = |line: &mut String, from: usize, to: usize| {
        if from >= to {
            return;
        }
        let class = CLASSES[classes.get(from).copied().unwrap_or(0) as usize];
        let d = deco[from];
        let seg = &text[from..to];
        if class.is_empty() && d == 0 {
            escape_into(line, seg);
            return;
        }
        line.push_str("<span class=\"");
        let mut first = true;
        if !class.is_empty() {
            line.push_str("t-");
            line.push_str(class);
            first = false;
        }
        if d & 3 != 0 {
            if !first {
                line.push(' ');
            }
            line.push_str(["", "d1", "d2", "d3"][(d & 3) as usize]);
            first = false;
        }
        if d & 4 != 0 {
            if !first {
                line.push(' ');
            }
            line.push_str("ds");
        }
        line.push_str("\">");
        escape_into(line, seg);
        line.push_str("</span>");
    };
    for i in 0..bytes.len() {
        if bytes[i] == b'\n' {
            flush(&mut line, seg_start, i);
            lines.push(std::mem::take(&mut line));
            seg_start = i + 1;
            continue;
        }
        if i > seg_start
            && text.is_char_boundary(i)
            && (classes.get(i) != classes.get(seg_start) || deco[i] != deco[seg_start])
        {
            flush(&mut line, seg_start, i);
            seg_start = i;
        }
    }
    flush(&mut line, seg_start, bytes.len());
    lines.push(line);
    lines
}

/// The bytes an underline covers: an empty range or one that holds only line breaks
/// still shows, on the character next to it.
fn visible_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    // Offsets may come from outside (a report): clamp them to the text and to
    // character boundaries rather than panic on a slice.
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (start, end) = (floor(start), floor(end));
    let end = end.max(start);
    if text[start..end].bytes().any(|b| b != b'\n' && b != b'\r') {
        return (start, end);
    }
    let next = text[start..].chars().next();
    if let Some(c) = next.filter(|c| *c != '\n') {
        return (start, start + c.len_utf8());
    }
    match text[..start].chars().next_back() {
        Some(c) if c != '\n' => (start - c.len_utf8(), start),
        _ => (start, start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(code: &str, marks: &[Mark]) -> Vec<String> {
        let mut h = Highlighter::new();
        h.update(code);
        render_lines(code, h.classes(), marks)
    }

    #[test]
    fn keywords_modules_atoms_and_strings() {
        let lines = html(
            "defmodule A.B do\n  def f(x), do: send(x, :ping) # hi\n  @doc \"d #{x}\"\nend\n",
            &[],
        );
        assert_eq!(lines.len(), 5);
        assert!(
            lines[0].starts_with("<span class=\"t-k\">defmodule</span>"),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].contains("<span class=\"t-m\">A.B</span>"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains("<span class=\"t-f\">f</span>"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("<span class=\"t-sy\">:ping</span>"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("<span class=\"t-cm\"># hi</span>"),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains("t-cd"), "{}", lines[2]);
        assert_eq!(lines[4], "");
    }

    #[test]
    fn underlines_by_severity_and_selection() {
        let code = "send(pid, :x)\n";
        let lines = html(
            code,
            &[Mark {
                start: 0,
                end: 13,
                severity: Severity::Warning,
                selected: true,
            }],
        );
        assert!(
            lines[0].contains("class=\"t-f d2 ds\">send<"),
            "{}",
            lines[0]
        );
        assert!(!lines[0].contains("d3"));
        // An empty range at the end of a line still shows, on its last character.
        let lines = html(
            "ab\n",
            &[Mark {
                start: 2,
                end: 2,
                severity: Severity::Error,
                selected: false,
            }],
        );
        assert_eq!(lines[0], "a<span class=\"d3\">b</span>");
    }

    #[test]
    fn incremental_parse_matches_a_fresh_parse() {
        let mut h = Highlighter::new();
        let a = "defmodule A do\n  def f, do: :ok\nend\n";
        let b = "defmodule A do\n  def f, do: \"ok #{1}\"\nend\n";
        h.update(a);
        h.update(b);
        let mut fresh = Highlighter::new();
        fresh.update(b);
        assert_eq!(h.classes(), fresh.classes());
        // Opening a string changes the rest of the file.
        let c = "defmodule A do\n  def f, do: \"ok #{1}\n  def g, do: :x\nend\n";
        h.update(c);
        let mut fresh = Highlighter::new();
        fresh.update(c);
        assert_eq!(h.classes(), fresh.classes());
    }

    #[test]
    fn incremental_highlight_equals_a_fresh_one_after_many_edits() {
        let mut h = Highlighter::new();
        let mut fresh = Highlighter::new();
        let mut seed = 7u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let inserts = [
            "\"", "x", "\n", "#{", "end", " do\n", "%{", "~r/", "@doc \"", "# c",
        ];
        for e in crate::examples::EXAMPLES.iter().step_by(3) {
            let mut text = e.source();
            h.update(&text);
            for _ in 0..20 {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if next(3) == 0 {
                    let mut end = (at + next(20)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                } else {
                    text.insert_str(at, inserts[next(inserts.len())]);
                }
                h.update(&text);
                fresh.reset();
                fresh.update(&text);
                assert_eq!(
                    h.classes(),
                    fresh.classes(),
                    "{}: after an edit at {at}",
                    e.rule
                );
            }
        }
    }

    /// Found by html.rs's property test: a report's offsets may fall inside a
    /// character; the underline then starts at its first byte instead of panicking.
    #[test]
    fn marks_inside_a_character_do_not_panic() {
        let code = "a = \"\u{e000}é\"";
        let inside = code.find('\u{e000}').unwrap() + 1;
        let lines = html(
            code,
            &[Mark {
                start: inside,
                end: inside + 2,
                severity: Severity::Error,
                selected: false,
            }],
        );
        assert!(lines[0].contains("d3"), "{}", lines[0]);
    }

    #[test]
    fn html_is_escaped() {
        let lines = html("x = \"<a>&\"", &[]);
        assert!(lines[0].contains("&lt;a&gt;&amp;"), "{}", lines[0]);
    }
}
