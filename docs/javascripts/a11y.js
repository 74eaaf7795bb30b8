// Keyboard, screen-reader, phone and print helpers on top of Material.
// One setupA11y() per page: safe to run again after every instant page swap.
// Every change here is an enhancement; the page works without it.

import { liveRegion } from "./live-region.js";

const CARD_MIN_COLUMNS = 3;
let pageSwaps = 0;

// Instant navigation turns every relative href into an absolute one, so print
// CSS cannot tell an outside link from a link to another page of the guide.
function markInternalLinks(root) {
  // The site's root here, and at its public address (the canonical URL of this
  // page minus the page's path below the root), which content may link to.
  const logo = document.querySelector("[data-md-component='logo']");
  const localBase = new URL(logo?.getAttribute("href") || ".", location.href).href;
  const here = location.href.split("#")[0].split("?")[0];
  const below = here.startsWith(localBase) ? here.slice(localBase.length) : "";
  const canonical = document.querySelector('link[rel="canonical"]')?.href || "";
  const siteBase = canonical.endsWith(below) ? canonical.slice(0, canonical.length - below.length) : "";
  for (const link of root.querySelectorAll("a[href]")) {
    const url = new URL(link.href, location.href);
    const internal = url.origin === location.origin || (siteBase !== "" && url.href.startsWith(siteBase));
    link.toggleAttribute("data-gk-internal", internal);
  }
}

// "¶" permalinks: out of the Tab order and out of each heading's spoken name.
function quietHeaderLinks(root) {
  for (const link of root.querySelectorAll("a.headerlink")) {
    link.setAttribute("aria-hidden", "true");
    link.setAttribute("tabindex", "-1");
  }
}

// The first use of each abbreviation takes keyboard focus, so its tooltip
// opens from the keyboard too; later uses stay out of the Tab order.
function focusableGlossaryTerms(root) {
  const seen = new Set();
  for (const abbr of root.querySelectorAll("abbr[title]")) {
    const key = `${abbr.textContent}|${abbr.title}`;
    if (seen.has(key) || abbr.closest("a, button, summary, label, h1, h2, h3, h4, h5, h6")) continue;
    seen.add(key);
    abbr.setAttribute("tabindex", "0");
  }
}

function headerTexts(table) {
  const row = table.tHead?.rows[0];
  return row ? Array.from(row.cells, (cell) => cell.textContent.trim()) : [];
}

// Phone cards: each cell carries its column's name; explicit roles keep the
// table a table for screen readers once CSS makes its parts blocks.
function prepareCards(table) {
  const names = headerTexts(table);
  if (names.length < CARD_MIN_COLUMNS || table.closest(".gk-diary")) return;
  table.setAttribute("data-gk-cards", "");
  table.setAttribute("role", "table");
  for (const group of table.querySelectorAll(":scope > thead, :scope > tbody")) group.setAttribute("role", "rowgroup");
  for (const row of table.rows) {
    row.setAttribute("role", "row");
    Array.from(row.cells).forEach((cell, index) => {
      if (cell.tagName === "TH") cell.setAttribute("role", "columnheader");
      else {
        cell.setAttribute("role", "cell");
        if (names[index]) cell.setAttribute("data-gk-label", names[index]);
      }
    });
  }
}

function tableName(table) {
  const caption = table.caption?.textContent.trim();
  if (caption) return caption;
  let node = table.closest(".md-typeset__scrollwrap") || table;
  while (node && !/^H[2-6]$/.test(node.tagName)) node = node.previousElementSibling;
  const names = headerTexts(table).filter(Boolean).slice(0, 3).join(", ");
  const heading = node ? node.textContent.replace("¶", "").trim() : "";
  return heading ? `Table: ${heading}` : `Table: ${names}`;
}

// A table still wider than its box scrolls sideways: make that box a named,
// focusable region so keyboard users can scroll it (axe scrollable-region-focusable).
// All widths are read before any attribute is written: a write between two reads
// would make the browser lay the page out again for each table.
function updateScrollRegions(root) {
  const measured = [];
  for (const wrap of root.querySelectorAll(".md-typeset__scrollwrap")) {
    const table = wrap.querySelector("table");
    if (table) measured.push([wrap, table, wrap.scrollWidth > wrap.clientWidth + 1]);
  }
  for (const [wrap, table, scrollable] of measured) {
    wrap.toggleAttribute("data-gk-scrollable", scrollable);
    if (scrollable) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", `${tableName(table)} (scrolls sideways)`);
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
    }
  }
}

function pageAnnouncer() {
  return liveRegion("gk-page-announcer", {
    tag: "p", className: "gk-visually-hidden", attributes: { "aria-live": "polite" },
  });
}

// After an instant page change, focus starts at the new page's H1 (or the
// linked section) and the new title is announced, as a full load would.
function announcePageChange() {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const heading = target || document.querySelector(".md-content h1");
  if (heading) {
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: Boolean(!target) });
  }
  const region = pageAnnouncer();
  region.textContent = "";
  window.setTimeout(() => { region.textContent = document.title; }, 100);
}

// Material's menu button is a <label> for a hidden checkbox: no Tab stop, so
// with the drawer hidden when closed, keyboard users at phone widths or high
// zoom could not reach the navigation at all. A real <button> goes inside the
// label, around its icon (a label may not take role="button": axe's
// aria-allowed-role). A click on it is the button's alone: a label does not
// pass on clicks that land on an interactive child, so the button toggles.
function keyboardMenuButton() {
  const toggle = document.getElementById("__drawer");
  const label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!toggle || !label || label.querySelector("button[data-gk-menu]")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.gkMenu = "";
  button.setAttribute("aria-label", "Menu");
  // Looks like the label's icon alone (no "all: unset": that would drop the focus ring too).
  button.style.cssText = "display:block;margin:0;padding:0;border:0;background:none;color:inherit;font:inherit;cursor:pointer";
  button.append(...label.childNodes);
  label.append(button);
  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  sync();
  toggle.addEventListener("change", () => {
    sync();
    if (toggle.checked) {
      // Focus the first link once the drawer is visible again.
      window.setTimeout(() => document.querySelector(".md-sidebar--primary .md-nav__link[href]")?.focus(), 50);
    }
  });
  button.addEventListener("click", () => toggle.click());
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    toggle.click();
    button.focus();
  });
}

let resizeTimer = 0;
function onResize() {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    const content = document.querySelector(".md-content");
    if (content) updateScrollRegions(content);
  }, 150);
}

export function setupA11y() {
  const content = document.querySelector(".md-content");
  if (!content) return;
  keyboardMenuButton();
  markInternalLinks(document.body);
  quietHeaderLinks(content);
  focusableGlossaryTerms(content);
  for (const table of content.querySelectorAll("table:not([class])")) prepareCards(table);
  // Widths are read after the browser has laid out the cards it just styled: read
  // at once, they forced that layout inside this task, making it a long one.
  window.requestAnimationFrame(() => window.setTimeout(() => updateScrollRegions(content), 0));
  if (pageSwaps > 0) announcePageChange();
  pageSwaps += 1;
}

// Page-level listeners, once per document; loader.js runs setupA11y on every page swap.
window.addEventListener("resize", onResize);
// Material opens every <details> before printing; tables may then change size.
window.addEventListener("beforeprint", () => markInternalLinks(document.body));
