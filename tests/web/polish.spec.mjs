// Issue 19's browser checks, across the three sections: every view fits a 360 px
// phone without sideways overflow, the playground's fix preview stays in the viewport
// with its buttons, and screenshots of each view at 1400 px and 360 px go to
// target/web/screenshots/ for a person to look at.
// Usage: node tests/web/polish.spec.mjs [dist dir] [otp-audit-corpus binary]
import { deepEqual, equal, ok } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, root, serve, setCode, settled, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const corpus = resolve(process.argv[3] || join(root, "target/release/otp-audit-corpus"));
const shots = join(root, "target/web/screenshots");
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1400, height: 900 };

// A small generated project, zipped, for the audit's views.
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-polish-"));
const project = join(tmp, "shop");
execFileSync(corpus, ["--out", project, "--seed", "7", "--files", "30", "--test-files", "12", "--rate", "0.3"]);
rmSync(join(project, "planted.json"));
// The generated project has warnings only; so that "errors first" means something, a
// module with errors sorts last by path (a GenServer calling itself, a gen_statem
// call that waits forever) and a config lowers one rule to info.
mkdirSync(join(project, "lib/shop_zz"));
writeFileSync(
  join(project, "lib/shop_zz/ledger.ex"),
  `defmodule Shop.Ledger do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(opts), do: {:ok, opts}

  def handle_call(:balance, _from, state) do
    total = GenServer.call(__MODULE__, :total)
    {:reply, total, state}
  end

  def handle_call(:total, _from, state), do: {:reply, 0, state}

  def settle(machine), do: :gen_statem.call(machine, :settle)
end
`,
);
writeFileSync(join(project, "otp-audit.toml"), '[rules."code/unused-operation"]\nseverity = "info"\n');
const zip = join(tmp, "shop.zip");
execFileSync("python3", [
  "-c",
  `import os, sys, zipfile
src, out = sys.argv[1:3]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(base, f)
            z.write(p, os.path.join("shop", os.path.relpath(p, src)))`,
  project,
  zip,
]);

const server = await serve(dist);
const context = await launch();
const page = await context.newPage();
page.errors = [];
page.on("pageerror", (e) => page.errors.push(e.message));

/** Open `hash` with a full page load, at `size`. */
async function go(hash, size = DESKTOP) {
  await page.setViewportSize(size);
  await page.goto("about:blank");
  await page.goto(server.url + hash);
  await page.waitForFunction(() => window.otpAuditReady === true, null, { timeout: 30000 });
}

/** Elements that stick out of the viewport sideways, where no scrolling box of
 *  their own holds them: what makes a phone's page scroll horizontally. */
function sideways(p = page) {
  return p.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    const doc = document.documentElement.scrollWidth;
    if (doc > vw + 1) out.push(`the page is ${doc} px wide in a ${vw} px viewport`);
    const inside = (r) => r.left >= -1 && r.right <= vw + 1;
    const name = (el) =>
      el.tagName.toLowerCase() +
      (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : "") +
      (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || inside(r)) continue;
      let held = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible" && inside(a.getBoundingClientRect())) {
          held = true;
          break;
        }
      }
      // Report the outermost culprit only.
      const parent = el.parentElement?.getBoundingClientRect();
      if (!held && (!parent || inside(parent) || el.parentElement === document.body)) {
        out.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
      }
    }
    return out.slice(0, 12);
  });
}

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Check the open view at phone size and take both screenshots of it. */
async function both(name) {
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(150);
  await shot(`${name}-1400`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await shot(`${name}-360`);
  const over = await sideways();
  equal(over.length, 0, `${name} at 360 px overflows sideways:\n  ${over.join("\n  ")}`);
  await page.setViewportSize(DESKTOP);
}

/** `sel`'s box lies inside the viewport (and is the element hit at its centre). */
async function inView(sel) {
  return page.$eval(sel, (el) => {
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh && el.contains(hit);
  });
}

// A module whose fixes change the ends of long lines (`, 5_000)`).
const LONG_CALLS = `defmodule MyApp.Inventory.ReservationCoordinator do
  @moduledoc "Keeps stock reservations for orders in flight."
${Array.from({ length: 8 }, (_, i) => `
  def reserve_${i}(server, order_id, warehouse_id, quantity) do
    GenServer.call(server, {:reserve_stock_for_order_in_warehouse, order_id, warehouse_id, quantity, :priority_${i}})
  end
`).join("")}end
`;

await test("the playground fits a phone and its screenshots are taken", async () => {
  await go("#/", PHONE);
  await setCode(page, LONG_CALLS);
  await both("playground");
  await page.click("[data-testid=settings-tab]");
  await both("playground-settings");
});

for (const size of [DESKTOP, PHONE]) {
  await test(`at ${size.width} px the fix preview stays in view, its changes readable, Apply and Close at hand`, async () => {
    await go("#/", size);
    await page.fill("[data-testid=path]", "lib/my_app/inventory.ex");
    await setCode(page, LONG_CALLS);
    await page.click("[data-testid=fix-all-preview]");
    await page.waitForSelector("[data-testid=preview] table.diff tr.add");
    await page.locator("[data-testid=preview]").scrollIntoViewIfNeeded();
    await shot(`playground-preview-${size.width}`);
    ok(await inView("[data-testid=preview-apply]"), "Apply is visible");
    ok(await inView("[data-testid=preview-close]"), "Close is visible");
    const over = await sideways();
    equal(over.length, 0, `the preview pushes the page sideways:\n  ${over.join("\n  ")}`);
    // Every added line shows its end (the `, 5_000)`) without scrolling sideways.
    const cut = await page.$$eval("[data-testid=preview] tr.add td.src", (cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > c.closest(".preview-body").getBoundingClientRect().right + 1).map((c) => c.textContent),
    );
    equal(cut.length, 0, `cut off: ${cut.join(" | ")}`);
    // The pane holds more than a sliver of the diff.
    const h = await page.$eval("[data-testid=preview] .preview-body", (b) => b.getBoundingClientRect().height);
    ok(h >= Math.min(300, size.height * 0.35), `the diff pane is ${h} px tall`);
    await page.click("[data-testid=preview-apply]");
    await settled(page);
    ok((await page.inputValue("[data-testid=editor]")).includes(":priority_7}, 5_000)"));
  });
}

await test("a stale preview closes when the path or the settings change", async () => {
  await go("#/");
  await page.fill("[data-testid=path]", "lib/my_app/inventory.ex");
  await setCode(page, LONG_CALLS);
  await page.click("[data-testid=fix-all-preview]");
  await page.waitForSelector("[data-testid=preview]");
  await page.fill("[data-testid=path]", "lib/my_app/inventory_two.ex");
  await settled(page);
  equal(await page.$("[data-testid=preview]"), null, "closed by the path change");
  await page.click("[data-testid=fix-all-preview]");
  await page.waitForSelector("[data-testid=preview]");
  await page.click("[data-testid=settings-tab]");
  await page.uncheck("[data-testid=rule-toggle][data-rule='otp/call-timeout']");
  await settled(page);
  equal(await page.$("[data-testid=preview]"), null, "closed by the settings change");
  await page.check("[data-testid=rule-toggle][data-rule='otp/call-timeout']");
});

await test("every audit view fits a phone and its screenshots are taken", async () => {
  await go("#/audit");
  await page.evaluate(() => localStorage.clear());
  await go("#/audit");
  await both("audit-empty");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.waitForFunction(() => document.querySelector(".audit-head h2")?.textContent === "shop.zip", null, { timeout: 120000 });
  await both("audit-summary");
  for (const view of ["plan", "files", "findings"]) {
    await page.evaluate((v) => (location.hash = `#/audit/${v}`), view);
    await page.waitForSelector(`[data-testid=tab-${view}].current`);
    await both(`audit-${view}`);
  }
  const file = await page.getAttribute("[data-testid=finding-row] a", "href");
  await page.evaluate((h) => (location.hash = h), file);
  await page.waitForSelector("[data-testid=file-source]");
  const fix = await page.$("[data-testid=preview-fix]");
  if (fix) {
    await fix.click();
    await page.waitForSelector("[data-testid=fix-preview]");
  }
  await both("audit-file");
});

/** Text in the page that shows a literal backtick (outside code blocks and editors):
 *  messages must render their `code` spans as code. */
function backticks(p = page) {
  return p.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.includes("`")) continue;
      if (n.parentElement.closest("pre, textarea, #layer, .ws-layer, script, style")) continue;
      out.push(n.parentElement.closest("[class]")?.className + ": " + n.textContent.trim().slice(0, 120));
    }
    return out;
  });
}

/** Counts whose noun disagrees with the number ("1 findings", "2 error", "finding(s)"). */
function badPlurals(p = page) {
  return p.evaluate(() => {
    const text = document.body.innerText;
    const nouns = "error|warning|finding|file|fix|week|occurrence|exercise";
    const bad = [
      ...text.matchAll(/\w+\((s|es)\)/g),
      ...text.matchAll(new RegExp(`(?<![\\d.,])1 (${nouns.replaceAll("|", "s|")}s|fixes)\\b`, "g")),
      ...text.matchAll(new RegExp(`(?<![\\d.,:])(0|[2-9]|\\d{2,}) (${nouns})(?![\\w-])`, "g")),
    ];
    return bad.map((m) => m[0]);
  });
}

await test("playground counts are grammatical and messages show no backticks", async () => {
  await go("#/");
  await page.fill("[data-testid=path]", "lib/my_app/notifier.ex");
  await setCode(page, "defmodule N do\n  def f(p), do: send(p, :x)\nend\n");
  equal((await page.textContent("[data-testid=count-warning]")).trim(), "1 warning");
  equal((await page.textContent("[data-testid=count-error]")).trim(), "0 errors");
  await page.click("[data-testid=finding]");
  await page.click("[data-testid=settings-tab]");
  await page.fill("[data-testid=config]", '[rules."otp/no-such-rule"]\nenabled = false\n');
  await page.waitForSelector("[data-testid=config-error]");
  equal((await badPlurals()).join(" | "), "");
  equal((await backticks()).join(" | "), "");
  await page.fill("[data-testid=config]", "");
});

await test("audit totals equal what their filters show, errors come first, one effort figure", async () => {
  await go("#/audit");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.waitForFunction(() => document.querySelector(".audit-head h2")?.textContent === "shop.zip", null, { timeout: 120000 });
  // The count updates in place, so the wait is for the count to settle on what the
  // link promised; a wrong total (or a view other than the link's) fails the wait.
  const shown = async (href, expected) => {
    await page.evaluate((h) => (location.hash = h), href);
    try {
      await page.waitForFunction(
        ([h, n]) => {
          const el = document.querySelector("[data-testid=shown-count]");
          return location.hash === h && el && (n === undefined || Number(el.dataset.count) === n);
        },
        [href, expected],
        { timeout: 10000 },
      );
    } catch {
      const el = await page.$("[data-testid=shown-count]");
      const now = await page.evaluate(() => location.hash);
      throw new Error(`${href}: expected ${expected} shown, the page is at ${now} showing ${el ? await el.getAttribute("data-count") : "no count"}`);
    }
    return Number(await page.getAttribute("[data-testid=shown-count]", "data-count"));
  };
  const links = (sel) => page.$$eval(sel, (as) => as.map((a) => ({ href: a.getAttribute("href"), n: Number(a.dataset.count), sev: a.dataset.severity })));
  const total = Number(await page.getAttribute("[data-testid=total-findings]", "data-count"));
  const bySeverity = await links("[data-testid=total-severity]");
  equal(bySeverity.reduce((a, l) => a + l.n, 0), total, "the severity totals add up to the total");
  const rows = await page.$$eval("[data-testid=rule-count]", (rs) =>
    rs.map((r) => ({
      rule: r.dataset.rule,
      n: Number(r.dataset.count),
      worst: r.dataset.worst,
      parts: [...r.querySelectorAll("[data-testid=rule-severity]")].map((a) => ({ href: a.getAttribute("href"), n: Number(a.dataset.count), sev: a.dataset.severity })),
    })),
  );
  ok(rows.length > 3, "several rules");
  const rank = { error: 3, warning: 2, info: 1 };
  // The fixture has all three severities, so the order below is not a given.
  deepEqual([...new Set(rows.map((r) => r.worst))].sort(), ["error", "info", "warning"], "the fixture mixes severities");
  ok(rows.some((r) => r.parts.length > 1), "a rule whose findings differ in severity");
  // Worst severity first, then the count at that severity, then the total.
  const key = (r) => [rank[r.worst], r.parts.find((p) => p.sev === r.worst).n, r.n];
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [key(rows[i - 1]), key(rows[i])];
    const before = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    ok(before >= 0, `errors first, then counts: ${rows[i - 1].rule} (${a}) before ${rows[i].rule} (${b})`);
  }
  equal(rows.reduce((a, r) => a + r.n, 0), total, "the rules add up to the total");
  const effortText = (await page.textContent("[data-testid=effort] strong")).trim();
  for (const l of bySeverity) equal(await shown(l.href, l.n), l.n, `${l.sev} total vs its filter`);
  for (const r of rows) {
    equal(r.parts.reduce((a, p) => a + p.n, 0), r.n, `${r.rule}: its severity split adds up`);
    for (const p of r.parts) equal(await shown(p.href, p.n), p.n, `${r.rule} ${p.sev} vs its filter`);
  }
  // The findings list: errors first, then warnings, then info.
  await shown("#/audit/findings");
  while (await page.$("[data-testid=show-more]")) await page.click("[data-testid=show-more]");
  const listed = await page.$$eval("[data-testid=finding-row]", (r) =>
    r.map((x) => ({ sev: x.dataset.severity, place: x.querySelector("a code").textContent })),
  );
  equal(listed.length, total, "every finding, page by page");
  // Errors first (the fixture's sort last by path), then by path.
  const path = (f) => f.place.replace(/:\d+:\d+$/, "");
  for (let i = 1; i < listed.length; i++) {
    const [a, b] = [listed[i - 1], listed[i]];
    ok(rank[a.sev] > rank[b.sev] || (a.sev === b.sev && path(a) <= path(b)), `finding ${i}: ${a.sev} ${a.place} before ${b.sev} ${b.place}`);
  }
  equal((await backticks()).join(" | "), "");
  equal((await badPlurals()).join(" | "), "");
  // One effort figure: the plan's total is the header's.
  await page.evaluate(() => (location.hash = "#/audit/plan"));
  await page.waitForSelector(".audit-plan");
  ok((await page.textContent(".audit-plan")).includes(`Total estimate ${effortText} `), `the plan quotes ${effortText}`);
  const file = rows[0].parts[0].href;
  await shown(file);
  await page.evaluate((h) => (location.hash = h), await page.getAttribute("[data-testid=finding-row] a", "href"));
  await page.waitForSelector("[data-testid=file-heading]");
  equal((await backticks()).join(" | "), "");
  equal((await badPlurals()).join(" | "), "");
});

/** Open the fixture's zip in the audit and wait for its analysis (not a restored report). */
async function openShop() {
  await go("#/audit");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.waitForSelector("[data-testid=report][data-origin=zip]", { timeout: 120000 });
}

await test("a run that finishes keeps the view the user opened meanwhile, else opens the summary", async () => {
  await openShop();
  // The last report is restored on load, so there is something to browse while the
  // project is analysed again.
  await go("#/audit/plan");
  await page.waitForSelector("[data-testid=report][data-origin=restored]");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.evaluate(() => (location.hash = "#/audit/findings?severity=warning"));
  await page.waitForSelector("[data-testid=report][data-origin=zip]", { timeout: 120000 });
  await page.waitForTimeout(100);
  equal(await page.evaluate(() => location.hash), "#/audit/findings?severity=warning");
  ok(await page.$("[data-testid=tab-findings].current"), "still on the findings");
  // Without a navigation, a new project opens on its summary.
  await go("#/audit/plan");
  await page.waitForSelector("[data-testid=report][data-origin=restored]");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.waitForSelector("[data-testid=report][data-origin=zip]", { timeout: 120000 });
  await page.waitForSelector("[data-testid=tab-summary].current");
  equal(await page.evaluate(() => location.hash), "#/audit");
});

for (const view of ["findings", "files"]) {
  await test(`the ${view} list narrows as a path is typed, with no Enter`, async () => {
    await openShop();
    await page.evaluate((v) => (location.hash = `#/audit/${v}`), view);
    await page.waitForSelector("[data-testid=shown-count]");
    const count = () => page.$eval("[data-testid=shown-count]", (el) => Number(el.dataset.count));
    const all = await count();
    const typed = "shop_zz";
    await page.click("[data-testid=filter-path]");
    await page.keyboard.type(typed, { delay: 40 });
    // No Enter, no blur: the list follows the keystrokes.
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=shown-count]").dataset.count) < n, all, { timeout: 5000 });
    const row = view === "findings" ? "[data-testid=finding-row] a code" : "[data-testid=file-row] a code";
    const paths = await page.$$eval(row, (cs) => cs.map((c) => c.textContent));
    ok(paths.length > 0 && paths.every((p) => p.includes(typed)), paths.join(", "));
    equal(await count(), view === "findings" ? 2 : 1);
    // The box kept its focus and its text, and the link follows the filter.
    equal(await page.evaluate(() => document.activeElement?.dataset.testid), "filter-path");
    equal(await page.inputValue("[data-testid=filter-path]"), typed);
    equal(await page.evaluate(() => location.hash), `#/audit/${view}?path=${typed}`);
    // Deleting the text brings every row back.
    for (let i = 0; i < typed.length; i++) await page.keyboard.press("Backspace");
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=shown-count]").dataset.count) === n, all, { timeout: 5000 });
    // The other filters keep the typed path.
    await page.keyboard.type("test/");
    await page.waitForFunction(() => location.hash.includes("path=test%2F"));
    await page.selectOption("[data-testid=filter-severity]", "warning");
    await page.waitForFunction(() => location.hash.includes("severity=warning") && location.hash.includes("path=test%2F"));
    equal(await page.inputValue("[data-testid=filter-path]"), "test/");
  });
}

await test("the workshop's list, an exercise and the presenter view fit a phone", async () => {
  await go("#/workshop");
  await both("workshop-list");
  await go("#/workshop/ex/call-without-timeout");
  await page.waitForSelector("[data-testid=exercise-status]");
  await both("workshop-exercise");
  await go("#/workshop/present/call-without-timeout");
  await page.waitForSelector("[data-testid=exercise-status]");
  await both("workshop-presenter");
});

await test("the presenter view gives the code the full width and folds hints and guide", async () => {
  for (const size of [DESKTOP, PHONE]) {
    await go("#/workshop/present/call-without-timeout", size);
    await page.waitForSelector("[data-testid=exercise-status]");
    const fullWidth = async (what) => {
      const [editor, work] = await page.evaluate(() =>
        [".ws-editor-pane", ".ws-work"].map((s) => document.querySelector(s).getBoundingClientRect().width),
      );
      ok(editor >= work - 2, `at ${size.width} px ${what}: the code is ${editor} px of ${work} px`);
    };
    await fullWidth("folded");
    const open = (box) => page.$eval(`[data-testid=${box}]`, (d) => d.open);
    equal(await open("hints-box"), false, "hints start folded");
    equal(await open("guide-box"), false, "the guide starts folded");
    ok(!(await page.isVisible("[data-testid=hint]")), "the hint button is folded away");
    ok(!(await page.isVisible("[data-testid=guide]")), "the guide is folded away");
    await page.click("[data-testid=hints-box] > summary");
    await page.click("[data-testid=hint]");
    await page.waitForSelector("[data-testid=hint-text]");
    // A finding asks for its guide page, which unfolds the guide.
    await page.click("[data-testid=finding]");
    await page.waitForFunction(() => document.querySelector("[data-testid=guide-box]").open);
    ok(await page.isVisible("[data-testid=guide] h1"), "the guide page shows");
    await page.click("[data-testid=guide-box] > summary");
    equal(await open("guide-box"), false, "and folds again");
    await page.click("[data-testid=guide-box] > summary");
    await fullWidth("unfolded");
  }
  // The exercise view (no projector) shows its hints and guide unfolded.
  await go("#/workshop/ex/call-without-timeout");
  await page.waitForSelector("[data-testid=exercise-status]");
  ok(await page.isVisible("[data-testid=hint]"));
  ok(await page.isVisible("[data-testid=guide]"));
  equal(await page.$("[data-testid=guide-box]"), null);
});

await test("workshop tracks name their plan stage, with the weeks of the last audit's schedule", async () => {
  await page.setViewportSize(DESKTOP);
  const stages = () => page.$$eval("[data-testid=track]", (ts) => Object.fromEntries(ts.map((t) => [t.dataset.id, t.querySelector("[data-testid=track-stage]").textContent])));
  // No audit kept: the stage without weeks.
  await go("#/workshop");
  await page.evaluate(() => localStorage.removeItem("otp-audit.audit.last"));
  await go("#/workshop");
  let s = await stages();
  equal(s["test-hygiene"], "Stage 2 of the remediation plan: Test suite remediation.");
  equal(s["genserver-shape"], "Stage 3 of the remediation plan: Production hardening.");
  equal(s["process-hardening"], "Stage 3 of the remediation plan: Production hardening.");
  const overviews = await page.$$eval(".ws-overview", (ps) => ps.map((p) => p.textContent).join(" "));
  ok(!/week|stage \d/i.test(overviews), `no fixed stage or weeks in the overviews: ${overviews}`);
  // After an audit, the weeks its plan computed (week 2, weeks 3–5 for the fixture).
  await openShop();
  await page.evaluate(() => (location.hash = "#/audit/plan"));
  await page.waitForSelector("[data-testid=schedule-row]");
  const when = await page.$$eval("[data-testid=schedule-row]", (rs) => Object.fromEntries(rs.map((r) => [r.dataset.stage, r.querySelector("[data-label=When]").textContent])));
  await go("#/workshop");
  s = await stages();
  equal(s["test-hygiene"], `Stage 2 of the remediation plan: Test suite remediation, ${when[2]} of the plan for shop.zip at 10 h a week.`);
  equal(s["genserver-shape"], `Stage 3 of the remediation plan: Production hardening, ${when[3]} of the plan for shop.zip at 10 h a week.`);
  deepEqual([when[2], when[3]], ["week 2", "weeks 3–5"], "the fixture's schedule");
});

await test("playground labels have tooltips, the editor shows its focus and the way out, settings say what a config changed", async () => {
  await go("#/");
  await page.fill("[data-testid=path]", "lib/my_app/inventory.ex");
  await setCode(page, LONG_CALLS);
  const badge = await page.$eval("[data-testid=finding] .fixable", (b) => [b.textContent, b.title]);
  equal(badge[0], "safe fix");
  ok(badge[1].length > 20, "the badge explains itself");
  const patterns = await page.$eval("[data-testid=guide-patterns]", (b) => [b.textContent, b.title]);
  equal(patterns[0], "Migration patterns");
  ok(/MG-1/.test(patterns[1]), patterns[1]);
  await page.evaluate(() => document.activeElement.blur());
  equal(await page.$("[data-testid=editor-keys]"), null, "no key hint while the editor is not focused");
  await page.focus("[data-testid=editor]");
  ok(/Esc, then Tab/.test(await page.textContent("[data-testid=editor-keys]")));
  ok(await page.$eval("#scroller", (s) => getComputedStyle(s).outlineStyle !== "none"), "a focus outline");
  await page.click("[data-testid=settings-tab]");
  await page.fill("[data-testid=config]", '[rules."code/nesting"]\nmax_nesting = 5\n');
  await page.waitForSelector("[data-testid=config-summary]");
  const summary = await page.textContent("[data-testid=config-summary]");
  ok(summary.includes("It changes 1 rule:") && summary.includes("code/nesting: max_nesting 5"), summary);
  equal((await backticks()).join(" | "), "");
  await page.fill("[data-testid=config]", "");
});

await test("every section has the theme toggle; the audit offers a sample project and then folds its inputs", async () => {
  for (const hash of ["#/", "#/audit", "#/workshop"]) {
    await go(hash);
    ok(await page.$("[data-testid=theme]"), `theme toggle on ${hash}`);
  }
  await go("#/audit");
  await page.evaluate(() => localStorage.clear());
  await go("#/audit");
  const labels = await page.$$eval(".audit-inputs label.file-button", (ls) => ls.map((l) => l.textContent.trim()));
  ok(labels.includes("Choose a project zip…"), labels.join(", "));
  await page.click("[data-testid=sample-project]");
  await page.waitForSelector("[data-testid=report]", { timeout: 120000 });
  ok(Number(await page.getAttribute("[data-testid=total-findings]", "data-count")) > 10, "the sample has findings");
  ok(await page.$(".audit-inputs.compact"), "the inputs fold once a report is open");
  equal(await page.$("[data-testid=sample-project]"), null);
  const top = await page.$eval("[data-testid=report]", (r) => r.getBoundingClientRect().top);
  ok(top < 220, `the report starts near the top (${top} px)`);
});

await test("workshop rows open on a click, the editor numbers its lines and a finding jumps to its line", async () => {
  await go("#/workshop");
  const labels = await page.$$eval(".ws-tools label.file-button", (ls) => ls.map((l) => l.textContent.trim()));
  ok(labels.includes("Load a trainer pack…") && labels.includes("Import progress…"), labels.join(", "));
  await page.click("[data-testid=exercise][data-id=call-without-timeout] .ws-rules");
  await page.waitForSelector("[data-testid=exercise-view][data-id=call-without-timeout]");
  const code = await page.inputValue("[data-testid=editor]");
  const numbers = (await page.textContent(".ws-gutter")).split("\n");
  equal(numbers.length, code.split("\n").length);
  equal(numbers[0], "1");
  const f = await page.$eval("[data-testid=finding]", (x) => Number(x.dataset.line));
  await page.click("[data-testid=finding]");
  const caretLine = await page.$eval("[data-testid=editor]", (t) => t.value.slice(0, t.selectionStart).split("\n").length);
  equal(caretLine, f, "the finding's line is selected");
});

equal(page.errors.length, 0, page.errors.join("\n"));
console.log(`     screenshots in ${shots}`);
await context.close();
server.stop();
process.exit(summary() ? 1 : 0);
