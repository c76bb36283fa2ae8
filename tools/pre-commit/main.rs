//! `otp-audit-hook`: the `otp-audit` command line under the name the pre-commit
//! hooks run (`.pre-commit-hooks.yaml`); see the root `Cargo.toml` for why.

fn main() -> std::process::ExitCode {
    otp_audit_cli::main()
}
