// Keystroke-to-findings latency of the built playground in headless Chromium, on
// 200-, 1,000-, 3,000- and 10,000-line files, with the analysis on the main thread
// and in the worker. Prints figures (median and p95); asserts nothing about them.
// It does assert that after every keystroke the findings shown are those of a full
// analysis of the editor's text (the page's `wasmBindings.check`): the editor
// re-parses and re-analyses incrementally, and must never show anything else.
// Usage: node tests/web/bench.mjs [dist dir]
//
// A keystroke is `document.execCommand("insertText")` in the focused editor (what the
// browser does for a typed character, input event included). Measured with
// performance.now() in the page: until the findings panel shows the analysis of the
// new text (DOM updated), and until the next animation frame after that.
import { join, resolve } from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launch, open, root, serve, settled } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const server = await serve(dist);
const context = await launch();
const t0 = Date.now();
const page = await open(context, server.url);
const startup = Date.now() - t0;
// Let the worker come up, as it would while a person starts typing.
await page.waitForTimeout(1500);

function unit(k) {
  return `defmodule MyApp.Worker${k} do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def notify(pid, event) do
    send(pid, {:event, event})
  end

  def status(server) do
    GenServer.call(server, :status)
  end

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_call(:status, _from, state), do: {:reply, state, state}
end
`;
}

// Whole modules, up to the first module end at or after `lines`: a buffer that
// parses. Cut mid-module, the buffer would have a syntax error, and the editor then
// parses the whole text on each keystroke (its findings must stay those of a fresh
// parse, and tree-sitter's error recovery can differ when it reuses an old tree).
function file(lines) {
  let code = "";
  for (let k = 0; code.split("\n").length <= lines; k++) code += unit(k);
  return code;
}

const rows = [];
const runs = [];
for (const lines of [200, 1000, 3000, 10000]) for (const where of ["main", "worker"]) runs.push([lines, where]);
for (const [lines, where] of runs) {
  const code = file(lines);
  // Where the page analyses (its default is by size: the worker from 48 KB).
  await page.evaluate((where) => (window.otpAuditAnalyseOn = where), where);
  await page.fill("[data-testid=path]", "lib/my_app/workers.ex");
  // Paste it (page.fill types into Chrome's editor, slow for big texts).
  await page.evaluate((code) => {
    const ta = document.querySelector("[data-testid=editor]");
    ta.value = code;
    ta.dispatchEvent(new Event("input"));
  }, code);
  await settled(page);
  const r = await page.evaluate(async ([runs, path]) => {
    const ta = document.querySelector("[data-testid=editor]");
    const list = document.querySelector("#findings");
    ta.focus();
    const shown = () =>
      new Promise((resolve) => {
        const done = () => Number(list.dataset.seq) === window.otpAuditSeq && window.otpAuditTiming.seq === window.otpAuditSeq;
        if (done()) return resolve(performance.now());
        const mo = new MutationObserver(() => {
          if (done()) {
            mo.disconnect();
            resolve(performance.now());
          }
        });
        mo.observe(list, { attributes: true, childList: true, subtree: true });
      });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    // The findings shown, and those of a full analysis of the text, as comparable rows.
    const shownRows = () =>
      [...list.querySelectorAll("[data-testid=finding]")].map(
        (li) => `${li.dataset.line}:${li.dataset.column} ${li.dataset.severity} ${li.dataset.rule}`,
      );
    const fullRows = () =>
      window.wasmBindings
        .check(ta.value, path, null)
        .map((f) => `${f.start.line}:${f.start.utf16_column} ${f.severity} ${f.rule}`);
    const out = { dom: [], frame: [], analysis: [], highlight: [], render: [], handler: [], modes: new Set(), mismatch: null, findings: 0 };
    for (let i = 0; i < runs; i++) {
      // Type in the middle of the file, on a line of code.
      const at = ta.value.indexOf("    send(pid", ta.value.length >> 1) + 4;
      ta.setSelectionRange(at, at);
      const t0 = performance.now();
      document.execCommand("insertText", false, i % 2 ? "x" : "y");
      const t1 = performance.now();
      const t2 = await shown();
      const t3 = await frame();
      out.handler.push(t1 - t0);
      out.dom.push(t2 - t0);
      out.frame.push(t3 - t0);
      out.analysis.push(window.otpAuditTiming.analysisMs);
      out.highlight.push(window.otpAuditTiming.highlightMs);
      out.render.push(window.otpAuditTiming.renderMs);
      out.modes.add(window.otpAuditTiming.mode);
      const [seen, full] = [shownRows(), fullRows()];
      out.findings = full.length;
      if (!out.mismatch && seen.join("\n") !== full.join("\n")) {
        const k = Math.max(seen.length, full.length);
        const d = [...Array(k).keys()].find((j) => seen[j] !== full[j]);
        out.mismatch = `keystroke ${i}: ${seen.length} findings shown, ${full.length} by a full analysis; first difference at #${d}: shown ${seen[d]}, full ${full[d]}`;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    out.modes = [...out.modes].join("+");
    return out;
  }, [40, "lib/my_app/workers.ex"]);
  if (r.mismatch) {
    console.error(`FAIL: ${lines} lines, ${where}: the findings shown differ from a full analysis: ${r.mismatch}`);
    process.exitCode = 1;
  }
  const stat = (a) => {
    const s = a.slice().sort((x, y) => x - y);
    return { median: s[s.length >> 1], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
  };
  rows.push({
    lines,
    bytes: code.length,
    findings: r.findings,
    mode: r.modes,
    analysis: stat(r.analysis),
    highlight: stat(r.highlight),
    render: stat(r.render),
    handler: stat(r.handler),
    dom: stat(r.dom),
    frame: stat(r.frame),
  });
}

const f = (x) => x.toFixed(1).padStart(6);
console.log("\nkeystroke → findings latency (ms), headless Chromium, 40 keystrokes each; findings checked against a full analysis after each");
console.log("                                  ---------- medians ----------------------   -------- keystroke to ... (med / p95) --------");
console.log("lines   bytes findings  where     highlight  engine  layer+gutter  input handler   findings in DOM     next frame");
for (const r of rows) {
  console.log(
    `${String(r.lines).padStart(5)} ${String(r.bytes).padStart(7)} ${String(r.findings).padStart(8)}  ${r.mode.padEnd(7)} ${f(r.highlight.median)}   ${f(r.analysis.median)}   ${f(r.render.median)}       ${f(r.handler.median)}      ${f(r.dom.median)} / ${f(r.dom.p95)}   ${f(r.frame.median)} / ${f(r.frame.p95)}`,
  );
}
console.log(`\npage start-up to a working engine: ${startup} ms (includes browser start)`);

let total = 0;
console.log("\ntransferred size of the page (gzip -9):");
for (const name of readdirSync(dist).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(name)) continue;
  const raw = readFileSync(join(dist, name));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`  ${name.padEnd(46)} ${String(raw.length).padStart(9)} B raw  ${String(gz).padStart(8)} B gzip`);
}
console.log(`  ${"total".padEnd(46)} ${" ".repeat(16)} ${String(total).padStart(8)} B gzip`);

await context.close();
server.stop();
