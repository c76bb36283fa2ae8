//! `sec/unsafe-atom` reports by default only with evidence that the values are
//! unbounded; `report_without_evidence` adds the rest at info.

use otp_audit_engine::{Config, Engine, Severity};

const SRC: &str = r#"defmodule Shop.Labels do
  def from_params(params), do: String.to_atom(params["label"])
  def from_config(name), do: String.to_atom(name)
  def per_call, do: :"tmp_#{System.unique_integer([:positive])}"
end
"#;

fn findings(config: Config) -> Vec<(u32, Severity)> {
    Engine::new(config)
        .check("lib/shop/labels.ex", SRC)
        .findings
        .into_iter()
        .filter(|f| f.rule == "sec/unsafe-atom")
        .map(|f| (f.start.line, f.severity))
        .collect()
}

#[test]
fn only_values_with_evidence_are_reported_by_default() {
    assert_eq!(
        findings(Config::default()),
        [(2, Severity::Warning), (4, Severity::Warning)]
    );
}

#[test]
fn the_rest_is_info_when_asked_for() {
    let config =
        Config::from_toml("[rules.\"sec/unsafe-atom\"]\nreport_without_evidence = true\n").unwrap();
    assert_eq!(
        findings(config),
        [
            (2, Severity::Warning),
            (3, Severity::Info),
            (4, Severity::Warning)
        ]
    );
}
