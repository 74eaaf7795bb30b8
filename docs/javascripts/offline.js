// Offline copy of the guide. Registers the service worker that the build writes
// at the site root (its source is guidekit/offline/worker.js), says politely when
// a newer version is ready, and wires the About page's "Delete everything" button.
// Without service workers, or with storage blocked, it does nothing and logs nothing:
// the site works online as usual.

import { liveRegion } from "./live-region.js";

const WORKER_META = 'meta[name="gk-offline-worker"]';
const UPDATE_INTERVAL_MS = 10 * 60 * 1000;
const FIRST_SAVE_DELAY_MS = 3000;

// Material's config gives the site root relative to the first page loaded;
// resolve it now, because instant navigation changes the location later.
const siteRoot = (() => {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  } catch {
    return new URL("./", location.href);
  }
})();
// The worker names its caches the same way (scope first: GitHub Pages puts many
// sites on one origin, and each must only ever touch its own).
const CACHE_PREFIX = `gk-offline|${siteRoot.href}|`;
// `mkdocs serve` leaves the meta out: no worker while editing.
const workerUrl = (() => {
  const meta = document.querySelector(WORKER_META);
  return meta ? new URL(meta.content, location.href).href : null;
})();

const state = { started: false, registration: null, lastCheck: 0, deleted: false, reloading: false };

// Feature access itself can throw (storage blocked in private modes).
function workers() {
  try {
    return "serviceWorker" in navigator ? navigator.serviceWorker : null;
  } catch {
    return null;
  }
}

function cacheStorage() {
  try {
    return "caches" in window ? window.caches : null;
  } catch {
    return null;
  }
}

// Keys this site owns: Material's (prefixed with the site's path) and guidekit's
// widgets (prefixed "guidekit-", naming the site's root; the checklist's probe key).
function ownsKey(key) {
  if (key.startsWith(`${siteRoot.pathname}.`)) return true;
  if (!key.startsWith("guidekit-")) return false;
  return key.includes(`|${siteRoot.origin}${siteRoot.pathname}|`) || key.endsWith("|probe");
}

function notice() {
  return liveRegion("gk-offline-notice", { className: "gk-offline-notice", attributes: { role: "status" } });
}

function offerUpdate(worker) {
  const region = notice();
  if (region.dataset.worker === "waiting") return;
  region.dataset.worker = "waiting";
  // The notice's styles first (an unstyled notice would flash in the page flow).
  loadStyles().then(() => showUpdate(region, worker));
}

function showUpdate(region, worker) {
  region.replaceChildren();
  const text = document.createElement("p");
  text.textContent = "A newer version of this guide is ready: ";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.className = "md-button md-button--primary";
  reload.dataset.gkOfflineReload = "";
  reload.textContent = "Reload";
  const later = document.createElement("button");
  later.type = "button";
  later.className = "md-button";
  later.textContent = "Not now";
  text.append(reload, " ", later);
  region.append(text);
  region.hidden = false;
  reload.addEventListener("click", () => {
    text.textContent = "Loading the newer version\u2026";
    // The page reloads on "controllerchange", once the new worker has taken over.
    worker.postMessage({ type: "gk-offline-activate" });
  });
  later.addEventListener("click", () => {
    region.replaceChildren();
    region.hidden = true;
  });
}

function watch(registration, container) {
  if (registration.waiting && container.controller) offerUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      // No controller yet means a first visit: nothing is out of date.
      if (worker.state === "installed" && container.controller) offerUpdate(worker);
    });
  });
  let controlled = Boolean(container.controller);
  container.addEventListener("controllerchange", () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    // A new version took over (here or in another tab): reload, so this tab
    // never shows a page of one version with the scripts of another.
    if (!state.reloading) {
      state.reloading = true;
      location.reload();
    }
  });
}

// The "network refresh": ask for a newer worker (a new worker means a new whole
// version), at most every few minutes, and never while offline.
function checkForUpdate() {
  const registration = state.registration;
  if (!registration || !navigator.onLine || Date.now() - state.lastCheck < UPDATE_INTERVAL_MS) return;
  state.lastCheck = Date.now();
  registration.update().catch(() => {
    // Flaky network: the next page or the "online" event tries again.
  });
}

async function start(container) {
  if (!workerUrl) {
    // Serving for editing: drop a worker left by an earlier build, so edits show.
    await forgetWorker(container);
    return;
  }
  const returning = Boolean(container.controller);
  try {
    state.registration = await container.register(workerUrl, { scope: siteRoot.href });
  } catch {
    // Storage blocked, or an insecure context: the site works online as before.
    return;
  }
  watch(state.registration, container);
  // A first registration has just fetched the worker; a returning visit checks.
  state.lastCheck = returning ? 0 : Date.now();
  checkForUpdate();
  window.addEventListener("online", () => {
    state.lastCheck = 0;
    checkForUpdate();
  });
}

async function forgetWorker(container) {
  if (!container) return;
  const registrations = await container.getRegistrations();
  await Promise.all(registrations.filter((r) => r.scope === siteRoot.href).map((r) => r.unregister()));
}

async function forgetCaches() {
  const storage = cacheStorage();
  if (!storage) return;
  const names = await storage.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => storage.delete(name)));
}

function forgetStorage() {
  for (const name of ["localStorage", "sessionStorage"]) {
    let storage;
    try {
      storage = window[name];
    } catch {
      continue;
    }
    const owned = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key !== null && ownsKey(key)) owned.push(key);
    }
    for (const key of owned) storage.removeItem(key);
  }
}

async function deleteEverything(status) {
  state.deleted = true;
  const failed = [];
  for (const [what, step] of [
    ["the offline copy", () => forgetWorker(workers())],
    ["the saved files", forgetCaches],
    ["the checklist ticks and settings", forgetStorage],
  ]) {
    try {
      await step();
    } catch {
      failed.push(what);
    }
  }
  const message = failed.length
    ? `Some things could not be deleted: ${failed.join(", ")}. Your browser's settings can clear them.`
    : "Deleted. The offline copy, checklist ticks and settings this site saved on this device are gone. " +
      "If you open the guide again, your browser saves a new offline copy.";
  // Empty first, so pressing the button twice is announced twice.
  status.textContent = "";
  window.setTimeout(() => {
    status.textContent = message;
  }, 100);
}

function setupDeleteButtons() {
  for (const button of document.querySelectorAll("button[data-gk-offline-delete]")) {
    if (button.dataset.gkOfflineReady) continue;
    button.dataset.gkOfflineReady = "true";
    const status = button.closest("[data-gk-offline-forget]")?.querySelector("[data-gk-offline-status]");
    if (!status) continue;
    // Styled only now: the no-JavaScript page keeps it hidden (.md-button would
    // override the hidden attribute's display).
    loadStyles();
    button.classList.add("md-button");
    button.hidden = false;
    let busy = false;
    button.addEventListener("click", async () => {
      if (busy) return;
      busy = true;
      try {
        await deleteEverything(status);
      } finally {
        busy = false;
      }
    });
  }
}

// The notice's and the button's styles are loaded by this script, not listed in
// mkdocs.yml, and only once a notice or a delete button is about to show: a
// stylesheet in <head> would delay every first paint, and one added on every
// load made the browser restyle and lay out the whole page again just after it
// had loaded (Lighthouse: main-thread work), for a notice that is rarely shown.
let styles = null;
function loadStyles() {
  if (styles) return styles;
  styles = new Promise((resolve) => {
    const link = document.createElement("link");
    link.id = "gk-offline-styles";
    link.rel = "stylesheet";
    link.href = new URL("stylesheets/offline.css", siteRoot).href;
    // Shown either way: an unstyled notice beats none.
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    document.head.append(link);
  });
  return styles;
}

export function setupOffline() {
  setupDeleteButtons();
  const container = workers();
  if (!container || state.deleted) return;
  notice();
  if (state.started) {
    checkForUpdate();
    return;
  }
  state.started = true;
  const go = () => start(container).catch(() => {});
  // A first visit saves the offline copy (about 370 KiB) a few seconds after
  // the page has loaded, when the browser is idle, so it never competes with
  // the page the reader came for. A returning visit only checks for updates.
  const first = !container.controller;
  const whenIdle = () => ("requestIdleCallback" in window ? window.requestIdleCallback(go, { timeout: 5000 }) : go());
  const later = () => {
    if (!first) go();
    else window.setTimeout(whenIdle, FIRST_SAVE_DELAY_MS);
  };
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
}
