// Citation previews: hover, focus or tap a citation number to read the reference.
// Contract (emitted by guidekit.citations): a.gk-cite__link[data-gk-refs="k1 k2"]
// links to li#ref-<key> entries whose .gk-ref__text holds the formatted reference.
// Without JavaScript each number is a plain link to its entry.

const POPOVER_ID = "gk-cite-popover";
const HIDE_DELAY_MS = 200;
let hideTimer = 0;
let current = null;

function popover() {
  let el = document.getElementById(POPOVER_ID);
  if (!el) {
    el = document.createElement("div");
    el.id = POPOVER_ID;
    el.className = "gk-popover md-typeset";
    el.setAttribute("role", "tooltip");
    el.hidden = true;
    // Hovering the preview keeps it open (WCAG 1.4.13: hoverable).
    el.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    el.addEventListener("mouseleave", () => scheduleHide());
    document.body.appendChild(el);
  }
  return el;
}

function entriesFor(link) {
  const keys = (link.dataset.gkRefs || "").split(" ").filter(Boolean);
  return keys
    .map((key) => document.getElementById(`ref-${key}`))
    .filter((entry) => entry && entry.querySelector(".gk-ref__text"));
}

function show(link) {
  const entries = entriesFor(link);
  if (entries.length === 0) return;
  clearTimeout(hideTimer);
  const el = popover();
  el.replaceChildren();
  for (const entry of entries) {
    const item = document.createElement("p");
    const number = document.createElement("strong");
    number.textContent = `${entry.getAttribute("value")}. `;
    item.append(number, ...Array.from(entry.querySelector(".gk-ref__text").childNodes, (n) => n.cloneNode(true)));
    el.append(item);
  }
  if (current && current !== link) current.removeAttribute("aria-describedby");
  current = link;
  link.setAttribute("aria-describedby", POPOVER_ID);
  el.hidden = false;
  place(el, link);
}

// Below the number when there is room, else above; never covering the number itself.
function place(el, link) {
  const margin = 8;
  const rect = link.getBoundingClientRect();
  el.style.maxWidth = `${Math.min(480, window.innerWidth - 2 * margin)}px`;
  const box = el.getBoundingClientRect();
  const below = rect.bottom + margin + box.height <= window.innerHeight || rect.top < box.height + margin;
  const top = below ? rect.bottom + margin : rect.top - margin - box.height;
  const left = Math.max(margin, Math.min(rect.left, window.innerWidth - box.width - margin));
  el.style.top = `${top + window.scrollY}px`;
  el.style.left = `${left + window.scrollX}px`;
  el.dataset.placement = below ? "below" : "above";
}

function hide() {
  clearTimeout(hideTimer);
  const el = document.getElementById(POPOVER_ID);
  if (el) el.hidden = true;
  if (current) current.removeAttribute("aria-describedby");
  current = null;
}

function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, HIDE_DELAY_MS);
}

const linkOf = (target) => (target instanceof Element ? target.closest("a.gk-cite__link") : null);

// Delegated listeners, installed once: they survive Material's instant navigation.
// A module is evaluated once per document, so a module-level flag is enough.
let installed = false;

function installListeners() {
  if (installed) return;
  installed = true;
  let lastPointer = "mouse";
  // Whether the tapped number's preview was already open before this tap (focus opens it too).
  let openBeforeTap = false;
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const link = linkOf(event.target);
    openBeforeTap = Boolean(link) && current === link;
  }, true);
  document.addEventListener("mouseover", (event) => {
    const link = linkOf(event.target);
    if (link && lastPointer === "mouse") show(link);
  });
  document.addEventListener("mouseout", (event) => {
    if (linkOf(event.target)) scheduleHide();
  });
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event.target);
    if (link) show(link);
    else if (current && !popover().contains(event.target)) hide();
  });
  document.addEventListener("focusout", (event) => {
    if (linkOf(event.target)) scheduleHide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });
  // Touch: the first tap previews, a second tap on the same number follows the link.
  // Capture phase on window, so the preview tap is stopped before Material's
  // instant navigation sees the click.
  window.addEventListener("click", (event) => {
    const link = linkOf(event.target);
    if (!link) {
      if (current && !popover().contains(event.target)) hide();
      return;
    }
    if (lastPointer !== "mouse" && !openBeforeTap) {
      event.preventDefault();
      event.stopImmediatePropagation();
      show(link);
    } else if (lastPointer !== "mouse") {
      hide();
    }
  }, true);
  window.addEventListener("resize", () => current && place(popover(), current));
}

// Run by loader.js on every page (first load and each instant swap).
export function setupCitations() {
  installListeners();
  hide();  // a page swap must not leave a stale preview behind
}
