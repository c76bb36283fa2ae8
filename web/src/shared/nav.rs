//! The header pieces every section carries: the links to the sections and the theme
//! button (its choice kept in localStorage for the next visit).

use super::dom;
use crate::sections::Section;
use leptos::prelude::*;

const THEME_KEY: &str = "otp-audit-theme";

fn save_theme(theme: &str) {
    dom::storage_set(THEME_KEY, theme);
}

fn load_theme() -> Option<String> {
    dom::storage_get(THEME_KEY)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

/// The theme button (system, light, dark) that every section's header carries; the
/// choice is kept for the next visit.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::parse(&load_theme().unwrap_or_default()));
    Effect::new(move |_| {
        let theme = theme.get();
        if let Some(root) = dom::document().document_element() {
            match theme {
                Theme::System => {
                    let _ = root.remove_attribute("data-theme");
                }
                t => {
                    let _ = root.set_attribute("data-theme", t.as_str());
                }
            }
        }
        save_theme(theme.as_str());
    });
    view! {
        <button
            class="theme"
            data-testid="theme"
            on:click=move |_| theme.update(|t| *t = t.next())
            title="Theme: follow the system, light or dark"
        >
            {move || match theme.get() {
                Theme::System => "◐ System",
                Theme::Light => "☀ Light",
                Theme::Dark => "☾ Dark",
            }}
        </button>
    }
}

/// Links to the app's sections, the current one marked.
#[component]
pub fn SectionNav() -> impl IntoView {
    let hash = dom::window().location().hash().unwrap_or_default();
    let current = Section::of_hash(&hash);
    view! {
        <nav class="sections" aria-label="Sections">
            {Section::ALL
                .iter()
                .map(|&s| {
                    let here = s == current;
                    view! {
                        <a
                            href=s.href()
                            class:current=here
                            aria-current=if here { Some("page") } else { None }
                            data-testid=format!("nav-{}", s.key())
                        >
                            {s.title()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
