//! The source lines a finding's code frame shows, cut from the file's text while
//! it is at hand, so that the text itself need not be kept until the output is
//! printed: a project's findings take far less memory than its files.

use otp_audit_engine::Finding;

/// Lines of a multi-line span the frame shows; the header gives where it starts.
const FRAME_LINES: usize = 6;
/// Columns a frame may take; a longer line is cut around the flagged code, with
/// `...` where it was cut (annotate-snippets does the cutting, as rustc does).
pub const FRAME_WIDTH: usize = 120;
/// Columns the gutter and the cut marks take.
const FRAME_MARGIN: usize = 16;

/// The raw lines of a frame: the line before the finding when it is not blank,
/// then the flagged lines, whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub text: Box<str>,
    /// The number of the frame's first line.
    pub first_line: usize,
    /// The flagged bytes, within `text`.
    pub span: std::ops::Range<usize>,
}

impl Frame {
    /// The frame of `f` in `src`, the text it was found in; `None` when its span
    /// does not fall on characters of `src` (the snippet then stands in).
    pub fn cut(src: &str, f: &Finding) -> Option<Frame> {
        let start = f.start.byte as usize;
        let end = (f.end.byte as usize).clamp(start, src.len());
        if !src.is_char_boundary(start) || !src.is_char_boundary(end) {
            return None;
        }
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let mut from = line_start;
        let mut first_line = f.start.line as usize;
        // When the flagged code sits past the frame's width, every line is shown
        // from further right, and the line before would show as nothing but `...`.
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let reach = src[line_start..end.min(line_end)].chars().count();
        if line_start > 0 && reach + FRAME_MARGIN < FRAME_WIDTH {
            let before = src[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            if !src[before..line_start].trim().is_empty() {
                from = before;
                first_line -= 1;
            }
        }
        // At most FRAME_LINES flagged lines, each whole.
        let mut to = line_start;
        for _ in 0..FRAME_LINES {
            to = src[to..].find('\n').map_or(src.len(), |i| to + i);
            if to >= end || to == src.len() {
                break;
            }
            to += 1;
        }
        Some(Frame {
            text: src[from..to].into(),
            first_line,
            span: start - from..end.min(to) - from,
        })
    }
}

/// The frames of one file's findings, one per flagged span (findings at the same
/// span share it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frames(Vec<((u32, u32), Frame)>);

impl Frames {
    /// The frames of `findings` in `src`, the text they were found in.
    pub fn cut(src: &str, findings: &[Finding]) -> Frames {
        let mut spans: Vec<((u32, u32), &Finding)> = findings
            .iter()
            .map(|f| ((f.start.byte, f.end.byte), f))
            .collect();
        spans.sort_by_key(|(k, _)| *k);
        spans.dedup_by_key(|(k, _)| *k);
        let frames: Vec<((u32, u32), Frame)> = spans
            .into_iter()
            .filter_map(|(k, f)| Some((k, Frame::cut(src, f)?)))
            .collect();
        Frames(frames)
    }

    /// The frame of `f`, if it was cut.
    pub fn of(&self, f: &Finding) -> Option<&Frame> {
        let key = (f.start.byte, f.end.byte);
        self.0
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| &self.0[i].1)
    }
}
