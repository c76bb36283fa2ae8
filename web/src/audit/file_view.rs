//! One file of the report: its source highlighted as in the playground with the
//! findings underlined and their messages inline under their lines, each with its
//! fixes (previewed as a diff) and its guide page beside the code. A report opened
//! from JSON has no source: each finding shows its code frame (the report's
//! snippet) instead.

use super::route::View;
use super::state::Audit;
use crate::highlight::{Highlighter, Mark, render_lines};
use crate::shared::message_view;
use leptos::prelude::*;
use otp_audit_engine::{Finding, Safety};
use std::cell::RefCell;

thread_local! {
    /// One highlighter for the section: building its query is the costly part.
    static HL: RefCell<Option<Highlighter>> = const { RefCell::new(None) };
}

fn with_hl<T>(f: impl FnOnce(&mut Highlighter) -> T) -> T {
    HL.with(|h| f(h.borrow_mut().get_or_insert_with(Highlighter::new)))
}

/// The lines of `text` as highlighted HTML (escaped by the highlighter).
fn highlighted(text: &str, marks: &[Mark]) -> Vec<String> {
    with_hl(|hl| {
        hl.reset();
        hl.update(text);
        render_lines(text, hl.classes(), marks)
    })
}

fn guide_html(guide: &str) -> Option<String> {
    // Only the engine's own pages: a report's `guide` is a key, never content.
    with_hl(|hl| crate::guide::page_html(guide, hl))
}

/// A link between guide pages (`<a href="#" data-guide="rule/id">`) opens that page
/// here, instead of following `#`, which is the playground's fragment.
fn guide_link(ev: web_sys::MouseEvent, guide: RwSignal<Option<String>>) {
    if let Some(target) = crate::shared::guide_link(&ev) {
        guide.set(Some(target));
    }
}

fn finding_row(
    f: &Finding,
    source: Option<&str>,
    guide: RwSignal<Option<String>>,
    preview: RwSignal<Option<(String, String)>>,
) -> impl IntoView + use<> {
    let fixes = f
        .fixes
        .iter()
        .map(|fix| {
            let kind = if fix.safety == Safety::Safe {
                "safe"
            } else {
                "needs review"
            };
            let after = source.map(|s| (s.to_string(), crate::analysis::apply_fix(s, fix)));
            let title = fix.title.clone();
            match after {
                Some((before, after)) => view! {
                    <button class="fix" data-testid="preview-fix" on:click=move |_| {
                        preview.set(Some((title.clone(), crate::shared::diff_html(&before, &after))))
                    }>"Preview: "{message_view(&fix.title)}{format!(" ({kind})")}</button>
                }
                .into_any(),
                None => view! { <span class="fix">"Fix: "{message_view(&fix.title)}{format!(" ({kind})")}</span> }.into_any(),
            }
        })
        .collect_view();
    let g = f.guide.clone();
    view! {
        <div class="inline-finding" data-testid="inline-finding" data-rule=f.rule.clone()
            data-line=f.start.line.to_string()>
            <span class=match f.severity {
                otp_audit_engine::Severity::Error => "sev sev-error",
                otp_audit_engine::Severity::Warning => "sev sev-warning",
                otp_audit_engine::Severity::Info => "sev sev-info",
            }>{f.severity.as_str()}</span>" "
            <code class="rule">{f.rule.clone()}</code>" "
            <span class="msg">{message_view(&f.message)}</span>
            {(!f.scope.is_empty()).then(|| view! { <span class="scope">{format!(" (in {})", f.scope)}</span> })}
            <div class="actions">
                <button class="guide-link" data-testid="show-guide" on:click=move |_| guide.set(Some(g.clone()))>"Guide"</button>
                {fixes}
            </div>
        </div>
    }
}

pub fn file_view(a: &Audit, path: &str, rule: Option<&str>) -> impl IntoView + use<> {
    let findings: Vec<&Finding> = a.findings_in(path).collect();
    let known = a.file.files.iter().any(|f| f.path == path);
    let first = findings
        .iter()
        .find(|f| rule.is_none_or(|r| f.rule == r))
        .or(findings.first())
        .map(|f| f.guide.clone());
    let guide = RwSignal::new(first);
    let preview: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let source = a.source(path);
    let body = match source {
        Some(text) => {
            let marks: Vec<Mark> = findings
                .iter()
                .map(|f| Mark {
                    start: f.start.byte as usize,
                    end: f.end.byte as usize,
                    severity: f.severity,
                    selected: rule.is_some_and(|r| f.rule == r),
                })
                .collect();
            let lines = highlighted(text, &marks);
            let rows = lines
                .into_iter()
                .enumerate()
                .map(|(i, html)| {
                    let n = i as u32 + 1;
                    let here: Vec<_> = findings
                        .iter()
                        .filter(|f| f.end.line.max(f.start.line) == n)
                        .map(|f| finding_row(f, Some(text), guide, preview))
                        .collect();
                    view! {
                        <div class="code-line"><span class="ln">{n}</span><span class="src" inner_html=html></span></div>
                        {(!here.is_empty()).then(|| view! { <div class="inline-box">{here}</div> })}
                    }
                })
                .collect_view();
            view! { <div class="audit-code" data-testid="file-source">{rows}</div> }.into_any()
        }
        None => {
            let note = (!findings.is_empty()).then(|| {
                view! { <p class="audit-note">"The source is not at hand (a report opened from JSON, or restored after a reload): each finding shows its code frame."</p> }
            });
            let frames = findings
                .iter()
                .map(|f| {
                    let html = with_hl(|hl| hl.snippet_html(&f.snippet));
                    view! {
                        <div class="frame">
                            <div class="frame-head">{format!("line {}", f.start.line)}</div>
                            <pre class="snippet" inner_html=html></pre>
                            {finding_row(f, None, guide, preview)}
                        </div>
                    }
                })
                .collect_view();
            view! { <div class="audit-frames">{note}{frames}</div> }.into_any()
        }
    };
    let heading = if known {
        format!(
            "{path}: {}",
            crate::text::count(findings.len(), "finding", "findings")
        )
    } else {
        format!("{path} is not in this report")
    };
    view! {
        <div class="audit-file">
            <p><a href=View::Files(Default::default()).href()>"← all files"</a></p>
            <h3 data-testid="file-heading">{heading}</h3>
            <div class="audit-file-grid">
                {body}
                <aside class="audit-side">
                    {move || preview.get().map(|(title, html)| view! {
                        <div class="preview" data-testid="fix-preview">
                            <h4>{message_view(&title)}</h4>
                            <div inner_html=html></div>
                            <button on:click=move |_| preview.set(None)>"Close"</button>
                        </div>
                    })}
                    {move || guide.get().and_then(|g| guide_html(&g)).map(|html| view! {
                        <div class="guide-body" data-testid="guide" inner_html=html
                            on:click=move |ev: web_sys::MouseEvent| guide_link(ev, guide)></div>
                    })}
                </aside>
            </div>
        </div>
    }
}
