// The page's Content-Security-Policy (index.html) in headless Chromium: every section
// works under it without a single `securitypolicyviolation` (playground with findings,
// a tooltip and a fix preview; the audit of a dropped zip, its report, a file with a
// fix preview; a workshop exercise, a same-origin trainer pack and the presenter
// view), and what it forbids is really refused by the browser: a request to another
// origin (from the page and from a worker), an inline script, a remote image.
// Usage: node tests/web/csp.spec.mjs [dist dir]
import { deepStrictEqual, equal, ok, match } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findings, launch, root, serve, setCode, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-csp-"));
const hygiene = JSON.parse(readFileSync(join(root, "crates/otp-audit-workshop/curriculum/test-hygiene.json"), "utf8"));
const SLEEP = hygiene.exercises.find((e) => e.id === "sleep-before-assert-received");

// Another origin on this machine that answers anyone (CORS *): without the policy a
// fetch from the page would reach it, so a refusal is the policy's doing.
let foreignHits = 0;
const foreign = createServer((req, res) => {
  foreignHits++;
  res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/plain" });
  res.end("leaked");
});
await new Promise((ok) => foreign.listen(0, "127.0.0.1", ok));
const foreignUrl = `http://127.0.0.1:${foreign.address().port}/collect`;
process.on("exit", () => foreign.close());

const server = await serve(dist);
const context = await launch();
// Every violation the document sees, from the first script on.
await context.addInitScript(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }),
  );
});
const page = await context.newPage();
const errors = [];
const consoleCsp = [];
const watchConsole = (m) => {
  if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
};
page.on("console", watchConsole);
page.on("worker", (w) => typeof w.on === "function" && w.on("console", watchConsole));
page.on("pageerror", (e) => errors.push(e.message));

async function go(hash) {
  await page.goto("about:blank");
  await page.goto(server.url + hash);
  await page.waitForFunction(() => window.otpAuditReady === true, null, { timeout: 30000 });
}

/** The violations seen since the page loaded (and the console's CSP messages). */
async function violations() {
  const seen = await page.evaluate(() => window.__csp);
  return { events: seen, console: consoleCsp.splice(0) };
}

async function noViolations(section) {
  const v = await violations();
  deepStrictEqual(v, { events: [], console: [] }, `${section}: ${JSON.stringify(v)}`);
}

function zipOf(out, entries) {
  execFileSync(
    "python3",
    [
      "-c",
      `import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in json.loads(sys.stdin.read()).items():
        z.writestr(name, text)`,
      out,
    ],
    { input: JSON.stringify(entries) },
  );
  return out;
}

const CALL = `defmodule MyApp.Status do
  def status(server) do
    GenServer.call(server, :status)
  end

  def ping(pid), do: send(pid, :ping)
end
`;

await test("the policy is the page's first word: in a meta tag before any script or style", async () => {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const meta = html.indexOf('http-equiv="Content-Security-Policy"');
  ok(meta > 0, "dist/index.html has the policy");
  for (const tag of ["<script", "<link rel=\"stylesheet\"", "<style", "<link rel=\"modulepreload\""]) {
    const at = html.indexOf(tag);
    ok(at < 0 || at > meta, `${tag} comes after the policy`);
  }
  ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), "no inline script in dist/index.html");
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  for (const d of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]) {
    ok(policy.includes(d), `${d} in ${policy}`);
  }
});

await test("playground: findings, a tooltip, a guide and a fix preview raise no violation", async () => {
  await go("#/");
  await setCode(page, CALL);
  const rules = (await findings(page)).map((f) => f.rule);
  ok(rules.includes("otp/call-timeout") && rules.includes("otp/no-raw-send"), String(rules));
  await page.click("[data-testid=finding][data-rule='otp/call-timeout']");
  await page.waitForSelector("#guide-body h1, #guide-body h2");
  await page.click("[data-testid=fix-preview]");
  match(await page.textContent("[data-testid=preview]"), /GenServer\.call\(server, :status, 5_000\)/);
  // The tooltip over `send` (line 6).
  const box = await page.$eval("[data-testid=editor]", (t) => t.getBoundingClientRect().toJSON());
  const cw = await page.evaluate(() => {
    const s = document.createElement("span");
    s.textContent = "M".repeat(100);
    document.querySelector("#code").appendChild(s);
    const w = s.getBoundingClientRect().width / 100;
    s.remove();
    return w;
  });
  await page.mouse.move(box.x + 12 + 22.5 * cw, box.y + 8 + 5 * 20 + 10);
  await page.waitForSelector("#tip:not([hidden])");
  await noViolations("playground");
});

await test("audit: a dropped zip, its report, a file and a fix preview raise no violation", async () => {
  const zip = zipOf(join(tmp, "shop.zip"), {
    "shop/mix.exs": "defmodule Shop.MixProject do\n  use Mix.Project\nend\n",
    "shop/lib/shop.ex": CALL,
    "shop/test/shop_test.exs": "defmodule ShopTest do\n  use ExUnit.Case\n  test \"x\" do\n    Process.sleep(10)\n    assert true\n  end\nend\n",
  });
  await go("#/audit");
  const b64 = readFileSync(zip).toString("base64");
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "shop.zip", { type: "application/zip" }));
    const zone = document.querySelector("[data-testid=drop-zone]");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, b64);
  await page.waitForFunction(() => document.querySelector("[data-testid=report]")?.dataset.origin === "zip", null, {
    timeout: 60000,
  });
  // The summary's bar chart sets widths through CSSOM, which the policy allows.
  const width = await page.$eval("[data-testid=rule-count] .bar", (b) => b.style.width);
  match(width, /%$/);
  await page.goto(`${server.url}#/audit/plan`);
  await page.goto(`${server.url}#/audit/file/lib/shop.ex?rule=otp%2Fcall-timeout`);
  await page.waitForSelector("[data-testid=file-source]");
  await page.waitForSelector("[data-testid=guide] h1, [data-testid=guide] h2");
  await page.click("[data-testid=inline-finding][data-rule='otp/call-timeout'] [data-testid=preview-fix]");
  await page.waitForSelector("[data-testid=fix-preview] table.diff tr.add");
  await noViolations("audit");
});

await test("workshop: an exercise, a same-origin pack and the presenter view raise no violation", async () => {
  await go(`#/workshop?pack=/packs/example-trainer-pack.json`);
  await page.waitForSelector("[data-testid=track][data-id=warm-up]");
  await page.click(`[data-testid=exercise][data-id=${SLEEP.id}] a`);
  await page.waitForSelector("[data-testid=editor]");
  await page.fill("[data-testid=editor]", SLEEP.solution);
  await page.waitForFunction(() => document.querySelector("[data-testid=exercise-status]")?.dataset.solved === "true");
  await page.click("[data-testid=hint]");
  await go(`#/workshop/present/${SLEEP.id}`);
  await page.click("[data-testid=reveal-solution]");
  await page.waitForSelector("[data-testid=solution-diff] tr.add");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await noViolations("workshop");
});

await test("a fetch to another origin is refused by the policy, from the page and from a worker", async () => {
  await go("#/");
  // The other origin is up and answers: from Node it is reachable.
  equal(await (await fetch(foreignUrl)).text(), "leaked");
  const before = foreignHits;
  const fromPage = await page.evaluate(async (url) => {
    try {
      await fetch(url, { method: "POST", body: "secret code" });
      return "sent";
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  }, foreignUrl);
  match(fromPage, /^TypeError/);
  const v = await page.evaluate(() => window.__csp);
  ok(
    v.some((x) => x.directive === "connect-src" && x.blocked.startsWith(`http://127.0.0.1:${foreign.address().port}`)),
    `a connect-src violation names the other origin: ${JSON.stringify(v)}`,
  );
  // A worker made from a blob, as the analysis workers are, inherits the policy.
  const fromWorker = await page.evaluate(async (url) => {
    const src = `fetch(${JSON.stringify(url)}).then(() => postMessage("sent"), (e) => postMessage(e.name));`;
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })), { type: "module" });
    return await new Promise((ok) => (w.onmessage = (e) => ok(e.data)));
  }, foreignUrl);
  equal(fromWorker, "TypeError");
  equal(foreignHits, before, "nothing reached the other origin");
  consoleCsp.splice(0);
});

await test("an injected inline script and a remote image are refused", async () => {
  await go("#/");
  const ran = await page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.body.appendChild(s);
    const img = document.createElement("img");
    img.src = "http://127.0.0.1:9/pixel.png";
    document.body.appendChild(img);
    await new Promise((r) => setTimeout(r, 200));
    return window.__inlineRan === true;
  });
  equal(ran, false, "the inline script did not run");
  const directives = (await page.evaluate(() => window.__csp)).map((v) => v.directive);
  ok(directives.includes("script-src-elem"), String(directives));
  ok(directives.includes("img-src"), String(directives));
  consoleCsp.splice(0);
});

await test("no page error", async () => {
  deepStrictEqual(errors, []);
});

await context.close();
server.stop();
process.exit(summary() ? 1 : 0);
