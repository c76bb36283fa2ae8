//! Lists one example per rule for the playground's examples menu: for each rule,
//! the smallest of its fixture files that has a finding of it (a `#~ group/name`
//! marker). The files are embedded with `include_str!`, so they stay the fixtures.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let rules = manifest.join("../crates/otp-audit-engine/src/rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut out = String::from("pub static EXAMPLES: &[Example] = &[\n");
    let mut groups: Vec<PathBuf> = dirs(&rules);
    groups.sort();
    for group in groups {
        let mut names = dirs(&group);
        names.sort();
        for rule_dir in names {
            let id = format!(
                "{}/{}",
                file_name(&group),
                file_name(&rule_dir).replace('_', "-")
            );
            let marker = format!("#~ {id}");
            let mut files = Vec::new();
            walk(&rule_dir, &mut files);
            let best = files
                .into_iter()
                .filter_map(|p| {
                    let text = std::fs::read_to_string(&p).ok()?;
                    // A finding only a whole-project run makes cannot show alone.
                    let alone = !text.contains("# fixture: needs the project");
                    (text.contains(&marker) && alone).then_some((text.len(), p))
                })
                .min();
            let Some((_, path)) = best else { continue };
            let virtual_path = path
                .strip_prefix(&rule_dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let abs = path.canonicalize().expect("fixture exists");
            writeln!(
                out,
                "    Example {{ rule: {id:?}, path: {virtual_path:?}, raw: include_str!({:?}) }},",
                abs.to_string_lossy()
            )
            .expect("write to a string");
        }
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("examples.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn file_name(p: &Path) -> String {
    p.file_name().expect("named").to_string_lossy().into_owned()
}

fn dirs(p: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            let name = file_name(&p);
            if (name.ends_with(".ex") || name.ends_with(".exs")) && name != ".credo.exs" {
                out.push(p);
            }
        }
    }
}
