//! Finding the Elixir files to analyse and naming them relative to their project.

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

/// A file to analyse: where it is on disk, and its project-relative path.
#[derive(Debug, Clone)]
pub struct Input {
    pub disk: PathBuf,
    pub path: String,
}

fn is_elixir(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ex" || e == "exs")
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

/// Expand the arguments into files, sorted by path for stable output.
pub fn collect(args: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for arg in args {
        let meta =
            std::fs::metadata(arg).map_err(|e| format!("cannot read `{}`: {e}", arg.display()))?;
        if meta.is_file() {
            let root = root_of(arg);
            let abs = std::path::absolute(arg).unwrap_or_else(|_| arg.clone());
            let root_abs = std::path::absolute(&root).unwrap_or(root);
            let rel = abs
                .strip_prefix(&root_abs)
                .map(slash_path)
                .unwrap_or_else(|_| slash_path(arg));
            out.push(Input {
                disk: arg.clone(),
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
                    out.push(Input { disk: p, path: rel });
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.disk.cmp(&b.disk)));
    out.dedup_by(|a, b| a.disk == b.disk);
    Ok(out)
}
