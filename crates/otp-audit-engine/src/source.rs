//! Byte offsets to the line/column pairs that people, editors and SARIF expect.

use serde::{Deserialize, Serialize};

/// A 1-based position. `column` counts UTF-8 bytes, `utf16_column` UTF-16 code units
/// (what browsers and SARIF's `utf16CodeUnits` count).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
    pub byte: u32,
}

/// Line starts of one source text, built once per file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Lines that contain a non-ASCII byte; on the others UTF-16 columns equal byte columns.
    non_ascii: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = Vec::with_capacity(src.len() / 32 + 1);
        starts.push(0);
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        let mut non_ascii = Vec::new();
        if !src.is_ascii() {
            for (i, b) in src.bytes().enumerate() {
                if b >= 0x80 {
                    let line = match starts.binary_search(&(i as u32)) {
                        Ok(l) => l,
                        Err(l) => l - 1,
                    } as u32;
                    if non_ascii.last() != Some(&line) {
                        non_ascii.push(line);
                    }
                }
            }
        }
        LineIndex { starts, non_ascii }
    }

    pub fn line_count(&self, src: &str) -> usize {
        if src.is_empty() {
            0
        } else if src.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }

    /// 0-based line containing `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.starts[line0] as usize
    }

    /// The text of a 0-based line, without its line break.
    pub fn line_text<'s>(&self, src: &'s str, line0: usize) -> &'s str {
        let start = self.starts[line0] as usize;
        let end = self
            .starts
            .get(line0 + 1)
            .map(|&e| e as usize)
            .unwrap_or(src.len());
        src[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn position(&self, src: &str, byte: usize) -> Position {
        let byte = floor_char_boundary(src, byte.min(src.len()));
        let line0 = self.line_of(byte);
        let start = self.starts[line0] as usize;
        let prefix = &src[start..byte];
        let utf16 = if self.non_ascii.binary_search(&(line0 as u32)).is_ok() {
            prefix.encode_utf16().count()
        } else {
            prefix.len()
        };
        Position {
            line: line0 as u32 + 1,
            column: prefix.len() as u32 + 1,
            utf16_column: utf16 as u32 + 1,
            byte: byte as u32,
        }
    }
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_and_utf16_units() {
        let src = "a\né😀x = 1\n";
        let idx = LineIndex::new(src);
        let x = src.find('x').unwrap();
        let p = idx.position(src, x);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 7, 4));
        assert_eq!(idx.line_text(src, 1), "é😀x = 1");
        assert_eq!(idx.line_count(src), 2);
    }

    #[test]
    fn end_of_file_position_is_valid() {
        let src = "abc";
        let p = LineIndex::new(src).position(src, 3);
        assert_eq!((p.line, p.column), (1, 4));
    }
}
