// The project audit's speed on a large generated project (about 570 files and 9 MB,
// the size of the Elixir language's own repository): in-browser time from picking
// the zip to the report, next to the native CLI on one thread and on every core for
// the same zip, and how long the page's main thread was ever blocked meanwhile.
// Prints figures; asserts only that both found the same number of findings.
// Usage: node tests/web/audit-bench.mjs [dist dir] [otp-audit binary] [otp-audit-corpus binary]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join, resolve } from "node:path";
import { launch, open, root, serve } from "./harness.mjs";

const dist = resolve(process.argv[2] || join(root, "dist"));
const cli = resolve(process.argv[3] || join(root, "target/release/otp-audit"));
const corpus = resolve(process.argv[4] || join(root, "target/release/otp-audit-corpus"));
const tmp = mkdtempSync(join(tmpdir(), "otp-audit-bench-"));

// Three generated projects of 380 lib and 190 test files, merged file by file: 572
// files of about 16 KB, several modules each.
for (const seed of [1, 2, 3]) {
  execFileSync(corpus, ["--out", join(tmp, `p${seed}`), "--seed", String(seed), "--files", "380", "--test-files", "190"]);
}
const zip = join(tmp, "large.zip");
execFileSync("python3", [
  "-c",
  `import os, sys, zipfile
tmp, out = sys.argv[1:3]
def files(d):
    return sorted(os.path.relpath(os.path.join(b, f), d) for b, _, fs in os.walk(d) for f in fs if f.endswith((".ex", ".exs")))
a = files(os.path.join(tmp, "p1"))
others = [files(os.path.join(tmp, f"p{s}")) for s in (2, 3)]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for i, rel in enumerate(a):
        text = open(os.path.join(tmp, "p1", rel), encoding="utf-8").read()
        for s, fs in zip((2, 3), others):
            if i < len(fs):
                text += "\\n" + open(os.path.join(tmp, f"p{s}", fs[i]), encoding="utf-8").read()
        z.writestr("large/" + rel, text)`,
  tmp,
  zip,
]);

function native(jobs) {
  let best = Infinity;
  let findings = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cli, ["check", zip, "--format", "json", "--jobs", String(jobs)], { encoding: "utf8", maxBuffer: 1 << 28 });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    findings = JSON.parse(r.stdout).findings.length;
  }
  return { ms: best, findings };
}

const server = await serve(dist);
const context = await launch();
const page = await open(context, `${server.url}#/audit`);
// Let the workers load their wasm, as they do while a person finds the zip.
await page.waitForTimeout(1500);

async function browserRun() {
  await page.evaluate(() => {
    // The longest gap between animation frames while analysing: how long the UI froze.
    window.__gap = 0;
    let last = performance.now();
    const tick = (t) => {
      window.__gap = Math.max(window.__gap, t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    window.__stop = false;
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.setInputFiles("[data-testid=project-input]", zip);
  await page.waitForFunction(
    () => document.querySelector("[data-testid=report]")?.dataset.origin === "zip" &&
      document.querySelector(".audit-head h2")?.textContent === "large.zip",
    null,
    { timeout: 120000 },
  );
  const wall = Date.now() - t0;
  const r = await page.evaluate(() => {
    window.__stop = true;
    return {
      gap: window.__gap,
      findings: Number(document.querySelector("[data-testid=total-findings]").dataset.count),
      workers: navigator.hardwareConcurrency,
    };
  });
  // Back to an empty page for the next round.
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}#/audit`);
  await page.reload();
  await page.waitForFunction(() => window.otpAuditReady === true);
  await page.waitForTimeout(1000);
  return { wall, ...r };
}

const runs = [await browserRun(), await browserRun()];
const best = runs.reduce((a, b) => (a.wall <= b.wall ? a : b));
const one = native(1);
const all = native(cpus().length);
const bytes = statSync(zip).size;
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`project: 572 files, ${execFileSync("python3", ["-c", `import zipfile,sys; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))`, zip]).toString().trim()} bytes of Elixir (zip ${bytes} bytes)`);
console.log(`browser (${best.workers} workers, pick to report, best of 2): ${fmt(best.wall)}; longest main-thread pause ${Math.round(best.gap)} ms; ${best.findings} findings`);
console.log(`native CLI --jobs 1 (best of 3):            ${fmt(one.ms)}; ${one.findings} findings`);
console.log(`native CLI --jobs ${cpus().length} (best of 3):            ${fmt(all.ms)}`);
console.log(`browser / native single-thread: ${(best.wall / one.ms).toFixed(2)}×`);
await context.close();
server.stop();
if (best.findings !== one.findings) {
  console.log("FAIL: the browser and the CLI found different numbers of findings");
  process.exit(1);
}
process.exit(0);
