//! What the fixture and precision tests share: the `#~ rule` annotation format.

/// `(1-based line, rule)` pairs from `#~` annotations.
pub fn annotations(src: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if let Some(pos) = line.find("#~ ") {
            for id in line[pos + 3..].split(',') {
                let id = id.trim();
                if !id.is_empty() {
                    out.push((i as u32 + 1, id.to_string()));
                }
            }
        }
    }
    out.sort();
    out
}
