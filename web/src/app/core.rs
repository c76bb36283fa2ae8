//! The editor's imperative core: the text, its highlighted layer and gutter, the
//! findings drawn in them, and when to analyse. Kept out of the reactive graph: the
//! layer is thousands of spans that change a line at a time, which plain DOM calls do
//! best. The reactive panels get the results through [`super::Ui`]'s signals.
//!
//! Re-entrancy rule: `document.execCommand` fires `input` synchronously, and the
//! input handler borrows the core, so nothing holds the core while calling it; and
//! signals are set only after the core is released.

use super::Ui;
use super::worker_client::WorkerClient;
use crate::analysis::{self, Settings};
use crate::highlight::{Highlighter, Mark, render_lines};
use crate::html::{gutter_mark, tip_row};
use crate::shared::dom::{self, now};
use crate::text::{byte_of_line_col_utf16, changed_region, indent, shift_offset, utf16_of_byte};
use leptos::prelude::{GetUntracked, Set};
use otp_audit_engine::{Config, Engine, Finding, Severity};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

/// Editor geometry; `style.css` uses the same values.
pub const LINE_HEIGHT: f64 = 20.0;
pub const PAD_TOP: f64 = 8.0;
pub const PAD_LEFT: f64 = 12.0;

/// Analyse on the keystroke itself while the last analysis took at most this long.
const IMMEDIATE_BUDGET_MS: f64 = 30.0;
/// Texts at least this large (about 1,500 lines) are analysed in the worker once it
/// is ready, keeping typing smooth; smaller ones are analysed on the keystroke, which
/// is quicker than a round trip.
pub const WORKER_MIN_BYTES: usize = 48 * 1024;

pub struct Dom {
    pub textarea: HtmlTextAreaElement,
    pub layer: HtmlElement,
    pub gutter: HtmlElement,
    pub code: HtmlElement,
    pub scroller: HtmlElement,
    pub tip: HtmlElement,
}

/// A fix shown in the preview, applied only to the text it was computed on.
pub struct Pending {
    pub base: String,
    pub result: String,
}

pub struct Core {
    pub dom: Dom,
    pub hl: Highlighter,
    pub text: String,
    layer_lines: Vec<String>,
    gutter_lines: Vec<String>,
    /// Findings of the last analysis, and their ranges moved through later edits.
    pub findings: Vec<Finding>,
    marks: Vec<(usize, usize)>,
    pub selected: Option<usize>,
    /// Version of (text, path, settings); an analysis result is shown only if it was
    /// computed for the current version.
    pub seq: u64,
    pub shown_seq: u64,
    pub path: String,
    pub engine: Engine,
    pub settings: Settings,
    pub settings_json: String,
    last_cost: f64,
    timer: Option<i32>,
    pub undo: Vec<String>,
    pub pending: Option<Pending>,
    pub worker: Option<WorkerClient>,
    /// The seq the worker is analysing, if any.
    worker_busy: Option<u64>,
    char_width: f64,
    save_timer: Option<i32>,
    pub tab_escape: bool,
    size: (usize, usize),
    highlight_ms: f64,
}

thread_local! {
    static CORE: RefCell<Option<Core>> = const { RefCell::new(None) };
}

/// Run `f` on the core; `None` before start-up or when called re-entrantly.
pub fn with_core<R>(f: impl FnOnce(&mut Core) -> R) -> Option<R> {
    CORE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut c) => c.as_mut().map(f),
        Err(_) => {
            web_sys::console::warn_1(&"otp-audit: editor core re-entered".into());
            None
        }
    })
}

/// What an analysis produced, for the reactive panels.
pub struct Published {
    pub findings: Vec<Finding>,
    pub selected: Option<usize>,
    pub lines: usize,
    pub analysis_ms: f64,
    /// Parsing and highlighting the edit (0 when only the path or settings changed).
    pub highlight_ms: f64,
    /// Drawing the layer and the gutter.
    pub render_ms: f64,
    pub mode: &'static str,
}

pub fn install(dom: Dom, text: String, path: String, settings: Settings, config: Config) {
    let char_width = measure_char_width(&dom.code);
    let settings_json = serde_json::to_string(&settings).expect("settings serialize");
    dom.textarea.set_value(&text);
    let mut core = Core {
        dom,
        hl: Highlighter::new(),
        text: String::new(),
        layer_lines: Vec::new(),
        gutter_lines: Vec::new(),
        findings: Vec::new(),
        marks: Vec::new(),
        selected: None,
        seq: 0,
        shown_seq: 0,
        path,
        engine: Engine::new(config),
        settings,
        settings_json,
        last_cost: 0.0,
        timer: None,
        undo: Vec::new(),
        pending: None,
        worker: None,
        worker_busy: None,
        char_width,
        save_timer: None,
        tab_escape: false,
        size: (0, 0),
        highlight_ms: 0.0,
    };
    core.set_text(text);
    CORE.with(|c| *c.borrow_mut() = Some(core));
}

fn measure_char_width(code: &HtmlElement) -> f64 {
    let probe = dom::document().create_element("span").expect("span");
    probe.set_class_name("probe");
    probe.set_text_content(Some(&"M".repeat(100)));
    let _ = code.append_child(&probe);
    let w = probe.get_bounding_client_rect().width() / 100.0;
    probe.remove();
    if w > 0.0 { w } else { 8.4 }
}

impl Core {
    /// Take a new text: move the findings' ranges through the edit and re-highlight.
    fn set_text(&mut self, text: String) {
        let t = now();
        let edit = changed_region(&self.text, &text);
        for m in &mut self.marks {
            *m = (shift_offset(m.0, edit), shift_offset(m.1, edit));
        }
        self.text = text;
        self.bump();
        self.hl.update(&self.text);
        self.resize();
        self.highlight_ms = now() - t;
    }

    fn resize(&mut self) {
        let mut lines = 1;
        let mut widest = 0;
        for line in self.text.split('\n') {
            lines += 1;
            let w = if line.is_ascii() {
                line.len()
            } else {
                line.encode_utf16().count()
            };
            widest = widest.max(w);
        }
        let size = (lines - 1, widest);
        if size == self.size {
            return;
        }
        self.size = size;
        let height = size.0 as f64 * LINE_HEIGHT + 2.0 * PAD_TOP;
        dom::set_style(&self.dom.code, "height", &format!("{height}px"));
        dom::set_style(
            &self.dom.code,
            "min-width",
            &format!("calc({}ch + {}px)", size.1 + 3, 2.0 * PAD_LEFT),
        );
    }

    /// A new version of (text, path, settings): older analyses are now stale.
    fn bump(&mut self) {
        self.seq += 1;
        self.pending = None;
        dom::expose("otpAuditSeq", &(self.seq as f64).into());
    }

    pub fn line_count(&self) -> usize {
        self.size.0
    }

    /// Redraw the layer and the gutter (only the lines that changed).
    pub fn render(&mut self) {
        let marks: Vec<Mark> = self
            .findings
            .iter()
            .zip(&self.marks)
            .enumerate()
            .map(|(i, (f, &(start, end)))| Mark {
                start,
                end,
                severity: f.severity,
                selected: self.selected == Some(i),
            })
            .collect();
        let lines = render_lines(&self.text, self.hl.classes(), &marks);
        let gutter = self.gutter_html(lines.len());
        dom::sync_lines(&self.dom.layer, &mut self.layer_lines, lines, "l");
        dom::sync_lines(&self.dom.gutter, &mut self.gutter_lines, gutter, "gl");
    }

    /// The first finding (in the list's order) that starts on `line` (0-based), as
    /// the gutter marks it.
    pub fn first_on_line(&self, line: usize) -> Option<usize> {
        let starts = self.line_starts();
        self.marks.iter().position(|&(start, _)| {
            starts.partition_point(|&s| s <= start).saturating_sub(1) == line
        })
    }

    fn line_starts(&self) -> Vec<usize> {
        std::iter::once(0)
            .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect()
    }

    fn gutter_html(&self, line_count: usize) -> Vec<String> {
        let starts = self.line_starts();
        // Per line: worst severity, messages.
        let mut per_line: Vec<Option<(Severity, String)>> = vec![None; line_count];
        for (f, &(start, _)) in self.findings.iter().zip(&self.marks) {
            let line = starts.partition_point(|&s| s <= start).saturating_sub(1);
            let Some(slot) = per_line.get_mut(line) else {
                continue;
            };
            let text = format!("{} {}: {}", f.severity, f.rule, f.message);
            match slot {
                None => *slot = Some((f.severity, text)),
                Some((sev, msgs)) => {
                    *sev = (*sev).max(f.severity);
                    msgs.push('\n');
                    msgs.push_str(&text);
                }
            }
        }
        per_line
            .into_iter()
            .enumerate()
            .map(|(n, mark)| match mark {
                None => (n + 1).to_string(),
                Some((sev, msgs)) => gutter_mark(level(sev), &msgs, n + 1),
            })
            .collect()
    }

    /// Run the engine on the current version, on this thread.
    fn analyse_here(&mut self) -> Published {
        let t0 = now();
        // The highlighter's document holds this text and its tree, parsed
        // incrementally on the keystroke: the analysis parses nothing again.
        let findings = match self.hl.document() {
            Some(doc) if doc.text() == self.text => doc.check(&self.engine, &self.path).findings,
            _ => analysis::check(&self.engine, &self.path, &self.text),
        };
        let ms = now() - t0;
        self.last_cost = ms;
        self.take_findings(findings, ms, "main")
    }

    fn take_findings(&mut self, findings: Vec<Finding>, ms: f64, mode: &'static str) -> Published {
        let previous = self
            .selected
            .and_then(|i| self.findings.get(i))
            .map(|f| (f.rule.clone(), f.message.clone(), f.start.line));
        self.marks = findings
            .iter()
            .map(|f| (f.start.byte as usize, f.end.byte as usize))
            .collect();
        // Keep the selection on the same finding when it survives the edit.
        self.selected = previous.and_then(|(rule, message, line)| {
            let same = |f: &&Finding| f.rule == rule;
            findings
                .iter()
                .position(|f| same(&f) && f.message == message && f.start.line == line)
                .or_else(|| {
                    findings
                        .iter()
                        .position(|f| same(&f) && f.message == message)
                })
        });
        self.findings = findings;
        self.shown_seq = self.seq;
        let t = now();
        self.render();
        Published {
            findings: self.findings.clone(),
            selected: self.selected,
            lines: self.line_count(),
            analysis_ms: ms,
            highlight_ms: std::mem::take(&mut self.highlight_ms),
            render_ms: now() - t,
            mode,
        }
    }

    fn worker_ready(&self) -> bool {
        self.worker.as_ref().is_some_and(WorkerClient::ready)
    }

    /// Byte range of finding `i` in the current text.
    pub fn range_of(&self, i: usize) -> Option<(usize, usize)> {
        self.marks.get(i).copied()
    }

    /// Show finding `i` in the editor: scroll to it, and put the caret at its start.
    fn reveal(&mut self, i: usize, move_caret: bool) {
        let Some((start, _)) = self.range_of(i) else {
            return;
        };
        let line = self.text[..start.min(self.text.len())]
            .matches('\n')
            .count();
        let top = PAD_TOP + line as f64 * LINE_HEIGHT;
        let s = &self.dom.scroller;
        let (view_top, view_h) = (s.scroll_top() as f64, s.client_height() as f64);
        if top < view_top || top + LINE_HEIGHT * 2.0 > view_top + view_h {
            s.set_scroll_top((top - view_h / 3.0).max(0.0) as i32);
        }
        if move_caret {
            let at = utf16_of_byte(&self.text, start) as u32;
            let _ = self.dom.textarea.set_selection_range(at, at);
        }
    }

    fn save_later(&mut self) {
        if let Some(t) = self.save_timer.take() {
            dom::clear_timeout(t);
        }
        self.save_timer = Some(dom::set_timeout(300, || {
            let state = with_core(|c| {
                c.save_timer = None;
                c.state()
            });
            if let Some(state) = state {
                super::persist::save(&state);
            }
        }));
    }

    pub fn state(&self) -> crate::share::State {
        crate::share::State {
            code: self.text.clone(),
            path: self.path.clone(),
            settings: self.settings.clone(),
        }
    }
}

pub fn level(s: Severity) -> u8 {
    match s {
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
    }
}

/// How the next analysis runs.
enum Plan {
    Now,
    Later(i32),
    Worker,
}

/// The textarea's value changed (typing, paste, undo, a fix).
pub fn text_changed(ui: Ui) {
    let t0 = now();
    let changed = with_core(|c| {
        let value = c.dom.textarea.value();
        if value == c.text {
            return false;
        }
        c.set_text(value);
        c.save_later();
        true
    });
    if changed == Some(true) {
        if ui.preview.get_untracked().is_some() {
            ui.preview.set(None);
        }
        analyse(ui, t0);
    }
}

/// The path or the settings changed: analyse again.
pub fn inputs_changed(ui: Ui) {
    let t0 = now();
    with_core(|c| {
        c.bump();
        c.save_later();
    });
    analyse(ui, t0);
}

/// Analyse the current version now, later, or in the worker.
pub fn analyse(ui: Ui, t0: f64) {
    let plan = with_core(|c| {
        if let Some(t) = c.timer.take() {
            dom::clear_timeout(t);
        }
        let on = analyse_on();
        let worker = match on.as_deref() {
            Some("main") => false,
            Some("worker") => true,
            _ => c.text.len() >= WORKER_MIN_BYTES,
        };
        if worker && c.worker_ready() {
            Plan::Worker
        } else if c.last_cost <= IMMEDIATE_BUDGET_MS || on.as_deref() == Some("main") {
            Plan::Now
        } else {
            Plan::Later(c.last_cost.clamp(30.0, 250.0) as i32)
        }
    });
    match plan {
        None => {}
        Some(Plan::Now) => run_here(ui, t0),
        Some(Plan::Later(ms)) => {
            with_core(|c| c.render());
            let id = dom::set_timeout(ms, move || run_here(ui, t0));
            with_core(|c| c.timer = Some(id));
        }
        Some(Plan::Worker) => {
            with_core(|c| c.render());
            post_to_worker(ui);
        }
    }
}

/// `window.otpAuditAnalyseOn`, `"main"` or `"worker"`: where to analyse whatever the
/// text's size, so that tests/web/bench.mjs can time both ends to end.
fn analyse_on() -> Option<String> {
    js_sys::Reflect::get(&dom::window(), &"otpAuditAnalyseOn".into())
        .ok()?
        .as_string()
}

fn run_here(ui: Ui, t0: f64) {
    if let Some(p) = with_core(|c| {
        c.timer = None;
        c.analyse_here()
    }) {
        super::publish(ui, p, t0);
    }
}

/// Send the current version to the worker unless it is busy; when it answers, a
/// newer version is sent then. Answers for older versions are dropped.
fn post_to_worker(ui: Ui) {
    let _ = ui;
    with_core(|c| {
        if c.worker_busy.is_some() {
            return;
        }
        if let Some(w) = &c.worker {
            w.post(c.seq, &c.text, &c.path, &c.settings_json);
            c.worker_busy = Some(c.seq);
        }
    });
}

/// An answer from the worker.
pub fn worker_answer(ui: Ui, seq: u64, json: String, worker_ms: f64) {
    let t0 = now();
    let outcome = with_core(|c| {
        c.worker_busy = None;
        if seq != c.seq {
            return None;
        }
        let answer: crate::worker::Answer = serde_json::from_str(&json).ok()?;
        if answer.error.is_some() {
            return None;
        }
        Some(c.take_findings(answer.findings, worker_ms, "worker"))
    });
    match outcome {
        Some(Some(p)) => super::publish(ui, p, t0),
        // Stale: the text moved on while the worker was busy.
        Some(None) => analyse(ui, t0),
        None => {}
    }
}

/// Select finding `i`: highlight it, scroll to it, optionally move the caret there.
pub fn select(ui: Ui, i: usize, move_caret: bool, focus_editor: bool) {
    let guide = with_core(|c| {
        let guide = c.findings.get(i)?.guide.clone();
        c.selected = Some(i);
        c.render();
        c.reveal(i, move_caret);
        if focus_editor {
            focus(&c.dom.textarea);
        }
        Some(guide)
    })
    .flatten();
    if let Some(guide) = guide {
        ui.selected.set(Some(i));
        ui.guide_ref.set(Some(guide));
        ui.tab.set(super::Tab::Guide);
    }
}

pub fn focus(el: &HtmlElement) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
}

/// Replace the text with `new_text` as one edit the browser can undo (Ctrl+Z), and
/// optionally on the playground's own undo stack.
pub fn replace_text(ui: Ui, new_text: &str, record_undo: bool) {
    let Some((ta, old)) = with_core(|c| (c.dom.textarea.clone(), c.text.clone())) else {
        return;
    };
    if old == new_text {
        return;
    }
    if record_undo {
        let n = with_core(|c| {
            c.undo.push(old.clone());
            c.undo.len()
        });
        ui.undo_len.set(n.unwrap_or(0));
    }
    let (start, old_end, new_end) = changed_region(&old, new_text);
    focus(ta.unchecked_ref());
    let _ = ta.set_selection_range(
        utf16_of_byte(&old, start) as u32,
        utf16_of_byte(&old, old_end) as u32,
    );
    let inserted = exec_insert_text(&new_text[start..new_end]);
    if !inserted || ta.value() != new_text {
        ta.set_value(new_text);
        let at = utf16_of_byte(new_text, new_end) as u32;
        let _ = ta.set_selection_range(at, at);
        text_changed(ui);
    }
}

/// `document.execCommand("insertText")`: an edit on the textarea's native undo stack.
fn exec_insert_text(text: &str) -> bool {
    let Ok(doc) = dom::document().dyn_into::<web_sys::HtmlDocument>() else {
        return false;
    };
    if text.is_empty() {
        return doc
            .exec_command_with_show_ui_and_value("delete", false, "")
            .unwrap_or(false);
    }
    doc.exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false)
}

/// The playground's undo: the browser's own first, else the last fix's snapshot.
pub fn undo(ui: Ui) {
    let Some((ta, before, top)) = with_core(|c| {
        (
            c.dom.textarea.clone(),
            c.text.clone(),
            c.undo.last().cloned(),
        )
    }) else {
        return;
    };
    focus(ta.unchecked_ref());
    let native = dom::document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("undo").ok())
        .unwrap_or(false);
    let after = ta.value();
    if native && after != before {
        if top.as_deref() == Some(after.as_str()) {
            with_core(|c| c.undo.pop());
        }
        text_changed(ui);
    } else if let Some(prev) = top {
        with_core(|c| c.undo.pop());
        replace_text(ui, &prev, false);
    }
    ui.undo_len.set(with_core(|c| c.undo.len()).unwrap_or(0));
}

/// Tab and Shift-Tab indent; Escape then Tab leaves the editor (keyboard users).
pub fn keydown(ui: Ui, ev: &web_sys::KeyboardEvent) {
    let key = ev.key();
    if key == "Escape" {
        with_core(|c| c.tab_escape = true);
        return;
    }
    if key != "Tab" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        with_core(|c| c.tab_escape = false);
        return;
    }
    if with_core(|c| std::mem::take(&mut c.tab_escape)) == Some(true) {
        return;
    }
    ev.prevent_default();
    let Some((ta, text)) = with_core(|c| (c.dom.textarea.clone(), c.text.clone())) else {
        return;
    };
    let sel = |v: Option<u32>| crate::text::byte_of_utf16(&text, v.unwrap_or(0) as usize);
    let (s, e) = (
        sel(ta.selection_start().ok().flatten()),
        sel(ta.selection_end().ok().flatten()),
    );
    let Some(edit) = indent(&text, s, e, ev.shift_key()) else {
        return;
    };
    let _ = ta.set_selection_range(
        utf16_of_byte(&text, edit.start) as u32,
        utf16_of_byte(&text, edit.end) as u32,
    );
    let new_text = format!(
        "{}{}{}",
        &text[..edit.start],
        edit.replacement,
        &text[edit.end..]
    );
    if !exec_insert_text(&edit.replacement) || ta.value() != new_text {
        ta.set_value(&new_text);
    }
    let _ = ta.set_selection_range(
        utf16_of_byte(&new_text, edit.sel_start) as u32,
        utf16_of_byte(&new_text, edit.sel_end) as u32,
    );
    text_changed(ui);
}

/// Show the messages of the findings under the mouse.
pub fn hover(ev: &web_sys::MouseEvent) {
    let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
    let (cx, cy) = (ev.client_x(), ev.client_y());
    with_core(|c| {
        let line = ((y - PAD_TOP) / LINE_HEIGHT).floor();
        let col = ((x - PAD_LEFT) / c.char_width).floor();
        let mut html = String::new();
        if line >= 0.0 && col >= 0.0 {
            let (line, col) = (line as usize, col as usize);
            let byte = byte_of_line_col_utf16(&c.text, line, col);
            let line_end = c.text[byte..].find('\n').map_or(c.text.len(), |i| byte + i);
            let on_text = byte < line_end
                && byte == byte_of_line_col_utf16(&c.text, line, col)
                && crate::text::line_col_utf16(&c.text, byte).1 == col;
            if on_text {
                for (f, &(start, end)) in c.findings.iter().zip(&c.marks) {
                    let end = end.max(start + 1);
                    if start <= byte && byte < end {
                        html.push_str(&tip_row(level(f.severity), &f.rule, &f.message));
                    }
                }
            }
        }
        let tip = &c.dom.tip;
        if html.is_empty() {
            let _ = tip.set_attribute("hidden", "");
        } else {
            tip.set_inner_html(&html);
            let _ = tip.remove_attribute("hidden");
            dom::set_style(tip, "left", &format!("{}px", cx + 14));
            dom::set_style(tip, "top", &format!("{}px", cy + 18));
        }
    });
}

pub fn hide_tip() {
    with_core(|c| {
        let _ = c.dom.tip.set_attribute("hidden", "");
    });
}

/// Start the analysis worker; until it is ready everything runs on this thread.
pub fn start_worker(ui: Ui) {
    let client = WorkerClient::spawn(
        move |seq, json, ms| worker_answer(ui, seq, json, ms),
        move || {
            // Ready: a large text waiting for its analysis goes to the worker now.
            let large = with_core(|c| c.text.len() >= WORKER_MIN_BYTES && c.shown_seq != c.seq);
            if large == Some(true) {
                post_to_worker(ui);
            }
        },
    );
    with_core(|c| c.worker = client);
}
