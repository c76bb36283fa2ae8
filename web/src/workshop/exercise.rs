//! One exercise: the brief, the editor, live findings and behaviour checks, hints and
//! the guide. The presenter view is the same exercise in large type, with findings
//! and guide side by side and a step that reveals the model solution as a diff.

use super::catalog::Route;
use super::{Ws, with_checker, with_highlighter};
use crate::shared::{diff_html, message_view};
use crate::text;
use leptos::prelude::*;
use otp_audit_workshop::{Exercise, Verdict};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

thread_local! {
    /// How long the last check took, in ms, shown on the status for tests and trainers.
    static LAST_CHECK_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

fn check(ex: &Exercise, code: &str) -> Verdict {
    let t0 = crate::shared::dom::now();
    let v = with_checker(|c| c.check(ex, code));
    LAST_CHECK_MS.with(|m| m.set(crate::shared::dom::now() - t0));
    v
}

/// The code as highlighted HTML lines, for the layer under the textarea.
fn highlighted(code: &str) -> String {
    let mut html = with_highlighter(|h| h.snippet_html(code));
    // A trailing newline needs a line of its own, or the layer is one line short.
    if code.ends_with('\n') || code.is_empty() {
        html.push_str("\n ");
    }
    html
}

/// Select a finding's code in the editor and scroll its line into view (a third
/// from the top), so the attendee sees what it points at.
fn select_in_editor(editor: NodeRef<leptos::html::Textarea>, (start, end): (usize, usize)) {
    let Some(t) = editor.get_untracked() else {
        return;
    };
    let value = t.value();
    if end > value.len() || !value.is_char_boundary(start) || !value.is_char_boundary(end) {
        return;
    }
    let _ = t.focus();
    let _ = t.set_selection_range(
        text::utf16_of_byte(&value, start) as u32,
        text::utf16_of_byte(&value, end) as u32,
    );
    let line = value[..start].matches('\n').count() as f64;
    let lines = (value.matches('\n').count() + 1) as f64;
    let line_px = f64::from(t.scroll_height()) / lines;
    let top = line * line_px - f64::from(t.client_height()) / 3.0;
    t.set_scroll_top(top.max(0.0) as i32);
}

/// `1\n2\n…`: the gutter's line numbers for `code`.
fn line_numbers(code: &str) -> String {
    let n = code.matches('\n').count() + 1;
    (1..=n)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
pub fn ExerciseView(ws: Ws, id: String, presenter: bool) -> impl IntoView {
    let found = ws
        .catalog
        .with_untracked(|c| c.exercise(&id).map(|(p, e)| (p.title.clone(), e.clone())));
    let Some((pack_title, ex)) = found else {
        return view! {
            <div class="page ws-missing">
                <h2>"No exercise “" {id.clone()} "” here"</h2>
                <p>"It may belong to a trainer pack that is not loaded on this machine. "
                   <a href="#/workshop">"Back to the exercises"</a>" to load the pack or pick another one."</p>
            </div>
        }
        .into_any();
    };
    let next = ws
        .catalog
        .with_untracked(|c| c.next_after(&id).map(|e| (e.id.clone(), e.title.clone())));
    let initial = ws
        .progress
        .with_untracked(|p| p.drafts.get(&id).cloned())
        .unwrap_or_else(|| ex.start.clone());
    let code = RwSignal::new(initial.clone());
    let ex_for_check = ex.clone();
    let verdict = Memo::new(move |_| code.with(|c| check(&ex_for_check, c)));
    let guide_ref = RwSignal::new(Some(format!("{}#how-to-fix", ex.rules[0])));
    let editor = NodeRef::<leptos::html::Textarea>::new();
    let revealed = RwSignal::new(false);

    // Progress: a solve is kept; the draft follows the editor.
    let ex_id = id.clone();
    Effect::new(move |_| {
        let solved = verdict.with(|v| v.solved);
        if solved && !ws.progress.with_untracked(|p| p.is_solved(&ex_id)) {
            ws.update_progress(|p| {
                p.solved.insert(ex_id.clone());
            });
            ws.notice.set(Some(
                "Solved! Your progress is saved in this browser.".into(),
            ));
        }
    });
    let ex_id = id.clone();
    let start = ex.start.clone();
    Effect::new(move |first: Option<()>| {
        let text = code.get();
        if first.is_some() {
            ws.update_progress(|p| {
                if text == start {
                    p.drafts.remove(&ex_id);
                } else {
                    p.drafts.insert(ex_id.clone(), text);
                }
            });
        }
    });

    let set_code = move |text: String| {
        if let Some(t) = editor.get_untracked() {
            t.set_value(&text);
        }
        code.set(text);
    };

    let hint_id = id.clone();
    let hints_shown = move || {
        ws.progress
            .with(|p| p.hints.get(&hint_id).copied().unwrap_or(0) as usize)
    };
    let hints = ex.hints.clone();
    let hint_count = hints.len();
    let hint_id = id.clone();
    let more_hint = move |_: web_sys::MouseEvent| {
        ws.update_progress(|p| {
            let n = p.hints.entry(hint_id.clone()).or_default();
            *n = (*n + 1).min(hint_count as u32);
        })
    };

    let hs = hints_shown.clone();
    let hints_view = move || {
        hints
            .iter()
            .take(hs())
            .enumerate()
            .map(|(i, h)| {
                let link = h.guide.clone().map(|g| {
                    let g2 = g.clone();
                    let g3 = g.clone();
                    view! {
                        " "
                        <a href="#" data-guide=g3 on:click=move |ev| {
                            ev.prevent_default();
                            guide_ref.set(Some(g2.clone()));
                        }>"Open the guide: " {g}</a>
                    }
                });
                view! { <li data-testid="hint-text" data-index=i>{h.text.clone()}{link}</li> }
            })
            .collect_view()
    };

    let status = move || {
        verdict.with(|v| {
            let solved = v.solved;
            let failed = v.failed_check().unwrap_or_default().to_string();
            let text = match v.reason() {
                None => "Solved: the targeted findings are gone and every behaviour check holds."
                    .to_string(),
                Some(r) => r,
            };
            view! {
                <div class=if solved { "ws-status solved" } else { "ws-status open" }
                    data-testid="exercise-status" data-solved=solved.to_string()
                    data-failed-check=failed role="status"
                    data-check-ms=format!("{:.2}", LAST_CHECK_MS.with(|m| m.get()))>
                    <span class="ws-status-mark">{if solved { "✓" } else { "✗" }}</span>
                    " " {text}
                </div>
            }
        })
    };

    let checks = move || {
        verdict.with(|v| {
            v.checks
                .iter()
                .map(|c| {
                    view! {
                        <li data-testid="check" data-passed=c.passed.to_string()
                            class=if c.passed { "pass" } else { "fail" }>
                            {if c.passed { "✓ " } else { "✗ " }}{c.label.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let rules = ex.rules.clone();
    let findings = move || {
        verdict.with(|v| {
            if v.findings.is_empty() {
                return view! { <p class="empty">"No findings."</p> }.into_any();
            }
            v.findings
                .iter()
                .map(|f| {
                    let targeted = rules.contains(&f.rule);
                    let g = f.guide.clone();
                    let range = (f.start.byte as usize, f.end.byte as usize);
                    view! {
                        <li data-testid="finding" data-rule=f.rule.clone() data-line=f.start.line
                            class=format!("finding{}", if targeted { " targeted" } else { "" })
                            on:click=move |_| {
                                guide_ref.set(Some(g.clone()));
                                select_in_editor(editor, range);
                            }>
                            <div class="row-head">
                                <span class=format!("sev {}", f.severity.as_str())>{f.severity.as_str()}</span>
                                <span class="rule">{f.rule.clone()}</span>
                                {targeted.then(|| view! { <span class="fixable">"targeted"</span> })}
                                <span class="pos">{format!("line {}", f.start.line)}</span>
                            </div>
                            <div class="msg">{message_view(&f.message)}</div>
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };

    let guide_body = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let r = guide_ref.get();
        let Some(body) = guide_body.get() else { return };
        let body: HtmlElement = body.unchecked_into();
        let html = r
            .as_deref()
            .and_then(|r| with_highlighter(|h| crate::guide::page_html(r, h)));
        crate::shared::show_guide_page(&body, r.as_deref(), html.as_deref());
    });
    // The presenter's guide is folded; a page asked for (a finding, a hint's link)
    // unfolds it.
    let guide_box = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |first: Option<()>| {
        guide_ref.track();
        if first.is_some()
            && let Some(b) = guide_box.get_untracked()
        {
            b.set_open(true);
        }
    });
    let guide_click = move |ev: web_sys::MouseEvent| {
        if let Some(target) = crate::shared::guide_link(&ev) {
            guide_ref.set(Some(target));
        }
    };

    let layer = NodeRef::<leptos::html::Pre>::new();
    let gutter = NodeRef::<leptos::html::Pre>::new();
    let on_scroll = move |_| {
        if let (Some(t), Some(l)) = (editor.get_untracked(), layer.get_untracked()) {
            l.set_scroll_top(t.scroll_top());
            l.set_scroll_left(t.scroll_left());
        }
        if let (Some(t), Some(g)) = (editor.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(t.scroll_top());
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(t) = editor.get_untracked() else {
            return;
        };
        let t: HtmlTextAreaElement = t;
        let value = t.value();
        let s = text::byte_of_utf16(
            &value,
            t.selection_start().ok().flatten().unwrap_or(0) as usize,
        );
        let e = text::byte_of_utf16(
            &value,
            t.selection_end().ok().flatten().unwrap_or(0) as usize,
        );
        if let Some(edit) = text::indent(&value, s, e, ev.shift_key()) {
            ev.prevent_default();
            let new = format!(
                "{}{}{}",
                &value[..edit.start],
                edit.replacement,
                &value[edit.end..]
            );
            t.set_value(&new);
            let _ = t.set_selection_range(
                text::utf16_of_byte(&new, edit.sel_start) as u32,
                text::utf16_of_byte(&new, edit.sel_end) as u32,
            );
            code.set(new);
        }
    };

    let start_for_reset = ex.start.clone();
    let solution = ex.solution.clone();
    let solution_for_load = ex.solution.clone();
    let diff = diff_html(&ex.start, &ex.solution);
    let other_view = if presenter {
        (Route::Exercise(id.clone()).href(), "Exercise view")
    } else {
        (Route::Present(id.clone()).href(), "Presenter view")
    };
    let track_title = ws.catalog.with_untracked(|c| {
        c.tracks()
            .find(|(p, t)| p.title == pack_title && t.id == ex.track)
            .map(|(_, t)| t.title.clone())
            .unwrap_or_default()
    });
    let more_hints = hints_shown.clone();
    let guide_page = move || {
        guide_ref
            .get()
            .map(|r| r.split('#').next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let guide_inner = view! {
        <div class="guide-head">
            <span class="guide-page">{guide_page}</span>
            <button class="subtle" on:click=move |_| guide_ref.set(Some("patterns".into()))
                title="The migration guide's patterns MG-1 to MG-9: the moves that fix most findings">"Migration patterns"</button>
        </div>
        <div class="guide-body" data-testid="guide" node_ref=guide_body on:click=guide_click></div>
    };

    view! {
        <div class=if presenter { "ws-ex ws-present" } else { "ws-ex" } data-testid="exercise-view" data-id=id.clone()>
            <section class="ws-ex-head">
                <p class="ws-crumbs"><a href="#/workshop">"Exercises"</a>" › " {track_title}</p>
                <h2>{ex.title.clone()}</h2>
                <p class="ws-brief">{ex.brief.clone()}</p>
                <p class="ws-meta">
                    <code class="ws-path">{ex.path.clone()}</code>
                    " targets "
                    {ex.rules.iter().map(|r| { let g = r.clone(); view! {
                        <a href="#" class="ws-rule" on:click=move |ev| { ev.prevent_default(); guide_ref.set(Some(g.clone())); }><code>{r.clone()}</code></a>" "
                    }}).collect_view()}
                </p>
                <p class="ws-actions">
                    <button class="subtle" data-testid="reset-code" on:click=move |_| set_code(start_for_reset.clone())>"Start over"</button>
                    <a href=other_view.0 data-testid="switch-view">{other_view.1}</a>
                    {next.map(|(nid, title)| view! { <a href=Route::Exercise(nid).href() data-testid="next-exercise">"Next: " {title}</a> })}
                </p>
            </section>
            <section class="ws-work">
                <div class="ws-editor-pane">
                    <div class="ws-editor">
                        <pre class="ws-gutter" aria-hidden="true" node_ref=gutter>{move || code.with(|c| line_numbers(c))}</pre>
                        <pre class="ws-layer" aria-hidden="true" node_ref=layer inner_html=move || code.with(|c| highlighted(c))></pre>
                        <textarea
                            class="ws-textarea"
                            data-testid="editor"
                            node_ref=editor
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            wrap="off"
                            aria-label=format!("{} (Tab indents)", ex.path)
                            prop:value=initial
                            on:input=move |ev| code.set(event_target_value(&ev))
                            on:scroll=on_scroll
                            on:keydown=on_keydown
                        ></textarea>
                    </div>
                    {status}
                    <ul class="ws-checks" aria-label="Behaviour checks">{checks}</ul>
                </div>
                <div class="ws-findings">
                    <h3>"Findings"</h3>
                    <ul class="findings" id="findings">{findings}</ul>
                    // Folded in the presenter view until the room needs them.
                    <details class="ws-hints" data-testid="hints-box" open=!presenter>
                        <summary><h3>"Hints"</h3></summary>
                        <ol class="ws-hint-list">{hints_view}</ol>
                        <button data-testid="hint" disabled={move || more_hints() >= hint_count} on:click=more_hint>
                            {move || if hints_shown() >= hint_count { "No more hints".to_string() } else { format!("Show hint {} of {hint_count}", hints_shown() + 1) }}
                        </button>
                    </details>
                    {presenter.then(|| view! {
                        <div class="ws-reveal">
                            {move || if revealed.get() {
                                let load = solution_for_load.clone();
                                let whole = solution.clone();
                                view! {
                                    <h3>"Model solution"</h3>
                                    <div class="preview-body" data-testid="solution-diff" inner_html=diff.clone()></div>
                                    <button data-testid="load-solution" on:click=move |_| set_code(load.clone())>"Put it in the editor"</button>
                                    <details><summary>"Whole file"</summary><pre class="code">{whole}</pre></details>
                                }.into_any()
                            } else {
                                view! { <button data-testid="reveal-solution" on:click=move |_| revealed.set(true)>"Reveal the solution"</button> }.into_any()
                            }}
                        </div>
                    })}
                </div>
                <aside class="ws-guide guide" aria-label="Migration guide">
                    {if presenter {
                        view! {
                            <details class="ws-guide-box" data-testid="guide-box" node_ref=guide_box>
                                <summary><h3>"Guide: " {guide_page}</h3></summary>
                                {guide_inner}
                            </details>
                        }.into_any()
                    } else {
                        guide_inner.into_any()
                    }}
                </aside>
            </section>
        </div>
    }
    .into_any()
}
