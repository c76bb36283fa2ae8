//! The `otp-audit` binary; the program is the library's (see `lib.rs`).

fn main() -> std::process::ExitCode {
    otp_audit_cli::main()
}
