//! What every section uses: DOM helpers, the header's section links and theme
//! button, the guide view, the diff view, messages with code spans, module workers,
//! and the audit's last report (which the workshop quotes). The sections (`app`, the playground; `audit`; `workshop`) depend on this
//! layer and never on each other.

pub mod diff_view;
pub mod dom;
pub mod guide_view;
pub mod last_report;
pub mod message;
pub mod module_worker;
pub mod nav;

pub use diff_view::diff_html;
pub use guide_view::{guide_link, show_guide_page};
pub use message::message_view;
pub use nav::{SectionNav, ThemeToggle};
