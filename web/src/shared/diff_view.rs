//! The diff view of a fix preview.

use crate::html::escape;

/// A fix preview's diff as a table (the audit's file view and the workshop's solution
/// show the same): the hunks `otp-audit check --fix --diff` prints, each under its
/// `@@` header.
pub fn diff_html(old: &str, new: &str) -> String {
    use otp_audit_project::diff::{CONTEXT, Tag, hunks};
    let row = |out: &mut String, class: &str, a: &str, b: &str, sign: &str, text: &str| {
        out.push_str(&format!(
            "<tr class=\"{class}\"><td class=\"ln\">{a}</td><td class=\"ln\">{b}</td><td class=\"sign\">{sign}</td><td class=\"src\">{}</td></tr>",
            escape(text)
        ));
    };
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut out = String::from("<table class=\"diff\">");
    for hunk in hunks(old, new, CONTEXT) {
        row(&mut out, "gap hunk", "…", "…", "", &hunk.header);
        for line in hunk.lines {
            let (class, sign) = match line.tag {
                Tag::Same => ("same", " "),
                Tag::Removed => ("del", "-"),
                Tag::Added => ("add", "+"),
            };
            let (a, b) = (number(line.old), number(line.new));
            row(&mut out, class, &a, &b, sign, line.text);
            if line.no_newline {
                row(
                    &mut out,
                    "gap nonl",
                    "",
                    "",
                    "",
                    "\\ No newline at end of file",
                );
            }
        }
    }
    out.push_str("</table>");
    out
}
