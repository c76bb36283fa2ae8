// Starts the app from a file, so that the page has no inline script and its
// Content-Security-Policy (index.html) can refuse every inline script.
//
// Trunk writes the wasm-bindgen module and the wasm file as
// <link rel="modulepreload"> and <link rel="preload"> tags (its own inline loader is
// switched off in Trunk.toml); this imports that module, starts it, and exposes its
// exports as `window.wasmBindings`. It also registers the service worker (offline use).

if ("serviceWorker" in navigator) {
  const register = () => navigator.serviceWorker.register("./sw.js").catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register);
}

const href = (selector) => {
  const link = document.querySelector(selector);
  if (!link) throw new Error(`otp-audit: ${selector} is missing from the page; rebuild it with trunk`);
  return link.href;
};
const wasm = href('link[rel="preload"][href$=".wasm"]');
const bindings = await import(href('link[rel="modulepreload"][href$=".js"]'));
await bindings.default({ module_or_path: wasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
