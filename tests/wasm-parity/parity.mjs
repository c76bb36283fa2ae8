// Runs the engine compiled to wasm32-unknown-unknown under Node on every rule
// fixture and checks that its findings equal the native build's, byte for byte.
// Usage: node parity.mjs <engine.wasm> <native otp-audit-bundle binary>
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { deepStrictEqual } from "node:assert";


const [wasmPath, nativeBin] = process.argv.slice(2);
const rulesDir = new URL("../../crates/otp-audit-engine/src/rules/", import.meta.url).pathname;

// Fixture folders are rules/<group>/<name>/; files inside sit at their virtual paths.
function collect() {
  const files = [];
  for (const group of readdirSync(rulesDir)) {
    const gdir = join(rulesDir, group);
    if (!statSync(gdir).isDirectory()) continue;
    for (const rule of readdirSync(gdir)) {
      const rdir = join(gdir, rule);
      if (!statSync(rdir).isDirectory()) continue;
      const walk = (dir) => {
        for (const name of readdirSync(dir).sort()) {
          const p = join(dir, name);
          if (statSync(p).isDirectory()) walk(p);
          else if (/\.exs?$/.test(name) && name !== ".credo.exs")
            files.push({ path: relative(rdir, p), source: readFileSync(p, "utf8") });
        }
      };
      walk(rdir);
    }
  }
  return files;
}

// Deep nesting must not overflow wasm's stack either.
const N = 10000;
const deep = [
  { path: "lib/deep_ifs.ex", source: `defmodule Deep do\n def f(x) do\n${"if x do\n".repeat(N)}send(x, :deep)\n${"end\n".repeat(N)} end\nend\n` },
  { path: "lib/deep_lists.ex", source: `x = ${"[".repeat(N)}1${"]".repeat(N)}` },
  { path: "lib/deep_fns.ex", source: `x = ${"fn -> ".repeat(N)}1${" end".repeat(N)}` },
];
const bundle = JSON.stringify({ files: [...collect(), ...deep] });
const native = JSON.parse(execFileSync(nativeBin, { input: bundle, maxBuffer: 1 << 28 }).toString());

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const { memory, otp_alloc, otp_free, otp_check_bundle } = instance.exports;
const input = new TextEncoder().encode(bundle);
const ptr = otp_alloc(input.length);
new Uint8Array(memory.buffer, ptr, input.length).set(input);
const out = otp_check_bundle(ptr, input.length);
const len = new DataView(memory.buffer).getUint32(out, true);
const wasm = JSON.parse(new TextDecoder().decode(new Uint8Array(memory.buffer, out + 4, len)));
otp_free(out, 4 + len);
otp_free(ptr, input.length);

if (native.error || wasm.error) throw new Error(`bundle error: ${native.error ?? wasm.error}`);
for (let i = 0; i < Math.max(wasm.results.length, native.results.length); i++) {
  const [w, n] = [wasm.results[i], native.results[i]];
  try {
    deepStrictEqual(w, n);
  } catch {
    console.error(`wasm and native differ on ${n?.path ?? w?.path}:\n--- native\n${JSON.stringify(n, null, 1)}\n--- wasm\n${JSON.stringify(w, null, 1)}`);
    process.exit(1);
  }
}
const findings = native.results.reduce((n, r) => n + (r.findings?.length ?? 0), 0);
if (native.results.length === 0 || findings === 0) throw new Error("no fixtures or no findings: nothing was compared");
console.log(`wasm parity: ${native.results.length} files, ${findings} findings, identical to native`);
