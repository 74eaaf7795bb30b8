// Abbreviation tooltips: hover, focus or tap a term such as "MS" to read what it
// stands for. Python-Markdown's abbr extension writes <abbr title="...">; a11y.js
// puts the first use of each term in the Tab order. Without JavaScript the
// browser's own title tooltip shows on hover.

import { delegatedPopover } from "./popover.js";

function abbrOf(node) {
  if (!(node instanceof Element)) return null;
  const abbr = node.closest(".md-content abbr");
  if (!abbr || !(abbr.title || abbr.dataset.gkTitle)) return null;
  // Inside a link, button or summary a tap belongs to the control: no tooltip there.
  return abbr.closest("a, button, summary, label") ? null : abbr;
}

// While ours shows, the title waits in data-gk-title: the browser's tooltip would open over ours.
// Screen readers get the same text from the popover, through aria-describedby.
function fill(el, abbr) {
  const text = abbr.title || abbr.dataset.gkTitle || "";
  if (!text) return false;
  if (abbr.title) {
    abbr.dataset.gkTitle = abbr.title;
    abbr.removeAttribute("title");
  }
  el.textContent = text;
  return true;
}

function restore(abbr) {
  if (abbr.dataset.gkTitle) {
    abbr.title = abbr.dataset.gkTitle;
    delete abbr.dataset.gkTitle;
  }
}

let tooltips = null;

// Run by loader.js on every page (first load and each instant swap).
export function setupGlossary() {
  tooltips ||= delegatedPopover({
    id: "gk-term-popover", className: "gk-popover gk-popover--term", targetOf: abbrOf, fill, onHide: restore,
  });
  tooltips.hide();
}
