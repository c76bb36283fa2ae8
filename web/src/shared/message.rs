//! Messages (findings, errors, notes) with their backquoted spans set as code.

use leptos::prelude::*;

/// A message with its `code` spans set in code type.
pub fn message_view(message: &str) -> impl IntoView + use<> {
    message
        .split('`')
        .enumerate()
        .map(|(k, part)| {
            let part = part.to_string();
            if k % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
