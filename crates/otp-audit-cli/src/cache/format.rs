//! The cache file: a header line naming the key it was written for, then one line
//! per analysed file. Each line carries a checksum of itself, so a damaged or
//! truncated line is dropped on its own and the rest of the file still serves.
//!
//! ```text
//! otp-audit-cache 1 <key>
//! <xxh3 of the rest, 16 hex> ["<content xxh3, 16 hex>","<path>","<file on disk>"]\t<entry JSON>
//! ```
//!
//! The entry JSON is decoded only when its file is looked up, on the thread that
//! analyses that file; a line kept unchanged is written back as it was read.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Bumped whenever the layout of a line or of an entry changes.
const LAYOUT: u32 = 1;

/// One file's line, split but not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// xxh3 of the file's bytes.
    pub content: u64,
    /// The file's project path (as findings name it).
    pub path: String,
    /// The file on disk, absolute, to drop the line once the file is gone.
    pub disk: String,
    /// The entry's JSON, undecoded.
    pub entry: &'a str,
    /// The whole line, without its newline, to write back unchanged.
    pub raw: &'a str,
}

/// The lines of a cache file, by path.
#[derive(Debug, Default)]
pub struct Read<'a> {
    pub lines: HashMap<String, Line<'a>>,
    /// Some of the file was unusable (another key, a damaged line): write it anew.
    pub damaged: bool,
}

pub fn header(key: &str) -> String {
    format!("otp-audit-cache {LAYOUT} {key}")
}

/// Read a cache file written for `key`. Anything that is not exactly what
/// [`line`] wrote is ignored: a file of another key or layout as a whole, a
/// damaged line by itself.
pub fn read<'a>(text: &'a str, key: &str) -> Read<'a> {
    let mut out = Read::default();
    if text.is_empty() {
        return out;
    }
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(|h| h.strip_suffix('\n')) != Some(Some(&header(key))) {
        out.damaged = true;
        return out;
    }
    for raw in lines {
        // A line without its newline was cut short while being written.
        match raw.strip_suffix('\n').and_then(parse_line) {
            Some(line) => {
                if let Some(earlier) = out.lines.insert(line.path.clone(), line) {
                    // One line per path is written; two mean the file is not ours.
                    out.damaged = true;
                    out.lines.remove(&earlier.path);
                }
            }
            None => out.damaged = true,
        }
    }
    out
}

fn parse_line(raw: &str) -> Option<Line<'_>> {
    let (sum, rest) = raw.split_once(' ')?;
    // Exactly as written: lowercase, 16 digits.
    if sum != hex(xxh3_64(rest.as_bytes())) {
        return None;
    }
    // JSON escapes tabs inside strings, so the first tab ends the head.
    let (head, entry) = rest.split_once('\t')?;
    let (content, path, disk): (String, String, String) = serde_json::from_str(head).ok()?;
    let hash = u64::from_str_radix(&content, 16).ok()?;
    if content != hex(hash) {
        return None;
    }
    Some(Line {
        content: hash,
        path,
        disk,
        entry,
        raw,
    })
}

fn hex(n: u64) -> String {
    format!("{n:016x}")
}

/// The line for one file (without its newline).
pub fn line(content: u64, path: &str, disk: &str, entry: &str) -> String {
    let head = serde_json::to_string(&(hex(content), path, disk)).expect("strings serialize");
    let rest = format!("{head}\t{entry}");
    format!("{} {rest}", hex(xxh3_64(rest.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn file(key: &str, lines: &[String]) -> String {
        let mut text = header(key);
        text.push('\n');
        for l in lines {
            text.push_str(l);
            text.push('\n');
        }
        text
    }

    fn sample() -> Vec<String> {
        vec![
            line(1, "lib/a.ex", "/p/lib/a.ex", r#"{"x":1}"#),
            line(u64::MAX, "test/b\tc\n.exs", "/p/test/b", r#"{"y":"\t"}"#),
            line(7, "lib/é.ex", "/p/lib/é.ex", "[]"),
        ]
    }

    #[test]
    fn lines_round_trip() {
        let text = file("k", &sample());
        let read = read(&text, "k");
        assert!(!read.damaged);
        assert_eq!(read.lines.len(), 3);
        let b = &read.lines["test/b\tc\n.exs"];
        assert_eq!((b.content, b.disk.as_str()), (u64::MAX, "/p/test/b"));
        assert_eq!(b.entry, r#"{"y":"\t"}"#);
        assert_eq!(b.raw, sample()[1]);
    }

    #[test]
    fn another_key_or_layout_is_not_read() {
        let text = file("k", &sample());
        let other = read(&text, "k2");
        assert!(other.lines.is_empty() && other.damaged);
        let older = text.replacen("otp-audit-cache 1 ", "otp-audit-cache 0 ", 1);
        assert!(read(&older, "k").lines.is_empty());
    }

    #[test]
    fn a_damaged_line_goes_alone() {
        let mut lines = sample();
        lines[0] = lines[0].replace("lib/a.ex", "lib/b.ex");
        let text = file("k", &lines);
        let read = read(&text, "k");
        assert!(read.damaged);
        assert_eq!(read.lines.len(), 2);
        assert!(!read.lines.contains_key("lib/a.ex") && !read.lines.contains_key("lib/b.ex"));
    }

    #[test]
    fn a_path_twice_is_not_trusted() {
        let mut lines = sample();
        lines.push(line(2, "lib/a.ex", "/p/lib/a.ex", "{}"));
        let text = file("k", &lines);
        let read = read(&text, "k");
        assert!(read.damaged && !read.lines.contains_key("lib/a.ex"));
    }

    proptest! {
        // Whatever the bytes, reading never panics, and every line it accepts is one
        // that was written.
        #[test]
        fn random_bytes_are_never_trusted(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            let with_header = format!("{}\n{text}", header("k"));
            for t in [text.as_ref(), with_header.as_str()] {
                let read = read(t, "k");
                prop_assert!(read.lines.is_empty());
            }
        }

        #[test]
        fn a_truncated_file_keeps_only_whole_lines(cut in 0usize..2000) {
            let lines = sample();
            let text = file("k", &lines);
            let mut cut = cut.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let read = read(&text[..cut], "k");
            for l in read.lines.values() {
                prop_assert!(lines.iter().any(|w| w == l.raw));
                let whole = format!("{}\n", l.raw);
                prop_assert!(text[..cut].contains(&whole));
            }
            prop_assert_eq!(read.damaged, cut > 0 && !text[..cut].ends_with('\n'));
        }

        #[test]
        // A flipped newline joins two lines, and both go.
        fn a_flipped_byte_drops_at_most_two_lines(at in 0usize..2000, bit in 0u8..8) {
            let lines: Vec<String> = (0..8)
                .map(|i| line(i, &format!("lib/m{i}.ex"), "/p", &format!("[{i}]")))
                .collect();
            let mut bytes = file("k", &lines).into_bytes();
            let at = at % bytes.len();
            bytes[at] ^= 1 << bit;
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
            let read = read(&text, "k");
            prop_assert!(read.lines.len() + 2 >= lines.len() || read.lines.is_empty());
            for l in read.lines.values() {
                prop_assert!(lines.iter().any(|w| w == l.raw));
            }
        }
    }
}
