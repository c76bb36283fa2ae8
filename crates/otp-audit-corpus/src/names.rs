//! Vocabulary for module, function and field names.

/// Business areas; a module lives either directly under `lib/my_app/` or in one of these.
pub(crate) const AREAS: &[&str] = &[
    "accounts",
    "billing",
    "inventory",
    "shipping",
    "notifications",
    "reporting",
    "catalog",
    "sessions",
    "search",
    "ingest",
    "audit",
    "scheduling",
    "payments",
    "telemetry",
];

pub(crate) const SERVER_BASES: &[&str] = &[
    "worker",
    "cache",
    "ledger",
    "rate_limiter",
    "session_store",
    "queue",
    "tracker",
    "buffer",
    "poller",
    "counter",
    "scheduler",
    "broker",
    "throttle",
    "aggregator",
];

pub(crate) const SUPERVISOR_BASES: &[&str] =
    &["supervisor", "pool_supervisor", "worker_supervisor", "tree"];

pub(crate) const STRUCT_BASES: &[&str] = &[
    "order",
    "invoice",
    "account",
    "shipment",
    "product",
    "event",
    "subscription",
    "report",
    "payment",
    "customer",
    "ticket",
    "reservation",
];

pub(crate) const UTIL_BASES: &[&str] = &[
    "parser",
    "formatter",
    "validator",
    "normalizer",
    "pricing",
    "metrics",
    "encoder",
    "query",
    "importer",
    "mapper",
    "policy",
    "calculator",
    "exporter",
];

/// Singular nouns (all with a regular `s` plural) used in function names.
pub(crate) const NOUNS: &[&str] = &[
    "entry", "item", "record", "order", "event", "job", "batch", "payload", "account", "invoice",
    "session", "token", "metric", "message", "task", "booking", "shipment", "refund", "device",
    "sample",
];

pub(crate) fn plural(noun: &str) -> String {
    match noun {
        "entry" => "entries".to_string(),
        "batch" => "batches".to_string(),
        _ => format!("{noun}s"),
    }
}

/// Numeric fields.
pub(crate) const FIELDS: &[&str] = &[
    "amount",
    "total",
    "weight",
    "score",
    "quantity",
    "duration_ms",
    "size",
    "price",
    "retries",
    "latency",
];

/// Grouping keys.
pub(crate) const KEYS: &[&str] = &[
    "status", "region", "kind", "owner_id", "category", "channel", "source", "priority",
];

/// Three external spellings per grouping concept, for string-to-atom mapping clauses.
pub(crate) const ENUMS: &[(&str, [&str; 3])] = &[
    ("status", ["pending", "active", "closed"]),
    ("priority", ["low", "normal", "urgent"]),
    ("channel", ["email", "sms", "push"]),
    ("region", ["emea", "apac", "americas"]),
    ("kind", ["credit", "debit", "transfer"]),
    ("source", ["api", "import", "manual"]),
];

pub(crate) const PID_PARAMS: &[&str] = &["pid", "listener", "subscriber", "owner", "target"];

pub(crate) const CONFIG_KEYS: &[&str] = &[
    "batch_size",
    "pool_size",
    "retry_limit",
    "max_backlog",
    "page_size",
];

/// "a order" -> "an order" (also before a backquoted name such as "a `Account7`").
pub(crate) fn fix_articles(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(pos) = rest.find(['a', 'A']) {
        let (before, at) = rest.split_at(pos);
        out.push_str(before);
        let word_start = out.is_empty() || out.ends_with([' ', '\n']);
        let next = at[1..].strip_prefix(' ').map(|n| n.trim_start_matches('`'));
        let vowel = next
            .and_then(|n| n.chars().next())
            .is_some_and(|c| "aeiouAEIOU".contains(c));
        out.push_str(&at[..1]);
        if word_start && at[1..].starts_with(' ') && vowel {
            out.push('n');
        }
        rest = &at[1..];
    }
    out.push_str(rest);
    out
}

/// `rate_limiter` -> `RateLimiter`.
pub(crate) fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_plural() {
        assert_eq!(camel("rate_limiter"), "RateLimiter");
        assert_eq!(camel("worker"), "Worker");
        assert_eq!(plural("entry"), "entries");
        assert_eq!(plural("order"), "orders");
        assert_eq!(
            fix_articles("Builds a `Account7`, a entry and a job. A item, a batch."),
            "Builds an `Account7`, an entry and a job. An item, a batch."
        );
    }
}
