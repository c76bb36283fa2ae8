//! `otp-audit clean`: empty the cache folder. Only what the cache writes is
//! removed (its `.cache` files, temporary files of an interrupted write, its
//! `.gitignore`), so a `--cache-dir` that names a folder holding other things
//! loses nothing else; the folder goes too once it is empty.

use std::path::Path;

/// The `.gitignore` the cache folder gets: nothing in it belongs in git.
pub const GITIGNORE: &str =
    "# Written by otp-audit: its result cache (`otp-audit clean` empties it).\n*\n";

/// A cache file: 16 hex digits and `.cache`.
pub fn is_cache_file(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.strip_suffix(".cache")
        .is_some_and(|stem| stem.len() == 16 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A temporary file left by an interrupted write of a cache file.
fn is_temporary(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.strip_prefix('.')
            .and_then(|n| n.split_once(".cache.otp-audit-"))
            .is_some_and(|(stem, _)| is_cache_file(Path::new(&format!("{stem}.cache"))))
            && n.ends_with(".tmp")
    })
}

/// What [`clean`] removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub files: usize,
    pub bytes: u64,
    /// The folder itself went (nothing else was in it).
    pub folder: bool,
}

/// Remove the cache in `dir`.
pub fn clean(dir: &Path) -> Result<Removed, String> {
    let mut removed = Removed::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(format!("cannot read `{}`: {e}", dir.display())),
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let ignore = p.file_name().is_some_and(|n| n == ".gitignore")
            && std::fs::read_to_string(&p).is_ok_and(|t| t == GITIGNORE);
        if !(is_cache_file(&p) || is_temporary(&p) || ignore) {
            continue;
        }
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        std::fs::remove_file(&p).map_err(|e| format!("cannot remove `{}`: {e}", p.display()))?;
        removed.files += 1;
        removed.bytes += bytes;
    }
    removed.folder = std::fs::remove_dir(dir).is_ok();
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_cache_wrote_goes() {
        let dir = std::env::temp_dir().join(format!("otp-audit-clean-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ours = [
            "0123456789abcdef.cache",
            ".0123456789abcdef.cache.otp-audit-42-0.tmp",
            ".gitignore",
        ];
        for name in ours {
            let text = if name == ".gitignore" { GITIGNORE } else { "x" };
            std::fs::write(dir.join(name), text).unwrap();
        }
        let theirs = ["notes.cache", "0123456789abcdef.cache.bak", "mix.exs"];
        for name in theirs {
            std::fs::write(dir.join(name), "keep").unwrap();
        }
        let removed = clean(&dir).unwrap();
        assert_eq!((removed.files, removed.folder), (3, false));
        for name in ours {
            assert!(!dir.join(name).exists(), "{name}");
        }
        for name in theirs {
            assert!(dir.join(name).exists(), "{name}");
        }
        for name in theirs {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        std::fs::write(dir.join("0123456789abcdef.cache"), "x").unwrap();
        assert!(clean(&dir).unwrap().folder);
        assert!(!dir.exists());
        assert_eq!(clean(&dir).unwrap(), Removed::default());
    }
}
