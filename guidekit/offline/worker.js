// Offline copy of the guide: a service worker written by hand, with no build step.
// Why not Workbox: its precache-list generators (workbox-build, workbox-cli) run on
// Node, and this site builds with Python only; the rules below fit in ~100 lines,
// and the list is hashed from the very files MkDocs just wrote.
// guidekit/offline/worker.py prepends `const PRECACHE = {version, files: [[url, hash], ...]}`
// generated from the built site, so any change to any saved file changes this
// script's bytes, which is how browsers notice a new version.
//
// Rules:
// - install saves every listed file into one cache per version, checking each
//   file's SHA-256 against the list: a deploy half-way through fails the
//   install instead of saving two versions mixed;
// - listed files are answered from that cache only; nothing else is ever
//   cached (no other origin, no query-string variant, no runtime copies);
// - navigations are cache-first; the network refresh is a check for a newer
//   worker (the browser's on navigation, the page module's every few minutes),
//   never a page-by-page refresh, which would mix a new page with old assets;
// - a navigation outside the list goes to the network, and offline gets the
//   saved 404 page;
// - a new version waits until the reader chooses "Reload" (the page module
//   posts "gk-offline-activate"); then the old caches are deleted.
/* global PRECACHE */

const SCOPE = self.registration.scope;
// Several GitHub Pages sites share one origin: cache names carry the scope.
const CACHE_PREFIX = `gk-offline|${SCOPE}|`;
const CACHE = CACHE_PREFIX + PRECACHE.version;
const FALLBACK = new URL("404.html", self.location).href;
const HASHES = new Map(PRECACHE.files.map(([url, hash]) => [new URL(url, self.location).href, hash]));

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function save(cache, url, hash) {
  // "no-cache" revalidates with the server, so a stale HTTP cache cannot win.
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const actual = (await sha256(body)).slice(0, hash.length);
  if (actual !== hash) throw new Error(`${url} is not the listed version (${actual}, expected ${hash})`);
  // A fresh response: no redirect flag (unusable for navigations) and no
  // transfer headers that described the compressed body.
  const type = response.headers.get("Content-Type");
  await cache.put(url, new Response(body, { headers: type ? { "Content-Type": type } : {} }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await Promise.all([...HASHES].map(([url, hash]) => save(cache, url, hash)));
      } catch (error) {
        await caches.delete(CACHE);
        throw error;
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      // The first visit's page works offline at once, without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "gk-offline-activate") self.skipWaiting();
});

// The listed URL a request stands for: "page/index.html" is "page/".
function listedUrl(url) {
  return url.origin + url.pathname.replace(/\/index\.html$/, "/");
}

const isPage = (href) => href.endsWith("/") || href.endsWith(".html");

async function fromCache(href, request) {
  const cached = await caches.match(href, { cacheName: CACHE });
  return cached || fetch(request);
}

async function fromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    // Offline and not saved: the 404 page offers the home page and search.
    const page = await caches.match(FALLBACK, { cacheName: CACHE });
    if (!page) throw error;
    return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Other origins, and paths outside the site, go straight to the network.
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  const href = listedUrl(url);
  const navigation = request.mode === "navigate";
  if (!HASHES.has(href)) {
    if (navigation) event.respondWith(fromNetwork(request));
    return;
  }
  // A page with a query (search highlighting adds "?h=") is still that page;
  // any other file with a query is a variant that never comes from the cache.
  if (url.search && !isPage(href)) return;
  event.respondWith(fromCache(href, request));
});
