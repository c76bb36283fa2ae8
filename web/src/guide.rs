//! Guide pages as HTML: the engine's Markdown rendered with pulldown-cmark, headings
//! with the slugs findings point at, Elixir blocks highlighted like the editor, and
//! mentions of rules and migration patterns turned into links within the guide.

use crate::highlight::Highlighter;
use crate::html::escape;
use otp_audit_engine::{guide, rules};
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

/// The HTML of the page a finding's `guide` (`rule/id` or `rule/id#anchor`) names.
pub fn page_html(guide_ref: &str, hl: &mut Highlighter) -> Option<String> {
    guide::page(guide_ref).map(|md| render(md, hl))
}

/// The anchor part of a guide reference.
pub fn anchor(guide_ref: &str) -> Option<&str> {
    guide_ref
        .split_once('#')
        .map(|(_, a)| a)
        .filter(|a| !a.is_empty())
}

pub fn render(markdown: &str, hl: &mut Highlighter) -> String {
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut events: Vec<Event> = Vec::new();
    let mut parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    while let Some(ev) = parser.next() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let mut inner = Vec::new();
                let mut plain = String::new();
                for e in parser.by_ref() {
                    match &e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => plain.push_str(t),
                        _ => {}
                    }
                    inner.extend(tame(e));
                }
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, inner.into_iter());
                let n = level as usize;
                events.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{}\">{html}</h{n}>\n",
                    escape(&guide::slug(&plain))
                ))));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let body = if lang == "elixir" || lang == "ex" || lang == "exs" {
                    hl.snippet_html(code.trim_end_matches('\n'))
                } else {
                    escape(code.trim_end_matches('\n'))
                };
                events.push(Event::Html(CowStr::from(format!(
                    // Focusable, so a keyboard can scroll a wide example sideways.
                    "<pre class=\"code\" tabindex=\"0\"><code>{body}</code></pre>\n"
                ))));
            }
            Event::Text(t) => events.push(Event::InlineHtml(CowStr::from(link_patterns(&t)))),
            Event::Code(c) if rules::by_id(&c).is_some() => {
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"#\" data-guide=\"{0}\"><code>{0}</code></a>",
                    escape(&c)
                ))))
            }
            other => events.extend(tame(other)),
        }
    }
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// What of the Markdown's own events may reach the page (its HTML is set with
/// `innerHTML`, see `html::INNER_HTML_SITES`): raw HTML becomes text, links and
/// images become their text (the guide has none; a remote image would also be a
/// request the page's policy refuses), and table alignment, which would be an inline
/// `style` attribute, is dropped.
fn tame(event: Event<'_>) -> Option<Event<'_>> {
    match event {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        Event::Start(Tag::Table(columns)) => Some(Event::Start(Tag::Table(vec![
            Alignment::None;
            columns.len()
        ]))),
        other => Some(other),
    }
}

/// Escape text and link `MG-n` mentions to their section of the patterns page.
fn link_patterns(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("MG-") {
        let digits = rest[i + 3..].bytes().take_while(u8::is_ascii_digit).count();
        let prefix = format!("mg-{}-", &rest[i + 3..i + 3 + digits]);
        let target = (digits > 0)
            .then(|| {
                guide::headings(guide::PATTERNS)
                    .into_iter()
                    .find(|(_, _, s)| s.starts_with(&prefix))
            })
            .flatten();
        out.push_str(&escape(&rest[..i]));
        let end = i + 3 + digits;
        match target {
            Some((_, _, slug)) => out.push_str(&format!(
                "<a href=\"#\" data-guide=\"patterns#{slug}\">{}</a>",
                &rest[i..end]
            )),
            None => out.push_str(&escape(&rest[i..end])),
        }
        rest = &rest[end..];
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_carry_the_anchors_findings_use() {
        let mut hl = Highlighter::new();
        let html = page_html("test/no-sleep#waiting-for-a-restart", &mut hl).unwrap();
        assert!(html.contains("<h3 id=\"waiting-for-a-restart\">"), "{html}");
        assert!(
            html.contains("<pre class=\"code\" tabindex=\"0\"><code>"),
            "{html}"
        );
        assert!(html.contains("t-k"), "elixir blocks are highlighted");
        assert!(
            html.contains("data-guide=\"patterns#mg-5-"),
            "MG-5 is linked"
        );
        assert_eq!(anchor("test/no-sleep#x"), Some("x"));
        assert_eq!(anchor("test/no-sleep"), None);
    }

    #[test]
    fn every_page_renders_and_every_anchor_exists() {
        let mut hl = Highlighter::new();
        for rule in rules::ALL {
            let html = page_html(rule.id, &mut hl).unwrap();
            for (_, _, slug) in guide::headings(rule.guide) {
                assert!(
                    html.contains(&format!("id=\"{slug}\"")),
                    "{}: {slug}",
                    rule.id
                );
            }
        }
        assert!(
            page_html("patterns", &mut hl)
                .unwrap()
                .contains("id=\"mg-1-")
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(link_patterns("a < b"), "a &lt; b");
        assert_eq!(link_patterns("MG-"), "MG-");
    }
}
