// Interactive checklists. The HTML comes from guidekit/checklists/render.py,
// whose docstring lists the data-* contract this module reads.
// Ticks stay in this browser (localStorage) and are never sent anywhere.

const KEY_PREFIX = "guidekit-checklist";
const TICKED = "\u2611";
const EMPTY = "\u2610";

// Ticks kept in memory when storage is blocked. The module outlives Material's
// instant page swaps, so leaving a page and coming back still finds them.
const memory = new Map();

// Material's config gives the site root relative to the first page loaded;
// resolve it now, because instant navigation changes the location later.
const siteRoot = (() => {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  } catch {
    return new URL("/", location.href);
  }
})();

function openStorage() {
  try {
    const storage = window.localStorage;
    const probe = `${KEY_PREFIX}|probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

// Site (origin and base path: GitHub Pages puts many sites on one origin),
// page, checklist id and the items' version hash.
function storageKey(root) {
  const path = location.pathname.replace(/index\.html$/, "");
  const page = path.startsWith(siteRoot.pathname) ? path.slice(siteRoot.pathname.length) : path;
  return [KEY_PREFIX, siteRoot.origin + siteRoot.pathname, page, root.dataset.checklist, root.dataset.checklistVersion];
}

class TickStore {
  constructor(parts) {
    this.key = parts.join("|");
    this.family = `${parts.slice(0, -1).join("|")}|`;
    this.storage = openStorage();
  }

  get persistent() {
    return this.storage !== null;
  }

  load() {
    if (this.storage) {
      try {
        return this.storage.getItem(this.key);
      } catch {
        this.storage = null;
      }
    }
    return memory.get(this.key) ?? null;
  }

  // Returns whether the ticks will survive a reload.
  save(ticks) {
    const value = JSON.stringify({ ticked: [...ticks] });
    memory.set(this.key, value);
    if (this.storage) {
      try {
        this.storage.setItem(this.key, value);
      } catch {
        this.storage = null;
      }
    }
    return this.persistent;
  }

  // Ticks saved for an older version of this checklist can never be restored.
  forgetOtherVersions() {
    if (!this.storage) return;
    try {
      const stale = [];
      for (let i = 0; i < this.storage.length; i += 1) {
        const key = this.storage.key(i);
        if (key && key.startsWith(this.family) && key !== this.key) stale.push(key);
      }
      for (const key of stale) this.storage.removeItem(key);
    } catch {
      // Cleaning up is a courtesy; the checklist works without it.
    }
  }
}

// Stored data is trusted only if it has the expected shape; ids of removed items are dropped.
function parseTicks(raw, known) {
  if (raw === null) return { ticks: new Set(), valid: true };
  try {
    const data = JSON.parse(raw);
    if (data && Array.isArray(data.ticked) && data.ticked.every((id) => typeof id === "string")) {
      return { ticks: new Set(data.ticked.filter((id) => known.has(id))), valid: true };
    }
  } catch {
    // Falls through: corrupt data is replaced.
  }
  return { ticks: new Set(), valid: false };
}

// Mirrors Condition.matches in guidekit/checklists/model.py.
function matches(when, ticks) {
  const ticked = (id) => ticks.has(id);
  return (
    (when.all ?? []).every(ticked) &&
    (!when.any || when.any.some(ticked)) &&
    !(when.unticked ?? []).some(ticked) &&
    (when.min === undefined || ticks.size >= when.min) &&
    (when.max === undefined || ticks.size <= when.max)
  );
}

const clean = (text) => text.replace(/\s+/g, " ").trim();

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function summary(root, boxes, strings) {
  const lines = [clean(root.querySelector("legend").textContent), ""];
  for (const box of boxes) {
    lines.push(`${box.checked ? TICKED : EMPTY} ${clean(box.labels[0].textContent)}`);
  }
  lines.push("", clean(root.querySelector("[data-checklist-progress]").textContent));
  for (const outcome of root.querySelectorAll("[data-checklist-when]:not([hidden])")) {
    const title = clean(outcome.querySelector("[data-checklist-outcome-title]").textContent);
    lines.push(`${title}: ${clean(outcome.querySelector("[data-checklist-outcome-message]").textContent)}`);
  }
  lines.push("", `${strings.page}: ${location.origin}${location.pathname}`, `${strings.date}: ${today()}`);
  return lines.join("\n");
}

function setupChecklist(root) {
  // document$ may fire again for the same document: wire each widget once.
  if (root.dataset.checklistReady) return;
  root.dataset.checklistReady = "true";

  const strings = JSON.parse(root.dataset.checklistStrings);
  const part = (name) => root.querySelector(`[data-checklist-${name}]`);
  const button = (action) => root.querySelector(`[data-checklist-action="${action}"]`);
  const boxes = [...root.querySelectorAll("input[data-checklist-item]")];
  const outcomes = [...root.querySelectorAll("[data-checklist-when]")].map((el) => ({
    el,
    when: JSON.parse(el.dataset.checklistWhen),
  }));
  const progress = part("progress");
  const message = part("message");
  const summaryBox = part("summary");
  const store = new TickStore(storageKey(root));

  const loaded = parseTicks(store.load(), new Set(boxes.map((box) => box.dataset.checklistItem)));
  let ticks = loaded.ticks;
  let undo = null;

  const say = (text) => {
    message.textContent = text;
  };
  const showStorage = (persistent) => {
    part("privacy").hidden = !persistent;
    part("storage-notice").hidden = persistent;
  };
  const update = () => {
    const text = strings.progress.replace("{ticked}", ticks.size).replace("{total}", boxes.length);
    // Rewriting identical text would make screen readers repeat it.
    if (progress.textContent !== text) progress.textContent = text;
    for (const { el, when } of outcomes) el.hidden = !matches(when, ticks);
  };
  const apply = () => {
    for (const box of boxes) box.checked = ticks.has(box.dataset.checklistItem);
    update();
  };
  const save = () => showStorage(store.save(ticks));
  const setUndo = (previous) => {
    undo = previous;
    button("undo").hidden = previous === null;
  };

  const actions = {
    reset() {
      setUndo(new Set(ticks));
      ticks = new Set();
      apply();
      save();
      say(strings.cleared);
    },
    undo() {
      if (undo === null) return;
      ticks = undo;
      setUndo(null);
      apply();
      save();
      // The Undo button just vanished; keep keyboard focus in the widget.
      button("reset").focus();
      say(strings.restored);
    },
    print() {
      window.print();
    },
    async copy() {
      const text = summary(root, boxes, strings);
      try {
        await navigator.clipboard.writeText(text);
        summaryBox.hidden = true;
        say(strings.copied);
      } catch {
        const area = summaryBox.querySelector("textarea");
        area.value = text;
        summaryBox.hidden = false;
        area.focus();
        area.select();
        say(strings.copy_failed);
      }
    },
  };

  // Listeners sit on the widget, which each page swap replaces: they never pile up.
  root.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.checklistItem) return;
    if (box.checked) ticks.add(box.dataset.checklistItem);
    else ticks.delete(box.dataset.checklistItem);
    setUndo(null);
    say("");
    save();
    update();
  });
  root.addEventListener("click", (event) => {
    const action = event.target.closest?.("[data-checklist-action]")?.dataset.checklistAction;
    if (action && Object.hasOwn(actions, action)) actions[action]();
  });

  if (!loaded.valid) store.save(ticks);
  store.forgetOtherVersions();
  apply();
  showStorage(store.persistent);
  part("actions").hidden = false;
}

export function setupChecklists(scope = document) {
  for (const root of scope.querySelectorAll("[data-checklist]")) {
    try {
      setupChecklist(root);
    } catch (error) {
      // One broken widget must not stop the others.
      console.error(`checklist "${root.dataset.checklist}" could not start:`, error);
    }
  }
}

// Material's document$ fires on the first load and after every instant page swap.
if (window.document$) window.document$.subscribe(() => setupChecklists());
else setupChecklists();
