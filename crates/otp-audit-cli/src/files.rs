//! Finding the Elixir files to analyse and naming them relative to their project:
//! files and directories on disk, or the entries of a zip archive.

use otp_audit_engine::FileScope;
use otp_audit_engine::scope::mix_dirs;
use otp_audit_project::archive;
use otp_audit_project::skipped::{SkipReason, Skipped};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Whether `.gitignore`, `.ignore` and git's global excludes keep folders out of
/// the walk (`--no-ignore` turns it off). Set once, from the arguments.
static HONOUR_IGNORE_FILES: AtomicBool = AtomicBool::new(true);

pub fn set_honour_ignore_files(on: bool) {
    HONOUR_IGNORE_FILES.store(on, Ordering::Relaxed);
}

/// Directories that hold other people's code or build output.
const SKIPPED_DIRS: &[&str] = &[
    "deps",
    "_build",
    "node_modules",
    ".git",
    ".elixir_ls",
    "cover",
];

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    Disk(PathBuf),
    /// An entry of a zip archive (or a generated corpus), already in memory.
    Memory {
        container: String,
        bytes: Vec<u8>,
    },
}

/// A file to analyse: where it is, how to name it, and which rules apply to it.
#[derive(Debug, Clone)]
pub struct Input {
    pub origin: Origin,
    /// As findings name it: relative to the directory argument when that is a
    /// project's root, else to the current directory (see [`collect`]).
    pub path: String,
    /// Decided relative to the Mix project that holds the file.
    pub scope: FileScope,
    /// Named on the command line itself (config includes do not filter it out).
    pub explicit: bool,
}

impl Input {
    /// The file on disk, if it is one.
    pub fn disk(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Disk(p) => Some(p),
            Origin::Memory { .. } => None,
        }
    }

    /// How to name the file in a message: its project path, as findings name it
    /// (`lib/x.ex`, not `./lib/x.ex`), or `archive.zip:path`.
    pub fn display(&self) -> String {
        match &self.origin {
            Origin::Disk(_) => self.path.clone(),
            Origin::Memory { container, .. } => format!("{container}:{}", self.path),
        }
    }

    pub fn read(&self) -> Result<Cow<'_, [u8]>, String> {
        match &self.origin {
            Origin::Disk(p) => std::fs::read(p)
                .map(Cow::Owned)
                .map_err(|e| format!("cannot read `{}`: {e}", self.path)),
            Origin::Memory { bytes, .. } => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// The path relative to `root` (where the configuration was found), for the
    /// configuration's include and exclude patterns.
    pub fn path_under(&self, root: &Path) -> String {
        match &self.origin {
            Origin::Disk(p) => absolute(p)
                .strip_prefix(absolute(root))
                .map(slash_path)
                .unwrap_or_else(|_| self.path.clone()),
            Origin::Memory { .. } => self.path.clone(),
        }
    }
}

/// What the arguments name: the files, and a configuration found inside an archive.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// `(file name, text)` of an `otp-audit.toml` or `.credo.exs` at an archive's root.
    pub archive_config: Option<ConfigText>,
    pub from_archive: bool,
    /// Files found but not to be analysed (a symbolic link out of the project).
    pub skipped: Vec<Skipped>,
}

pub fn is_elixir(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ex" || e == "exs")
}

pub fn is_zip(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

pub fn slash_path(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The absolute path with `.` and `..` resolved by their names (symbolic links are
/// not followed: `lib/` reached through a link stays `lib/`).
pub fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The folders holding a `mix.exs` around the files, found by looking upward and
/// remembered per folder.
#[derive(Default)]
struct MixFinder {
    /// Folder → the folders at or above it that hold a `mix.exs`, outermost first.
    seen: HashMap<PathBuf, Rc<[PathBuf]>>,
}

impl MixFinder {
    fn projects_holding(&mut self, dir: &Path) -> Rc<[PathBuf]> {
        if let Some(found) = self.seen.get(dir) {
            return found.clone();
        }
        let mut found = match dir.parent() {
            Some(parent) => self.projects_holding(parent).to_vec(),
            None => Vec::new(),
        };
        if dir.join("mix.exs").is_file() {
            found.push(dir.to_path_buf());
        }
        let found: Rc<[PathBuf]> = found.into();
        self.seen.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The innermost folder at or above `dir` holding a `mix.exs`.
    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        self.projects_holding(dir).last().cloned()
    }

    /// Whether a folder strictly above `dir` holds a `mix.exs`: `dir` is then part
    /// of a project rather than a project's root.
    fn inside_a_project(&mut self, dir: &Path) -> bool {
        dir.parent()
            .is_some_and(|p| !self.projects_holding(p).is_empty())
    }

    /// The scope of the file at `file` (absolute): relative to the Mix project that
    /// holds it, or by `shown` (its displayed path) when no project does.
    fn scope_of(&mut self, file: &Path, shown: &str) -> FileScope {
        let roots = match file.parent() {
            Some(dir) => self.projects_holding(dir),
            None => Rc::from(Vec::new()),
        };
        let Some(top) = roots.first() else {
            return FileScope::of_path(shown);
        };
        let rel = |p: &Path| p.strip_prefix(top).map(slash_path).unwrap_or_default();
        let dirs: Vec<String> = roots.iter().map(|d| rel(d)).collect();
        FileScope::classify(&rel(file), &dirs)
    }
}

/// The scope of one file on disk (absolute), decided by the Mix projects above it
/// as the walk decides it; `shown` names it when no project holds it.
pub fn scope_of_file(file: &Path, shown: &str) -> FileScope {
    MixFinder::default().scope_of(file, shown)
}

/// How the files of one argument are named in the output.
enum Naming {
    /// Relative to the argument: a project's root, or a folder outside any project.
    FromArgument(PathBuf),
    /// Relative to the current directory when the file is below it, else to its
    /// project's root: for folders and files inside a project (`lib`, `proj/lib`).
    FromHere(PathBuf),
}

impl Naming {
    fn for_argument(arg: &Path, is_dir: bool, finder: &mut MixFinder) -> Naming {
        let abs = absolute(arg);
        if is_dir && !finder.inside_a_project(&abs) {
            // `otp-audit check lib` in a folder without `mix.exs`: keep `lib/` in the
            // names, which is what decides the files' scope there.
            let scope_folder = abs
                .file_name()
                .is_some_and(|n| matches!(n.to_str(), Some("lib" | "test" | "config" | "apps")));
            return match abs.parent() {
                Some(parent) if scope_folder => Naming::FromArgument(parent.to_path_buf()),
                _ => Naming::FromArgument(abs),
            };
        }
        Naming::FromHere(absolute(Path::new(".")))
    }

    fn name(&self, file: &Path, finder: &mut MixFinder) -> String {
        match self {
            Naming::FromArgument(base) => file.strip_prefix(base).map(slash_path),
            Naming::FromHere(here) => file.strip_prefix(here).map(slash_path),
        }
        .unwrap_or_else(|_| {
            let root = file.parent().and_then(|d| finder.nearest(d));
            match root.and_then(|r| file.strip_prefix(r).ok().map(slash_path)) {
                Some(rel) => rel,
                None => slash_path(file),
            }
        })
    }
}

/// The directory a relative path is taken from and the configuration is looked
/// for in: the nearest folder at or above the argument that holds a `mix.exs`; else
/// the argument itself for a directory, the current directory for a file.
pub fn root_of(arg: &Path) -> PathBuf {
    let abs = absolute(arg);
    let start = if arg.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    if let Some(root) = start.and_then(|d| d.ancestors().find(|d| d.join("mix.exs").is_file())) {
        return root.to_path_buf();
    }
    if arg.is_dir() {
        arg.to_path_buf()
    } else {
        PathBuf::from(".")
    }
}

/// `(file name, text)` of a configuration file.
pub type ConfigText = (String, String);

/// Read the Elixir files of a zip archive, within `limits`, and its configuration.
pub fn read_archive(
    arg: &Path,
    limits: &archive::Limits,
) -> Result<(Vec<Input>, Option<ConfigText>), String> {
    let name = arg.display().to_string();
    let meta = std::fs::metadata(arg).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    // Do not read a huge file into memory to learn that it holds too much. Other
    // files (assets) may sit beside the Elixir files, hence the margin.
    let cap = limits.max_total_bytes.saturating_mul(4);
    if meta.len() > cap {
        return Err(format!(
            "`{name}` is {}, more than the {} a project archive may be; \
             analyse the extracted directory instead",
            archive::human_bytes(meta.len()),
            archive::human_bytes(cap)
        ));
    }
    let bytes = std::fs::read(arg).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let project =
        archive::read_zip(&bytes, limits).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    drop(bytes);
    for (entry, reason) in &project.skipped {
        // Other files and vendored directories are expected; anything else is news.
        if reason != "not an Elixir source file" && !entry.ends_with('/') {
            eprintln!("otp-audit: `{name}`: skipping `{entry}`: {reason}");
        }
    }
    let mix = mix_dirs(project.files.iter().map(|f| f.path.as_str()));
    let inputs = project
        .files
        .into_iter()
        .map(|f| Input {
            origin: Origin::Memory {
                container: name.clone(),
                bytes: f.bytes,
            },
            scope: FileScope::classify(&f.path, &mix),
            path: f.path,
            explicit: false,
        })
        .collect();
    Ok((inputs, project.config))
}

/// A file found, before duplicates are merged.
struct Found {
    input: Input,
    /// The file with every symbolic link resolved: one file, one analysis.
    real: PathBuf,
    /// Reached through a symbolic link (the direct path wins over it).
    via_link: bool,
}

/// Expand the arguments into files, each once, sorted by path for stable output.
/// A directory's files are scoped by the Mix project holding them and named
/// relative to where the user ran the command (or to the directory when it is a
/// project's root), so `otp-audit check lib` checks `lib/` as production code.
pub fn collect(args: &[PathBuf]) -> Result<Collected, String> {
    let mut out = Collected::default();
    let mut found: Vec<Found> = Vec::new();
    let mut finder = MixFinder::default();
    for arg in args {
        let meta =
            std::fs::metadata(arg).map_err(|e| format!("cannot read `{}`: {e}", arg.display()))?;
        if meta.is_file() && is_zip(arg) {
            let (inputs, config) = read_archive(arg, &archive::Limits::default())?;
            out.inputs.extend(inputs);
            if out.archive_config.is_none() {
                out.archive_config = config;
            }
            out.from_archive = true;
            continue;
        }
        let naming = Naming::for_argument(arg, meta.is_dir(), &mut finder);
        if meta.is_file() {
            let abs = absolute(arg);
            let path = naming.name(&abs, &mut finder);
            found.push(Found {
                real: std::fs::canonicalize(arg).unwrap_or_else(|_| abs.clone()),
                input: Input {
                    origin: Origin::Disk(arg.clone()),
                    scope: finder.scope_of(&abs, &path),
                    path,
                    explicit: true,
                },
                via_link: false,
            });
            continue;
        }
        let walk = Walk {
            naming: &naming,
            boundary: project_boundary(arg, &mut finder),
        };
        walk.run(arg, &mut finder, &mut found, &mut out.skipped)?;
    }
    out.inputs.extend(merge_duplicates(found));
    out.inputs.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then_with(|| match (&a.origin, &b.origin) {
                (Origin::Disk(x), Origin::Disk(y)) => x.cmp(y),
                _ => a.display().cmp(&b.display()),
            })
    });
    out.skipped.sort();
    out.skipped.dedup();
    Ok(out)
}

/// One input per real file. Of the names it was reached by, the one in a scope
/// with rules wins (`lib/` linked to a shared folder is compiled as `lib/`), then
/// the name without a symbolic link, then the first by name.
fn merge_duplicates(mut found: Vec<Found>) -> Vec<Input> {
    let key = |f: &Found| (f.input.scope == FileScope::Other, f.via_link);
    found.sort_by(|a, b| (&a.real, key(a), &a.input.path).cmp(&(&b.real, key(b), &b.input.path)));
    found.dedup_by(|later, first| later.real == first.real);
    found.into_iter().map(|f| f.input).collect()
}

/// Where a symbolic link may lead and still be followed: the outermost Mix project
/// holding the directory, else the directory itself (with links resolved).
fn project_boundary(dir: &Path, finder: &mut MixFinder) -> PathBuf {
    let abs = absolute(dir);
    let top = finder
        .projects_holding(&abs)
        .first()
        .cloned()
        .unwrap_or(abs);
    std::fs::canonicalize(&top).unwrap_or(top)
}

/// Whether a symbolic link found by the walk may be followed: it must resolve
/// inside `boundary`. A link out of it to a folder or an Elixir file is listed in
/// `outside`; a broken link, or one to another kind of file, is passed over.
fn link_stays_inside(link: &Path, boundary: &Path, outside: &Mutex<Vec<PathBuf>>) -> bool {
    let Ok(target) = std::fs::canonicalize(link) else {
        return false;
    };
    if target.starts_with(boundary) {
        return true;
    }
    if target.is_dir() || (target.is_file() && is_elixir(link)) {
        outside
            .lock()
            .expect("no panics while holding")
            .push(link.to_path_buf());
    }
    false
}

/// The walk of one directory argument, by the `ignore` crate (ripgrep's walker):
/// `.gitignore`, `.ignore` and git's global excludes are honoured unless
/// `--no-ignore`; a link loop ends as an error entry, which is passed over. The
/// walk is serial (the Mix-project memo is not shared between threads); the
/// analysis after it is what takes the time.
struct Walk<'a> {
    naming: &'a Naming,
    boundary: PathBuf,
}

impl Walk<'_> {
    fn run(
        &self,
        arg: &Path,
        finder: &mut MixFinder,
        found: &mut Vec<Found>,
        skipped: &mut Vec<Skipped>,
    ) -> Result<(), String> {
        let honour = HONOUR_IGNORE_FILES.load(Ordering::Relaxed);
        let outside = Arc::new(Mutex::new(Vec::new()));
        let (boundary, links_out) = (self.boundary.clone(), outside.clone());
        let walk = ignore::WalkBuilder::new(arg)
            .standard_filters(honour)
            // Hidden files are Elixir files like any other; `.git/` is skipped below.
            .hidden(false)
            // A project's .gitignore means what it says without a .git folder
            // (a zip download, a copy).
            .require_git(false)
            .follow_links(true)
            .filter_entry(move |entry| {
                let skipped_dir = SKIPPED_DIRS.iter().any(|s| entry.file_name() == *s)
                    && !entry.file_type().is_some_and(|t| t.is_file());
                !skipped_dir
                    && (!entry.path_is_symlink()
                        || link_stays_inside(entry.path(), &boundary, &links_out))
            })
            .build();
        // The files below `arg` resolve to the same place under its real path,
        // unless a symbolic link took the walk elsewhere.
        let real_arg = std::fs::canonicalize(arg).unwrap_or_else(|_| absolute(arg));
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => match e.io_error() {
                    // A folder that cannot be listed; a broken link or a loop is not news.
                    Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                        return Err(format!(
                            "cannot list a folder in `{}`: {e}; fix its permissions or name the folders to check",
                            arg.display()
                        ));
                    }
                    _ => continue,
                },
            };
            let p = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_elixir(p) {
                continue;
            }
            let real = std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
            let via_link = p
                .strip_prefix(arg)
                .map_or(true, |rel| real != real_arg.join(rel));
            self.add(p.to_path_buf(), real, via_link, finder, found);
        }
        let outside = std::mem::take(&mut *outside.lock().expect("no panics while holding"));
        for link in outside {
            skipped.push(Skipped {
                path: self.naming.name(&absolute(&link), finder),
                reason: SkipReason::SymlinkOutside,
            });
        }
        Ok(())
    }

    fn add(
        &self,
        file: PathBuf,
        real: PathBuf,
        via_link: bool,
        finder: &mut MixFinder,
        found: &mut Vec<Found>,
    ) {
        let abs = absolute(&file);
        let path = self.naming.name(&abs, finder);
        found.push(Found {
            real,
            input: Input {
                origin: Origin::Disk(file),
                scope: finder.scope_of(&abs, &path),
                path,
                explicit: false,
            },
            via_link,
        });
    }
}
