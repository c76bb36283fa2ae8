// otp-audit's service worker: after the first visit the whole app (playground,
// project audit, workshop) runs from this cache with the network off.
// tools/sw-manifest fills in BUILD and ASSETS after each `trunk build`, so a new
// build installs a new cache and the old one is deleted when it activates.
const BUILD = "__BUILD__";
const ASSETS = __ASSETS__;
const PREFIX = "otp-audit-";
const CACHE = PREFIX + BUILD;
const scoped = (path) => new URL(path, self.registration.scope).href;
const PRECACHED = new Set([scoped("./"), ...ASSETS.map(scoped)]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache: the files must be this build's.
      await cache.addAll([...PRECACHED].map((u) => new Request(u, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function fromNetwork(request, cacheKey) {
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(cacheKey, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page: network first, so a new build shows at once; the cached page offline.
    const key = scoped("./");
    event.respondWith(fromNetwork(request, key).catch(() => caches.match(key)));
    return;
  }
  url.search = "";
  if (PRECACHED.has(url.href)) {
    // Built assets carry content hashes in their names: the cache is always right.
    event.respondWith(caches.match(url.href).then((hit) => hit || fromNetwork(request, url.href)));
    return;
  }
  // Anything else on this origin (a trainer pack by URL): network first, kept for offline.
  event.respondWith(
    fromNetwork(request, request).catch(async () => (await caches.match(request)) || Response.error()),
  );
});
