// Accessibility in headless Chromium: axe-core (installed by tools/test-web into
// target/web-e2e) runs on each section with content in it: the playground with
// findings, the audit summary, a file view, the progress view and a workshop
// exercise. No violation of impact serious or critical may remain, in the light and
// in the dark theme (the system's preference, and the theme button's choice on the
// playground). The playground announces its findings count in a polite live region.
// Usage: node tests/web/a11y.spec.mjs [dist dir] [otp-audit binary]
import { equal, ok } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, open, root, serve, setCode, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const cli = resolve(process.argv[3] || join(root, "target/release/otp-audit"));
const require = createRequire(join(process.env.PLAYWRIGHT_DIR || join(root, "target/web-e2e"), "package.json"));
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-a11y-"));

const server = await serve(dist);
const context = await launch();
const page = await open(context, server.url);

/** axe's serious and critical violations on the page as it is, one line each. */
async function violations() {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n       ${v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${(n.any[0] || n.all[0] || {}).message || ""}`).join("\n       ")}`);
  });
  return found;
}

/** The color scheme the page's styles resolved to (`light` or `dark`). */
const scheme = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);

async function cleanAs(what) {
  const v = await violations();
  equal(v.length, 0, `${what} (${await scheme()} theme):\n     ${v.join("\n     ")}`);
}

/** No serious violation with the system in light mode, then in dark mode. */
async function clean(what) {
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    equal(await scheme(), colorScheme, `${what} follows the system's ${colorScheme} preference`);
    await cleanAs(what);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

await test("the playground with findings: no serious violation; the count is announced", async () => {
  await setCode(page, "defmodule MyApp.Notifier do\n  def notify(pid), do: send(pid, :changed)\nend\n");
  const live = await page.$eval("[data-testid=findings-announcer]", (e) => [e.getAttribute("aria-live"), e.textContent]);
  equal(live[0], "polite");
  equal(live[1].trim(), "1 finding");
  await setCode(page, "defmodule MyApp.Notifier do\nend\n");
  equal((await page.textContent("[data-testid=findings-announcer]")).trim(), "No findings");
  await setCode(page, "defmodule MyApp.Notifier do\n  def a(p), do: send(p, :a)\n  def b(p), do: send(p, :b)\nend\n");
  equal((await page.textContent("[data-testid=findings-announcer]")).trim(), "2 findings");
  await clean("playground");
  // The theme button's dark (System → Light → Dark) on a light system, then back to System.
  await page.click("[data-testid=theme]");
  await page.click("[data-testid=theme]");
  equal(await page.getAttribute("html", "data-theme"), "dark");
  equal(await scheme(), "dark");
  await cleanAs("playground, theme button on dark");
  await page.click("[data-testid=theme]");
  equal(await page.getAttribute("html", "data-theme"), null);
});

await test("the audit summary and a file view: no serious violation", async () => {
  await page.goto(server.url + "#/audit");
  await page.waitForFunction(() => window.otpAuditReady === true);
  await page.click("[data-testid=sample-project]");
  await page.waitForSelector("[data-testid=report]", { timeout: 60000 });
  await clean("audit summary");
  await page.evaluate(() => (location.hash = "#/audit/files"));
  await page.waitForSelector('a[href^="#/audit/file/"]');
  const file = await page.$eval('a[href^="#/audit/file/"]', (a) => a.getAttribute("href"));
  await page.evaluate((h) => (location.hash = h), file);
  await page.waitForSelector("[data-testid=file-source] [data-testid=inline-finding]", { timeout: 10000 });
  await clean("file view");
});

await test("the progress view: no serious violation", async () => {
  const project = join(tmp, "shop");
  mkdirSync(join(project, "lib"), { recursive: true });
  writeFileSync(join(project, "mix.exs"), "defmodule Shop.MixProject do\nend\n");
  const reports = ["send(pid, :ping)", "GenServer.call(pid, :ping, 1_000)"].map((body, i) => {
    writeFileSync(join(project, "lib/pinger.ex"), `defmodule Shop.Pinger do\n  def ping(pid), do: ${body}\nend\n`);
    const out = join(tmp, `r${i + 1}.json`);
    try {
      execFileSync(cli, ["check", "--format", "json", "-o", out, "."], {
        cwd: project,
        env: { ...process.env, SOURCE_DATE_EPOCH: String(1796000000 + i * 604800) },
      });
    } catch (e) {
      if (e.status !== 1) throw e;
    }
    return out;
  });
  await page.setInputFiles("[data-testid=reports-input]", reports);
  await page.waitForSelector("[data-testid=progress-view][data-reports='2']");
  await clean("progress view");
});

await test("a workshop exercise: no serious violation", async () => {
  const ex = JSON.parse(readFileSync(join(root, "crates/otp-audit-workshop/curriculum/test-hygiene.json"), "utf8")).exercises[0];
  await page.goto(`${server.url}#/workshop/ex/${ex.id}`);
  await page.waitForSelector(`[data-testid=exercise-view][data-id="${ex.id}"] [data-testid=exercise-status]`, { timeout: 30000 });
  await clean("workshop exercise");
  ok(page.errors.length === 0, page.errors.join("\n"));
});

await context.close();
server.stop();
rmSync(tmp, { recursive: true, force: true });
process.exit(summary() ? 1 : 0);
