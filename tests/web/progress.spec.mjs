// The progress view (#/audit/progress) in headless Chromium: three CLI reports of
// one small project, made at three commits with fixes and regressions planted
// between them, are picked together (out of order); the view must put them in
// time order and show exactly the planted counts per area, per rule and per stage,
// the same fixed/new/unchanged numbers as `otp-audit report --compare`, keep the
// reports across a reload, follow its URL fragment, remove a report, take one
// made in the page, and fit a 360 px phone. Screenshots at 1400 and 360 px go to
// target/web/screenshots/.
// Usage: node tests/web/progress.spec.mjs [dist dir] [otp-audit binary]
import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, open, root, serve, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const cli = resolve(process.argv[3] || join(root, "target/release/otp-audit"));
const shots = join(root, "target/web/screenshots");
mkdirSync(shots, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-progress-"));
const project = join(tmp, "shop");

// The project at three commits. #1 → #2: one test sleep fixed, the cart moved down
// (unchanged). #2 → #3: the pinger's send fixed and a new one added, a new call
// without a timeout.
const cart = (extra) =>
  `defmodule Shop.Cart do\n${extra}  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\nend\n`;
const cartV3 =
  "defmodule Shop.Cart do\n\n\n  def get(s), do: GenServer.call(s, :get)\n  def put(s, v), do: GenServer.call(s, {:put, v})\n  def del(s), do: GenServer.call(s, :del)\nend\n";
const pingerV1 = "defmodule Shop.Pinger do\n  def ping(pid), do: send(pid, :ping)\nend\n";
const pingerV3 =
  "defmodule Shop.Pinger do\n  def ping(pid), do: GenServer.call(pid, :ping, 1_000)\n  def pong(pid), do: send(pid, :pong)\nend\n";
const test_ = (first) =>
  `defmodule ShopTest do\n  use ExUnit.Case\n  test "a" do\n${first}    assert Shop.ok?()\n  end\n  test "b" do\n    Process.sleep(20)\n    assert Shop.ok?()\n  end\nend\n`;
const VERSIONS = [
  { cart: cart(""), pinger: pingerV1, test: test_("    Process.sleep(10)\n"), at: "2026-11-05T09:00:00Z" },
  { cart: cart("\n\n"), pinger: pingerV1, test: test_(""), at: "2026-11-12T09:00:00Z" },
  { cart: cartV3, pinger: pingerV3, test: test_(""), at: "2026-11-19T09:00:00Z" },
];

function git(...args) {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", ...args], {
    cwd: project,
  })
    .toString()
    .trim();
}

mkdirSync(join(project, "lib/shop"), { recursive: true });
mkdirSync(join(project, "test"), { recursive: true });
writeFileSync(join(project, "mix.exs"), "defmodule Shop.MixProject do\nend\n");
git("init", "-q");
const reports = [];
const revisions = [];
VERSIONS.forEach((v, i) => {
  writeFileSync(join(project, "lib/shop/cart.ex"), v.cart);
  writeFileSync(join(project, "lib/shop/pinger.ex"), v.pinger);
  writeFileSync(join(project, "test/shop_test.exs"), v.test);
  git("add", ".");
  git("commit", "-q", "-m", `v${i + 1}`);
  revisions.push(git("rev-parse", "HEAD"));
  const out = join(tmp, `shop-v${i + 1}.json`);
  const epoch = String(Date.parse(v.at) / 1000);
  try {
    execFileSync(cli, ["check", "--format", "json", "-o", out, "."], {
      cwd: project,
      env: { ...process.env, SOURCE_DATE_EPOCH: epoch },
    });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings, as planted
  }
  reports.push(out);
});
/** `report --compare` of reports a and b (1-based), as JSON. */
const cliCompare = (a, b) =>
  JSON.parse(execFileSync(cli, ["report", "--compare", reports[a - 1], "--format", "json", reports[b - 1]]).toString());

const PLANTED_2_3 = {
  "otp/call-timeout": { fixed: 0, new: 1, unchanged: 2 },
  "otp/no-raw-send": { fixed: 1, new: 1, unchanged: 0 },
  "test/no-sleep": { fixed: 0, new: 0, unchanged: 1 },
};

const server = await serve(dist);
const context = await launch();
const page = await open(context, server.url + "#/audit");

const attrs = (sel, names) =>
  page.$$eval(sel, (els, names) => els.map((e) => Object.fromEntries(names.map((n) => [n, e.dataset[n]]))), names);

async function ruleRows() {
  const rows = await attrs("[data-testid=progress-rule]", ["rule", "fixed", "new", "unchanged"]);
  return Object.fromEntries(rows.map((r) => [r.rule, { fixed: +r.fixed, new: +r.new, unchanged: +r.unchanged }]));
}

function cliRules(doc) {
  return Object.fromEntries(Object.entries(doc.rules).map(([r, c]) => [r, { fixed: c.fixed, new: c.new, unchanged: c.unchanged }]));
}

async function reportsShown(n) {
  await page.waitForSelector(`[data-testid=progress-view][data-reports="${n}"]`, { timeout: 10000 });
}

/** The audit is on another view than progress. */
async function noProgressView() {
  equal(await page.$("[data-testid=progress-view]"), null);
}

await test("the CLI's reports carry the planted numbers, dates and commits", async () => {
  deepStrictEqual(cliRules(cliCompare(2, 3)), PLANTED_2_3);
});

await test("three reports picked together show in time order with the planted counts", async () => {
  // Out of order on purpose: the view orders them by generated_at.
  await page.setInputFiles("[data-testid=reports-input]", [reports[2], reports[0], reports[1]]);
  await reportsShown(3);
  equal(await page.evaluate(() => location.hash), "#/audit/progress");
  const listed = await attrs("[data-testid=progress-report]", ["total", "generatedAt"]);
  deepStrictEqual(
    listed.map((r) => r.generatedAt),
    VERSIONS.map((v) => v.at),
  );
  deepStrictEqual(
    listed.map((r) => +r.total),
    [5, 4, 5],
  );
  const text = await page.textContent("[data-testid=progress-view]");
  ok(text.includes(revisions[0].slice(0, 10)), "the first report's commit is shown");

  const series = await attrs("[data-testid=progress-series]", ["kind", "name", "counts"]);
  const of = (kind, name) => series.find((s) => s.kind === kind && s.name === name)?.counts;
  equal(of("area", "Test suite"), "2,1,1");
  equal(of("area", "Production code"), "3,3,4");
  equal(of("area", "Other files"), "0,0,0");
  equal(of("rule", "otp/call-timeout"), "2,2,3");
  equal(of("rule", "otp/no-raw-send"), "1,1,1");
  equal(of("rule", "test/no-sleep"), "2,1,1");
  // The chart draws a line per series; the table is its text equivalent.
  equal(await page.$$eval("[data-testid=progress-chart][data-kind=rule] polyline", (l) => l.length), 3);
  ok(await page.$eval("[data-testid=progress-chart] svg", (s) => s.getAttribute("role") === "img" && s.getAttribute("aria-label").length > 0));

  // Enforcement holds until #3 raises otp/call-timeout above its first count.
  const stages = await attrs("[data-testid=progress-stage]", ["stage", "met"]);
  deepStrictEqual(stages, [
    { stage: "1", met: "yes,yes,no" },
    { stage: "2", met: "no,no,no" },
    { stage: "3", met: "no,no,no" },
  ]);
  // Each unmet stage names its metrics: the open rules and their counts.
  const metrics = await page.$$eval("[data-testid=progress-stage] .metrics", (els) => els.map((e) => e.textContent));
  deepStrictEqual(metrics, [
    "otp/call-timeout: 3",
    "test/no-sleep: 2",
    "test/no-sleep: 1",
    "test/no-sleep: 1",
    "otp/call-timeout: 2, otp/no-raw-send: 1",
    "otp/call-timeout: 2, otp/no-raw-send: 1",
    "otp/call-timeout: 3, otp/no-raw-send: 1",
  ]);
  const pace = await attrs("[data-testid=progress-projection]", ["stage", "state"]);
  // Tests: 2 → 1 in two weeks (half a finding a week, one left: done 2026-12-03),
  // the schedule ends stage 2 in its second week (2026-11-19). Production went up.
  deepStrictEqual(pace, [
    { stage: "1", state: "stalled" },
    { stage: "2", state: "behind" },
    { stage: "3", state: "stalled" },
  ]);
  ok(text.includes("1 finding left at 0.5 a week: done by 2026-12-03"), text);
});

await test("the last two reports compare as planted, as --compare prints", async () => {
  deepStrictEqual(await ruleRows(), PLANTED_2_3);
  deepStrictEqual(await ruleRows(), cliRules(cliCompare(2, 3)));
  const delta = await page.textContent("[data-testid=progress-delta]");
  equal(delta.trim(), "From #2 to #3: 1 finding fixed, 2 new, 3 unchanged.");
  // Without the project's code here, each finding shows its place and the report's frame.
  const news = await page.$$eval("[data-testid=progress-new]", (els) =>
    els.map((e) => [e.dataset.rule, e.querySelector("code").textContent, e.querySelector("pre.snippet")?.textContent ?? ""]),
  );
  deepStrictEqual(
    news.map(([r, place]) => [r, place]).sort(),
    [
      ["otp/call-timeout", "lib/shop/cart.ex:6"],
      ["otp/no-raw-send", "lib/shop/pinger.ex:3"],
    ],
  );
  // The code frame is the report's line of code.
  deepStrictEqual(
    news.map(([, , frame]) => frame.trim()).sort(),
    ["def del(s), do: GenServer.call(s, :del)", "def pong(pid), do: send(pid, :pong)"],
  );
  const fixed = await page.$$eval("[data-testid=progress-fixed] > div:first-child > code:first-child", (els) => els.map((e) => e.textContent));
  deepStrictEqual(fixed, ["lib/shop/pinger.ex:2"]);
});

await test("two other points are chosen through the fragment, which a reload keeps", async () => {
  await page.selectOption("[data-testid=progress-from]", "1");
  await page.waitForFunction(() => location.hash === "#/audit/progress?from=1&to=3");
  await page.waitForSelector("[data-testid=progress-delta]");
  const want = cliCompare(1, 3);
  const delta = await attrs("[data-testid=progress-delta]", ["fixed", "new", "unchanged"]);
  deepStrictEqual(delta[0], { fixed: String(want.fixed), new: String(want.new), unchanged: String(want.unchanged) });
  deepStrictEqual(await ruleRows(), cliRules(want));
  await page.reload();
  await page.waitForFunction(() => window.otpAuditReady === true);
  await reportsShown(3);
  deepStrictEqual(await ruleRows(), cliRules(want));
  equal(await page.inputValue("[data-testid=progress-from]"), "1");
});

await test("a report is removed, and stays removed after a reload", async () => {
  await page.goto(server.url + "#/audit/progress");
  await reportsShown(3);
  await page.click("[data-testid=progress-report]:nth-child(2) [data-testid=remove-report]");
  await reportsShown(2);
  deepStrictEqual(
    (await attrs("[data-testid=progress-report]", ["generatedAt"])).map((r) => r.generatedAt),
    [VERSIONS[0].at, VERSIONS[2].at],
  );
  await page.reload();
  await page.waitForFunction(() => window.otpAuditReady === true);
  await reportsShown(2);
  deepStrictEqual(await ruleRows(), cliRules(cliCompare(1, 3)));
});

await test("a report opened in the page is added to the progress", async () => {
  await page.goto(server.url + "#/audit");
  await page.setInputFiles("[data-testid=report-input]", reports[1]);
  await page.waitForSelector("[data-testid=add-to-progress]");
  await page.click("[data-testid=add-to-progress]");
  await reportsShown(3);
  equal(await page.evaluate(() => location.hash), "#/audit/progress");
  deepStrictEqual(await ruleRows(), PLANTED_2_3);
  // The same report again is not followed twice.
  await page.goto(server.url + "#/audit/summary");
  await page.click("[data-testid=add-to-progress]");
  await reportsShown(3);
});

await test("a project analysed in the page is added with today's date, last", async () => {
  // Without an open report, the inputs offer the sample project.
  await page.goto(server.url + "#/audit");
  await page.evaluate(() => localStorage.removeItem("otp-audit.audit.last"));
  await page.reload();
  await page.waitForFunction(() => window.otpAuditReady === true);
  await noProgressView();
  await page.click("[data-testid=sample-project]");
  await page.waitForSelector("[data-testid=report][data-origin=folder]", { timeout: 60000 });
  await page.click("[data-testid=add-to-progress]");
  await reportsShown(4);
  const listed = await attrs("[data-testid=progress-report]", ["generatedAt"]);
  const today = new Date().toISOString().slice(0, 10);
  ok(listed[3].generatedAt.startsWith(today) && listed[3].generatedAt.endsWith("Z"), listed[3].generatedAt);
  // The last two are now #3 (the CLI's) and the sample project: unrelated code.
  ok((await ruleRows())["otp/no-raw-send"].fixed >= 1);
  await page.click("[data-testid=progress-report]:nth-child(4) [data-testid=remove-report]");
  await reportsShown(3);
});

await test("the view fits a phone; screenshots at 1400 and 360 px", async () => {
  await page.goto(server.url + "#/audit/progress");
  await reportsShown(3);
  for (const [width, height] of [
    [1400, 900],
    [360, 800],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `audit-progress-${width}.png`), fullPage: true });
    const [doc, vw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    ok(doc <= vw + 1, `at ${width} px the page is ${doc} px wide in a ${vw} px viewport`);
  }
  deepStrictEqual(page.errors, []);
});

await context.close();
server.stop();
rmSync(tmp, { recursive: true, force: true });
process.exit(summary() ? 1 : 0);
