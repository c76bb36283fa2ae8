//! The page: header (path, examples, share, theme), the editor, the findings panel
//! with fixes, and the guide and settings beside them.

mod core;
mod persist;
pub(crate) mod worker_client;

use self::core::{Dom, Published, with_core};
use crate::analysis::{self, Settings};
use crate::examples::{self, EXAMPLES};
use crate::share::{self, State};
use crate::shared::dom::{self, by_id, now};
use crate::shared::{
    SectionNav, ThemeToggle, diff_html, guide_link, message_view, show_guide_page,
};
use leptos::prelude::*;
use otp_audit_engine::config::ParamValue;
use otp_audit_engine::{Config, Finding, Safety, Severity, rules};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Guide,
    Settings,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Status {
    pub seq: u64,
    pub lines: usize,
    pub analysis_ms: f64,
    pub total_ms: f64,
    pub mode: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PreviewView {
    pub title: String,
    pub safety: Option<Safety>,
    pub html: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleRow {
    pub id: &'static str,
    pub title: &'static str,
    pub enabled: bool,
    pub severity: Severity,
    pub params: Vec<(&'static str, &'static str, ParamValue)>,
    pub changed: bool,
}

/// The reactive state the panels read.
#[derive(Clone, Copy)]
pub struct Ui {
    pub findings: RwSignal<Vec<Finding>>,
    pub selected: RwSignal<Option<usize>>,
    pub path: RwSignal<String>,
    pub settings: RwSignal<Settings>,
    pub config_error: RwSignal<Option<String>>,
    pub config_notes: RwSignal<Vec<String>>,
    /// What the pasted config text changes from the defaults (not the rule list's own
    /// toggles), one line per rule.
    pub config_changes: RwSignal<Vec<String>>,
    pub rules_view: RwSignal<Vec<RuleRow>>,
    pub guide_ref: RwSignal<Option<String>>,
    pub tab: RwSignal<Tab>,
    pub preview: RwSignal<Option<PreviewView>>,
    pub undo_len: RwSignal<usize>,
    /// The editor has the keyboard focus: the status bar shows the way out.
    pub editor_focus: RwSignal<bool>,
    pub share_url: RwSignal<Option<String>>,
    pub status: RwSignal<Status>,
    pub stale: RwSignal<bool>,
    pub notice: RwSignal<Option<String>>,
}

impl Ui {
    fn new(path: String, settings: Settings) -> Ui {
        Ui {
            findings: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            path: RwSignal::new(path),
            settings: RwSignal::new(settings),
            config_error: RwSignal::new(None),
            config_notes: RwSignal::new(Vec::new()),
            config_changes: RwSignal::new(Vec::new()),
            rules_view: RwSignal::new(Vec::new()),
            guide_ref: RwSignal::new(None),
            tab: RwSignal::new(Tab::Guide),
            preview: RwSignal::new(None),
            undo_len: RwSignal::new(0),
            editor_focus: RwSignal::new(false),
            share_url: RwSignal::new(None),
            status: RwSignal::new(Status::default()),
            stale: RwSignal::new(false),
            notice: RwSignal::new(None),
        }
    }
}

/// Mount the playground into `<body>`.
pub fn run() {
    let (initial, problem) = initial_state();
    let (config, config_error) = match initial.settings.to_config() {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e)),
    };
    let ui = Ui::new(initial.path.clone(), initial.settings.clone());
    ui.config_error.set(config_error);
    ui.config_notes.set(config.notes.clone());
    ui.config_changes.set(pasted_changes(&initial.settings));
    ui.rules_view.set(rule_rows(&config, &initial.settings));
    ui.notice.set(problem);
    leptos::mount::mount_to_body(move || view! { <Page ui=ui /> });

    let dom = Dom {
        textarea: by_id("editor"),
        layer: by_id("layer"),
        gutter: by_id("gutter"),
        code: by_id("code"),
        scroller: by_id("scroller"),
        tip: by_id("tip"),
    };
    wire_editor(ui, &dom);
    core::install(dom, initial.code, initial.path, initial.settings, config);
    core::analyse(ui, now());
    core::start_worker(ui);
    let window = dom::window();
    dom::listen(
        window.unchecked_ref(),
        "hashchange",
        move |_: web_sys::Event| {
            let hash = dom::window().location().hash().unwrap_or_default();
            match share::from_hash(&hash) {
                Some(Ok(state)) => restore(ui, state),
                Some(Err(e)) => ui.notice.set(Some(e)),
                None => {}
            }
        },
    );
    dom::expose("otpAuditReady", &JsValue::TRUE);
}

/// The state to start from: a share link, else the last session, else the default.
fn initial_state() -> (State, Option<String>) {
    let hash = dom::window().location().hash().unwrap_or_default();
    let mut problem = None;
    match share::from_hash(&hash) {
        Some(Ok(state)) => {
            // Loaded: later edits live in localStorage, so a reload keeps them.
            if let Ok(h) = dom::window().history() {
                let loc = dom::window().location();
                let url = format!(
                    "{}{}",
                    loc.pathname().unwrap_or_default(),
                    loc.search().unwrap_or_default()
                );
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
            }
            return (state, None);
        }
        Some(Err(e)) => problem = Some(e),
        None => {}
    }
    let state = persist::load().unwrap_or_else(|| State {
        code: examples::DEFAULT_CODE.to_string(),
        path: examples::DEFAULT_PATH.to_string(),
        settings: Settings::default(),
    });
    (state, problem)
}

/// Native listeners on the editor (not delegated: an `input` event dispatched on the
/// textarea without bubbling still counts).
fn wire_editor(ui: Ui, d: &Dom) {
    let ta: &web_sys::EventTarget = d.textarea.unchecked_ref();
    dom::listen(ta, "focus", move |_: web_sys::Event| {
        ui.editor_focus.set(true)
    });
    dom::listen(ta, "blur", move |_: web_sys::Event| {
        ui.editor_focus.set(false)
    });
    dom::listen(ta, "input", move |_: web_sys::Event| core::text_changed(ui));
    dom::listen(ta, "keydown", move |ev: web_sys::KeyboardEvent| {
        core::keydown(ui, &ev)
    });
    dom::listen(ta, "mousemove", move |ev: web_sys::MouseEvent| {
        core::hover(&ev)
    });
    dom::listen(ta, "mouseleave", move |_: web_sys::MouseEvent| {
        core::hide_tip()
    });
    let area = d.textarea.clone();
    dom::listen(ta, "scroll", move |_: web_sys::Event| {
        // The textarea is as large as its text; it must never scroll inside.
        area.set_scroll_top(0);
        area.set_scroll_left(0);
    });
    let gutter: &web_sys::EventTarget = d.gutter.unchecked_ref();
    dom::listen(gutter, "click", move |ev: web_sys::MouseEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-l]").ok().flatten());
        let line = target
            .and_then(|e| e.get_attribute("data-l"))
            .and_then(|v| v.parse::<usize>().ok());
        if let Some(i) =
            line.and_then(|l| with_core(|c| c.first_on_line(l.saturating_sub(1))).flatten())
        {
            core::select(ui, i, true, true);
        }
    });
}

/// Show an analysis in the panels.
pub(crate) fn publish(ui: Ui, p: Published, t0: f64) {
    let seq = with_core(|c| c.seq).unwrap_or(0);
    let total_ms = now() - t0;
    ui.findings.set(p.findings);
    ui.selected.set(p.selected);
    ui.stale.set(false);
    ui.status.set(Status {
        seq,
        lines: p.lines,
        analysis_ms: p.analysis_ms,
        total_ms,
        mode: p.mode,
    });
    let timing = js_sys::Object::new();
    for (k, v) in [
        ("seq", seq as f64),
        ("lines", p.lines as f64),
        ("analysisMs", p.analysis_ms),
        ("highlightMs", p.highlight_ms),
        ("renderMs", p.render_ms),
        ("totalMs", total_ms),
    ] {
        let _ = js_sys::Reflect::set(&timing, &k.into(), &v.into());
    }
    let _ = js_sys::Reflect::set(&timing, &"mode".into(), &p.mode.into());
    dom::expose("otpAuditTiming", &timing);
}

fn rule_rows(config: &Config, settings: &Settings) -> Vec<RuleRow> {
    rules::ALL
        .iter()
        .filter_map(|r| {
            let s = config.rule(r.id)?;
            Some(RuleRow {
                id: r.id,
                title: r.title,
                enabled: s.enabled,
                severity: s.severity,
                params: r
                    .params
                    .iter()
                    .map(|p| {
                        let v = s.params.get(p.name).cloned().unwrap_or_else(p.default);
                        (p.name, p.doc, v)
                    })
                    .collect(),
                changed: settings.rules.contains_key(r.id),
            })
        })
        .collect()
}

/// What the pasted config text alone changes.
fn pasted_changes(settings: &Settings) -> Vec<String> {
    analysis::parse_config_text(&settings.config_text)
        .map(|c| analysis::config_changes(&c))
        .unwrap_or_default()
}

/// Settings changed: rebuild the engine, or keep the last good one and say why.
fn apply_settings(ui: Ui) {
    let settings = ui.settings.get_untracked();
    let json = serde_json::to_string(&settings).expect("settings serialize");
    match settings.to_config() {
        Ok(config) => {
            close_preview(ui);
            ui.config_error.set(None);
            ui.config_notes.set(config.notes.clone());
            ui.config_changes.set(pasted_changes(&settings));
            ui.rules_view.set(rule_rows(&config, &settings));
            with_core(|c| {
                c.engine = otp_audit_engine::Engine::new(config);
                c.settings = settings;
                c.settings_json = json;
            });
            core::inputs_changed(ui);
        }
        Err(e) => {
            ui.config_error.set(Some(e));
            // Remember what was typed (for the link and the next visit); analyse with
            // the last good settings.
            with_core(|c| c.settings = settings);
        }
    }
}

/// Drop an open fix preview: after a path or settings change its fixes may no longer
/// exist, and Apply would only say "the code changed".
fn close_preview(ui: Ui) {
    if ui.preview.get_untracked().is_some() {
        ui.preview.set(None);
    }
    with_core(|c| c.pending = None);
}

fn set_path(ui: Ui, path: String) {
    close_preview(ui);
    ui.path.set(path.clone());
    with_core(|c| c.path = path);
    core::inputs_changed(ui);
}

/// Load a state (from a link or an example) as an undoable edit.
fn restore(ui: Ui, state: State) {
    ui.settings.set(state.settings);
    apply_settings(ui);
    set_path(ui, state.path);
    core::replace_text(ui, &state.code, true);
}

fn share_link(ui: Ui) {
    let Some(state) = with_core(|c| c.state()) else {
        return;
    };
    let w = dom::window();
    let loc = w.location();
    let base = format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let url = format!("{base}#{}{}", share::FRAGMENT_KEY, share::encode(&state));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    let _ = w.navigator().clipboard().write_text(&url);
    ui.share_url.set(Some(url));
    ui.notice.set(Some(
        "Link copied: it holds the code, path and settings".into(),
    ));
}

fn load_example(ui: Ui, rule: &str) {
    let Some(ex) = examples::by_rule(rule) else {
        return;
    };
    set_path(ui, ex.path.to_string());
    core::replace_text(ui, &ex.source(), true);
    let first = ui
        .findings
        .get_untracked()
        .iter()
        .position(|f| f.rule == rule);
    if let Some(i) = first {
        core::select(ui, i, true, false);
    }
}

/// The text after fix `j` of finding `i`, computed on a fresh analysis.
fn fixed_text(i: usize, j: usize) -> Option<(String, String, String, Safety)> {
    with_core(|c| {
        if c.shown_seq != c.seq {
            return None;
        }
        let fix = c.findings.get(i)?.fixes.get(j)?;
        let new = analysis::apply_fix(&c.text, fix);
        Some((c.text.clone(), new, fix.title.clone(), fix.safety))
    })
    .flatten()
}

fn preview_fix(ui: Ui, i: usize, j: usize) {
    match fixed_text(i, j) {
        Some((old, new, title, safety)) => {
            ui.preview.set(Some(PreviewView {
                title,
                safety: Some(safety),
                html: diff_html(&old, &new),
            }));
            with_core(|c| {
                c.pending = Some(core::Pending {
                    base: old,
                    result: new,
                })
            });
        }
        None => ui
            .notice
            .set(Some("The code changed; wait for the analysis".into())),
    }
}

fn apply_one_fix(ui: Ui, i: usize, j: usize) {
    if let Some((_, new, _, _)) = fixed_text(i, j) {
        ui.preview.set(None);
        core::replace_text(ui, &new, true);
    }
}

fn fix_all(ui: Ui, preview_only: bool) {
    let Some((old, (new, n))) = with_core(|c| {
        (
            c.text.clone(),
            analysis::fix_all_safe(&c.engine, &c.path, &c.text),
        )
    }) else {
        return;
    };
    if n == 0 {
        ui.notice.set(Some("No safe fixes to apply".into()));
        return;
    }
    if preview_only {
        ui.preview.set(Some(PreviewView {
            title: format!("Fix all safe: {}", crate::text::count(n, "fix", "fixes")),
            safety: Some(Safety::Safe),
            html: diff_html(&old, &new),
        }));
        with_core(|c| {
            c.pending = Some(core::Pending {
                base: old,
                result: new,
            })
        });
    } else {
        ui.preview.set(None);
        core::replace_text(ui, &new, true);
        ui.notice.set(Some(format!(
            "Applied {n} safe fix{}; Undo or Ctrl+Z reverts",
            if n == 1 { "" } else { "es" }
        )));
    }
}

fn apply_pending(ui: Ui) {
    let result = with_core(|c| match c.pending.take() {
        Some(p) if p.base == c.text => Some(p.result),
        _ => None,
    })
    .flatten();
    ui.preview.set(None);
    match result {
        Some(text) => core::replace_text(ui, &text, true),
        None => ui
            .notice
            .set(Some("The code changed since the preview".into())),
    }
}

/// Show the guide page a reference names, scrolled to its anchor.
fn render_guide(guide_ref: Option<String>) {
    let body: HtmlElement = by_id("guide-body");
    let Some(r) = guide_ref else {
        body.set_inner_html(
            "<p class=\"placeholder\">Select a finding to read why it matters and how to fix it.</p>",
        );
        return;
    };
    let html = with_core(|c| crate::guide::page_html(&r, &mut c.hl)).flatten();
    show_guide_page(&body, Some(&r), html.as_deref());
}

fn guide_click(ui: Ui, ev: web_sys::MouseEvent) {
    if let Some(target) = guide_link(&ev) {
        ui.guide_ref.set(Some(target));
    }
}

fn focus_row(i: usize) {
    if let Ok(Some(el)) = dom::document().query_selector(&format!(
        "#findings [data-testid=finding][data-index=\"{i}\"]"
    )) && let Ok(el) = el.dyn_into::<HtmlElement>()
    {
        core::focus(&el);
        el.scroll_into_view_with_bool(false);
    }
}

fn row_keydown(ui: Ui, i: usize, ev: web_sys::KeyboardEvent) {
    let n = ui.findings.get_untracked().len();
    let target = match ev.key().as_str() {
        "ArrowDown" | "j" => Some((i + 1).min(n.saturating_sub(1))),
        "ArrowUp" | "k" => Some(i.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(n.saturating_sub(1)),
        "Enter" | " " => {
            ev.prevent_default();
            core::select(ui, i, true, true);
            return;
        }
        _ => None,
    };
    if let Some(t) = target {
        ev.prevent_default();
        core::select(ui, t, true, false);
        focus_row(t);
    }
}

#[component]
fn Page(ui: Ui) -> impl IntoView {
    Effect::new(move |_| render_guide(ui.guide_ref.get()));
    Effect::new(move |_| {
        if ui.notice.get().is_some() {
            dom::set_timeout(4000, move || ui.notice.set(None));
        }
    });
    view! {
        <div class="app">
            <Header ui=ui />
            <main class="main">
                <section class="editor-pane" aria-label="Elixir source">
                    <div class="scroller" id="scroller">
                        <div class="gutter" id="gutter" aria-hidden="true"></div>
                        <div class="code" id="code">
                            <div class="layer" id="layer" aria-hidden="true"></div>
                            <textarea
                                id="editor"
                                data-testid="editor"
                                spellcheck="false"
                                autocapitalize="off"
                                autocomplete="off"
                                wrap="off"
                                aria-label="Elixir source; Tab indents, Escape then Tab leaves"
                            ></textarea>
                        </div>
                    </div>
                    <StatusBar ui=ui />
                </section>
                <aside class="side" class:previewing=move || ui.preview.with(Option::is_some)>
                    <FindingsPanel ui=ui />
                    <section class="lower">
                        <nav class="tabs" role="tablist">
                            <button
                                role="tab"
                                class:active=move || ui.tab.get() == Tab::Guide
                                on:click=move |_| ui.tab.set(Tab::Guide)
                            >
                                "Guide"
                            </button>
                            <button
                                role="tab"
                                data-testid="settings-tab"
                                class:active=move || ui.tab.get() == Tab::Settings
                                on:click=move |_| ui.tab.set(Tab::Settings)
                            >
                                "Settings"
                                {move || ui.config_error.get().map(|_| view! { <span class="dot-error" title="invalid config"></span> })}
                            </button>
                        </nav>
                        <GuidePanel ui=ui />
                        <SettingsPanel ui=ui />
                    </section>
                </aside>
            </main>
            <div class="tip" id="tip" hidden></div>
            {move || ui.notice.get().map(|n| view! { <div class="notice" role="status">{message_view(&n)}</div> })}
        </div>
    }
}

#[component]
fn Header(ui: Ui) -> impl IntoView {
    view! {
        <header class="top">
            <h1>
                <span class="brand">"otp-audit"</span>
                <span class="sub">" playground"</span>
            </h1>
            <SectionNav />
            <label class="path">
                <span>"File"</span>
                <input
                    data-testid="path"
                    type="text"
                    spellcheck="false"
                    prop:value=move || ui.path.get()
                    on:input=move |ev| set_path(ui, event_target_value(&ev))
                    title="The virtual path decides which rules apply: lib/** is production code, test/**/*_test.exs is a test"
                />
            </label>
            <select
                data-testid="examples"
                aria-label="Examples"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                        sel.set_value("");
                    }
                    if !v.is_empty() {
                        load_example(ui, &v);
                    }
                }
            >
                <option value="">"Examples…"</option>
                {EXAMPLES
                    .iter()
                    .map(|e| view! { <option value=e.rule>{e.rule}</option> })
                    .collect_view()}
            </select>
            <button data-testid="share" on:click=move |_| share_link(ui) title="Copy a link that holds the code, path and settings">
                "Copy link"
            </button>
            {move || ui.share_url.get().map(|u| view! {
                <input class="share-url" data-testid="share-url" readonly prop:value=u on:focus=move |ev| {
                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); }
                } />
            })}
            <ThemeToggle />
        </header>
    }
}

#[component]
fn StatusBar(ui: Ui) -> impl IntoView {
    view! {
        <div class="statusbar">
            {move || {
                let s = ui.status.get();
                let n = ui.findings.with(Vec::len);
                format!(
                    "{} lines · {} finding{} · analysed in {:.1} ms{}",
                    s.lines,
                    n,
                    if n == 1 { "" } else { "s" },
                    s.analysis_ms,
                    if s.mode == "worker" { " (worker)" } else { "" },
                )
            }}
            {move || ui.stale.get().then(|| view! { <span class="analysing">" · analysing…"</span> })}
            {move || if ui.editor_focus.get() {
                view! { <span class="local keys" data-testid="editor-keys">"Tab indents · Esc, then Tab, leaves the editor"</span> }.into_any()
            } else {
                view! { <span class="local">"Runs in your browser: no code leaves this page"</span> }.into_any()
            }}
        </div>
    }
}

#[component]
fn FindingsPanel(ui: Ui) -> impl IntoView {
    let count = move |s: Severity| {
        ui.findings
            .with(|f| f.iter().filter(|f| f.severity == s).count())
    };
    let safe = move || {
        ui.findings
            .with(|f| f.iter().filter(|f| f.safe_fix().is_some()).count())
    };
    view! {
        <section class="findings-panel" aria-label="Findings">
            // Screen readers hear the count when it changes, without losing their place.
            <p class="sr-only" data-testid="findings-announcer" role="status" aria-live="polite">
                {move || match ui.findings.with(Vec::len) {
                    0 => "No findings".to_string(),
                    n => crate::text::count(n, "finding", "findings"),
                }}
            </p>
            <div class="panel-head">
                <span class="counts">
                    {[Severity::Error, Severity::Warning, Severity::Info].into_iter().map(|s| view! {
                        <span class=format!("count g{}", core::level(s)) data-testid=format!("count-{}", s.as_str())>
                            {move || crate::text::severity_count(count(s), s)}
                        </span>
                    }).collect_view()}
                </span>
                <span class="actions">
                    <button
                        data-testid="fix-all"
                        disabled=move || safe() == 0
                        on:click=move |_| fix_all(ui, false)
                        title="Apply every safe fix (behaviour provably unchanged)"
                    >
                        {move || format!("Fix all safe ({})", safe())}
                    </button>
                    <button
                        data-testid="fix-all-preview"
                        class="subtle"
                        disabled=move || safe() == 0
                        on:click=move |_| fix_all(ui, true)
                    >
                        "Preview"
                    </button>
                    <button
                        data-testid="undo"
                        class="subtle"
                        disabled=move || ui.undo_len.get() == 0
                        on:click=move |_| core::undo(ui)
                        title="Undo the last fix (Ctrl+Z in the editor works too)"
                    >
                        "Undo"
                    </button>
                </span>
            </div>
            {move || ui.preview.get().map(|p| view! {
                <div class="preview" data-testid="preview" role="region" aria-label="Fix preview">
                    <div class="preview-head">
                        {p.safety.map(|s| view! { <span class=format!("safety {}", s.as_str())>{s.as_str()}</span> })}
                        <span class="preview-title">{message_view(&p.title)}</span>
                        <span class="preview-buttons">
                            <button data-testid="preview-apply" on:click=move |_| apply_pending(ui)>"Apply"</button>
                            <button class="subtle" data-testid="preview-close" on:click=move |_| close_preview(ui)>"Close"</button>
                        </span>
                    </div>
                    <div class="preview-body" inner_html=p.html></div>
                </div>
            })}
            <ul class="findings" id="findings" data-seq=move || ui.status.get().seq role="listbox" aria-label="Findings">
                <ForEnumerate
                    each=move || ui.findings.get()
                    key=row_key
                    children=move |i, f| view! { <FindingRow ui=ui i=i f=f /> }
                />
            </ul>
            {move || ui.findings.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No findings. Try an example from the menu."</p>
            })}
        </section>
    }
}

/// What a finding row shows, and so when it must be drawn again. Not the fixes'
/// byte offsets: a keystroke moves every edit after it, and keying on them re-created
/// half the list on each keystroke (740 ms of 980 at 10,000 lines). Fixes are applied
/// by index from the current findings, never from the row.
fn row_key(f: &Finding) -> RowKey {
    RowKey {
        rule: f.rule.clone(),
        severity: f.severity,
        span: (
            f.start.line,
            f.start.utf16_column,
            f.end.line,
            f.end.utf16_column,
        ),
        message: f.message.clone(),
        fixes: f
            .fixes
            .iter()
            .map(|x| (x.safety, x.title.clone()))
            .collect(),
    }
}

#[derive(PartialEq, Eq, Hash)]
struct RowKey {
    rule: String,
    severity: Severity,
    span: (u32, u32, u32, u32),
    message: String,
    fixes: Vec<(Safety, String)>,
}

#[component]
fn FindingRow(ui: Ui, i: ReadSignal<usize>, f: Finding) -> impl IntoView {
    let sev = f.severity.as_str();
    let fixes = f.fixes.clone();
    let selected = move || ui.selected.get() == Some(i.get());
    let pos = format!("{}:{}", f.start.line, f.start.utf16_column);
    let has_fix = !f.fixes.is_empty();
    let safe = f.safe_fix().is_some();
    view! {
        <li
            data-testid="finding"
            data-index=move || i.get()
            data-rule=f.rule.clone()
            data-line=f.start.line
            data-column=f.start.utf16_column
            data-severity=sev
            tabindex="0"
            role="option"
            aria-selected=move || selected().to_string()
            class=move || format!("finding g{}{}", core::level(f.severity), if selected() { " selected" } else { "" })
            on:click=move |_| core::select(ui, i.get_untracked(), true, true)
            on:keydown=move |ev| row_keydown(ui, i.get_untracked(), ev)
        >
            <div class="row-head">
                <span class=format!("sev {sev}")>{sev}</span>
                <span class="rule">{f.rule.clone()}</span>
                {has_fix.then(|| if safe {
                    view! { <span class="fixable safe" title="A safe fix: behaviour provably unchanged; “Fix all safe” applies it">"safe fix"</span> }.into_any()
                } else {
                    view! { <span class="fixable" title="A fix that may change behaviour: preview it and review the change before applying">"unsafe fix"</span> }.into_any()
                })}
                <span class="pos">{pos}</span>
            </div>
            <div class="msg">{message_view(&f.message)}</div>
            {move || selected().then(|| {
                let fixes = fixes.clone();
                view! {
                    <div class="fixes" on:click=|ev| ev.stop_propagation()>
                        {if fixes.is_empty() {
                            view! { <p class="nofix">"No automatic fix: the guide shows how to change the code."</p> }.into_any()
                        } else {
                            fixes.into_iter().enumerate().map(|(j, fx)| view! {
                                <div class="fix" data-testid="fix" data-safety=fx.safety.as_str()>
                                    <span class=format!("safety {}", fx.safety.as_str())>{fx.safety.as_str()}</span>
                                    <span class="fix-title">{message_view(&fx.title)}</span>
                                    <button class="subtle" data-testid="fix-preview" on:click=move |_| preview_fix(ui, i.get_untracked(), j)>"Preview"</button>
                                    <button data-testid="fix-apply" on:click=move |_| apply_one_fix(ui, i.get_untracked(), j)>"Apply"</button>
                                </div>
                            }).collect_view().into_any()
                        }}
                    </div>
                }
            })}
        </li>
    }
}

#[component]
fn GuidePanel(ui: Ui) -> impl IntoView {
    let finding_guide = move || {
        ui.selected
            .get()
            .and_then(|i| ui.findings.with(|f| f.get(i).map(|f| f.guide.clone())))
    };
    view! {
        <section class="guide" data-testid="guide" hidden=move || ui.tab.get() != Tab::Guide aria-label="Migration guide">
            <div class="guide-head">
                <span class="guide-page">{move || ui.guide_ref.get().map(|r| r.split('#').next().unwrap_or_default().to_string()).unwrap_or_default()}</span>
                {move || {
                    let back = finding_guide().filter(|g| Some(g) != ui.guide_ref.get().as_ref());
                    back.map(|g| view! { <button class="subtle" on:click=move |_| ui.guide_ref.set(Some(g.clone()))>"← the finding's page"</button> })
                }}
                <button class="subtle" data-testid="guide-patterns" on:click=move |_| ui.guide_ref.set(Some("patterns".into()))
                    title="The migration guide's patterns MG-1 to MG-9: the moves that fix most findings">"Migration patterns"</button>
            </div>
            <div class="guide-body" id="guide-body" on:click=move |ev| guide_click(ui, ev)></div>
        </section>
    }
}

fn param_input(
    ui: Ui,
    id: &'static str,
    name: &'static str,
    doc: &'static str,
    value: ParamValue,
) -> impl IntoView {
    let set = move |v: ParamValue| {
        ui.settings.update(|s| s.set_param(id, name, v));
        apply_settings(ui);
    };
    let input = match value {
        ParamValue::Bool(b) => view! {
            <input type="checkbox" prop:checked=b on:change=move |ev| set(ParamValue::Bool(event_target_checked(&ev))) />
        }
        .into_any(),
        ParamValue::Int(n) => view! {
            <input type="number" data-param=name prop:value=n.to_string() on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).trim().replace('_', "").parse::<i64>() { set(ParamValue::Int(n)) }
            } />
        }
        .into_any(),
        ParamValue::Str(s) => view! {
            <input type="text" data-param=name prop:value=s on:change=move |ev| set(ParamValue::Str(event_target_value(&ev))) />
        }
        .into_any(),
        ParamValue::List(l) => view! {
            <input type="text" data-param=name prop:value=l.join(", ") placeholder="comma-separated" on:change=move |ev| {
                let items = event_target_value(&ev).split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                set(ParamValue::List(items))
            } />
        }
        .into_any(),
    };
    view! { <label class="param" title=doc><span>{name}</span>{input}</label> }
}

#[component]
fn SettingsPanel(ui: Ui) -> impl IntoView {
    view! {
        <section class="settings" data-testid="settings" hidden=move || ui.tab.get() != Tab::Settings aria-label="Settings">
            <h3>"Configuration"</h3>
            <p class="hint">"Paste an " <code>"otp-audit.toml"</code> " or a " <code>".credo.exs"</code> " (read as data, never run)."</p>
            <textarea
                class="config"
                data-testid="config"
                spellcheck="false"
                placeholder="[rules.\"code/nesting\"]\nmax_nesting = 3"
                prop:value=move || ui.settings.with(|s| s.config_text.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    ui.settings.update(|s| s.config_text = text);
                    apply_settings(ui);
                }
            ></textarea>
            {move || ui.config_error.get().map(|e| view! {
                <div class="config-error" data-testid="config-error" role="alert">
                    <strong>"Invalid configuration: "</strong>{message_view(&e)}
                    <div class="kept">"The last valid settings stay in effect."</div>
                </div>
            })}
            {move || {
                let pasted = ui.settings.with(|s| !s.config_text.trim().is_empty());
                let ok = ui.config_error.with(Option::is_none);
                let changes = ui.config_changes.get();
                let notes = ui.config_notes.with(Vec::len);
                (pasted && ok).then(|| view! {
                    <div class="config-summary" data-testid="config-summary">
                        <strong>{if changes.is_empty() {
                            "It changes nothing from the defaults".to_string()
                        } else {
                            format!("It changes {}:", crate::text::count(changes.len(), "rule", "rules"))
                        }}</strong>
                        {(!changes.is_empty()).then(|| view! {
                            <ul>{changes.into_iter().map(|c| view! { <li>{message_view(&c)}</li> }).collect_view()}</ul>
                        })}
                        {(notes > 0).then(|| view! {
                            <div>{format!("{} on what has no equivalent here:", crate::text::count(notes, "note", "notes"))}</div>
                        })}
                    </div>
                })
            }}
            {move || {
                let notes = ui.config_notes.get();
                (!notes.is_empty()).then(|| view! {
                    <ul class="notes">{notes.into_iter().map(|n| view! { <li>{message_view(&n)}</li> }).collect_view()}</ul>
                })
            }}
            <div class="rules-head">
                <h3>"Rules"</h3>
                <button class="subtle" on:click=move |_| {
                    ui.settings.update(|s| s.rules.clear());
                    apply_settings(ui);
                }>"Reset changes"</button>
            </div>
            <table class="rules">
                <tbody>
                    <For
                        each=move || ui.rules_view.get()
                        key=|r| format!("{r:?}")
                        children=move |r| {
                            let id = r.id;
                            view! {
                                <tr class:changed=r.changed class:off=!r.enabled data-rule=id>
                                    <td>
                                        <input type="checkbox" data-testid="rule-toggle" data-rule=id prop:checked=r.enabled
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                ui.settings.update(|s| s.set_enabled(id, on));
                                                apply_settings(ui);
                                            } />
                                    </td>
                                    <td class="rule-id">
                                        <a href="#" on:click=move |ev| { ev.prevent_default(); ui.guide_ref.set(Some(id.to_string())); ui.tab.set(Tab::Guide); }>{id}</a>
                                        <div class="rule-title">{r.title}</div>
                                        <div class="params">
                                            {r.params.into_iter().map(|(name, doc, v)| param_input(ui, id, name, doc, v)).collect_view()}
                                        </div>
                                    </td>
                                    <td>
                                        <select aria-label="severity" on:change=move |ev| {
                                            if let Some(sev) = Severity::parse(&event_target_value(&ev)) {
                                                ui.settings.update(|s| s.set_severity(id, sev));
                                            }
                                            apply_settings(ui);
                                        }>
                                            {[Severity::Error, Severity::Warning, Severity::Info].into_iter().map(|s| view! {
                                                <option value=s.as_str() selected=s == r.severity>{s.as_str()}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}
