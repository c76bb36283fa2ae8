//! The remediation report: TODO
