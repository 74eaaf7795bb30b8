// Citation previews: hover, focus or tap a citation number to read the reference.
// Contract (emitted by guidekit.citations): a.gk-cite__link[data-gk-refs="k1 k2"]
// links to li#ref-<key> entries whose .gk-ref__text holds the formatted reference.
// Without JavaScript each number is a plain link to its entry.
// On touch, the first tap previews and a second tap follows the link.

import { delegatedPopover } from "./popover.js";

function entriesFor(link) {
  const keys = (link.dataset.gkRefs || "").split(" ").filter(Boolean);
  return keys
    .map((key) => document.getElementById(`ref-${key}`))
    .filter((entry) => entry && entry.querySelector(".gk-ref__text"));
}

function fill(el, link) {
  const entries = entriesFor(link);
  if (entries.length === 0) return false;
  el.replaceChildren();
  for (const entry of entries) {
    const item = document.createElement("p");
    const number = document.createElement("strong");
    number.textContent = `${entry.getAttribute("value")}. `;
    item.append(number, ...Array.from(entry.querySelector(".gk-ref__text").childNodes, (n) => n.cloneNode(true)));
    el.append(item);
  }
  return true;
}

const linkOf = (target) => (target instanceof Element ? target.closest("a.gk-cite__link") : null);

// A module is evaluated once per document: one popover, whose listeners survive instant navigation.
let previews = null;

// Run by loader.js on every page (first load and each instant swap).
export function setupCitations() {
  previews ||= delegatedPopover({ id: "gk-cite-popover", className: "gk-popover md-typeset", targetOf: linkOf, fill });
  previews.hide();  // a page swap must not leave a stale preview behind
}
