//! Native reference for the wasm parity test: reads a JSON bundle on stdin and
//! prints what `otp_check_bundle` answers for it.

use std::io::Read;

fn main() {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("otp-audit-bundle: cannot read stdin: {e}");
        std::process::exit(2);
    }
    println!("{}", otp_audit_wasm::run_bundle(&input));
}
