//! Inline SVG bar charts for the HTML report: horizontal bars, optionally stacked,
//! coloured through CSS classes (so the page's light and dark themes apply), with
//! integer geometry so the output is byte-for-byte reproducible.

use super::html::escape;
use std::fmt::Write;

/// One bar: a label and its segments (CSS class, value), drawn left to right.
pub struct Bar {
    pub label: String,
    /// In-page link for the label (`#guide-...`), if any.
    pub href: Option<String>,
    pub segments: Vec<(&'static str, u64)>,
    /// What to write after the bar instead of the total (`1.8 h`).
    pub value_label: Option<String>,
}

impl Bar {
    pub fn total(&self) -> u64 {
        self.segments.iter().map(|(_, v)| v).sum()
    }
}

const WIDTH: u64 = 720;
const LABEL_WIDTH: u64 = 250;
const BAR_WIDTH: u64 = 400;
const ROW: u64 = 24;
const BAR_HEIGHT: u64 = 16;
const MAX_LABEL_CHARS: usize = 36;

/// A horizontal bar chart. `title` is the accessible name; every value is written
/// after its bar; each segment has a tooltip (`<title>`).
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as u64 + 8;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4 + ROW * i as u64;
        let text_y = y + BAR_HEIGHT - 3;
        let label = shorten(&bar.label, MAX_LABEL_CHARS);
        let label_el = format!(
            "<text class=\"label\" x=\"{}\" y=\"{text_y}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            LABEL_WIDTH - 8,
            escape(&bar.label),
            escape(&label)
        );
        match &bar.href {
            Some(href) => {
                let _ = write!(s, "<a href=\"{}\">{label_el}</a>", escape(href));
            }
            None => s.push_str(&label_el),
        }
        let mut x = LABEL_WIDTH;
        for (class, value) in &bar.segments {
            if *value == 0 {
                continue;
            }
            let w = (value * BAR_WIDTH / max).max(1);
            let _ = write!(
                s,
                "<rect class=\"{}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_HEIGHT}\" rx=\"2\"><title>{}: {}</title></rect>",
                escape(class),
                escape(&bar.label),
                value
            );
            x += w;
        }
        let value = bar
            .value_label
            .clone()
            .unwrap_or_else(|| bar.total().to_string());
        let _ = write!(
            s,
            "<text class=\"value\" x=\"{}\" y=\"{text_y}\">{}</text>",
            x + 6,
            escape(&value)
        );
    }
    s.push_str("</svg>");
    s
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bar_chart(
            "Findings <per> rule",
            &[
                Bar {
                    label: "a<b>".into(),
                    href: Some("#guide-a".into()),
                    segments: vec![("bar", 10)],
                    value_label: None,
                },
                Bar {
                    label: "c".into(),
                    href: None,
                    segments: vec![("sev-error", 2), ("sev-warning", 3)],
                    value_label: Some("5 <x>".into()),
                },
            ],
        );
        assert!(svg.contains("width=\"400\" height=\"16\""), "{svg}");
        assert!(
            svg.contains("width=\"80\"") && svg.contains("width=\"120\""),
            "{svg}"
        );
        assert!(svg.contains("a&lt;b&gt;") && !svg.contains("a<b>"));
        assert!(svg.contains("Findings &lt;per&gt; rule"));
        assert!(svg.contains(">10</text>") && svg.contains(">5 &lt;x&gt;</text>"));
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
