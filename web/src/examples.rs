//! One example per rule, taken from the engine's fixtures at build time.

/// A fixture file that shows a rule's finding.
#[derive(Debug)]
pub struct Example {
    pub rule: &'static str,
    /// The fixture's virtual project path, which decides the file scope.
    pub path: &'static str,
    raw: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

impl Example {
    /// The source without the fixtures' `#~ rule/id` expectation markers.
    pub fn source(&self) -> String {
        let mut out = String::with_capacity(self.raw.len());
        for line in self.raw.split_inclusive('\n') {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            match body.find("#~ ") {
                Some(i) => out.push_str(body[..i].trim_end()),
                None => out.push_str(body),
            }
            out.push_str(newline);
        }
        out
    }
}

pub fn by_rule(rule: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.rule == rule)
}

/// What the playground shows first.
pub const DEFAULT_PATH: &str = "lib/example.ex";
pub const DEFAULT_CODE: &str = r#"defmodule MyApp.Notifier do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def notify(pid, event) do
    send(pid, {:event, event})
  end

  def status(server) do
    GenServer.call(server, :status)
  end

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_call(:status, _from, state), do: {:reply, state, state}
end
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use otp_audit_engine::{Engine, rules};

    #[test]
    fn every_example_shows_its_rule() {
        let engine = Engine::default();
        for e in EXAMPLES {
            let found = crate::analysis::check(&engine, e.path, &e.source());
            assert!(
                found.iter().any(|f| f.rule == e.rule),
                "{}: {} shows no finding of it",
                e.rule,
                e.path
            );
        }
    }

    #[test]
    fn most_rules_have_an_example() {
        let missing: Vec<_> = rules::ALL
            .iter()
            .filter(|r| by_rule(r.id).is_none())
            .map(|r| r.id)
            .collect();
        assert!(missing.is_empty(), "rules without an example: {missing:?}");
    }

    #[test]
    fn markers_are_stripped() {
        for e in EXAMPLES {
            assert!(!e.source().contains("#~ "), "{}", e.rule);
        }
    }

    #[test]
    fn the_default_code_shows_a_send_and_a_call() {
        let found = crate::analysis::check(&Engine::default(), DEFAULT_PATH, DEFAULT_CODE);
        let rules: Vec<_> = found.iter().map(|f| f.rule.as_str()).collect();
        assert!(rules.contains(&"otp/no-raw-send"), "{rules:?}");
        assert!(rules.contains(&"otp/call-timeout"), "{rules:?}");
    }
}
