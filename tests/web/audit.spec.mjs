// End-to-end tests of the project audit (#/audit) in headless Chromium: a generated
// project with planted violations is dropped and must report exactly the planted
// counts; the per-file view, filters, links and a reload; the fixed zip re-analysed
// by the CLI has no safe-fixable finding left; a CLI-written JSON report opens with
// the same counts; bad inputs and HTML-looking report strings are handled.
// Usage: node tests/web/audit.spec.mjs [dist dir] [otp-audit binary] [otp-audit-corpus binary]
import { deepStrictEqual, equal, ok, match } from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, open, root, serve, summary, test } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const cli = resolve(process.argv[3] || join(root, "target/release/otp-audit"));
const corpus = resolve(process.argv[4] || join(root, "target/release/otp-audit-corpus"));
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-audit-"));

/** Zip `dir`'s content under the top folder `top` (as GitHub's "Download ZIP" does). */
function zipDir(dir, top, out) {
  execFileSync("python3", [
    "-c",
    `import os, sys, zipfile
src, top, out = sys.argv[1:4]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(base, f)
            z.write(p, os.path.join(top, os.path.relpath(p, src)))`,
    dir,
    top,
    out,
  ]);
  return out;
}

/** A zip of `entries` ({name: content}); `content` a string or Buffer. */
function zipOf(out, entries, stored = false) {
  const json = JSON.stringify(Object.entries(entries).map(([n, c]) => [n, Buffer.from(c).toString("base64")]));
  execFileSync("python3", [
    "-c",
    `import base64, json, sys, zipfile
out, stored = sys.argv[1], sys.argv[2] == "1"
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
    for name, data in json.loads(sys.stdin.read()):
        z.writestr(name, base64.b64decode(data))`,
    out,
    stored ? "1" : "0",
  ], { input: json });
  return out;
}

function cliJson(path) {
  const r = spawnSync(cli, ["check", path, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  ok(r.status === 0 || r.status === 1, `otp-audit check failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The project: planted violations, a config at the root, a Latin-1 file, vendored deps.
const project = join(tmp, "shop");
execFileSync(corpus, ["--out", project, "--seed", "11", "--files", "40", "--test-files", "20", "--rate", "0.25"]);
const planted = JSON.parse(readFileSync(join(project, "planted.json"), "utf8"));
execFileSync("rm", [join(project, "planted.json")]);
writeFileSync(join(project, "otp-audit.toml"), '[rules."otp/monitor-leak"]\nenabled = false\n');
writeFileSync(join(project, "lib", "latin1.ex"), Buffer.from("# caf\xe9\n", "latin1"));
mkdirSync(join(project, "deps", "dep", "lib"), { recursive: true });
writeFileSync(join(project, "deps", "dep", "lib", "dep.ex"), "defmodule Dep do\n  def f(p), do: send(p, :x)\nend\n");
const zip = zipDir(project, "shop-main", join(tmp, "shop-main.zip"));
const plantedTotal = Object.values(planted.counts).reduce((a, b) => a + b, 0);
ok(plantedTotal > 20, "the corpus plants enough to count");

const server = await serve(dist);
const context = await launch();
const url = `${server.url}#/audit`;
const page = await open(context, url);

async function ruleCounts(p = page) {
  return p.$$eval("[data-testid=rule-count]", (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.rule, Number(r.dataset.count)])),
  );
}

async function totalFindings(p = page) {
  return Number(await p.getAttribute("[data-testid=total-findings]", "data-count"));
}

/** Wait until the error line says what `expected` matches; returns its text. */
async function expectError(expected, p = page) {
  try {
    await p.waitForFunction(
      ([src, flags]) => new RegExp(src, flags).test(document.querySelector("[data-testid=error]")?.textContent || ""),
      [expected.source, expected.flags],
      { timeout: 20000 },
    );
  } catch (e) {
    const shown = await p.$eval("[data-testid=error]", (x) => x.textContent).catch(() => "(no error shown)");
    throw new Error(`expected an error matching ${expected}, the page shows: ${shown}`);
  }
  return p.textContent("[data-testid=error]");
}

/** Drop a file on the drop zone, as a person dragging it from the desktop does. */
async function drop(p, path, name, type = "application/zip") {
  const b64 = readFileSync(path).toString("base64");
  await p.evaluate(
    ([b64, name, type]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      const zone = document.querySelector("[data-testid=drop-zone]");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [b64, name, type],
  );
}

/** Record every state of the progress bar from now on. */
async function watchProgress(p) {
  await p.evaluate(() => {
    window.__progress = [];
    const seen = () => {
      const el = document.querySelector("[data-testid=progress]");
      if (el) window.__progress.push([el.dataset.state, Number(el.dataset.done), Number(el.dataset.total)]);
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Wait for the report of `name`, analysed here (or, for `origin` "report", read). */
async function waitReport(p, name, origin) {
  await p.waitForFunction(
    ([name, origin]) => {
      const r = document.querySelector("[data-testid=report]");
      const ours = origin ? r?.dataset.origin === origin : ["zip", "folder"].includes(r?.dataset.origin);
      return ours && document.querySelector(".audit-head h2")?.textContent === name;
    },
    [name, origin],
    { timeout: 120000 },
  );
}

await test("a dropped project zip runs the progress bar and reports exactly the planted counts", async () => {
  await watchProgress(page);
  await drop(page, zip, "shop-main.zip");
  await waitReport(page, "shop-main.zip");
  const progress = await page.evaluate(() => window.__progress);
  const analysing = progress.filter(([s]) => s === "analysing" || s === "done");
  const files = Number(execFileSync("sh", ["-c", `find '${project}' -name '*.ex*' -not -path '*/deps/*' | wc -l`]).toString()) - 1;
  ok(analysing.length >= 2, `the bar moved: ${JSON.stringify(progress)}`);
  ok(analysing.every(([, , total]) => total === files), `total is the ${files} UTF-8 Elixir files: ${JSON.stringify(analysing)}`);
  ok(analysing.some(([, done]) => done < files) && analysing.some(([, done]) => done === files), JSON.stringify(analysing));
  deepStrictEqual(await ruleCounts(), planted.counts);
  equal(await totalFindings(), plantedTotal);
  match(await page.textContent("[data-testid=config-used]"), /otp-audit\.toml/);
  match(await page.textContent("[data-testid=skipped]"), /lib\/latin1\.ex: not valid UTF-8/);
  ok(!(await page.textContent("[data-testid=report]")).includes("deps/"), "deps/ is not analysed");
  equal(await page.$("[data-testid=error]"), null);
});

await test("the per-file view shows a planted finding inline, its fix as a diff and its guide", async () => {
  const p = planted.planted.find((x) => x.rule === "test/no-sleep") || planted.planted[0];
  await page.goto(`${server.url}#/audit/file/${p.path}?rule=${encodeURIComponent(p.rule)}`);
  await page.waitForSelector("[data-testid=file-source]");
  const inline = await page.$$eval("[data-testid=inline-finding]", (rows) =>
    rows.map((r) => ({ rule: r.dataset.rule, line: Number(r.dataset.line) })),
  );
  ok(inline.some((f) => f.rule === p.rule && f.line === p.line), `${JSON.stringify(p)} in ${JSON.stringify(inline)}`);
  ok(await page.$(".audit-code .d2, .audit-code .d1, .audit-code .d3"), "underlined in the code");
  await page.waitForSelector("[data-testid=guide] h1, [data-testid=guide] h2");
  // A link to another guide page opens it in place, without leaving the audit.
  const link = await page.$("[data-testid=guide] a[data-guide]");
  ok(link, "the guide page links to other pages");
  {
    const target = await link.getAttribute("data-guide");
    const before = await page.textContent("[data-testid=guide]");
    await link.click();
    await page.waitForFunction((b) => document.querySelector("[data-testid=guide]")?.textContent !== b, before);
    ok(page.url().includes("#/audit/file/"), `still in the audit after opening ${target}: ${page.url()}`);
  }
  const fixButton = await page.$(`[data-testid=inline-finding][data-rule="${p.rule}"] [data-testid=preview-fix]`);
  if (fixButton) {
    await fixButton.click();
    await page.waitForSelector("[data-testid=fix-preview] table.diff tr.add");
  }
});

await test("filters have links: a rule's findings, a scope's files, and a reload keeps the report", async () => {
  const [rule, n] = Object.entries(planted.counts)[0];
  await page.goto(`${server.url}#/audit/findings?rule=${encodeURIComponent(rule)}`);
  await page.waitForSelector("[data-testid=shown-count]");
  equal(Number(await page.getAttribute("[data-testid=shown-count]", "data-count")), n);
  equal((await page.$$("[data-testid=finding-row]")).length, n);
  await page.selectOption("[data-testid=filter-scope]", "test");
  await page.waitForFunction(() => location.hash.includes("scope=test"));
  const testsOnly = planted.planted.filter((x) => x.rule === rule && x.path.startsWith("test/")).length;
  await page.waitForFunction((c) => Number(document.querySelector("[data-testid=shown-count]").dataset.count) === c, testsOnly);
  await page.goto(`${server.url}#/audit/files?scope=lib`);
  await page.waitForSelector("[data-testid=file-row]");
  const paths = await page.$$eval("[data-testid=file-row]", (r) => r.map((x) => x.dataset.path));
  ok(paths.length > 0 && paths.every((p) => p.startsWith("lib/")), paths.join(" "));
  // After a reload the report is back (from localStorage), the sources are not.
  await page.goto(`${server.url}#/audit`);
  await page.reload();
  await page.waitForSelector("[data-testid=rule-count]");
  deepStrictEqual(await ruleCounts(), planted.counts);
  match(await page.textContent("[data-testid=note]"), /last report/);
});

await test("the fixed zip's re-analysis has no safe-fixable finding and only fixed files differ", async () => {
  await page.setInputFiles("[data-testid=project-input]", zip);
  await waitReport(page, "shop-main.zip");
  const before = cliJson(zip);
  const safe = before.findings.filter((f) => f.fixes.some((x) => x.safety === "safe")).length;
  ok(safe > 0, "the corpus has safe fixes to apply");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download-fixed]")]);
  const fixed = join(tmp, "fixed.zip");
  await download.saveAs(fixed);
  equal(download.suggestedFilename(), "shop-main-fixed.zip");
  const after = cliJson(fixed);
  deepStrictEqual(
    after.findings.filter((f) => f.fixes.some((x) => x.safety === "safe")),
    [],
    "no safe fix left",
  );
  ok(after.findings.length < before.findings.length);
  // Same entries; the files that differ are exactly those with safe fixes.
  const compare = execFileSync("python3", [
    "-c",
    `import sys, zipfile, json
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
print(json.dumps([a.namelist() == b.namelist(), sorted(n[len("shop-main/"):] for n in a.namelist() if a.read(n) != b.read(n))]))`,
    zip,
    fixed,
  ]).toString();
  const [sameNames, changed] = JSON.parse(compare);
  ok(sameNames, "every entry is still there, in order");
  const withSafe = [...new Set(before.findings.filter((f) => f.fixes.some((x) => x.safety === "safe")).map((f) => f.path))].sort();
  deepStrictEqual(changed, withSafe);
  const [diff] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download-diff]")]);
  const text = readFileSync(await diff.path(), "utf8");
  for (const p of withSafe) ok(text.includes(`+++ b/${p}`), `${p} in the diff`);
});

await test("the exported JSON is the CLI's document for the same zip", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-json]")]);
  const web = JSON.parse(readFileSync(await download.path(), "utf8"));
  const native = cliJson(zip);
  equal(web.version, native.version);
  deepStrictEqual(web.files, native.files);
  deepStrictEqual(web.findings, native.findings);
  deepStrictEqual(web.config, native.config);
  deepStrictEqual(web.report, native.report);
  for (const kind of ["markdown", "html", "sarif"]) {
    const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=export-${kind}]`)]);
    const body = readFileSync(await d.path(), "utf8");
    ok(body.length > 100, kind);
    if (kind === "sarif") equal(JSON.parse(body).version, "2.1.0");
  }
});

const cliReport = join(tmp, "report.json");
writeFileSync(cliReport, JSON.stringify(cliJson(zip)));

await test("a CLI-written JSON report opens in the viewer with the same counts", async () => {
  const viewer = await open(context, url);
  await viewer.setInputFiles("[data-testid=report-input]", cliReport);
  await waitReport(viewer, "report.json", "report");
  deepStrictEqual(await ruleCounts(viewer), planted.counts);
  equal(await totalFindings(viewer), plantedTotal);
  // Without the source, a file shows its findings' code frames.
  const p = planted.planted[0];
  await viewer.goto(`${server.url}#/audit/file/${p.path}`);
  await viewer.waitForSelector(".audit-frames [data-testid=inline-finding]");
  ok(await viewer.$("[data-testid=download-fixed][disabled]"), "no fixes without the source");
  equal(viewer.errors.length, 0, viewer.errors.join("\n"));
  await viewer.close();
});

await test("report strings are text, never HTML; other versions and non-reports get clear errors", async () => {
  const doc = JSON.parse(readFileSync(cliReport, "utf8"));
  const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  doc.findings[0].message = evil;
  doc.findings[0].snippet = evil;
  doc.report.rules[0].title = evil;
  const path = join(tmp, "evil.json");
  writeFileSync(path, JSON.stringify(doc));
  await page.goto(url);
  await page.setInputFiles("[data-testid=report-input]", path);
  await waitReport(page, "evil.json", "report");
  await page.goto(`${server.url}#/audit/findings`);
  await page.waitForSelector("[data-testid=finding-row]");
  await page.goto(`${server.url}#/audit/file/${doc.findings[0].path}`);
  await page.waitForSelector("[data-testid=inline-finding]");
  await page.waitForTimeout(300);
  equal(await page.evaluate(() => window.__pwned), undefined);
  equal(await page.$$eval(".audit-report img, .audit-report script", (e) => e.length), 0);
  ok((await page.textContent("[data-testid=report]")).includes("<img src=x"), "shown as text");

  doc.version = 2;
  writeFileSync(path, JSON.stringify(doc));
  await page.setInputFiles("[data-testid=report-input]", path);
  await expectError(/schema version 2.*reads version 1/);
  writeFileSync(path, "{ not json");
  await page.setInputFiles("[data-testid=report-input]", path);
  await expectError(/not JSON/);
  writeFileSync(path, JSON.stringify({ version: 1, files: "x", findings: [] }));
  await page.setInputFiles("[data-testid=report-input]", path);
  await expectError(/damaged/);
});

await test("bad archives get clear messages and the page keeps working", async () => {
  await page.goto(url);
  const cases = [];
  // A zip bomb: 300 MB of zeros in one entry, about 300 KB compressed.
  const bomb = join(tmp, "bomb.zip");
  execFileSync("python3", ["-c", `import zipfile, sys
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("p/lib/bomb.ex", "w", force_zip64=False) as f:
        chunk = bytes(1 << 20)
        for _ in range(300): f.write(chunk)`, bomb]);
  cases.push([bomb, /zip bomb/]);
  // A corrupt zip: the end of the archive is cut off.
  const corrupt = join(tmp, "corrupt.zip");
  const good = readFileSync(zip);
  writeFileSync(corrupt, good.subarray(0, good.length - 200));
  cases.push([corrupt, /incomplete|damaged/]);
  // Damaged in the middle: a central directory record overwritten.
  const damaged = Buffer.from(good);
  const cd = damaged.indexOf(Buffer.from("PK\x01\x02", "latin1"));
  damaged.fill(0x41, cd, cd + 40);
  writeFileSync(join(tmp, "damaged.zip"), damaged);
  cases.push([join(tmp, "damaged.zip"), /damaged|incomplete/]);
  // Not a zip at all.
  writeFileSync(join(tmp, "text.zip"), "hello, I am not an archive\n".repeat(10));
  cases.push([join(tmp, "text.zip"), /Not a zip archive/]);
  // An encrypted entry: the flag set in the local and central headers.
  const enc = readFileSync(zipOf(join(tmp, "enc.zip"), { "p/lib/a.ex": "defmodule A do\nend\n" }, true));
  for (const sig of ["PK\x03\x04", "PK\x01\x02"]) {
    const at = enc.indexOf(Buffer.from(sig, "latin1"));
    enc[at + (sig === "PK\x03\x04" ? 6 : 8)] |= 1;
  }
  writeFileSync(join(tmp, "enc.zip"), enc);
  cases.push([join(tmp, "enc.zip"), /encrypted/]);
  // No Elixir files.
  cases.push([zipOf(join(tmp, "docs.zip"), { "p/README.md": "# hi\n", "p/deps/x/lib/x.ex": "x" }), /no Elixir files/]);
  // A single 5 MB file: over the browser's per-file limit.
  let x = 1n;
  const big = Buffer.alloc(5 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    big[i] = "0123456789abcdef".charCodeAt(Number(x >> 60n));
  }
  cases.push([zipOf(join(tmp, "big.zip"), { "p/lib/huge.ex": big }), /lib\/huge\.ex.*5 MB.*over the limit/]);
  for (const [path, expected] of cases) {
    await page.setInputFiles("[data-testid=project-input]", path);
    await expectError(expected);
    await page.waitForSelector("[data-testid=progress]", { state: "detached" });
    ok(!(await page.isDisabled("[data-testid=project-input]")), "the input works again");
  }
  // And a good project still works afterwards.
  await page.setInputFiles("[data-testid=project-input]", zip);
  await waitReport(page, "shop-main.zip");
  deepStrictEqual(await ruleCounts(), planted.counts);
  equal(await page.$("[data-testid=error]"), null);
});

await test("a picked folder is analysed like its zip", async () => {
  await page.goto(url);
  await page.setInputFiles("[data-testid=folder-input]", project);
  await waitReport(page, "shop/");
  deepStrictEqual(await ruleCounts(), planted.counts);
  match(await page.textContent("[data-testid=config-used]"), /otp-audit\.toml/);
});

await test("cancel stops an analysis and the page keeps working", async () => {
  const large = join(tmp, "large");
  execFileSync(corpus, ["--out", large, "--seed", "3", "--files", "600", "--test-files", "300"]);
  const largeZip = zipDir(large, "large", join(tmp, "large.zip"));
  await page.goto(url);
  await page.setInputFiles("[data-testid=project-input]", largeZip);
  await page.waitForSelector("[data-testid=progress][data-state=analysing]");
  await page.click("[data-testid=cancel]");
  await page.waitForSelector("[data-testid=progress]", { state: "detached" });
  match(await page.textContent("[data-testid=note]"), /Cancelled/);
  await page.waitForTimeout(500);
  ok((await page.$(".audit-head h2")) === null || (await page.textContent(".audit-head h2")) !== "large.zip", "no report of the cancelled run");
  await page.setInputFiles("[data-testid=project-input]", zip);
  await waitReport(page, "shop-main.zip");
  deepStrictEqual(await ruleCounts(), planted.counts);
});

equal(page.errors.filter((e) => !/Failed to load resource/.test(e)).length, 0, page.errors.join("\n"));
await context.close();
server.stop();
process.exit(summary() ? 1 : 0);
