//! Writing files safely: a temporary file in the same directory, then a rename, so a
//! reader never sees half a file; and fixes never overwrite a file that changed
//! since it was read (an editor saved it meanwhile).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What became of a write that was conditional on the file being unchanged.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Yes,
    /// The file no longer held what was read; it was left alone.
    ChangedMeanwhile,
}

/// A fresh file beside `target`, opened for writing.
fn temp_beside(target: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.otp-audit-{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Write `bytes` to a temporary file beside `target`, run `before_rename` on it,
/// then rename it over `target`; the temporary file is removed on any failure.
fn write_then<T>(
    target: &Path,
    bytes: &[u8],
    keep_permissions: bool,
    before_rename: impl FnOnce() -> std::io::Result<Option<T>>,
) -> std::io::Result<Option<T>> {
    let (tmp, mut file) = temp_beside(target)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        if keep_permissions && let Ok(meta) = fs::metadata(target) {
            file.set_permissions(meta.permissions())?;
        }
        drop(file);
        if let Some(abort) = before_rename()? {
            return Ok(Some(abort));
        }
        fs::rename(&tmp, target)?;
        Ok(None)
    })();
    if !matches!(result, Ok(None)) {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Replace `path` with `bytes` atomically (for output files and baselines).
pub fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    write_then::<()>(&target, bytes, true, || Ok(None)).map(|_| ())
}

/// Replace `path` with `new` atomically, unless its content is no longer
/// `original`. Symbolic links are followed: the file they point to is replaced.
pub fn replace_if_unchanged(path: &Path, original: &[u8], new: &[u8]) -> std::io::Result<Written> {
    replace_if_unchanged_with(path, original, new, || {})
}

/// [`replace_if_unchanged`] with a hook run just before the final comparison.
fn replace_if_unchanged_with(
    path: &Path,
    original: &[u8],
    new: &[u8],
    before_compare: impl FnOnce(),
) -> std::io::Result<Written> {
    let target = fs::canonicalize(path)?;
    let aborted = write_then(&target, new, true, || {
        before_compare();
        // Compare as late as possible: the window for a concurrent save is the
        // time between this read and the rename.
        let now = fs::read(&target)?;
        Ok((now != original).then_some(Written::ChangedMeanwhile))
    })?;
    Ok(aborted.unwrap_or(Written::Yes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("otp-audit-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn leftovers(d: &Path) -> Vec<String> {
        fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn replaces_an_unchanged_file() {
        let d = dir("unchanged");
        let p = d.join("a.ex");
        fs::write(&p, "old").unwrap();
        assert_eq!(
            replace_if_unchanged(&p, b"old", b"new").unwrap(),
            Written::Yes
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert!(leftovers(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn leaves_a_file_that_changed_since_it_was_read() {
        let d = dir("changed");
        let p = d.join("a.ex");
        fs::write(&p, "old").unwrap();
        let outcome = replace_if_unchanged_with(&p, b"old", b"fixed", || {
            // An editor saves the file while the fix is being written.
            fs::write(&p, "edited by hand").unwrap();
        })
        .unwrap();
        assert_eq!(outcome, Written::ChangedMeanwhile);
        assert_eq!(fs::read_to_string(&p).unwrap(), "edited by hand");
        assert!(leftovers(&d).is_empty(), "{:?}", leftovers(&d));
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_links() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("perm");
        let p = d.join("run.exs");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        let link = d.join("link.exs");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert_eq!(
            replace_if_unchanged(&link, b"old", b"new").unwrap(),
            Written::Yes
        );
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o755
        );
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn atomic_creates_and_replaces() {
        let d = dir("atomic");
        let p = d.join("out.json");
        atomic(&p, b"1").unwrap();
        atomic(&p, b"2").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "2");
        assert!(leftovers(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }
}
