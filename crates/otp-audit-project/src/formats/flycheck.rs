//! One line per finding for editors' compile-error parsers (Emacs flycheck and
//! compilation-mode, Vim's errorformat, VS Code problem matchers):
//!
//! ```text
//! lib/shop/cart.ex:15:35: W: `send/2` sends a raw message ... [otp/no-raw-send]
//! ```
//!
//! `path:line:column: LETTER: message [rule]`, with `E` for errors, `W` for warnings
//! and `I` for info. The column is 1-based in Unicode scalar values, what editors
//! count (the same column as the `credo` format; UTF-16 units when the snippet cannot
//! tell). Line breaks in messages become spaces so that every finding is one line.
//! Findings come in the order of `results`; every line ends with `\n`.

use super::sarif::Frame;
use otp_audit_engine::{FileResult, Finding, Severity};

/// Every finding of `results` as one flycheck line.
pub fn to_flycheck(results: &[FileResult]) -> String {
    let mut out = String::new();
    for f in results.iter().flat_map(|r| &r.findings) {
        out.push_str(&line(f));
        out.push('\n');
    }
    out
}

/// One finding as a flycheck line, without the line break.
pub fn line(f: &Finding) -> String {
    let column = Frame::new(f)
        .map(|fr| fr.start_char_column())
        .unwrap_or(f.start.utf16_column);
    let message: String = f.message.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}:{}:{}: {}: {} [{}]",
        f.path,
        f.start.line,
        column,
        letter(f.severity),
        message,
        f.rule
    )
}

/// `E`, `W` or `I`.
pub fn letter(severity: Severity) -> char {
    match severity {
        Severity::Error => 'E',
        Severity::Warning => 'W',
        Severity::Info => 'I',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::Engine;

    #[test]
    fn one_line_per_finding() {
        let src = "defmodule A do\n  def f(p), do: {\"é\", send(p, :x)}\nend\n";
        let r = Engine::default().check("lib/a.ex", src);
        let out = to_flycheck(&[r]);
        assert_eq!(out.lines().count(), 1);
        assert!(
            out.starts_with("lib/a.ex:2:23: W: ") && out.ends_with(" [otp/no-raw-send]\n"),
            "{out}"
        );
        assert_eq!(to_flycheck(&[]), "");
    }
}
