//! Line-counting source buffer with `$name` templates and planted-line bookkeeping.

/// Replace every `$ident` (ASCII letters and digits, longest match) in `tpl` by its value
/// in `vars`; `${ident}` delimits a name followed by letters. Elixir never uses `$`,
/// so templates need no escaping.
///
/// Panics on an unknown placeholder: that is a bug in a template.
pub(crate) fn fill(tpl: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(tpl.len() + 64);
    let mut rest = tpl;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let (name, skip) = match after.strip_prefix('{') {
            Some(braced) => {
                let len = braced.find('}').expect("unclosed ${ in template");
                (&braced[..len], len + 2)
            }
            None => {
                let len = after
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                (&after[..len], len)
            }
        };
        let value = vars
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("template placeholder ${name} has no value"));
        out.push_str(value);
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

#[derive(Default, Debug)]
pub(crate) struct Src {
    pub buf: String,
    /// Number of complete lines written so far.
    pub lines: u32,
    /// `(rule, 1-based line)` of violations planted in this buffer.
    pub plants: Vec<(&'static str, u32)>,
}

impl Src {
    pub fn new() -> Src {
        Src {
            buf: String::with_capacity(8 * 1024),
            ..Src::default()
        }
    }

    pub fn line(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.push('\n');
        self.lines += 1;
    }

    pub fn blank(&mut self) {
        self.line("");
    }

    /// Write a multi-line text; a single leading newline and the final newline are
    /// dropped so that templates can be written as indented raw strings.
    pub fn text(&mut self, text: &str) {
        let text = text.strip_prefix('\n').unwrap_or(text);
        let text = text.strip_suffix('\n').unwrap_or(text);
        for l in text.split('\n') {
            self.line(l);
        }
    }

    /// Fill a template and write it.
    pub fn tpl(&mut self, tpl: &str, vars: &[(&str, &str)]) {
        let filled = fill(tpl, vars);
        self.text(&filled);
    }

    /// Fill a template, write it, and record a planted `rule` at the first line that
    /// contains `marker`.
    pub fn plant(&mut self, rule: &'static str, marker: &str, tpl: &str, vars: &[(&str, &str)]) {
        let filled = fill(tpl, vars);
        let text = filled.strip_prefix('\n').unwrap_or(&filled);
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut found = false;
        for l in text.split('\n') {
            if !found && l.contains(marker) {
                self.plants.push((rule, self.lines + 1));
                found = true;
            }
            self.line(l);
        }
        assert!(
            found,
            "planted marker {marker:?} not in template for {rule}"
        );
    }

    /// Write one line and record a planted `rule` on it.
    pub fn plant_line(&mut self, rule: &'static str, text: &str) {
        self.plants.push((rule, self.lines + 1));
        self.line(text);
    }

    /// Append `other`, shifting its planted lines.
    pub fn append(&mut self, other: Src) {
        let offset = self.lines;
        self.buf.push_str(&other.buf);
        self.lines += other.lines;
        self.plants
            .extend(other.plants.into_iter().map(|(r, l)| (r, l + offset)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_longest_names() {
        let s = fill(
            "def $fn($nouns), do: $noun_x",
            &[("fn", "f"), ("noun", "order"), ("nouns", "orders")],
        );
        assert_eq!(s, "def f(orders), do: order_x");
        assert_eq!(fill("a${sep}b", &[("sep", "-")]), "a-b");
    }

    #[test]
    fn plant_records_line_and_append_shifts() {
        let mut a = Src::new();
        a.line("first");
        let mut b = Src::new();
        b.plant("r", "hit", "\n  one\n  hit here\n", &[]);
        assert_eq!(b.plants, vec![("r", 2)]);
        a.append(b);
        assert_eq!(a.plants, vec![("r", 3)]);
        assert_eq!(a.lines, 3);
        assert_eq!(a.buf, "first\n  one\n  hit here\n");
    }
}
