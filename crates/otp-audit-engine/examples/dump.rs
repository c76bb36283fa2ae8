fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut p = tree_sitter::Parser::new();
    p.set_language(&otp_audit_engine::language()).unwrap();
    let t = p.parse(&src, None).unwrap();
    print(t.root_node(), &src, 0, None);
}
fn print(n: tree_sitter::Node, src: &str, depth: usize, field: Option<&str>) {
    let text = if n.child_count() == 0 {
        format!(" {:?}", &src[n.byte_range()])
    } else {
        String::new()
    };
    let f = field.map(|f| format!("{f}: ")).unwrap_or_default();
    println!(
        "{}{}{}{}{}",
        "  ".repeat(depth),
        f,
        if n.is_named() {
            n.kind().to_string()
        } else {
            format!("'{}'", n.kind())
        },
        text,
        if n.is_missing() { " MISSING" } else { "" }
    );
    let mut c = n.walk();
    for (i, ch) in n.children(&mut c).enumerate() {
        print(ch, src, depth + 1, n.field_name_for_child(i as u32));
    }
}
