//! Hover: the findings under the cursor with their rule's guide section, as
//! Markdown.

use super::diagnostics::guide_url;
use otp_audit_engine::Finding;

/// The section of a guide page under the heading whose slug is `anchor`, up to
/// the next heading of the same or a higher level.
pub fn section<'p>(page: &'p str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let mut fenced = false;
    let mut level_found: Option<usize> = None;
    let mut out: Vec<&'p str> = Vec::new();
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        let heading = !fenced
            && !line.trim_start().starts_with("```")
            && (1..=6).contains(&level)
            && line[level..].starts_with(' ');
        match level_found {
            Some(l) if heading && level <= l => break,
            Some(_) => out.push(line),
            None if heading && wanted(line[level..].trim()) => {
                level_found = Some(level);
                out.push(line);
            }
            None => {}
        }
    }
    let text = out.join("\n").trim_end().to_string();
    (!text.is_empty()).then_some(text)
}

/// The guide section a finding points at (`rule#anchor`), else the page's "How to
/// fix".
pub fn guide_section(guide: &str) -> Option<String> {
    let page = otp_audit_engine::guide::page(guide)?;
    match guide.split_once('#') {
        Some((_, anchor)) => section(page, |h| otp_audit_engine::guide::slug(h) == anchor),
        None => section(page, |h| h == "How to fix"),
    }
}

/// The hover text for the findings at a position.
pub fn markdown(findings: &[&Finding], guide_base: &str) -> String {
    let mut parts = Vec::new();
    for f in findings {
        let mut part = format!(
            "**otp-audit** `{}` ({})\n\n{}",
            f.rule,
            f.severity.as_str(),
            f.message
        );
        if let Some(section) = guide_section(&f.guide) {
            part.push_str("\n\n");
            part.push_str(&section);
        }
        part.push_str(&format!(
            "\n\n[The whole guide page]({})",
            guide_url(guide_base, &f.guide)
        ));
        parts.push(part);
    }
    parts.join("\n\n---\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_ends_at_the_next_heading_of_its_level() {
        let page = "# t\n\n## A\n\ntext\n\n```elixir\n# not a heading\n```\n\n### sub\n\nmore\n\n## B\n\nother\n";
        let a = section(page, |h| h == "A").unwrap();
        assert!(a.starts_with("## A") && a.contains("# not a heading") && a.contains("more"));
        assert!(!a.contains("other"), "{a}");
        assert_eq!(section(page, |h| h == "C"), None);
    }

    #[test]
    fn every_rule_has_a_how_to_fix_section() {
        for rule in otp_audit_engine::rules::ALL {
            let s = guide_section(rule.id).unwrap_or_default();
            assert!(s.starts_with("## How to fix"), "{}: {s}", rule.id);
        }
    }
}
