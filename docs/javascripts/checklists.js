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

  // Returns whether the ticks will survive a reload. `days` (item id -> local
  // date) is written only for checklists with daily items.
  save(ticks, days = null) {
    const data = { ticked: [...ticks] };
    if (days && days.size) data.days = Object.fromEntries(days);
    const value = JSON.stringify(data);
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
  const empty = { ticks: new Set(), days: new Map() };
  if (raw === null) return { ...empty, valid: true };
  try {
    const data = JSON.parse(raw);
    if (data && Array.isArray(data.ticked) && data.ticked.every((id) => typeof id === "string")) {
      const days = new Map();
      if (data.days && typeof data.days === "object") {
        for (const [id, day] of Object.entries(data.days)) if (typeof day === "string") days.set(id, day);
      }
      return { ticks: new Set(data.ticked.filter((id) => known.has(id))), days, valid: true };
    }
  } catch {
    // Falls through: corrupt data is replaced.
  }
  return { ...empty, valid: false };
}

// Drops daily ticks made on an earlier local day (or with no day recorded); returns whether any went.
function pruneDaily(ticks, days, daily, day) {
  let pruned = false;
  for (const id of daily) {
    if (ticks.has(id) && days.get(id) !== day) {
      ticks.delete(id);
      pruned = true;
    }
  }
  for (const id of [...days.keys()]) if (!daily.has(id) || days.get(id) !== day) days.delete(id);
  return pruned;
}

// Widgets with daily items, checked together when a new local day may have begun.
const dailyChecks = new Set();
let midnightTimer = null;

function checkDays() {
  for (const check of [...dailyChecks]) check();
  scheduleMidnight();
}

// A timer to just after the next local midnight, and a check whenever the page
// comes back into view: a phone may sleep through midnight with the page open.
function scheduleMidnight() {
  clearTimeout(midnightTimer);
  midnightTimer = null;
  if (!dailyChecks.size) return;
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
  midnightTimer = setTimeout(checkDays, next - now);
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") checkDays();
});
window.addEventListener("pageshow", checkDays);
window.addEventListener("focus", checkDays);

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
  // In answer-first mode the answer sits before the notes in the DOM, so it comes first here too.
  for (const outcome of root.querySelectorAll("[data-checklist-when]:not([hidden])")) {
    const title = clean(outcome.querySelector("[data-checklist-outcome-title]").textContent);
    const text = `${title}: ${clean(outcome.querySelector("[data-checklist-outcome-message]").textContent)}`;
    if (root.dataset.checklistMode !== "first") lines.push(text);
    else lines.push(`${"gkAnswer" in outcome.dataset ? strings.answer : strings.also}: ${text}`);
  }
  lines.push("", `${strings.page}: ${location.origin}${location.pathname}`, `${strings.date}: ${today()}`);
  return lines.join("\n");
}

// The Print button prints this checklist, its answer, the page's red-flag box
// (#red-flags) or, if there is none, the checklist's own red-flag line, and the
// name and date lines: checklists.css hides everything else while the
// classes set here are on. Returns the undo.
function isolateForPrint(root) {
  const html = document.documentElement;
  const redFlags = document.getElementById("red-flags");
  const line = root.querySelector("[data-checklist-redflags]");
  const keep = redFlags && !root.contains(redFlags) ? [redFlags, root] : [root];
  if (!redFlags && line) line.hidden = false;
  const marked = [];
  for (const el of keep) {
    el.classList.add("checklist-print-keep");
    marked.push([el, "checklist-print-keep"]);
    for (let up = el.parentElement; up && up !== html; up = up.parentElement) {
      up.classList.add("checklist-print-path");
      marked.push([up, "checklist-print-path"]);
    }
  }
  html.classList.add("checklist-print-one");
  return () => {
    html.classList.remove("checklist-print-one");
    for (const [el, name] of marked) el.classList.remove(name);
    if (line) line.hidden = true;
  };
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
    answer: el.dataset.gkKind !== "note",
  }));
  const first = root.dataset.checklistMode === "first";
  const daily = new Set(JSON.parse(root.dataset.checklistDaily ?? "[]"));
  const progress = part("progress");
  const message = part("message");
  const summaryBox = part("summary");
  const store = new TickStore(storageKey(root));

  const loaded = parseTicks(store.load(), new Set(boxes.map((box) => box.dataset.checklistItem)));
  let ticks = loaded.ticks;
  const days = loaded.days;
  const staleOnLoad = pruneDaily(ticks, days, daily, today());
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
    if (first) showAnswer();
    else for (const { el, when } of outcomes) el.hidden = !matches(when, ticks);
  };
  // Answer-first: the first matching answer goes into the role=status slot and
  // matching notes go under "Also note". Later matching answers stay hidden:
  // beside the answer they would be mixed messages (SAFETY.md principle 4).
  // The slot is only touched when the answer changes, so it is not re-read.
  const slot = part("answer");
  const notesBox = part("notes");
  const notesList = part("notes-list");
  const pool = part("pool");
  const showAnswer = () => {
    const matching = outcomes.filter(({ when }) => matches(when, ticks));
    const answer = matching.find((outcome) => outcome.answer) ?? null;
    const shown = matching.filter((outcome) => outcome === answer || !outcome.answer);
    const notes = shown.filter((outcome) => outcome !== answer).map(({ el }) => el);
    for (const { el } of outcomes) {
      el.hidden = !shown.some((outcome) => outcome.el === el);
      if (el !== answer?.el) delete el.dataset.gkAnswer;
      if (el.hidden && el.parentElement !== pool) pool.append(el);
    }
    if (answer && slot.firstElementChild !== answer.el) slot.replaceChildren(answer.el);
    if (!answer) slot.replaceChildren();
    if (answer) answer.el.dataset.gkAnswer = answer.el.dataset.gkOutcome ?? "";
    const current = [...notesList.children];
    if (current.length !== notes.length || current.some((el, i) => el !== notes[i])) notesList.replaceChildren(...notes);
    notesBox.hidden = notes.length === 0;
    // A long answer scrolls inside the panel on a phone; keyboards must reach it then.
    if (slot.scrollHeight > slot.clientHeight) slot.tabIndex = 0;
    else slot.removeAttribute("tabindex");
  };
  const apply = () => {
    // Undo may bring back a daily tick from an earlier day: that one stays cleared.
    pruneDaily(ticks, days, daily, today());
    for (const box of boxes) box.checked = ticks.has(box.dataset.checklistItem);
    update();
  };
  // Days are kept for cleared ticks too, so Undo restores them with their day; only ticked ones are saved.
  const save = () => showStorage(store.save(ticks, new Map([...days].filter(([id]) => ticks.has(id)))));
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
      const undoIsolation = isolateForPrint(root);
      window.addEventListener("afterprint", undoIsolation, { once: true });
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
    const id = box.dataset.checklistItem;
    if (box.checked) ticks.add(id);
    else ticks.delete(id);
    if (daily.has(id) && box.checked) days.set(id, today());
    // A tick made after midnight (say on a phone that slept through the timer)
    // must not keep yesterday's daily ticks alive.
    const pruned = pruneDaily(ticks, days, daily, today());
    setUndo(null);
    say(pruned ? strings.daily_cleared : "");
    save();
    if (pruned) apply();
    else update();
  });
  root.addEventListener("click", (event) => {
    const action = event.target.closest?.("[data-checklist-action]")?.dataset.checklistAction;
    if (action && Object.hasOwn(actions, action)) actions[action]();
  });

  if (!loaded.valid || staleOnLoad) save();
  store.forgetOtherVersions();
  apply();
  showStorage(store.persistent);
  part("actions").hidden = false;
  if (first) {
    part("rules").hidden = true;
    const result = part("result");
    result.hidden = false;
    // Keyboard focus must not land under the sticky result panel (WCAG 2.4.11).
    const measure = () => root.style.setProperty("--checklist-result-height", `${result.offsetHeight}px`);
    measure();
    if (window.ResizeObserver) new ResizeObserver(measure).observe(result);
  }
  if (daily.size) {
    const check = () => {
      if (!root.isConnected) {
        dailyChecks.delete(check);
        return;
      }
      if (pruneDaily(ticks, days, daily, today())) {
        apply();
        save();
        say(strings.daily_cleared);
      }
    };
    dailyChecks.add(check);
    scheduleMidnight();
  }
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
