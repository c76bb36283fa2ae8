//! Kept over the `zip` crate, which adds 86 KB gzipped to the wasm (156 vs 70 KB); fuzzed instead.
//!
//! Reading a project from a zip archive, as `otp-audit check project.zip` and the web
//! app do, without trusting the archive.
//!
//! [`read_zip`] parses the central directory itself (zip64 included) and inflates
//! entries with `miniz_oxide`, chunk by chunk, so that [`Limits`] are enforced before
//! and while inflating: a zip bomb fails with [`ArchiveError::RatioExceeded`] or
//! [`ArchiveError::TooLarge`] (or [`ArchiveError::Corrupt`] when an entry inflates
//! past the size it declares) without ever inflating fully. No I/O: bytes in,
//! [`Project`] out.
//!
//! What is kept, with paths relative to the project root:
//!
//! - one common top folder is stripped (GitHub's "Download ZIP" puts everything under
//!   `repo-main/`), and reported in [`Project::root_stripped`], unless it is one of a
//!   Mix project's own folders ([`PROJECT_DIRS`]: an archive of `lib/` alone keeps
//!   its `lib/` prefix, which decides the rules that apply);
//! - `.ex` and `.exs` files become [`Project::files`], except under `deps/`, `_build/`,
//!   `node_modules/`, `.git/`, `.elixir_ls/` and `cover/` (at any depth, as for
//!   directories on disk) and under `__MACOSX/`;
//! - `otp-audit.toml` at the root, else `.credo.exs` at the root, becomes
//!   [`Project::config`];
//! - everything else is listed in [`Project::skipped`] with the reason (a skipped
//!   directory once, not each of its files).
//!
//! Files are returned as bytes: [`Project::utf8_files`] splits them into texts and
//! the files that are not UTF-8.

use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use std::collections::{BTreeSet, HashSet};
use std::fmt;

/// Limits on what an archive may make otp-audit read. Exceeding one is an error that
/// names the limit; none is a crash or a hang.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the archive, files and directories, whether kept or not.
    pub max_entries: usize,
    /// Uncompressed bytes of the files kept (Elixir files and the config), together.
    pub max_total_bytes: u64,
    /// Uncompressed size over compressed size, per entry larger than 1 MiB (smaller
    /// ones cannot do harm and short, repetitive files compress very well).
    pub max_ratio: u64,
    /// Bytes in one entry's name.
    pub max_path_len: usize,
    /// Uncompressed bytes of one kept file; larger files are skipped (with a reason),
    /// not read.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    /// 20,000 entries, 200 MiB in total, 100:1, 1,024-byte paths, 16 MiB per file.
    fn default() -> Limits {
        Limits {
            max_entries: 20_000,
            max_total_bytes: 200 * MIB,
            max_ratio: 100,
            max_path_len: 1024,
            max_file_bytes: 16 * MIB,
        }
    }
}

const MIB: u64 = 1024 * 1024;

/// Entries up to this size are not judged by their compression ratio.
pub const RATIO_GRACE_BYTES: u64 = MIB;

/// Directories whose files are never analysed: other people's code, build output.
pub const SKIPPED_DIRS: &[&str] = &[
    "deps",
    "_build",
    "node_modules",
    ".git",
    ".elixir_ls",
    "cover",
];

/// Config files read from the project root, in order of preference.
pub const CONFIG_FILES: &[&str] = &["otp-audit.toml", ".credo.exs"];

/// A path with a text: a file's content, or the reason it was skipped.
pub type Named = (String, String);

/// A project read from an archive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// The `.ex`/`.exs` files, sorted by path.
    pub files: Vec<ProjectFile>,
    /// The top folder that every entry was in and that was removed from the paths.
    pub root_stripped: Option<String>,
    /// Entries (or whole directories, with a final `/`) not read, with the reason.
    pub skipped: Vec<Named>,
    /// The project's config file: (`otp-audit.toml` or `.credo.exs`, its text).
    pub config: Option<Named>,
}

/// One file of a [`Project`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectFile {
    /// Project-relative, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Project {
    /// Split the files into (path, text) pairs and the (path, reason) of the files
    /// that are not valid UTF-8.
    pub fn utf8_files(self) -> (Vec<Named>, Vec<Named>) {
        let mut texts = Vec::new();
        let mut bad = Vec::new();
        for f in self.files {
            match String::from_utf8(f.bytes) {
                Ok(t) => texts.push((f.path, t)),
                Err(_) => bad.push((f.path, "not valid UTF-8 text".to_string())),
            }
        }
        (texts, bad)
    }

    /// Uncompressed bytes of all files.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes.len() as u64).sum()
    }
}

/// Why an archive cannot be read. `Display` says it in a user's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveError {
    /// No zip structure at all.
    NotZip,
    /// A zip whose end is missing: an interrupted download or copy.
    Truncated,
    /// A zip whose structure is damaged; the text says where.
    Corrupt(String),
    /// A file to analyse is encrypted.
    Encrypted(String),
    /// A feature otp-audit does not read (multi-part archives, compression methods
    /// other than stored and deflate); the text names it.
    Unsupported(String),
    TooManyEntries {
        entries: u64,
        limit: usize,
    },
    /// The files to analyse add up to more than `limit` bytes uncompressed.
    TooLarge {
        limit: u64,
    },
    /// An entry expands more than `limit` times its compressed size.
    RatioExceeded {
        entry: String,
        limit: u64,
    },
    /// An entry's name is longer than `limit` bytes (`entry` is its beginning).
    PathTooLong {
        entry: String,
        limit: usize,
    },
    /// An entry's name is absolute or climbs out of the archive with `..`.
    UnsafePath(String),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::NotZip => f.write_str("not a zip archive"),
            ArchiveError::Truncated => f.write_str(
                "the zip archive is incomplete (its end is missing): download or copy it again",
            ),
            ArchiveError::Corrupt(what) => write!(f, "the zip archive is damaged: {what}"),
            ArchiveError::Encrypted(entry) => write!(
                f,
                "`{entry}` in the archive is encrypted; make an archive without a password"
            ),
            ArchiveError::Unsupported(what) => write!(f, "cannot read the archive: {what}"),
            ArchiveError::TooManyEntries { entries, limit } => write!(
                f,
                "the archive has {entries} entries, more than the limit of {limit}"
            ),
            ArchiveError::TooLarge { limit } => write!(
                f,
                "the Elixir files in the archive add up to more than {} uncompressed, the limit",
                human_bytes(*limit)
            ),
            ArchiveError::RatioExceeded { entry, limit } => write!(
                f,
                "`{entry}` expands more than {limit} times its compressed size \
                 (a zip bomb?); refusing to unpack it"
            ),
            ArchiveError::PathTooLong { entry, limit } => write!(
                f,
                "an entry's name is longer than the limit of {limit} bytes: `{entry}...`"
            ),
            ArchiveError::UnsafePath(entry) => write!(
                f,
                "the entry `{entry}` has an unsafe path (absolute, or with `..`)"
            ),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// `16 MB`, `1.5 KB`, `12 bytes` (binary multiples).
pub fn human_bytes(n: u64) -> String {
    let (value, unit) = if n >= MIB {
        (n as f64 / MIB as f64, "MB")
    } else if n >= 1024 {
        (n as f64 / 1024.0, "KB")
    } else {
        return format!("{n} bytes");
    };
    let s = format!("{value:.1}");
    format!("{} {unit}", s.strip_suffix(".0").unwrap_or(&s))
}

/// Whether `bytes` start like a zip archive (a local file header or, for an empty
/// archive, the end record).
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

const SIG_LOCAL: u32 = 0x0403_4b50;
const SIG_CENTRAL: u32 = 0x0201_4b50;
const SIG_END: u32 = 0x0605_4b50;
const SIG_END64: u32 = 0x0606_4b50;
const SIG_END64_LOCATOR: u32 = 0x0706_4b50;

/// Bounds-checked little-endian reads.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn u16(&self, at: u64) -> Option<u16> {
        let at = usize::try_from(at).ok()?;
        let b = self.0.get(at..at.checked_add(2)?)?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&self, at: u64) -> Option<u32> {
        let at = usize::try_from(at).ok()?;
        let b = self.0.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&self, at: u64) -> Option<u64> {
        let at = usize::try_from(at).ok()?;
        let b = self.0.get(at..at.checked_add(8)?)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }
    fn slice(&self, at: u64, len: u64) -> Option<&'a [u8]> {
        let at = usize::try_from(at).ok()?;
        let len = usize::try_from(len).ok()?;
        self.0.get(at..at.checked_add(len)?)
    }
}

struct Directory {
    entries: u64,
    offset: u64,
    size: u64,
    /// Bytes before the archive proper (a self-extracting stub), added to offsets.
    prefix: u64,
}

fn corrupt(what: impl Into<String>) -> ArchiveError {
    ArchiveError::Corrupt(what.into())
}

/// Find the end of central directory record (and its zip64 form).
fn find_directory(bytes: &[u8]) -> Result<Directory, ArchiveError> {
    let b = Bytes(bytes);
    let len = bytes.len() as u64;
    let missing_end = || {
        if bytes.starts_with(b"PK\x03\x04") {
            ArchiveError::Truncated
        } else {
            ArchiveError::NotZip
        }
    };
    if len < 22 {
        return Err(missing_end());
    }
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the end.
    let lowest = len.saturating_sub(22 + 0xFFFF);
    let mut found = None;
    let mut pos = len - 22;
    loop {
        if b.u32(pos) == Some(SIG_END) {
            let comment = u64::from(b.u16(pos + 20).unwrap_or(0));
            if pos + 22 + comment == len {
                found = Some(pos);
                break;
            }
            if found.is_none() && pos + 22 + comment <= len {
                found = Some(pos);
            }
        }
        if pos == lowest {
            break;
        }
        pos -= 1;
    }
    let end = found.ok_or_else(missing_end)?;
    let field16 = |o: u64| u64::from(b.u16(end + o).unwrap_or(0));
    let field32 = |o: u64| u64::from(b.u32(end + o).unwrap_or(0));
    let (disk, cd_disk) = (field16(4), field16(6));
    let (on_disk, mut entries) = (field16(8), field16(10));
    let (mut size, mut offset) = (field32(12), field32(16));
    let mut directory_end = end;
    let zip64 = entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF;
    if zip64 && end >= 20 && b.u32(end - 20) == Some(SIG_END64_LOCATOR) {
        let at = b
            .u64(end - 20 + 8)
            .ok_or_else(|| corrupt("zip64 locator"))?;
        if b.u32(at) != Some(SIG_END64) {
            return Err(corrupt("the zip64 end record is missing"));
        }
        let disk64 = b.u32(at + 16).ok_or(ArchiveError::Truncated)?;
        let cd_disk64 = b.u32(at + 20).ok_or(ArchiveError::Truncated)?;
        if disk64 != 0 || cd_disk64 != 0 {
            return Err(ArchiveError::Unsupported(
                "it is split over several files (a multi-part archive)".into(),
            ));
        }
        entries = b.u64(at + 32).ok_or(ArchiveError::Truncated)?;
        size = b.u64(at + 40).ok_or(ArchiveError::Truncated)?;
        offset = b.u64(at + 48).ok_or(ArchiveError::Truncated)?;
        directory_end = at;
    } else if disk != 0 || cd_disk != 0 || on_disk != entries {
        return Err(ArchiveError::Unsupported(
            "it is split over several files (a multi-part archive)".into(),
        ));
    }
    let expected_end = offset
        .checked_add(size)
        .ok_or_else(|| corrupt("the central directory's position is impossible"))?;
    if expected_end > directory_end {
        return Err(corrupt("the central directory lies outside the archive"));
    }
    Ok(Directory {
        entries,
        offset,
        size,
        prefix: directory_end - expected_end,
    })
}

/// One central directory record, decoded.
struct Record {
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    uncompressed: u64,
    local_offset: u64,
    symlink: bool,
    attributes: Attributes,
}

/// Who made an entry and its file attributes, copied as they are by [`rewrite_zip`]:
/// the external attributes mean a Unix mode (a symbolic link, say) only when the
/// entry was made on Unix, so the two travel together.
#[derive(Clone, Copy, Debug)]
struct Attributes {
    made_by: u16,
    external: u32,
}

impl Attributes {
    /// A regular file (mode 644) made on Unix, as [`write_zip`] writes them.
    const UNIX_FILE: Attributes = Attributes {
        made_by: 0x031E,
        external: 0o100644 << 16,
    };
}

fn read_records(
    bytes: &[u8],
    dir: &Directory,
    limits: &Limits,
) -> Result<Vec<Record>, ArchiveError> {
    let b = Bytes(bytes);
    if dir.entries > limits.max_entries as u64 {
        return Err(ArchiveError::TooManyEntries {
            entries: dir.entries,
            limit: limits.max_entries,
        });
    }
    if dir.entries.saturating_mul(46) > dir.size {
        return Err(corrupt(
            "the central directory is too small for the entries it declares",
        ));
    }
    let start = dir.offset + dir.prefix;
    let end = start + dir.size;
    let mut pos = start;
    let mut records = Vec::with_capacity(dir.entries as usize);
    for n in 0..dir.entries {
        let damaged = || corrupt(format!("central directory record {} is damaged", n + 1));
        if pos + 46 > end || b.u32(pos) != Some(SIG_CENTRAL) {
            return Err(damaged());
        }
        let made_by = b.u16(pos + 4).ok_or_else(damaged)?;
        let flags = b.u16(pos + 8).ok_or_else(damaged)?;
        let method = b.u16(pos + 10).ok_or_else(damaged)?;
        let crc = b.u32(pos + 16).ok_or_else(damaged)?;
        let mut compressed = u64::from(b.u32(pos + 20).ok_or_else(damaged)?);
        let mut uncompressed = u64::from(b.u32(pos + 24).ok_or_else(damaged)?);
        let name_len = u64::from(b.u16(pos + 28).ok_or_else(damaged)?);
        let extra_len = u64::from(b.u16(pos + 30).ok_or_else(damaged)?);
        let comment_len = u64::from(b.u16(pos + 32).ok_or_else(damaged)?);
        let external = b.u32(pos + 38).ok_or_else(damaged)?;
        let mut local_offset = u64::from(b.u32(pos + 42).ok_or_else(damaged)?);
        let next = pos + 46 + name_len + extra_len + comment_len;
        if next > end {
            return Err(damaged());
        }
        let raw_name = b.slice(pos + 46, name_len).ok_or_else(damaged)?;
        if raw_name.len() > limits.max_path_len {
            let shown = String::from_utf8_lossy(&raw_name[..raw_name.len().min(80)]);
            return Err(ArchiveError::PathTooLong {
                entry: shown.into_owned(),
                limit: limits.max_path_len,
            });
        }
        let extra = b
            .slice(pos + 46 + name_len, extra_len)
            .ok_or_else(damaged)?;
        let mut unicode_name = None;
        for (id, data) in extra_fields(extra) {
            let d = Bytes(data);
            match id {
                0x0001 => {
                    // zip64: the 64-bit values of the fields that are 0xFFFFFFFF, in order.
                    let mut at = 0;
                    for field in [&mut uncompressed, &mut compressed, &mut local_offset] {
                        if *field == 0xFFFF_FFFF {
                            *field = d.u64(at).ok_or_else(damaged)?;
                            at += 8;
                        }
                    }
                }
                // Info-ZIP Unicode path: valid only while the plain name is unchanged.
                0x7075 if data.len() > 5 && data[0] == 1 && d.u32(1) == Some(crc32(raw_name)) => {
                    unicode_name = std::str::from_utf8(&data[5..]).ok().map(str::to_string);
                }
                _ => {}
            }
        }
        let name = match unicode_name {
            Some(n) => n,
            None => match std::str::from_utf8(raw_name) {
                Ok(s) => s.to_string(),
                Err(_) if flags & 0x0800 != 0 => {
                    return Err(corrupt(format!(
                        "the name of entry {} is not valid UTF-8",
                        n + 1
                    )));
                }
                Err(_) => cp437(raw_name),
            },
        };
        let unix = made_by >> 8 == 3;
        let symlink = unix && (external >> 16) & 0o170000 == 0o120000;
        records.push(Record {
            name,
            flags,
            method,
            crc,
            compressed,
            uncompressed,
            local_offset,
            symlink,
            attributes: Attributes { made_by, external },
        });
        pos = next;
    }
    Ok(records)
}

/// `(id, data)` of each well-formed extra field.
fn extra_fields(mut extra: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if extra.len() < 4 {
            return None;
        }
        let id = u16::from_le_bytes([extra[0], extra[1]]);
        let len = usize::from(u16::from_le_bytes([extra[2], extra[3]]));
        let data = extra.get(4..4 + len)?;
        extra = &extra[4 + len..];
        Some((id, data))
    })
}

/// A checked, normalized entry path: `/`-separated segments, no `.` or empty ones.
/// `None` for directory entries.
fn normalize(name: &str) -> Result<Option<String>, ArchiveError> {
    let unsafe_path = || ArchiveError::UnsafePath(name.chars().take(200).collect());
    if name.contains('\0') {
        return Err(unsafe_path());
    }
    let name_slashed = name.replace('\\', "/");
    let bytes = name_slashed.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if name_slashed.starts_with('/') || drive {
        return Err(unsafe_path());
    }
    let mut segments = Vec::new();
    for s in name_slashed.split('/') {
        match s {
            "" | "." => {}
            ".." => return Err(unsafe_path()),
            s => segments.push(s),
        }
    }
    if name_slashed.ends_with('/') || segments.is_empty() {
        return Ok(None);
    }
    Ok(Some(segments.join("/")))
}

/// An entry to read.
struct Wanted<'r> {
    path: String,
    record: &'r Record,
    config: bool,
    elixir: bool,
}

/// Read the project in a zip archive. See the module documentation for what is kept.
///
/// Checks, in order: the end records and the entry count ([`Limits::max_entries`]);
/// every entry's name ([`Limits::max_path_len`], unsafe paths), whether kept or not;
/// then, for the entries to read only, encryption, compression method, the declared
/// ratio ([`Limits::max_ratio`]), the declared size ([`Limits::max_file_bytes`]: the
/// file is skipped) and the declared total ([`Limits::max_total_bytes`]). Entries are
/// then inflated in 64 KiB chunks, stopping as soon as one exceeds its declared size,
/// and their CRC-32 is verified. Entries that are not kept are never inflated.
pub fn read_zip(bytes: &[u8], limits: &Limits) -> Result<Project, ArchiveError> {
    let dir = find_directory(bytes)?;
    let records = read_records(bytes, &dir, limits)?;

    // Check every path, and keep the files (directory entries carry nothing).
    let mut files: Vec<(String, &Record)> = Vec::new();
    for r in &records {
        if let Some(path) = normalize(&r.name)? {
            files.push((path, r));
        }
    }

    let mut skipped_dirs: BTreeSet<String> = BTreeSet::new();
    let mut skipped: Vec<(String, String)> = Vec::new();
    // macOS Archive Utility's resource forks, and Finder's `.DS_Store` files.
    let mut macos = false;
    files.retain(|(path, _)| {
        let resource_fork = path.starts_with("__MACOSX/");
        macos |= resource_fork;
        !resource_fork && path.rsplit('/').next().is_none_or(|n| n != ".DS_Store")
    });
    if macos {
        skipped_dirs.insert("__MACOSX/".into());
    }

    let root_stripped = common_top_folder(files.iter().map(|(p, _)| p.as_str()));
    if let Some(top) = &root_stripped {
        for (path, _) in &mut files {
            *path = path[top.len() + 1..].to_string();
        }
    }

    let mut wanted: Vec<Wanted> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut declared_total: u64 = 0;
    for (path, record) in &files {
        let (config, elixir) = match classify(path) {
            Kind::SkippedDir(dir) => {
                skipped_dirs.insert(dir);
                continue;
            }
            Kind::Other => {
                skipped.push((path.clone(), "not an Elixir source file".into()));
                continue;
            }
            // `.credo.exs` is Elixir too, and analysed.
            Kind::Config => (true, is_elixir(path)),
            Kind::Elixir => (false, true),
        };
        if !seen.insert(path.as_str()) {
            skipped.push((path.clone(), "a second entry with the same name".into()));
            continue;
        }
        if record.symlink {
            skipped.push((path.clone(), "a symbolic link".into()));
            continue;
        }
        if record.flags & 0x0001 != 0 || record.method == 99 {
            return Err(ArchiveError::Encrypted(path.clone()));
        }
        if record.method != 0 && record.method != 8 {
            return Err(ArchiveError::Unsupported(format!(
                "`{path}` is compressed with {}; make the archive with ordinary (deflate) compression",
                method_name(record.method)
            )));
        }
        if record.uncompressed > RATIO_GRACE_BYTES
            && record.uncompressed > record.compressed.max(1).saturating_mul(limits.max_ratio)
        {
            return Err(ArchiveError::RatioExceeded {
                entry: path.clone(),
                limit: limits.max_ratio,
            });
        }
        if record.uncompressed > limits.max_file_bytes {
            skipped.push((
                path.clone(),
                format!(
                    "{} uncompressed, over the limit of {} per file",
                    human_bytes(record.uncompressed),
                    human_bytes(limits.max_file_bytes)
                ),
            ));
            continue;
        }
        declared_total = declared_total.saturating_add(record.uncompressed);
        if declared_total > limits.max_total_bytes {
            return Err(ArchiveError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        wanted.push(Wanted {
            path: path.clone(),
            record,
            config,
            elixir,
        });
    }

    let mut project = Project {
        root_stripped,
        ..Project::default()
    };
    let mut inflater = Inflater::default();
    let mut total: u64 = 0;
    let mut configs: Vec<(String, Vec<u8>)> = Vec::new();
    for w in wanted {
        let data = entry_data(bytes, &dir, w.record, &w.path)?;
        let content = inflater.read(data, w.record, &w.path, limits)?;
        total += content.len() as u64;
        if total > limits.max_total_bytes {
            return Err(ArchiveError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        if w.config {
            configs.push((w.path.clone(), content.clone()));
        }
        if w.elixir {
            project.files.push(ProjectFile {
                path: w.path,
                bytes: content,
            });
        }
    }
    project.config = pick_config(&configs, &mut skipped);
    project.files.sort_by(|a, b| a.path.cmp(&b.path));
    project.skipped = skipped_list(skipped_dirs, skipped);
    Ok(project)
}

fn skipped_list(dirs: BTreeSet<String>, files: Vec<Named>) -> Vec<Named> {
    dirs.into_iter()
        .map(|d| {
            let why = if d == "__MACOSX/" {
                "macOS metadata"
            } else {
                "dependencies, build output and tool directories are not analysed"
            };
            (d, why.to_string())
        })
        .chain(files)
        .collect()
}

/// What a project-relative path is to otp-audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Under a [`SKIPPED_DIRS`] directory (the directory, with a final `/`).
    SkippedDir(String),
    /// A [`CONFIG_FILES`] file at the root.
    Config,
    /// An `.ex` or `.exs` file to analyse.
    Elixir,
    Other,
}

/// Classify a normalized, project-relative path.
pub fn classify(path: &str) -> Kind {
    let segments: Vec<&str> = path.split('/').collect();
    let Some((file_name, parents)) = segments.split_last() else {
        return Kind::Other;
    };
    if let Some(i) = parents.iter().position(|d| SKIPPED_DIRS.contains(d)) {
        return Kind::SkippedDir(format!("{}/", segments[..=i].join("/")));
    }
    if parents.is_empty() && CONFIG_FILES.contains(file_name) {
        Kind::Config
    } else if is_elixir(file_name) {
        Kind::Elixir
    } else {
        Kind::Other
    }
}

/// Whether a file of a picked folder is worth reading, by its path as the browser
/// gives it (`project/lib/a.ex`, the picked folder first): an Elixir file or a root
/// config file, outside the skipped directories. Lets the web app read only these.
pub fn wanted_in_folder(path: &str) -> bool {
    let Ok(Some(p)) = normalize(path) else {
        return false;
    };
    let rel = p.split_once('/').map_or(p.as_str(), |(_, r)| r);
    matches!(classify(rel), Kind::Config | Kind::Elixir)
}

/// Read a project from files already in memory, `(path, bytes)` as a folder pick
/// gives them (`project/lib/a.ex`): the same rules as [`read_zip`] for what is kept,
/// the top folder, the config and the limits on sizes and paths (there is no
/// compression, so no ratio). Files may be pre-filtered with [`wanted_in_folder`].
pub fn read_files(
    entries: Vec<(String, Vec<u8>)>,
    limits: &Limits,
) -> Result<Project, ArchiveError> {
    if entries.len() > limits.max_entries {
        return Err(ArchiveError::TooManyEntries {
            entries: entries.len() as u64,
            limit: limits.max_entries,
        });
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(entries.len());
    let mut skipped_dirs = BTreeSet::new();
    for (name, bytes) in entries {
        if name.len() > limits.max_path_len {
            return Err(ArchiveError::PathTooLong {
                entry: name.chars().take(80).collect(),
                limit: limits.max_path_len,
            });
        }
        if let Some(p) = normalize(&name)? {
            if p.starts_with("__MACOSX/") {
                skipped_dirs.insert("__MACOSX/".to_string());
            } else if !p.ends_with(".DS_Store") {
                files.push((p, bytes));
            }
        }
    }
    let root_stripped = common_top_folder(files.iter().map(|(p, _)| p.as_str()));
    let mut project = Project {
        root_stripped: root_stripped.clone(),
        ..Project::default()
    };
    let mut skipped = Vec::new();
    let mut total: u64 = 0;
    let mut configs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut seen = HashSet::new();
    for (mut path, bytes) in files {
        if let Some(top) = &root_stripped {
            path = path[top.len() + 1..].to_string();
        }
        let kind = classify(&path);
        match kind {
            Kind::SkippedDir(dir) => {
                skipped_dirs.insert(dir);
                continue;
            }
            Kind::Other => {
                skipped.push((path, "not an Elixir source file".into()));
                continue;
            }
            Kind::Config | Kind::Elixir => {}
        }
        if !seen.insert(path.clone()) {
            skipped.push((path, "a second file with the same name".into()));
            continue;
        }
        let size = bytes.len() as u64;
        if size > limits.max_file_bytes {
            skipped.push((
                path,
                format!(
                    "{}, over the limit of {} per file",
                    human_bytes(size),
                    human_bytes(limits.max_file_bytes)
                ),
            ));
            continue;
        }
        total += size;
        if total > limits.max_total_bytes {
            return Err(ArchiveError::TooLarge {
                limit: limits.max_total_bytes,
            });
        }
        if kind == Kind::Config {
            if is_elixir(&path) {
                project.files.push(ProjectFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                });
            }
            configs.push((path, bytes));
        } else {
            project.files.push(ProjectFile { path, bytes });
        }
    }
    project.config = pick_config(&configs, &mut skipped);
    project.files.sort_by(|a, b| a.path.cmp(&b.path));
    project.skipped = skipped_list(skipped_dirs, skipped);
    Ok(project)
}

/// A copy of the zip archive `original` in which the files named in `replacements`
/// (project-relative paths, as [`read_zip`] gives them) have new contents; every
/// other entry, directories and files otp-audit never read included, is copied
/// with its compressed bytes untouched. The top folder [`read_zip`] stripped stays.
/// Fails on what [`read_zip`] refuses, and on archives too large for a plain
/// (non-zip64) archive.
pub fn rewrite_zip(
    original: &[u8],
    replacements: &[(&str, &[u8])],
    limits: &Limits,
) -> Result<Vec<u8>, ArchiveError> {
    let dir = find_directory(original)?;
    let records = read_records(original, &dir, limits)?;
    let mut names = Vec::with_capacity(records.len());
    for r in &records {
        names.push(normalize(&r.name)?);
    }
    let top = common_top_folder(
        names
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|p| !p.starts_with("__MACOSX/") && !p.ends_with(".DS_Store")),
    );
    let too_large = || ArchiveError::Unsupported("it is too large to rewrite (zip64)".into());
    let mut w = ZipWriter::default();
    let mut used = vec![false; replacements.len()];
    for (r, name) in records.iter().zip(&names) {
        let rel = name.as_deref().map(|n| match &top {
            Some(t) => n
                .strip_prefix(t.as_str())
                .and_then(|n| n.strip_prefix('/'))
                .unwrap_or(n),
            None => n,
        });
        let replaced = rel.and_then(|rel| replacements.iter().position(|(p, _)| *p == rel));
        if let Some(i) = replaced {
            used[i] = true;
            w.add(&r.name, replacements[i].1, r.attributes);
            continue;
        }
        if r.method == 99 {
            return Err(ArchiveError::Unsupported(format!(
                "`{}` is AES-encrypted and cannot be copied into a new archive",
                r.name
            )));
        }
        let data = if name.is_some() {
            entry_data(original, &dir, r, &r.name)?
        } else {
            &[]
        };
        let compressed = u32::try_from(data.len()).map_err(|_| too_large())?;
        let uncompressed = u32::try_from(r.uncompressed).map_err(|_| too_large())?;
        // The data descriptor's sizes go into the headers (bit 3 cleared).
        w.add_raw(
            &r.name,
            r.flags & !0x0008,
            r.method,
            r.crc,
            data,
            compressed,
            uncompressed,
            r.attributes,
        );
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(ArchiveError::Corrupt(format!(
            "`{}` is not in the archive",
            replacements[i].0
        )));
    }
    w.finish().ok_or_else(too_large)
}

fn is_elixir(file_name: &str) -> bool {
    let stem_ok = |ext: &str| file_name.len() > ext.len() && file_name.ends_with(ext);
    stem_ok(".ex") || stem_ok(".exs")
}

fn method_name(method: u16) -> String {
    match method {
        1 => "Shrink".into(),
        6 => "Implode".into(),
        9 => "Deflate64".into(),
        12 => "bzip2".into(),
        14 => "LZMA".into(),
        93 => "Zstandard".into(),
        95 => "XZ".into(),
        98 => "PPMd".into(),
        m => format!("compression method {m}"),
    }
}

/// Folders of a Mix project: an archive of these alone has no top folder to strip.
pub const PROJECT_DIRS: &[&str] = &[
    "lib", "test", "config", "apps", "priv", "rel", "src", "deps", "_build",
];

/// The single folder that every file is in, if there is one and it is not one of the
/// [`PROJECT_DIRS`].
fn common_top_folder<'a>(mut paths: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = paths.next()?;
    let (top, _) = first.split_once('/')?;
    if PROJECT_DIRS.contains(&top) {
        return None;
    }
    paths
        .all(|p| p.split_once('/').is_some_and(|(t, _)| t == top))
        .then(|| top.to_string())
}

/// The compressed bytes of an entry, located through its local header.
fn entry_data<'b>(
    bytes: &'b [u8],
    dir: &Directory,
    r: &Record,
    path: &str,
) -> Result<&'b [u8], ArchiveError> {
    let b = Bytes(bytes);
    let at = r
        .local_offset
        .checked_add(dir.prefix)
        .ok_or_else(|| corrupt(format!("`{path}` has an impossible position")))?;
    if b.u32(at) != Some(SIG_LOCAL) {
        return Err(corrupt(format!("the local header of `{path}` is missing")));
    }
    let name_len = u64::from(b.u16(at + 26).ok_or(ArchiveError::Truncated)?);
    let extra_len = u64::from(b.u16(at + 28).ok_or(ArchiveError::Truncated)?);
    b.slice(at + 30 + name_len + extra_len, r.compressed)
        .ok_or_else(|| {
            corrupt(format!(
                "the data of `{path}` runs past the end of the archive"
            ))
        })
}

/// Inflates entries chunk by chunk, reusing its state and buffer.
struct Inflater {
    state: Box<InflateState>,
    buf: Vec<u8>,
}

impl Default for Inflater {
    fn default() -> Inflater {
        Inflater {
            state: InflateState::new_boxed(DataFormat::Raw),
            buf: vec![0; 64 * 1024],
        }
    }
}

impl Inflater {
    /// The content of entry `r` from its compressed `data`: never more than it
    /// declares (already checked against the limits), with its checksum verified.
    fn read(
        &mut self,
        data: &[u8],
        r: &Record,
        path: &str,
        limits: &Limits,
    ) -> Result<Vec<u8>, ArchiveError> {
        let declared = r.uncompressed;
        let too_big = || {
            corrupt(format!(
                "`{path}` expands to more than the {} it declares",
                human_bytes(declared)
            ))
        };
        let out = match r.method {
            0 => {
                if r.compressed != declared {
                    return Err(corrupt(format!(
                        "`{path}` is stored uncompressed but its two sizes differ"
                    )));
                }
                data.to_vec()
            }
            _ => {
                // `declared` is within `max_file_bytes`, so this reservation is bounded.
                let mut out = Vec::with_capacity(declared.min(limits.max_file_bytes) as usize);
                self.state.reset(DataFormat::Raw);
                let mut input = data;
                loop {
                    let res = inflate(&mut self.state, input, &mut self.buf, MZFlush::None);
                    input = &input[res.bytes_consumed..];
                    let written = &self.buf[..res.bytes_written];
                    if out.len() as u64 + written.len() as u64 > declared {
                        return Err(too_big());
                    }
                    out.extend_from_slice(written);
                    match res.status {
                        Ok(MZStatus::StreamEnd) => break,
                        Ok(_) if res.bytes_consumed > 0 || res.bytes_written > 0 => {}
                        Ok(_) | Err(MZError::Buf) => {
                            return Err(corrupt(format!(
                                "the compressed data of `{path}` ends early"
                            )));
                        }
                        Err(_) => {
                            return Err(corrupt(format!(
                                "the compressed data of `{path}` is invalid"
                            )));
                        }
                    }
                }
                out
            }
        };
        if out.len() as u64 != declared {
            return Err(corrupt(format!(
                "`{path}` expands to {} bytes instead of the {declared} it declares",
                out.len()
            )));
        }
        if crc32(&out) != r.crc {
            return Err(corrupt(format!(
                "the checksum of `{path}` does not match its content"
            )));
        }
        Ok(out)
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE, as zip uses it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Code page 437, the encoding of zip entry names without the UTF-8 flag, above 0x7F.
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

fn cp437(raw: &[u8]) -> String {
    raw.iter()
        .map(|&b| {
            if b < 0x80 {
                char::from(b)
            } else {
                CP437_HIGH
                    .chars()
                    .nth(usize::from(b - 0x80))
                    .unwrap_or('\u{FFFD}')
            }
        })
        .collect()
}

/// A zip archive of `entries` (path, content): deflated where that is smaller, names
/// in UTF-8. For tests and for tools that hand small projects around (no zip64: fewer
/// than 65,535 entries, each and all under 4 GiB); [`read_zip`] reads it.
pub fn write_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    debug_assert!(entries.len() < 0xFFFF, "write_zip writes no zip64 records");
    let mut w = ZipWriter::default();
    for (name, data) in entries {
        w.add(name, data, Attributes::UNIX_FILE);
    }
    w.finish().expect("small archives need no zip64")
}

/// Writes a plain (non-zip64) archive entry by entry.
#[derive(Default)]
struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: usize,
    /// An offset or count did not fit the plain format.
    overflow: bool,
}

impl ZipWriter {
    /// Add a file, deflated where that is smaller.
    fn add(&mut self, name: &str, data: &[u8], attributes: Attributes) {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let (method, body): (u16, &[u8]) = if deflated.len() < data.len() {
            (8, &deflated)
        } else {
            (0, data)
        };
        let (Ok(compressed), Ok(uncompressed)) =
            (u32::try_from(body.len()), u32::try_from(data.len()))
        else {
            self.overflow = true;
            return;
        };
        self.add_raw(
            name,
            0,
            method,
            crc32(data),
            body,
            compressed,
            uncompressed,
            attributes,
        );
    }

    /// Add an entry whose data is already compressed with `method`.
    #[allow(clippy::too_many_arguments)]
    fn add_raw(
        &mut self,
        name: &str,
        flags: u16,
        method: u16,
        crc: u32,
        body: &[u8],
        compressed: u32,
        uncompressed: u32,
        attributes: Attributes,
    ) {
        let (Ok(offset), Ok(name_len)) = (u32::try_from(self.out.len()), u16::try_from(name.len()))
        else {
            self.overflow = true;
            return;
        };
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            v.extend_from_slice(&(flags | 0x0800).to_le_bytes()); // UTF-8 names
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
            v.extend_from_slice(&0x0021u16.to_le_bytes()); // date 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&compressed.to_le_bytes());
            v.extend_from_slice(&uncompressed.to_le_bytes());
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra length
        };
        self.out.extend_from_slice(&SIG_LOCAL.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(body);
        let c = &mut self.central;
        c.extend_from_slice(&SIG_CENTRAL.to_le_bytes());
        c.extend_from_slice(&attributes.made_by.to_le_bytes());
        common(c);
        c.extend_from_slice(&0u16.to_le_bytes()); // comment length
        c.extend_from_slice(&0u16.to_le_bytes()); // disk
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        c.extend_from_slice(&attributes.external.to_le_bytes());
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    /// The archive, or `None` when it would need zip64.
    fn finish(mut self) -> Option<Vec<u8>> {
        let entries = u16::try_from(self.entries).ok().filter(|&n| n < 0xFFFF)?;
        let cd_offset = u32::try_from(self.out.len()).ok()?;
        let cd_size = u32::try_from(self.central.len()).ok()?;
        if self.overflow || cd_offset.checked_add(cd_size).is_none() {
            return None;
        }
        let out = &mut self.out;
        out.extend_from_slice(&self.central);
        out.extend_from_slice(&SIG_END.to_le_bytes());
        out.extend_from_slice(&[0; 4]); // disk numbers
        out.extend_from_slice(&entries.to_le_bytes());
        out.extend_from_slice(&entries.to_le_bytes());
        out.extend_from_slice(&cd_size.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Some(self.out)
    }
}

/// The project's config: the first of [`CONFIG_FILES`] found at the root that is
/// UTF-8 text; one that is not is listed as skipped and the next is tried.
fn pick_config(configs: &[(String, Vec<u8>)], skipped: &mut Vec<Named>) -> Option<Named> {
    for name in CONFIG_FILES {
        if let Some((_, content)) = configs.iter().find(|(p, _)| p == name) {
            match String::from_utf8(content.clone()) {
                Ok(text) => return Some((name.to_string(), text)),
                Err(_) => skipped.push((name.to_string(), "config file is not valid UTF-8".into())),
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn cp437_has_128_high_characters() {
        assert_eq!(CP437_HIGH.chars().count(), 128);
        assert_eq!(cp437(b"caf\x82.ex"), "café.ex");
    }

    #[test]
    fn paths_are_normalized_or_refused() {
        assert_eq!(normalize("a/./b//c.ex").unwrap(), Some("a/b/c.ex".into()));
        assert_eq!(normalize("a\\b.ex").unwrap(), Some("a/b.ex".into()));
        assert_eq!(normalize("dir/").unwrap(), None);
        for bad in [
            "../x.ex",
            "a/../../x",
            "/etc/passwd",
            "C:\\x.ex",
            "c:x",
            "a\0b",
        ] {
            assert!(
                matches!(normalize(bad), Err(ArchiveError::UnsafePath(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn top_folder() {
        let t = |ps: &[&str]| common_top_folder(ps.iter().copied());
        assert_eq!(t(&["r/a.ex", "r/lib/b.ex"]), Some("r".into()));
        assert_eq!(t(&["r/a.ex", "s/b.ex"]), None);
        assert_eq!(t(&["a.ex", "r/b.ex"]), None);
        assert_eq!(t(&["a.ex"]), None);
        assert_eq!(t(&["lib/a.ex", "lib/b/c.ex"]), None);
        assert_eq!(t(&[]), None);
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(16 * MIB), "16 MB");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(12), "12 bytes");
    }

    #[test]
    fn elixir_names() {
        assert!(is_elixir("a.ex") && is_elixir("mix.exs") && is_elixir(".credo.exs"));
        assert!(!is_elixir(".ex") && !is_elixir("a.eex") && !is_elixir("a.exs.bak"));
    }
}
