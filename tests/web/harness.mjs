// Shared pieces of the playground's browser tests: serve dist/ with Python's
// http.server on 127.0.0.1, drive Debian's Chromium with playwright-core.
//
// playwright-core is looked up in $PLAYWRIGHT_DIR (default target/web-e2e), where
// tools/test-web installs it; the browser is $CHROMIUM (default /usr/bin/chromium).
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pwDir = process.env.PLAYWRIGHT_DIR || join(root, "target/web-e2e");
const require = createRequire(join(pwDir, "package.json"));
export const { chromium } = require("playwright-core");

export const CHROME_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

/** Serve `dir` on 127.0.0.1; returns {url, stop}. */
export async function serve(dir) {
  const port = await freePort();
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  proc.stderr.on("data", (d) => (log += d));
  // Never leave the server behind, even when a test throws.
  process.on("exit", () => proc.kill());
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (i === 99) throw new Error(`http.server did not start: ${log}`);
  }
  return { url, stop: () => proc.kill() };
}

/** A fresh headless Chromium with its own profile directory. */
export async function launch() {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const profile = mkdtempSync(join(tmpdir(), "otp-audit-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROME_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  process.on("exit", () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Best effort: the OS cleans /tmp.
    }
  });
  return context;
}

/** Open the playground and wait until its engine is up. */
export async function open(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") page.errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.otpAuditReady === true, null, { timeout: 30000 });
  return page;
}

/** Findings as the panel shows them: [{rule, line, severity}]. */
export function findings(page) {
  return page.$$eval("[data-testid=finding]", (rows) =>
    rows.map((r) => ({ rule: r.dataset.rule, line: Number(r.dataset.line), severity: r.dataset.severity })),
  );
}

/** Wait until the panel shows the analysis of the editor's current text. */
export async function settled(page) {
  await page.waitForFunction(() => {
    const t = window.otpAuditTiming;
    const list = document.querySelector("#findings");
    return t && t.seq === window.otpAuditSeq && list && Number(list.dataset.seq) === t.seq;
  });
}

/** Replace the editor's text the way a paste does (one input event). */
export async function setCode(page, code) {
  await page.fill("[data-testid=editor]", code);
  await settled(page);
}

let failures = 0;
const results = [];
/** Run `fn` as a test named `name`; with $ONLY set, only tests whose name matches it. */
export async function test(name, fn) {
  if (process.env.ONLY && !new RegExp(process.env.ONLY).test(name)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push(`ok   ${name} (${Date.now() - t0} ms)`);
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    results.push(`FAIL ${name}`);
    console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split("\n").join("\n     ")}`);
  }
}

export function summary() {
  console.log(`\n${results.length - failures} passed, ${failures} failed`);
  return failures;
}
