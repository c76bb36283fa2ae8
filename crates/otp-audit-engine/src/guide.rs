//! The migration guide: one page per rule plus the shared patterns page. The CLI and
//! the web app render these same Markdown texts.

use crate::rules;

/// The migration patterns page (MG-1..MG-9).
pub const PATTERNS: &str = include_str!("guide/patterns.md");

/// The guide page of a rule id, or of `id#anchor`.
pub fn page(guide: &str) -> Option<&'static str> {
    let id = guide.split('#').next().unwrap_or(guide);
    if id == "patterns" {
        return Some(PATTERNS);
    }
    rules::by_id(id).map(|r| r.guide)
}

/// GitHub-style heading slug: lowercase, spaces to `-`, punctuation dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Headings of a page as (level, text, slug), skipping fenced code.
pub fn headings(markdown: &str) -> Vec<(usize, &str, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            let title = line[level..].trim();
            out.push((level, title, slug(title)));
        }
    }
    out
}

/// Does `guide` (`rule/id#anchor`) point at an existing page and heading?
pub fn resolves(guide: &str) -> bool {
    let Some(page) = page(guide) else {
        return false;
    };
    match guide.split_once('#') {
        None => true,
        Some((_, anchor)) => headings(page).iter().any(|(_, _, s)| s == anchor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_github() {
        assert_eq!(slug("Waiting for a restart"), "waiting-for-a-restart");
        assert_eq!(
            slug("MG-1: Encapsulated process interface"),
            "mg-1-encapsulated-process-interface"
        );
    }

    #[test]
    fn every_rule_has_a_guide_page_with_the_standard_sections() {
        for rule in rules::ALL {
            let hs = headings(rule.guide);
            assert!(
                hs.first()
                    .is_some_and(|(l, t, _)| *l == 1 && t.starts_with(rule.id)),
                "{}: the guide must start with `# {}: title`",
                rule.id,
                rule.id
            );
            for section in [
                "What it finds",
                "Why it matters",
                "How to fix",
                "When it is fine",
            ] {
                assert!(
                    hs.iter().any(|(l, t, _)| *l == 2 && *t == section),
                    "{}: guide lacks `## {section}`",
                    rule.id
                );
            }
            assert!(
                rule.guide.contains("```elixir"),
                "{}: guide has no example",
                rule.id
            );
        }
    }

    #[test]
    fn patterns_page_has_all_nine_patterns() {
        let hs = headings(PATTERNS);
        for n in 1..=9 {
            assert!(
                hs.iter()
                    .any(|(_, _, s)| s.starts_with(&format!("mg-{n}-"))),
                "patterns.md lacks MG-{n}"
            );
        }
    }
}
