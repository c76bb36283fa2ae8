//! Works around one reading of tree-sitter-elixir 0.3.5 that differs from Elixir's.
//!
//! In an uppercase sigil (`~S`, `~R`, `~W`, `~ABC`) Elixir pairs backslashes: a run of
//! an even number of them before the closing delimiter leaves the delimiter closing
//! the sigil, so `~S(\\)` is the two characters `\\`. The grammar treats a backslash
//! before the delimiter as an escape whatever precedes it, so the sigil never closes
//! and everything after it is a syntax error (a NimbleParsec combinator with
//! `string(~S(\\))` turned a whole real file red).
//!
//! The grammar is the published crate, so we do not patch it. Instead the text is
//! parsed once more with the last backslash of each such run replaced by a space:
//! same length, so every node keeps its byte and point positions, and nodes still read
//! their text from the original source. Only a tree with fewer errors is kept, so a
//! mask that fell inside a string or comment (the scan does not know them) changes
//! nothing.

use tree_sitter::{Node, Tree};

/// Parse `text` with `parse`, and once more with the sigil runs masked when the first
/// tree has errors and the text has such a run: the tree with fewer errors.
pub(crate) fn parse_like_elixir(text: &str, mut parse: impl FnMut(&str) -> Tree) -> Tree {
    let tree = parse(text);
    if !tree.root_node().has_error() {
        return tree;
    }
    let Some(masked) = masked(text) else {
        return tree;
    };
    let retried = parse(&masked);
    if error_count(retried.root_node()) < error_count(tree.root_node()) {
        retried
    } else {
        tree
    }
}

/// `text` with the last backslash of every even run before an uppercase sigil's
/// closing delimiter replaced by a space, or `None` when there is no such run.
pub(crate) fn masked(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut masks = Vec::new();
    let mut i = 0;
    while let Some(offset) = memchr_tilde(&bytes[i..]) {
        let tilde = i + offset;
        i = tilde + 1;
        let name_end = sigil_name_end(bytes, tilde + 1);
        if name_end == tilde + 1 {
            continue;
        }
        let Some(&open) = bytes.get(name_end) else {
            break;
        };
        let Some(close) = closing_delimiter(open) else {
            continue;
        };
        let heredoc = matches!(open, b'"' | b'\'') && bytes[name_end..].starts_with(&[open; 3]);
        if heredoc {
            i = name_end + 3;
            continue;
        }
        i = scan_body(bytes, name_end + 1, close, &mut masks);
    }
    if masks.is_empty() {
        return None;
    }
    let mut out = bytes.to_vec();
    for at in masks {
        out[at] = b' ';
    }
    // Only ASCII backslashes were replaced by ASCII spaces.
    Some(String::from_utf8(out).expect("same UTF-8 with one ASCII byte swapped"))
}

fn memchr_tilde(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'~')
}

/// The end of an uppercase sigil's name starting at `at` (`at` itself when there is none).
fn sigil_name_end(bytes: &[u8], at: usize) -> usize {
    if !bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
        return at;
    }
    let mut end = at + 1;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        end += 1;
    }
    end
}

fn closing_delimiter(open: u8) -> Option<u8> {
    Some(match open {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        b'/' | b'|' | b'"' | b'\'' => open,
        _ => return None,
    })
}

/// Walks a sigil body from `at` to its closing delimiter as Elixir reads it, noting
/// where the grammar would read an escape instead; returns the byte after the body.
fn scan_body(bytes: &[u8], mut at: usize, close: u8, masks: &mut Vec<usize>) -> usize {
    while at < bytes.len() {
        if bytes[at] == b'\\' {
            let run = bytes[at..].iter().take_while(|&&b| b == b'\\').count();
            let after = at + run;
            if bytes.get(after) == Some(&close) {
                if run % 2 == 0 {
                    masks.push(after - 1);
                    return after + 1;
                }
                // An escaped delimiter: part of the body for both readers.
                at = after + 1;
                continue;
            }
            at = after;
            continue;
        }
        if bytes[at] == close {
            return at + 1;
        }
        at += 1;
    }
    at
}

/// ERROR and MISSING nodes, descending only where there are errors.
fn error_count(node: Node) -> usize {
    if node.is_error() || node.is_missing() {
        return 1;
    }
    if !node.has_error() {
        return 0;
    }
    let mut cursor = node.walk();
    node.children(&mut cursor).map(error_count).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked_or_same(text: &str) -> String {
        masked(text).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn masks_the_last_backslash_of_an_even_run_before_the_delimiter() {
        assert_eq!(masked_or_same(r"x(~S(\\))"), r"x(~S(\ ))");
        assert_eq!(masked_or_same(r#"~R"a\\\\""#), r#"~R"a\\\ ""#);
        assert_eq!(masked_or_same(r"~ABC|\\|"), r"~ABC|\ |");
    }

    #[test]
    fn leaves_what_both_readers_agree_on() {
        for text in [
            r"~s(\\)",
            r"~r/\\/",
            r"~S(\))",
            r"~S(\\\))",
            r"~S(a\\b)",
            "~S\"\"\"\n\\\\\n\"\"\"",
            "a ~> b",
        ] {
            assert_eq!(masked(text), None, "{text}");
        }
    }

    #[test]
    fn the_masked_parse_is_kept_only_when_it_has_fewer_errors() {
        let src = "defmodule A do\n  def f, do: string(~S(\\\\))\n  def g, do: :ok\nend\n";
        assert!(crate::engine::parse_plain(src).root_node().has_error());
        let tree = crate::parse(src);
        assert!(!tree.root_node().has_error());
        assert_eq!(tree.root_node().end_byte(), src.len());
        // A real syntax error elsewhere stays, and the sigil no longer adds its own.
        let broken = format!("{src}def (\n");
        let plain = error_count(crate::engine::parse_plain(&broken).root_node());
        assert!(error_count(crate::parse(&broken).root_node()) < plain);
        assert!(crate::parse(&broken).root_node().has_error());
    }
}
