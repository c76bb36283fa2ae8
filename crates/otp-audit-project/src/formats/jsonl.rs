//! JSON lines: one finding per line, each exactly the object `check --format json`
//! puts in its `findings` array (the [`Finding`] contract), compact, in the order of
//! `results`. Every line ends with `\n`; no findings is the empty string. Suited to
//! `grep`, `jq -c` and streaming consumers.

use otp_audit_engine::{FileResult, Finding};

/// Every finding of `results`, one JSON object per line.
pub fn to_jsonl(results: &[FileResult]) -> String {
    let mut out = String::new();
    for f in results.iter().flat_map(|r| &r.findings) {
        out.push_str(&line(f));
        out.push('\n');
    }
    out
}

/// One finding as compact JSON (no line break: JSON escapes those inside strings).
pub fn line(f: &Finding) -> String {
    serde_json::to_string(f).expect("a Finding always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::Engine;

    #[test]
    fn lines_parse_back_to_the_findings() {
        let src = "defmodule A do\n  def f(p), do: send(p, \"line\\nbreak\")\nend\n";
        let r = Engine::default().check("lib/a.ex", src);
        let out = to_jsonl(std::slice::from_ref(&r));
        let back: Vec<Finding> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, r.findings);
        assert_eq!(to_jsonl(&[]), "");
    }
}
