//! The rule registry. One rule is one file, `rules/<group>/<name>.rs`, with its guide
//! page `<name>.md` and its fixtures in `<name>/` beside it; adding a rule means
//! adding its name here once.

pub use crate::rule::Rule;

macro_rules! declare_rules {
    ($($group:ident { $($rule:ident),* $(,)? })*) => {
        $(pub mod $group { $(pub mod $rule;)* })*
        /// Every rule, in a stable order.
        pub static ALL: &[&Rule] = &[$($(&$group::$rule::RULE,)*)*];
    };
}

declare_rules! {
    syntax { parse_error }
    otp {
        no_raw_send,
        no_erlang_send,
        reply_via_send,
        no_raw_spawn,
        no_process_dictionary,
        call_timeout,
        monitor_leak,
        genserver_callbacks,
        unsupervised_start,
        blocking_in_callback,
        handle_info_catch_all,
        task_async_unawaited,
        infinity_timeout,
        call_self,
        trap_exit_unhandled,
    }
    test {
        no_sleep,
        no_raw_spawn,
        no_sys_state,
        no_global_process,
        start_supervised,
        ets_cleanup,
        no_assertion,
        async_global_state,
        telemetry_detach,
    }
    code { nesting, unused_operation }
    sec { unsafe_atom }
    config { compile_time_env }
    meta { unused_suppression }
}

pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// What a rule file needs, in one import.
pub mod prelude {
    pub use crate::config::ParamValue;
    pub use crate::finding::{Edit, Fix, Safety, Severity};
    pub use crate::hashed::{self, NameSet};
    pub use crate::model::{Call, Ctx, Def, File, Module, Runner, Test, TestKind};
    pub use crate::rule::{
        ALL_SCOPES, CODE, Facts, Fixability, LIB, LIB_AND_TEST, ParamSpec, ProjectPass,
        ProjectReport, Report, Rule, TEST, each_fact,
    };
    pub use crate::supervisors;
    pub use crate::syntax::{self as ast, grammar, text};
    pub use tree_sitter::Node;
}
