//! The model's node index (`File::nodes_of`) is filled during the model's own walk,
//! which skips some subtrees; rules trust it to hold exactly what a walk of the whole
//! tree finds. Checked on every fixture and on mangled fixtures (error recovery makes
//! odd trees).

use otp_audit_engine::model::File;
use otp_audit_engine::syntax::{descendants, grammar};
use proptest::prelude::*;
use std::path::Path;

fn fixture_sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("src/rules"), root.join("../../tests/precision")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for p in entries.flatten().map(|e| e.path()) {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ex" || x == "exs") {
                out.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out.sort();
    out
}

fn assert_index_is_whole_tree(src: &str) {
    let tree = otp_audit_engine::parse(src);
    let file = File::build("lib/x.ex", src, &tree);
    let k = &grammar().kinds;
    for kind in [
        k.atom,
        k.alias,
        k.keyword,
        k.list,
        k.string,
        k.sigil,
        k.unary_operator,
        k.tuple,
        k.after_block,
    ] {
        let walked: Vec<usize> = descendants(tree.root_node())
            .filter(|n| n.kind_id() == kind)
            .map(|n| n.id())
            .collect();
        let indexed: Vec<usize> = file.nodes_of(kind).iter().map(|n| n.id()).collect();
        assert_eq!(indexed, walked, "kind {kind} in:\n{src}");
    }
    // The parents the walk records are the tree's.
    for n in descendants(tree.root_node()) {
        assert_eq!(
            file.parent(n).map(|p| p.id()),
            n.parent().map(|p| p.id()),
            "parent of {} at {:?} in:\n{src}",
            n.kind(),
            n.byte_range()
        );
    }
}

#[test]
fn the_index_holds_every_node_of_its_kinds_on_every_fixture() {
    let sources = fixture_sources();
    assert!(sources.len() > 100, "fixtures not found: {}", sources.len());
    for src in &sources {
        assert_index_is_whole_tree(src);
    }
}

proptest! {
    #[test]
    fn the_index_holds_every_node_of_its_kinds_on_mangled_fixtures(
        pick in any::<prop::sample::Index>(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, "[a-z(){}\\[\\]\\n ,.:|>&@%\"#]{0,6}"), 1..6),
    ) {
        let sources = fixture_sources();
        let mut s = pick.get(&sources).clone();
        for (at, len, insert) in cuts {
            if s.is_empty() { break; }
            let mut start = at.index(s.len());
            while !s.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(s.len());
            while !s.is_char_boundary(end) { end -= 1; }
            s.replace_range(start..end.max(start), &insert);
        }
        assert_index_is_whole_tree(&s);
    }
}
