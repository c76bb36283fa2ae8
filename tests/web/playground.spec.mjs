// End-to-end tests of the built playground (dist/) in headless Chromium.
// Usage: node tests/web/playground.spec.mjs [dist dir] [otp-audit binary]
// (tools/test-web builds both, installs Chromium and playwright-core, and runs this).
import { deepStrictEqual, equal, ok, match } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { findings, launch, open, root, serve, setCode, settled, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const cli = resolve(process.argv[3] || join(root, "target/release/otp-audit"));

const SEND = `defmodule MyApp.Notifier do
  def notify(pid, event) do
    send(pid, {:event, event})
  end
end
`;

const CALL = `defmodule MyApp.Status do
  def status(server) do
    GenServer.call(server, :status)
  end
end
`;

const SLEEPY_TEST = `defmodule MyApp.WorkerTest do
  use ExUnit.Case, async: true

  test "finishes" do
    MyApp.Worker.start(self())
    Process.sleep(100)
    assert_received {:done, _}
  end
end
`;

const server = await serve(dist);
const context = await launch();
const origin = new URL(server.url).origin;
const requests = [];
context.on("request", (r) => requests.push(r.url()));
const page = await open(context, server.url);

await test("a raw send shows up as otp/no-raw-send on its line", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/notifier.ex");
  await setCode(page, SEND);
  const f = await findings(page);
  deepStrictEqual(f, [{ rule: "otp/no-raw-send", line: 3, severity: "warning" }]);
  // Drawn in the text and marked in the gutter.
  ok(await page.$("#layer .d2"), "a wavy warning underline in the layer");
  const mark = await page.$eval("#gutter .gm", (m) => [m.textContent, m.title]);
  equal(mark[0], "3");
  match(mark[1], /otp\/no-raw-send/);
});

await test("typing updates the findings on every input event", async () => {
  await setCode(page, "defmodule A do\n  def f(p) do\n    :ok\n  end\nend\n");
  deepStrictEqual(await findings(page), []);
  // A person typing: one input event per key, no paste.
  await page.focus("[data-testid=editor]");
  await page.evaluate(() => {
    const ta = document.querySelector("[data-testid=editor]");
    const at = ta.value.indexOf(":ok");
    ta.setSelectionRange(at, at + 3);
  });
  await page.keyboard.type("send(p, :x)");
  await settled(page);
  deepStrictEqual(await findings(page), [{ rule: "otp/no-raw-send", line: 3, severity: "warning" }]);
  // A raw dispatched event (no bubbling) counts too.
  await page.evaluate(() => {
    const ta = document.querySelector("[data-testid=editor]");
    ta.value = ta.value.replace("send(p, :x)", ":ok");
    ta.dispatchEvent(new Event("input"));
  });
  await settled(page);
  deepStrictEqual(await findings(page), []);
});

await test("hovering an underline shows the message", async () => {
  await setCode(page, SEND);
  const box = await page.$eval("[data-testid=editor]", (ta) => {
    const r = ta.getBoundingClientRect();
    return { x: r.x, y: r.y };
  });
  const cw = await page.evaluate(() => {
    const s = document.createElement("span");
    s.className = "probe";
    s.textContent = "M".repeat(100);
    document.querySelector("#code").appendChild(s);
    const w = s.getBoundingClientRect().width / 100;
    s.remove();
    return w;
  });
  // Line 3, column 6 (`send` starts at column 5).
  await page.mouse.move(box.x + 12 + 5.5 * cw, box.y + 8 + 2 * 20 + 10);
  await page.waitForSelector("#tip:not([hidden])");
  match(await page.textContent("#tip"), /otp\/no-raw-send.*send\/2/s);
  await page.mouse.move(box.x + 5, box.y + 400);
  await page.waitForSelector("#tip[hidden]", { state: "attached" });
});

await test("selecting a finding moves the caret and opens its guide", async () => {
  await setCode(page, SEND);
  await page.click("[data-testid=finding]");
  const guide = page.locator("[data-testid=guide]");
  await guide.waitFor({ state: "visible" });
  match(await guide.locator("h1").textContent(), /^otp\/no-raw-send/);
  const caret = await page.$eval("[data-testid=editor]", (ta) => [ta.selectionStart, document.activeElement === ta]);
  equal(caret[0], SEND.indexOf("send("));
  ok(caret[1], "the editor has the focus");
  ok(await page.$("[data-testid=guide] pre.code .t-k"), "guide code blocks are highlighted");
});

await test("the guide opens at the section that matches the finding (sleep cases)", async () => {
  await page.fill("[data-testid=path]", "test/my_app/worker_test.exs");
  const code = `defmodule MyApp.RestartTest do
  use ExUnit.Case

  test "restarts" do
    pid = Process.whereis(MyApp.Worker)
    Process.exit(pid, :kill)
    Process.sleep(100)
    assert Process.whereis(MyApp.Worker) != pid
  end
end
`;
  await setCode(page, code);
  await page.click("[data-testid=finding][data-rule='test/no-sleep']");
  const target = await page.waitForSelector("[data-testid=guide] .target");
  equal(await target.getAttribute("id"), "waiting-for-a-restart");
  const visible = await page.$eval("#guide-body", (body) => {
    const t = body.querySelector(".target");
    return t.offsetTop >= body.scrollTop && t.offsetTop < body.scrollTop + body.clientHeight;
  });
  ok(visible, "the section is scrolled into view");
});

await test("switching the path to a test file changes the findings", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/worker_test.ex");
  await setCode(page, SLEEPY_TEST);
  const inLib = (await findings(page)).map((f) => f.rule);
  ok(!inLib.includes("test/no-sleep"), `no test rules in lib: ${inLib}`);
  await page.fill("[data-testid=path]", "test/my_app/worker_test.exs");
  await settled(page);
  const inTest = (await findings(page)).map((f) => f.rule);
  ok(inTest.includes("test/no-sleep"), `test/no-sleep in a test: ${inTest}`);
});

await test("the safe fix of GenServer.call/2 adds the timeout; undo restores", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/status.ex");
  await setCode(page, CALL);
  deepStrictEqual((await findings(page)).map((f) => f.rule), ["otp/call-timeout"]);
  // Its fix, with its safety class and a diff preview.
  await page.click("[data-testid=finding]");
  equal(await page.getAttribute("[data-testid=fix]", "data-safety"), "safe");
  await page.click("[data-testid=fix-preview]");
  const preview = await page.textContent("[data-testid=preview]");
  match(preview, /GenServer\.call\(server, :status, 5_000\)/);
  await page.click("[data-testid=fix-all]");
  await settled(page);
  deepStrictEqual(await findings(page), []);
  const fixed = await page.inputValue("[data-testid=editor]");
  ok(fixed.includes("GenServer.call(server, :status, 5_000)"), fixed);
  // The playground's Undo...
  await page.click("[data-testid=undo]");
  await settled(page);
  equal(await page.inputValue("[data-testid=editor]"), CALL);
  // ...and the browser's own (the fix went through the textarea's undo stack).
  await page.click("[data-testid=finding]");
  await page.click("[data-testid=fix-apply]");
  await settled(page);
  ok((await page.inputValue("[data-testid=editor]")).includes(":status, 5_000)"));
  await page.focus("[data-testid=editor]");
  await page.keyboard.press("Control+z");
  await settled(page);
  equal(await page.inputValue("[data-testid=editor]"), CALL);
});

await test("a finding row kept across a keystroke above it applies its fix at the new offsets", async () => {
  // Rows are keyed on what they show, not on their fixes' byte offsets, so typing
  // above a finding keeps its row; its fix must still land where the call now is.
  await page.fill("[data-testid=path]", "lib/my_app/status.ex");
  await setCode(page, CALL);
  await page.click("[data-testid=finding]");
  const row = await page.$("[data-testid=finding]");
  await page.evaluate(() => {
    const ta = document.querySelector("[data-testid=editor]");
    ta.focus();
    const at = ta.value.indexOf("Status") + "Status".length;
    ta.setSelectionRange(at, at);
    document.execCommand("insertText", false, "Checks");
  });
  await settled(page);
  ok(await row.evaluate((li) => li.isConnected), "the row survives the keystroke");
  await page.click("[data-testid=finding]");
  await page.click("[data-testid=fix-apply]");
  await settled(page);
  equal(await page.inputValue("[data-testid=editor]"), CALL.replace("Status", "StatusChecks").replace(":status)", ":status, 5_000)"));
});

await test("the fix previews show the hunks `otp-audit check --diff` prints", async () => {
  // Two fixable calls far apart: two hunks, with context and line numbers.
  const helpers = Array.from({ length: 12 }, (_, i) => `  def helper_${i}(x), do: x + ${i}\n`).join("\n");
  const code = `${CALL.replace(/end\n$/, "")}\n${helpers}\n  def stop(server) do\n    GenServer.call(server, :stop)\n  end\nend\n`;
  const path = "lib/my_app/status.ex";
  const dir = mkdtempSync(join(tmpdir(), "otp-audit-diff-"));
  let cliDiff;
  try {
    mkdirSync(join(dir, "lib/my_app"), { recursive: true });
    writeFileSync(join(dir, path), code);
    cliDiff = execFileSync(cli, ["check", "--diff", path], { cwd: dir, stdio: ["ignore", "pipe", "ignore"] }).toString();
  } catch (e) {
    cliDiff = e.stdout.toString(); // exit status 1: there were fixes
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const hunks = cliDiff.split("\n").slice(2).join("\n"); // without the ---/+++ headers
  equal(hunks.match(/^@@ /gm)?.length, 2, cliDiff);
  const shown = () =>
    page.$$eval("[data-testid=preview] table.diff tr", (rows) =>
      rows.map((r) => r.querySelector(".sign").textContent + r.querySelector(".src").textContent + "\n").join(""),
    );
  await page.fill("[data-testid=path]", path);
  await setCode(page, code);
  equal((await findings(page)).length, 2);
  // Fix all safe, previewed: the whole of the CLI's diff.
  await page.click("[data-testid=fix-all-preview]");
  await page.waitForSelector("[data-testid=preview] table.diff tr.add");
  equal(await shown(), hunks);
  // One fix, previewed: the CLI's first hunk.
  await page.click("[data-testid=finding]");
  await page.click("[data-testid=fix-preview]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=preview] table.diff tr.hunk").length === 1);
  equal(await shown(), hunks.slice(0, hunks.indexOf("@@ ", 3)));
});

await test("Tab and Shift-Tab indent", async () => {
  await setCode(page, "a\nb\n");
  await page.focus("[data-testid=editor]");
  await page.evaluate(() => document.querySelector("[data-testid=editor]").setSelectionRange(0, 3));
  await page.keyboard.press("Tab");
  equal(await page.inputValue("[data-testid=editor]"), "  a\n  b\n");
  await page.keyboard.press("Shift+Tab");
  equal(await page.inputValue("[data-testid=editor]"), "a\nb\n");
});

await test("findings are keyboard navigable", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/both.ex");
  await setCode(page, SEND.replace("end\nend", "end\n\n  def s(x), do: GenServer.call(x, :s)\nend"));
  const rules = (await findings(page)).map((f) => f.rule);
  deepStrictEqual(rules, ["otp/no-raw-send", "otp/call-timeout"]);
  await page.focus("[data-testid=finding] >> nth=0");
  await page.keyboard.press("ArrowDown");
  equal(await page.getAttribute("[data-testid=finding] >> nth=1", "aria-selected"), "true");
  match(await page.locator("[data-testid=guide] h1").textContent(), /^otp\/call-timeout/);
  await page.keyboard.press("Enter");
  const caret = await page.$eval("[data-testid=editor]", (ta) => ta.selectionStart);
  equal(caret, (await page.inputValue("[data-testid=editor]")).indexOf("GenServer.call"));
  // A gutter mark selects the first finding of its line (it names the line, not an
  // index, so findings coming and going elsewhere leave the other marks alone).
  const marks = await page.$$eval("#gutter .gm", (ms) => ms.map((m) => m.dataset.l));
  deepStrictEqual(marks, ["3", "6"]);
  await page.click("#gutter .gm >> nth=0");
  equal(await page.getAttribute("[data-testid=finding] >> nth=0", "aria-selected"), "true");
  match(await page.locator("[data-testid=guide] h1").textContent(), /^otp\/no-raw-send/);
});

await test("settings: a rule toggle, a pasted otp-audit.toml, a .credo.exs, and an invalid config", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/notifier.ex");
  await setCode(page, SEND);
  await page.click("[data-testid=settings-tab]");
  await page.uncheck("[data-testid=rule-toggle][data-rule='otp/no-raw-send']");
  await settled(page);
  deepStrictEqual(await findings(page), []);
  await page.check("[data-testid=rule-toggle][data-rule='otp/no-raw-send']");
  await settled(page);
  equal((await findings(page)).length, 1);
  // A pasted otp-audit.toml.
  await page.fill("[data-testid=config]", '[rules."otp/no-raw-send"]\nenabled = false\n');
  await settled(page);
  deepStrictEqual(await findings(page), []);
  // Invalid: an inline error, and the last good settings stay.
  await page.fill("[data-testid=config]", '[rules."otp/no-raw-sned"]\nenabled = false\n');
  const error = await page.textContent("[data-testid=config-error]");
  // Code spans render as code: no backticks in the page.
  match(error, /did you mean otp\/no-raw-send/);
  await setCode(page, SEND + "\n");
  deepStrictEqual(await findings(page), []);
  // A .credo.exs, read as data.
  await page.fill(
    "[data-testid=config]",
    '%{configs: [%{name: "default", checks: [{Foundation.CredoChecks.NoRawSend, false}]}]}',
  );
  await settled(page);
  equal(await page.$("[data-testid=config-error]"), null);
  deepStrictEqual(await findings(page), []);
  await page.fill("[data-testid=config]", "");
  await settled(page);
  equal((await findings(page)).length, 1);
});

await test("a share link restores code, path and settings", async () => {
  await page.fill("[data-testid=path]", "lib/my_app/status.ex");
  await setCode(page, CALL + "# é 😀\n");
  await page.click("[data-testid=settings-tab]");
  await page.fill("[data-testid=config]", '[rules."otp/call-timeout"]\nseverity = "error"\n');
  await settled(page);
  await page.click("[data-testid=share]");
  const link = await page.inputValue("[data-testid=share-url]");
  match(link, /#s=[A-Za-z0-9_-]+$/);
  ok(link.startsWith(server.url), link);
  // A fresh browser profile: nothing in localStorage.
  const other = await launch();
  const p2 = await open(other, link);
  await settled(p2);
  equal(await p2.inputValue("[data-testid=editor]"), CALL + "# é 😀\n");
  equal(await p2.inputValue("[data-testid=path]"), "lib/my_app/status.ex");
  deepStrictEqual(await findings(p2), [{ rule: "otp/call-timeout", line: 3, severity: "error" }]);
  await other.close();
  await page.fill("[data-testid=config]", "");
  await settled(page);
});

await test("the code survives a reload (localStorage)", async () => {
  await setCode(page, "# kept across reloads\n" + SEND);
  await page.waitForTimeout(400);
  const p2 = await open(context, server.url);
  await settled(p2);
  equal(await p2.inputValue("[data-testid=editor]"), "# kept across reloads\n" + SEND);
  await p2.close();
});

await test("every rule has an example that shows it", async () => {
  const rules = await page.$$eval("[data-testid=examples] option", (os) => os.map((o) => o.value).filter(Boolean));
  ok(rules.length >= 25, `${rules.length} examples`);
  for (const rule of rules) {
    await page.selectOption("[data-testid=examples]", rule);
    await settled(page);
    const shown = (await findings(page)).map((f) => f.rule);
    ok(shown.includes(rule), `${rule}: ${shown}`);
  }
});

await test("the theme toggle switches light and dark", async () => {
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme || "system");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.click("[data-testid=theme]");
  equal(await theme(), "light");
  const light = await bg();
  await page.click("[data-testid=theme]");
  equal(await theme(), "dark");
  ok((await bg()) !== light, "dark has another background");
  await page.click("[data-testid=theme]");
  equal(await theme(), "system");
});

await test("window.wasmBindings.check returns the CLI's JSON findings", async () => {
  const rulesDir = join(root, "crates/otp-audit-engine/src/rules");
  const files = [];
  const walk = (dir, base) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, base);
      else if (/\.exs?$/.test(name) && name !== ".credo.exs") files.push({ path: relative(base, p), disk: p });
    }
  };
  for (const group of readdirSync(rulesDir)) {
    const g = join(rulesDir, group);
    if (!statSync(g).isDirectory()) continue;
    for (const rule of readdirSync(g)) {
      const r = join(g, rule);
      if (statSync(r).isDirectory()) walk(r, r);
    }
  }
  ok(files.length > 50, `${files.length} fixture files`);
  const config = '[rules."code/nesting"]\nmax_nesting = 1\n[rules."otp/call-timeout"]\ntimeout = 10_000\n';
  let compared = 0;
  for (const [i, f] of files.entries()) {
    const source = readFileSync(f.disk, "utf8");
    const dir = mkdtempSync(join(tmpdir(), "otp-audit-parity-"));
    try {
      mkdirSync(join(dir, dirname(f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), source);
      const withConfig = i % 3 === 0;
      const args = ["check", "--format", "json"];
      if (withConfig) {
        writeFileSync(join(dir, "cfg.toml"), config);
        args.push("--config", "cfg.toml");
      }
      args.push(f.path);
      let out;
      try {
        out = execFileSync(cli, args, { cwd: dir, maxBuffer: 1 << 26 });
      } catch (e) {
        if (e.status !== 1) throw e; // 1: findings
        out = e.stdout;
      }
      const expected = JSON.parse(out.toString()).findings;
      const actual = await page.evaluate(
        ([s, p, c]) => JSON.parse(JSON.stringify(window.wasmBindings.check(s, p, c))),
        [source, f.path, withConfig ? config : null],
      );
      deepStrictEqual(actual, expected, f.path);
      compared++;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Invalid config: a thrown error that says what is wrong.
  const err = await page.evaluate(() => {
    try {
      window.wasmBindings.check("x", "lib/a.ex", "[rulez]");
    } catch (e) {
      return String(e.message || e);
    }
  });
  match(err, /unknown key `rulez`/);
  console.log(`     ${compared} fixture files compared with ${relative(root, cli)}`);
});

await test("large files are analysed in the worker, and results never come out of order", async () => {
  await page.fill("[data-testid=path]", "lib/big.ex");
  const unit = (k) => `defmodule Big${k} do\n  def f(p), do: send(p, :x)\n  def g(s), do: GenServer.call(s, :g)\nend\n`;
  let big = "";
  for (let k = 0; big.length < 80 * 1024; k++) big += unit(k);
  await page.waitForFunction(() => true);
  // Several quick edits; only the last one's findings may show.
  await page.evaluate((big) => {
    const ta = document.querySelector("[data-testid=editor]");
    for (let i = 0; i < 5; i++) {
      ta.value = big + "# edit ".repeat(i) + "\n";
      ta.dispatchEvent(new Event("input"));
    }
    ta.value = big + "defmodule Last do\n  def z(p), do: send(p, :z)\nend\n";
    ta.dispatchEvent(new Event("input"));
  }, big);
  await settled(page);
  const timing = await page.evaluate(() => window.otpAuditTiming);
  equal(timing.mode, "worker");
  const rows = await findings(page);
  const lines = big.split("\n").length;
  equal(rows.at(-1).rule, "otp/no-raw-send");
  equal(rows.at(-1).line, lines + 1);
  await setCode(page, SEND);
});

await test("deeply nested code does not break the page", async () => {
  await page.fill("[data-testid=path]", "lib/deep.ex");
  const n = 3000;
  const deep = `defmodule Deep do\n def f(x) do\n${"if x do\n".repeat(n)}send(x, :deep)\n${"end\n".repeat(n)} end\nend\n`;
  await page.evaluate((code) => {
    const ta = document.querySelector("[data-testid=editor]");
    ta.value = code;
    ta.dispatchEvent(new Event("input"));
  }, deep);
  await settled(page);
  const rules = new Set((await findings(page)).map((f) => f.rule));
  ok(rules.has("code/nesting") && rules.has("otp/no-raw-send"), [...rules].join(", "));
  equal(await page.$$eval("#layer .l", (ls) => ls.length), deep.split("\n").length);
  await setCode(page, SEND);
});

await test("the section links open the project audit and the workshop, and lead back", async () => {
  await setCode(page, "# still here after a visit elsewhere\n" + SEND);
  await page.waitForTimeout(400);
  const p = await open(context, server.url);
  for (const section of ["audit", "workshop"]) {
    await p.click(`[data-testid=nav-${section}]`);
    await p.waitForSelector(`[data-testid=nav-${section}].current`);
    equal(new URL(p.url()).hash, `#/${section}`);
    equal(await p.title(), section === "audit" ? "otp-audit · Project audit" : "otp-audit · Workshop");
    equal(await p.$$eval("#editor", (e) => e.length), 0, "the playground is not mounted in another section");
  }
  await p.click("[data-testid=nav-playground]");
  await p.waitForFunction(() => window.otpAuditReady === true);
  await settled(p);
  equal(await p.title(), "otp-audit · Playground");
  equal(await p.inputValue("[data-testid=editor]"), "# still here after a visit elsewhere\n" + SEND);
  deepStrictEqual(p.errors, []);
  await p.close();
  await setCode(page, SEND);
});

await test("no request leaves the page's origin, and no errors", async () => {
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
  deepStrictEqual(foreign, []);
  ok(requests.some((u) => u.endsWith(".wasm")), "the wasm was fetched from the origin");
  deepStrictEqual(page.errors, []);
});

await context.close();
server.stop();
process.exit(summary() ? 1 : 0);
