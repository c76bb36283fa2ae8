//! Finding the Elixir files to analyse and naming them relative to their project:
//! files and directories on disk, or the entries of a zip archive.

use otp_audit_project::archive;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

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

/// A file to analyse: where it is, and its project-relative path.
#[derive(Debug, Clone)]
pub struct Input {
    pub origin: Origin,
    pub path: String,
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
}

/// What the arguments name: the files, and a configuration found inside an archive.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// `(file name, text)` of an `otp-audit.toml` or `.credo.exs` at an archive's root.
    pub archive_config: Option<ConfigText>,
    pub from_archive: bool,
}

fn is_elixir(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ex" || e == "exs")
}

pub fn is_zip(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

fn slash_path(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The directory a relative path is taken from: the argument itself for a directory;
/// for a file, the nearest ancestor with a `mix.exs`, else the current directory.
pub fn root_of(arg: &Path) -> PathBuf {
    if arg.is_dir() {
        return arg.to_path_buf();
    }
    let abs = std::path::absolute(arg).unwrap_or_else(|_| arg.to_path_buf());
    abs.ancestors()
        .skip(1)
        .find(|d| d.join("mix.exs").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
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
    let inputs = project
        .files
        .into_iter()
        .map(|f| Input {
            origin: Origin::Memory {
                container: name.clone(),
                bytes: f.bytes,
            },
            path: f.path,
        })
        .collect();
    Ok((inputs, project.config))
}

/// Expand the arguments into files, sorted by path for stable output.
pub fn collect(args: &[PathBuf]) -> Result<Collected, String> {
    let mut out = Collected::default();
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
        if meta.is_file() {
            let root = root_of(arg);
            let abs = std::path::absolute(arg).unwrap_or_else(|_| arg.clone());
            let root_abs = std::path::absolute(&root).unwrap_or(root);
            let rel = abs
                .strip_prefix(&root_abs)
                .map(slash_path)
                .unwrap_or_else(|_| slash_path(arg));
            out.inputs.push(Input {
                origin: Origin::Disk(arg.clone()),
                path: rel,
            });
            continue;
        }
        let mut stack = vec![arg.clone()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| format!("cannot list `{}`: {e}", dir.display()))?;
            for entry in entries.flatten() {
                let p = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    let name = entry.file_name();
                    if !SKIPPED_DIRS.iter().any(|s| name == *s) {
                        stack.push(p);
                    }
                } else if kind.is_file() && is_elixir(&p) {
                    let rel = slash_path(p.strip_prefix(arg).unwrap_or(&p));
                    out.inputs.push(Input {
                        origin: Origin::Disk(p),
                        path: rel,
                    });
                }
            }
        }
    }
    out.inputs.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then_with(|| match (&a.origin, &b.origin) {
                (Origin::Disk(x), Origin::Disk(y)) => x.cmp(y),
                _ => a.display().cmp(&b.display()),
            })
    });
    out.inputs.dedup_by(|a, b| match (a.disk(), b.disk()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    });
    Ok(out)
}
