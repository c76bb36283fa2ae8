//! Positions between the engine and the protocol: the engine counts bytes, the
//! LSP counts UTF-16 code units on a line; URIs and file paths.

use otp_audit_engine::source::LineIndex;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A protocol position (0-based line, UTF-16 column) as a byte offset into `text`.
/// A line past the end is the end; a column past the line's end is its end (the
/// protocol asks for that); a column inside a surrogate pair rounds down.
pub fn byte_of(text: &str, index: &LineIndex, line: u32, character: u32) -> usize {
    let line = line as usize;
    if line > index.line_of(text.len()) {
        return text.len();
    }
    let start = index.line_start(line);
    let content = index.line_text(text, line);
    let mut units = 0u32;
    for (i, c) in content.char_indices() {
        let width = c.len_utf16() as u32;
        if units + width > character {
            return start + i;
        }
        units += width;
    }
    start + content.len()
}

/// A byte offset as a protocol position.
pub fn position_of(text: &str, index: &LineIndex, byte: usize) -> Value {
    let p = index.position(text, byte);
    json!({"line": p.line - 1, "character": p.utf16_column - 1})
}

/// A byte range as a protocol range.
pub fn range_of(text: &str, index: &LineIndex, start: usize, end: usize) -> Value {
    json!({"start": position_of(text, index, start), "end": position_of(text, index, end)})
}

/// The file a `file:` URI names; `None` for other schemes.
pub fn path_of_uri(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if raw[i] == b'%'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            )
        {
            bytes.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path, with what RFC 3986 reserves escaped.
pub fn uri_of_path(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip_through_bytes() {
        // é is 2 bytes and 1 unit; 😀 is 4 bytes and 2 units.
        let text = "a\né😀x = \"ü\"\r\nlast";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            position_of(text, &index, x),
            json!({"line": 1, "character": 3})
        );
        assert_eq!(byte_of(text, &index, 1, 3), x);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(byte_of(text, &index, 1, 2), text.find('😀').unwrap());
        // Past the line's end: before its CRLF.
        assert_eq!(byte_of(text, &index, 1, 99), text.find('\r').unwrap());
        assert_eq!(byte_of(text, &index, 2, 4), text.len());
        assert_eq!(byte_of(text, &index, 9, 0), text.len());
    }

    #[test]
    fn uris_and_paths() {
        let p = Path::new("/tmp/my project/lib/é#1.ex");
        let uri = uri_of_path(p);
        assert_eq!(uri, "file:///tmp/my%20project/lib/%C3%A9%231.ex");
        assert_eq!(path_of_uri(&uri).as_deref(), Some(p));
        assert_eq!(
            path_of_uri("file://localhost/a/b.ex").as_deref(),
            Some(Path::new("/a/b.ex"))
        );
        assert_eq!(path_of_uri("untitled:Untitled-1"), None);
    }
}
