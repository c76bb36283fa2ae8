//! The app's sections and their URL fragments. `#/audit...` is the project audit and
//! report viewer, `#/workshop...` the workshop; every other fragment (none, or a
//! playground share link `#s=...`) is the playground. Each section owns the part of
//! the fragment after its prefix, so its views have their own links.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Playground,
    Audit,
    Workshop,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Playground, Section::Audit, Section::Workshop];

    /// The section a location hash (with or without its `#`) opens.
    pub fn of_hash(hash: &str) -> Section {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let first = h
            .strip_prefix('/')
            .map(|r| r.split(['/', '?']).next().unwrap_or(""));
        match first {
            Some("audit") => Section::Audit,
            Some("workshop") => Section::Workshop,
            _ => Section::Playground,
        }
    }

    /// The fragment that opens the section.
    pub fn href(self) -> &'static str {
        match self {
            Section::Playground => "#/",
            Section::Audit => "#/audit",
            Section::Workshop => "#/workshop",
        }
    }

    /// A short name, for test hooks and storage keys.
    pub fn key(self) -> &'static str {
        match self {
            Section::Playground => "playground",
            Section::Audit => "audit",
            Section::Workshop => "workshop",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Playground => "Playground",
            Section::Audit => "Project audit",
            Section::Workshop => "Workshop",
        }
    }

    /// The rest of the fragment after the section's prefix (`#/audit/file/lib/a.ex`
    /// gives `file/lib/a.ex`), for the section's own views.
    pub fn rest(hash: &str) -> &str {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let Some(r) = h.strip_prefix('/') else {
            return "";
        };
        let r = r
            .strip_prefix("audit")
            .or_else(|| r.strip_prefix("workshop"))
            .unwrap_or(r);
        r.strip_prefix('/').unwrap_or(r)
    }
}

/// Parts of a fragment (file paths, exercise ids) are percent-encoded.
/// Percent-encode all but unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undo [`percent_encode`] (and any other percent-encoding); malformed escapes stay as they are.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_open_their_sections() {
        assert_eq!(Section::of_hash(""), Section::Playground);
        assert_eq!(Section::of_hash("#s=abc"), Section::Playground);
        assert_eq!(Section::of_hash("#/"), Section::Playground);
        assert_eq!(Section::of_hash("#/audit"), Section::Audit);
        assert_eq!(Section::of_hash("#/audit/file/lib/a.ex"), Section::Audit);
        assert_eq!(Section::of_hash("#/workshop/ex/sleep-1"), Section::Workshop);
        assert_eq!(Section::of_hash("#/auditor"), Section::Playground);
        for s in Section::ALL {
            assert_eq!(Section::of_hash(s.href()), s);
        }
    }

    #[test]
    fn the_rest_belongs_to_the_section() {
        assert_eq!(Section::rest("#/audit/file/lib/a.ex"), "file/lib/a.ex");
        assert_eq!(Section::rest("#/audit"), "");
        assert_eq!(Section::rest("#/workshop/ex/x"), "ex/x");
        assert_eq!(Section::rest("#s=abc"), "");
    }
}
