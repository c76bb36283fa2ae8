//! Writing files safely: a temporary file in the same directory, then a rename, so a
//! reader never sees half a file; and fixes never overwrite a file that changed
//! since it was read (an editor saved it meanwhile), nor one the user may not write.
//!
//! "May not write" is judged before anything is written: a file (or its directory)
//! whose mode grants write permission to nobody is read-only, even to root, who the
//! system would let through; otherwise the system decides (opening the file for
//! writing, creating the temporary file). The replacement gets the file's owner,
//! group and mode, or the file is left alone.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What became of a write that was conditional on the file being unchanged.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Yes,
    /// The file no longer held what was read; it was left alone.
    ChangedMeanwhile,
    /// The file may not be replaced; it was left alone.
    Refused(Refusal),
}

/// Why a file may not be replaced.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The file is read-only (its mode, or the system, says so).
    ReadOnlyFile,
    /// The directory that holds it is read-only: no file can be created beside it.
    ReadOnlyDir(PathBuf),
    /// The replacement cannot be given the file's owner and group.
    Owner,
}

fn directory_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether `target` may be replaced, judged before writing anything.
fn refusal(target: &Path) -> std::io::Result<Option<Refusal>> {
    let dir = directory_of(target);
    if fs::metadata(target)?.permissions().readonly() {
        return Ok(Some(Refusal::ReadOnlyFile));
    }
    if fs::metadata(&dir)?.permissions().readonly() {
        return Ok(Some(Refusal::ReadOnlyDir(dir)));
    }
    // The system's own answer (for a user other than the owner); opening to append
    // changes nothing.
    match fs::OpenOptions::new().append(true).open(target) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Ok(Some(Refusal::ReadOnlyFile))
        }
        _ => Ok(None),
    }
}

/// Give `file` (the replacement of a file described by `meta`) that file's owner,
/// group and mode. `Ok(false)`: the owner or group cannot be given.
fn keep_owner_and_mode(file: &fs::File, meta: &fs::Metadata) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = file.metadata()?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
            match std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => return Ok(false),
                Err(e) => return Err(e),
            }
        }
    }
    // After the owner: changing the owner clears set-user-ID bits.
    file.set_permissions(meta.permissions())?;
    Ok(true)
}

/// A fresh file beside `target`, opened for writing.
fn temp_beside(target: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let dir = directory_of(target);
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

/// Replace `path` with `bytes` atomically (for output files and baselines), keeping
/// the mode of the file it replaces.
pub fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_with(path, bytes, true)
}

/// [`atomic`] without waiting for the disk: for the result cache, whose reader
/// checks every line, so a file left damaged by a crash costs a re-analysis only.
pub fn atomic_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_with(path, bytes, false)
}

fn atomic_with(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (tmp, mut file) = temp_beside(&target)?;
    let result = (|| {
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        if let Ok(meta) = fs::metadata(&target) {
            file.set_permissions(meta.permissions())?;
        }
        drop(file);
        fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Replace `path` with `new` atomically, keeping its owner, group and mode, unless
/// its content is no longer `original` or it may not be written. Symbolic links are
/// followed: the file they point to is replaced (the caller decides whether it may).
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
    if let Some(r) = refusal(&target)? {
        return Ok(Written::Refused(r));
    }
    let meta = fs::metadata(&target)?;
    let (tmp, mut file) = match temp_beside(&target) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Ok(Written::Refused(Refusal::ReadOnlyDir(directory_of(
                &target,
            ))));
        }
        Err(e) => return Err(e),
    };
    let result = (|| {
        if !keep_owner_and_mode(&file, &meta)? {
            return Ok(Written::Refused(Refusal::Owner));
        }
        file.write_all(new)?;
        file.sync_all()?;
        drop(file);
        before_compare();
        // Compare as late as possible: the window for a concurrent save is the
        // time between this read and the rename.
        if fs::read(&target)? != original {
            return Ok(Written::ChangedMeanwhile);
        }
        fs::rename(&tmp, &target)?;
        Ok(Written::Yes)
    })();
    if !matches!(result, Ok(Written::Yes)) {
        let _ = fs::remove_file(&tmp);
    }
    result
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

    #[cfg(unix)]
    #[test]
    fn read_only_files_and_directories_are_left_alone() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let d = dir("readonly");
        let p = d.join("a.ex");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        let inode = fs::metadata(&p).unwrap().ino();
        assert_eq!(
            replace_if_unchanged(&p, b"old", b"new").unwrap(),
            Written::Refused(Refusal::ReadOnlyFile)
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::metadata(&p).unwrap().ino(), inode);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
        let outcome = replace_if_unchanged(&p, b"old", b"new").unwrap();
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            outcome,
            Written::Refused(Refusal::ReadOnlyDir(fs::canonicalize(&d).unwrap()))
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert!(leftovers(&d).is_empty());
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
