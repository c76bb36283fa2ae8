//! Prints how the engine resolves every call of a file: `cargo run -p otp-audit-workshop --example calls -- PATH < FILE`.
//! Handy when writing `calls` checks for a pack.
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "lib/x.ex".into());
    let mut src = String::new();
    std::io::stdin().read_to_string(&mut src).expect("stdin");
    let tree = otp_audit_engine::parse(&src);
    let file = otp_audit_engine::model::File::build(&path, &src, &tree);
    for c in &file.calls {
        println!("{}:{}", c.node.start_position().row + 1, c.mfa());
    }
    let checker = otp_audit_workshop::Checker::new();
    for f in checker.findings(&path, &src) {
        println!("finding {} line {}: {}", f.rule, f.start.line, f.message);
    }
}
