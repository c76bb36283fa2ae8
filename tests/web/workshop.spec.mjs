// End-to-end tests of the workshop (dist/) in headless Chromium: checking exercises,
// hints, progress, trainer packs, the presenter view, and offline use through the
// service worker. Usage: node tests/web/workshop.spec.mjs [dist dir]
// (tools/test-web builds dist/, installs Chromium and playwright-core, and runs this).
import { equal, ok, match } from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findings, launch, root, serve, setCode, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const hygiene = JSON.parse(readFileSync(join(root, "crates/otp-audit-workshop/curriculum/test-hygiene.json"), "utf8"));
const SLEEP = hygiene.exercises.find((e) => e.id === "sleep-before-assert-received");
const PACK_TEXT = readFileSync(join(root, "crates/otp-audit-workshop/packs/example-trainer-pack.json"), "utf8");
const PACK = JSON.parse(PACK_TEXT);

const server = await serve(dist);
const context = await launch();
// Only the local servers (this one and the "new build" copy) may be asked for anything.
const foreign = [];
context.on("request", (r) => {
  const u = r.url();
  if (!u.startsWith("http://127.0.0.1:") && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
});
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));

async function go(hash) {
  // A full load each time: a hash-only goto would not reload the page.
  await page.goto("about:blank");
  await page.goto(server.url + hash);
  await page.waitForFunction(() => window.otpAuditReady === true, null, { timeout: 30000 });
}

function status() {
  return page.$eval("[data-testid=exercise-status]", (el) => ({
    solved: el.dataset.solved,
    failed: el.dataset.failedCheck,
    text: el.textContent.trim(),
  }));
}

function exercises() {
  return page.$$eval("[data-testid=exercise]", (els) => els.map((e) => ({ id: e.dataset.id, solved: e.dataset.solved })));
}

async function type(code) {
  await page.fill("[data-testid=editor]", code);
}

/** Wait until the status says solved (or not) and return it. */
async function statusIs(solved) {
  await page.waitForFunction(
    (want) => document.querySelector("[data-testid=exercise-status]")?.dataset.solved === want,
    String(solved),
  );
  return status();
}

await test("the list groups at least 20 built-in exercises into tracks, none solved", async () => {
  await go("#/workshop");
  const list = await exercises();
  ok(list.length >= 20, `${list.length} exercises`);
  ok(list.every((e) => e.solved === "false"));
  const tracks = await page.$$eval("[data-testid=track]", (els) => els.map((e) => e.dataset.id));
  ok(tracks.includes("test-hygiene") && tracks.includes("process-hardening") && tracks.includes("genserver-shape"), String(tracks));
  match(await page.textContent("[data-testid=track][data-id=test-hygiene]"), /Stage 2/);
});

await test("in the browser too, every built-in exercise starts unsolved with its targeted findings", async () => {
  const all = ["test-hygiene", "process-hardening", "genserver-shape"].flatMap(
    (f) => JSON.parse(readFileSync(join(root, `crates/otp-audit-workshop/curriculum/${f}.json`), "utf8")).exercises,
  );
  const times = [];
  for (const ex of all) {
    // A hash change inside the workshop switches views without reloading the page.
    await page.evaluate((id) => (location.hash = `#/workshop/ex/${id}`), ex.id);
    await page.waitForSelector(`[data-testid=exercise-view][data-id="${ex.id}"] [data-testid=exercise-status]`);
    const s = await status();
    equal(s.solved, "false", ex.id);
    const rules = await page.$$eval("[data-testid=finding]", (r) => r.map((x) => x.dataset.rule));
    for (const rule of ex.rules) ok(rules.includes(rule), `${ex.id}: ${rule} not in ${rules}`);
    times.push(await page.$eval("[data-testid=exercise-status]", (e) => Number(e.dataset.checkMs)));
  }
  times.sort((a, b) => a - b);
  console.log(`     ${all.length} exercises; one check takes ${times[times.length >> 1].toFixed(1)} ms (median), ${times[times.length - 1].toFixed(1)} ms (max)`);
  await go("#/workshop");
});

await test("the starting code fails with its targeted finding", async () => {
  await page.click(`[data-testid=exercise][data-id=${SLEEP.id}] a`);
  await page.waitForSelector("[data-testid=editor]");
  equal(await page.inputValue("[data-testid=editor]"), SLEEP.start);
  const s = await statusIs(false);
  match(s.text, /Still reported: test\/no-sleep on line 8/);
  ok((await findings(page)).some((f) => f.rule === "test/no-sleep" && f.line === 8));
  // Clicking the finding selects its code in the editor.
  await page.click("[data-testid=finding][data-rule='test/no-sleep']");
  const selected = await page.$eval("[data-testid=editor]", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  match(selected, /Process\.sleep\(200\)/);
});

await test("a fix that removes the finding but breaks a behaviour check is not solved, and says which", async () => {
  // Deleting the sleep and the assertion silences test/no-sleep, but the test no longer checks anything.
  await type(SLEEP.start.replace("    Process.sleep(200)\n", "").replace(/    assert_received .*\n/, ""));
  await page.waitForFunction(() => ![...document.querySelectorAll("[data-testid=finding]")].some((f) => f.dataset.rule === "test/no-sleep"));
  const s = await statusIs(false);
  equal(s.failed, "asserts that the {:delivered, :welcome, ...} message arrives");
  match(s.text, /Behaviour check failed: .*asserts that the \{:delivered, :welcome, \.\.\.\} message arrives/);
  equal(await page.$eval("[data-testid=check][data-passed=false]", (e) => e.textContent.includes("message arrives")), true);
  // Keeping assert_received without the sleep fails the same check.
  await type(SLEEP.start.replace("    Process.sleep(200)\n", ""));
  equal((await statusIs(false)).failed, "asserts that the {:delivered, :welcome, ...} message arrives");
});

await test("hints come one at a time and the last opens the guide section", async () => {
  const n = SLEEP.hints.length;
  for (let i = 1; i <= n; i++) {
    await page.click("[data-testid=hint]");
    await page.waitForFunction((k) => document.querySelectorAll("[data-testid=hint-text]").length === k, i);
  }
  ok(await page.$eval("[data-testid=hint]", (b) => b.disabled), "no more hints");
  await page.click("[data-testid=hint-text]:last-child a[data-guide]");
  await page.waitForSelector("[data-testid=guide] h3#waiting-for-a-message.target");
});

await test("the model solution solves it, and progress survives a reload", async () => {
  await type(SLEEP.solution);
  const s = await statusIs(true);
  match(s.text, /Solved/);
  const ms = await page.$eval("[data-testid=exercise-status]", (e) => Number(e.dataset.checkMs));
  console.log(`     checking the exercise took ${ms.toFixed(2)} ms in the browser`);
  await page.reload();
  await page.waitForFunction(() => window.otpAuditReady === true);
  equal(await page.inputValue("[data-testid=editor]"), SLEEP.solution, "the draft is kept");
  equal((await status()).solved, "true");
  await go("#/workshop");
  const mine = (await exercises()).find((e) => e.id === SLEEP.id);
  equal(mine.solved, "true");
  match(await page.textContent("[data-testid=progress-summary]"), /^1 of \d+ solved$/);
});

await test("progress is exported to a file, reset, and imported back", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-progress]")]);
  const file = join(mkdtempSync(join(tmpdir(), "otp-ws-")), "progress.json");
  await download.saveAs(file);
  ok(JSON.parse(readFileSync(file, "utf8")).solved.includes(SLEEP.id));
  await page.click("[data-testid=reset-progress]");
  await page.click("[data-testid=reset-confirm]");
  await page.waitForFunction((id) => document.querySelector(`[data-testid=exercise][data-id=${id}]`).dataset.solved === "false", SLEEP.id);
  await page.setInputFiles("[data-testid=progress-input]", file);
  await page.waitForFunction((id) => document.querySelector(`[data-testid=exercise][data-id=${id}]`).dataset.solved === "true", SLEEP.id);
});

await test("a malformed trainer pack gets an error naming the field", async () => {
  const bad = JSON.parse(PACK_TEXT);
  bad.exercises[1].checks[1].kind = "foo";
  await page.setInputFiles("[data-testid=pack-input]", {
    name: "broken-pack.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const err = await page.waitForSelector("[data-testid=pack-error]");
  match(await err.textContent(), /broken-pack\.json .*exercises\[1\]\.checks\[1\]\.kind: unknown check "foo"; expected one of defines, calls/);
  ok(!(await exercises()).some((e) => e.id.startsWith("warmup-")), "nothing was loaded");
});

await test("a pack whose model solution does not pass loads with a warning", async () => {
  const odd = JSON.parse(PACK_TEXT);
  odd.id = "odd-pack";
  odd.tracks[0].id = "odd";
  odd.exercises = [{ ...odd.exercises[0], id: "odd-one", track: "odd", solution: odd.exercises[0].start }];
  await page.setInputFiles("[data-testid=pack-input]", {
    name: "odd-pack.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(odd)),
  });
  const warn = await page.waitForSelector("[data-testid=pack-warnings]");
  match(await warn.textContent(), /odd-one: the model solution does not pass: Still reported: test\/no-sleep/);
  await page.click("[data-testid=track][data-id=odd] [data-testid=remove-pack]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=track][data-id=odd]"));
});

await test("a trainer pack loads from a file and its exercises are checked", async () => {
  await page.setInputFiles("[data-testid=pack-input]", join(root, "crates/otp-audit-workshop/packs/example-trainer-pack.json"));
  await page.waitForSelector("[data-testid=track][data-id=warm-up]");
  equal(await page.$("[data-testid=pack-error]"), null);
  equal(await page.$("[data-testid=pack-warnings]"), null);
  const ids = (await exercises()).map((e) => e.id);
  ok(ids.includes("warmup-assert-receive") && ids.includes("warmup-call-timeout"), String(ids));
  await page.click("[data-testid=exercise][data-id=warmup-call-timeout] a");
  await page.waitForSelector("[data-testid=editor]");
  match((await statusIs(false)).text, /otp\/call-timeout/);
  await type(PACK.exercises[1].solution);
  await statusIs(true);
  // Loaded packs stay after a reload.
  await go("#/workshop");
  equal((await exercises()).find((e) => e.id === "warmup-call-timeout").solved, "true");
});

await test("a trainer pack loads from a URL on the same origin, never from another", async () => {
  await page.click("[data-testid=track][data-id=warm-up] [data-testid=remove-pack]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=track][data-id=warm-up]"));
  await go("#/workshop?pack=/packs/example-trainer-pack.json");
  await page.waitForSelector("[data-testid=track][data-id=warm-up]");
  // The list's own link loads it by a relative URL (and a reload of the same pack replaces it).
  await page.click("[data-testid=load-example-pack]");
  await page.waitForFunction(() => document.querySelector(".notice")?.textContent.includes("from packs/example-trainer-pack.json"));
  equal(await page.$$eval("[data-testid=track][data-id=warm-up]", (t) => t.length), 1);
  await go("#/workshop?pack=http://example.invalid/pack.json");
  match(await (await page.waitForSelector("[data-testid=pack-error]")).textContent(), /another origin/);
});

await test("the presenter view reveals the solution as a diff from the start", async () => {
  await go(`#/workshop/present/${SLEEP.id}`);
  ok(await page.$(".ws-present"), "presenter layout");
  const size = await page.$eval("[data-testid=editor]", (e) => parseFloat(getComputedStyle(e).fontSize));
  ok(size >= 18, `large type (${size}px)`);
  ok(await page.$("[data-testid=guide] h1"), "the guide beside the findings");
  equal(await page.$("[data-testid=solution-diff]"), null);
  await page.click("[data-testid=reveal-solution]");
  const removed = await page.$$eval("[data-testid=solution-diff] tr.del .src", (r) => r.map((x) => x.textContent));
  const added = await page.$$eval("[data-testid=solution-diff] tr.add .src", (r) => r.map((x) => x.textContent));
  ok(removed.some((l) => l.includes("Process.sleep(200)")), String(removed));
  ok(added.some((l) => l.includes("assert_receive")), String(added));
  await page.click("[data-testid=reset-code]");
  await statusIs(false);
  await page.click("[data-testid=load-solution]");
  await statusIs(true);
});

await test("with the network off after a first visit, the app still loads and checks code", async () => {
  await go("#/workshop");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  try {
    await go("#/workshop/ex/call-without-timeout");
    const s = await statusIs(false);
    match(s.text, /otp\/call-timeout/);
    const ex = JSON.parse(readFileSync(join(root, "crates/otp-audit-workshop/curriculum/genserver-shape.json"), "utf8"))
      .exercises.find((e) => e.id === "call-without-timeout");
    await type(ex.solution);
    await statusIs(true);
    // The playground and the project audit load offline too.
    await go("#/");
    await setCode(page, "defmodule N do\n  def f(pid), do: send(pid, :x)\nend\n");
    ok((await findings(page)).some((f) => f.rule === "otp/no-raw-send"));
    // The audit section (another page of the same app) renders its section links.
    await page.goto("about:blank");
    await page.goto(server.url + "#/audit");
    await page.waitForSelector("[data-testid=nav-audit].current");
  } finally {
    await context.setOffline(false);
  }
});

await test("a new build replaces the cache", async () => {
  // A copy of dist/ whose service worker belongs to another build.
  const copy = mkdtempSync(join(tmpdir(), "otp-ws-dist-"));
  cpSync(dist, copy, { recursive: true });
  const other = await serve(copy);
  const p = await context.newPage();
  const keys = () => p.evaluate(() => caches.keys());
  await p.goto(other.url + "#/workshop");
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = (await keys()).filter((k) => k.startsWith("otp-audit-"));
  equal(before.length, 1, String(before));
  const sw = readFileSync(join(copy, "sw.js"), "utf8");
  writeFileSync(join(copy, "sw.js"), sw.replace(/const BUILD = "[0-9a-f]+"/, 'const BUILD = "0123456789abcdef"'));
  await p.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await p.waitForFunction(async () => {
    const k = (await caches.keys()).filter((x) => x.startsWith("otp-audit-"));
    return k.length === 1 && k[0] === "otp-audit-0123456789abcdef";
  });
  await p.close();
  other.stop();
});

await test("no request left the origin and no page error", async () => {
  equal(foreign.length, 0, foreign.join("\n"));
  equal(errors.length, 0, errors.join("\n"));
});

await context.close();
server.stop();
process.exit(summary() ? 1 : 0);
