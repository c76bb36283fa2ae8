//! The one escaping function of the web app, and the list of the places that set
//! HTML from a string.
//!
//! The page shows code, paths, rule messages, report fields and trainer packs that
//! come from outside (a dropped zip, someone else's JSON report, a pack by URL).
//! Views build DOM nodes for them (Leptos text nodes) wherever they can. Where a view
//! sets `innerHTML` instead (the editor's highlighted layer: thousands of spans,
//! updated per keystroke), the string is made by one of a few builders that put every
//! piece of outside text through [`escape`] and add only their own fixed tags and
//! class names. [`INNER_HTML_SITES`] names each such place; a test fails when a new
//! one appears in `web/src` without being listed there.

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, so that
/// it reads as the same text inside an element or a quoted attribute and never as
/// markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A row of the editor's hover tooltip: one finding's rule and message.
pub fn tip_row(level: u8, rule: &str, message: &str) -> String {
    format!(
        "<div class=\"tip-row g{level}\"><b>{}</b> {}</div>",
        escape(rule),
        escape(message)
    )
}

/// The gutter's mark for line `line` (1-based): its worst severity, the index of its
/// first finding, and the findings' messages as the hover title.
pub fn gutter_mark(level: u8, title: &str, line: usize) -> String {
    // The line, not the index of its first finding: a finding that comes or goes above
    // would shift every index below it, and rewrite every mark after it in the DOM.
    format!(
        "<span class=\"gm g{level}\" data-l=\"{line}\" title=\"{}\">{line}</span>",
        escape(title)
    )
}

/// Every place in `web/src` that sets HTML from a string: `(file, calls, what the
/// string is and why it is safe)`. `calls` counts `set_inner_html(` and `inner_html=`
/// in the file. The builders named here are property-tested below with hostile text.
pub const INNER_HTML_SITES: &[(&str, usize, &str)] = &[
    (
        "shared/dom.rs",
        2,
        "sync_lines: the editor's lines from highlight::render_lines (code escaped \
         with escape_into, fixed class names) and the gutter from Core::gutter_html \
         (line numbers, or html::gutter_mark with the messages escaped)",
    ),
    (
        "app/core.rs",
        1,
        "the hover tooltip: html::tip_row per finding (rule and message escaped)",
    ),
    (
        "app/mod.rs",
        2,
        "the guide panel's static placeholder; the fix preview (shared::diff_html: \
         every line escaped)",
    ),
    (
        "audit/file_view.rs",
        4,
        "a file's lines (highlight::render_lines), a report's code frames \
         (Highlighter::snippet_html, escaped), fix previews (shared::diff_html) and \
         guide pages (guide::page_html)",
    ),
    (
        "workshop/exercise.rs",
        2,
        "the exercise editor's highlighted layer (Highlighter::snippet_html of the \
         attendee's or the pack's code) and the solution diff (shared::diff_html)",
    ),
    (
        "shared/guide_view.rs",
        1,
        "a guide page (guide::page_html: the engine's own guide pages, with any raw \
         HTML in Markdown turned into text)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::{Highlighter, Mark, render_lines};
    use otp_audit_engine::Severity;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Calls that set HTML from a string in `source`.
    fn inner_html_calls(source: &str) -> usize {
        source.matches("set_inner_html(").count() + source.matches("inner_html=").count()
    }

    fn sources(dir: &Path, out: &mut BTreeMap<String, String>) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in std::fs::read_dir(dir).expect("web/src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).unwrap().to_string_lossy();
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(rel.replace('\\', "/"), text);
            }
        }
    }

    #[test]
    fn every_place_that_sets_html_from_a_string_is_listed() {
        let mut files = BTreeMap::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.contains_key("shared/dom.rs"), "walked web/src");
        let mut found: Vec<(String, usize)> = files
            .iter()
            .filter(|(name, _)| name.as_str() != "html.rs")
            .map(|(name, text)| (name.clone(), inner_html_calls(text)))
            .filter(|(_, n)| *n > 0)
            .collect();
        found.sort();
        let mut listed: Vec<(String, usize)> = INNER_HTML_SITES
            .iter()
            .map(|(f, n, _)| (f.to_string(), *n))
            .collect();
        listed.sort();
        assert_eq!(
            found, listed,
            "web/src sets HTML from strings in other places than html::INNER_HTML_SITES \
             lists: build DOM nodes instead (Leptos text), or make the string with \
             html::escape and add the place, with why it is safe, to the list"
        );
    }

    #[test]
    fn the_guard_counts_both_forms() {
        assert_eq!(
            inner_html_calls("el.set_inner_html(&s); <div inner_html=h></div>"),
            2
        );
    }

    // -----------------------------------------------------------------------
    // Hostile text through every builder: the output has only the builder's own
    // tags and attributes, and its text is exactly the input.

    /// Tags the builders write, with the attributes each may carry.
    const ALLOWED: &[(&str, &[&str])] = &[
        ("span", &["class", "data-l", "title"]),
        ("div", &["class"]),
        ("b", &[]),
        ("table", &["class"]),
        ("tr", &["class"]),
        ("td", &["class"]),
        ("th", &[]),
        ("thead", &[]),
        ("tbody", &[]),
        ("pre", &["class", "tabindex"]),
        ("code", &[]),
        ("a", &["href", "data-guide"]),
        ("p", &[]),
        ("em", &[]),
        ("strong", &[]),
        ("ul", &[]),
        ("ol", &["start"]),
        ("li", &[]),
        ("blockquote", &[]),
        ("h1", &["id"]),
        ("h2", &["id"]),
        ("h3", &["id"]),
        ("h4", &["id"]),
        ("h5", &["id"]),
        ("h6", &["id"]),
        ("hr", &[]),
        ("br", &[]),
    ];

    /// Decode the references [`escape`] writes; any other `&` is a failure.
    fn decode(s: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let (text, len) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ]
            .iter()
            .find(|(r, _)| rest.starts_with(r))
            .map(|(r, c)| (*c, r.len()))
            .ok_or_else(|| format!("a bare `&` in {s:?}"))?;
            out.push(text);
            rest = &rest[len..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Check `html` tag by tag against [`ALLOWED`] and return its text, decoded
    /// (attribute values are checked, not returned).
    fn text_of(html: &str) -> Result<String, String> {
        let mut text = String::new();
        let mut rest = html;
        while let Some(open) = rest.find(['<', '>']) {
            if rest.as_bytes()[open] == b'>' {
                return Err(format!("a bare `>` in {html:?}"));
            }
            text.push_str(&decode(&rest[..open])?);
            rest = &rest[open + 1..];
            let close = rest.find('>').ok_or("an unclosed tag")?;
            let tag = &rest[..close];
            rest = &rest[close + 1..];
            check_tag(tag).map_err(|e| format!("{e} in {html:?}"))?;
        }
        text.push_str(&decode(rest)?);
        Ok(text)
    }

    fn check_tag(tag: &str) -> Result<(), String> {
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let tag = tag.strip_suffix(" /").unwrap_or(tag);
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        let (_, attrs) = ALLOWED
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("tag <{name}> is not one the builders write"))?;
        let mut rest = tag[name_end..].trim_start();
        while !rest.is_empty() {
            let eq = rest
                .find("=\"")
                .ok_or("an attribute without a quoted value")?;
            let attr = &rest[..eq];
            if !attrs.contains(&attr) {
                return Err(format!("attribute {attr} on <{name}>"));
            }
            let value_end = rest[eq + 2..].find('"').ok_or("an unclosed value")? + eq + 2;
            let value = decode(&rest[eq + 2..value_end])?;
            if attr == "href" && value != "#" {
                return Err(format!("href {value:?}"));
            }
            rest = rest[value_end + 1..].trim_start();
        }
        Ok(())
    }

    /// Short texts of a few distinct lines, with or without a final newline.
    fn lines() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(prop_oneof!["a", "b", "<c>", "", "  end", "d & e"], 0..30),
            any::<bool>(),
        )
            .prop_map(|(lines, final_newline)| {
                let mut s = lines.join("\n");
                if final_newline && !s.is_empty() {
                    s.push('\n');
                }
                s
            })
    }

    /// Text that tries to become markup: tags, handlers, `javascript:` URLs,
    /// unbalanced quotes and references, mixed with ordinary code.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<script>alert(1)</script>".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("<img src=\"x\" onerror=\"alert(1)\">".to_string()),
            Just("javascript:alert(document.cookie)".to_string()),
            Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("\" onmouseover=\"alert(1)".to_string()),
            Just("' onfocus='alert(1)".to_string()),
            Just("</span></div></td></table>".to_string()),
            Just("<!--".to_string()),
            Just("&lt;&amp;&#39;&".to_string()),
            Just("<svg/onload=alert(1)>".to_string()),
            Just("\n".to_string()),
            Just("def f(pid), do: send(pid, :ping)".to_string()),
            Just("Process.sleep(100)".to_string()),
            "[ -~]{0,12}",
            any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(256)
    }

    thread_local! {
        /// One highlighter per test thread, as the editor keeps one.
        static HL: std::cell::RefCell<Highlighter> = std::cell::RefCell::new(Highlighter::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: cases(),
            // What a run finds becomes a named test (highlight.rs), not a seed file.
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn escaped_text_is_only_text(s in hostile()) {
            prop_assert_eq!(text_of(&escape(&s)), Ok(s));
        }

        /// Code (typed, from a dropped zip, from a pack) in the editor's layer, with
        /// findings underlined anywhere in it.
        #[test]
        fn code_lines_are_text(code in hostile(), marks in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, any::<bool>()), 0..4)) {
            HL.with_borrow_mut(|h| -> Result<(), TestCaseError> {
            h.reset();
            h.update(&code);
            let marks: Vec<Mark> = marks.into_iter().map(|(at, len, selected)| {
                let start = at.index(code.len() + 1);
                Mark { start, end: start + len, severity: Severity::Warning, selected }
            }).collect();
            let lines = render_lines(&code, h.classes(), &marks);
            let text: Result<Vec<String>, String> = lines.iter().map(|l| text_of(l)).collect();
            prop_assert_eq!(text.map(|t| t.join("\n")), Ok(code.clone()));
            // A report's code frame, a guide snippet and the workshop's layer.
            prop_assert_eq!(text_of(&h.snippet_html(&code)), Ok(code));
            Ok(())
            })?;
        }

        /// Fix previews and the workshop's solution diff: every line is text.
        #[test]
        fn diffs_are_text(old in hostile(), new in hostile()) {
            let text = text_of(&crate::shared::diff_html(&old, &new));
            prop_assert!(text.is_ok(), "{:?}", text);
            let text = text.unwrap();
            for hunk in otp_audit_project::diff::hunks(&old, &new, 3) {
                for line in hunk.lines {
                    prop_assert!(text.contains(line.text), "{:?} is not in the diff's text", line.text);
                }
            }
        }

        /// The table reads back as the hunks `otp-audit check --fix --diff` prints:
        /// each row's sign and text, the `@@` rows as they are.
        #[test]
        fn diffs_read_back_as_the_cli_hunks(old in lines(), new in lines()) {
            let html = crate::shared::diff_html(&old, &new);
            let cell = |row: &str, class: &str| -> String {
                let open = format!("<td class=\"{class}\">");
                let from = row.find(&open).map(|i| i + open.len()).unwrap_or(row.len());
                let to = from + row[from..].find("</td>").unwrap_or(0);
                decode(&row[from..to]).unwrap()
            };
            let rows: String = html
                .split("</tr>")
                .filter(|r| r.contains("<tr"))
                .map(|r| format!("{}{}\n", cell(r, "sign"), cell(r, "src")))
                .collect();
            let cli = otp_audit_project::diff::unified("lib/a.ex", &old, &new);
            let hunks = cli.split_once("+++ b/lib/a.ex\n").map_or("", |(_, h)| h);
            prop_assert_eq!(rows, hunks);
        }

        /// Rule ids and messages (from the engine, or a report someone else wrote)
        /// in the tooltip and the gutter's title.
        #[test]
        fn tooltips_and_gutter_titles_are_text(rule in hostile(), message in hostile(), line in 1usize..1000) {
            prop_assert_eq!(text_of(&tip_row(2, &rule, &message)), Ok(format!("{rule} {message}")));
            prop_assert_eq!(text_of(&gutter_mark(3, &message, line)), Ok(line.to_string()));
        }

        /// Markdown rendered into the guide panel: raw HTML, links and images in
        /// it come out as text or harmless links.
        #[test]
        fn guide_markdown_is_tamed(md in hostile(), heading in hostile()) {
            let doc = format!("# {heading}\n\n{md}\n\n[x](javascript:alert(1)) ![y](https://example.invalid/p.png)\n\n```elixir\n{md}\n```\n");
            let html = HL.with_borrow_mut(|h| crate::guide::render(&doc, h));
            let text = text_of(&html);
            prop_assert!(text.is_ok(), "{:?}", text);
        }
    }
}
