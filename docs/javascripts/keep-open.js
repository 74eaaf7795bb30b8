// Boxes the reader opened stay open when they follow a link within the page.
// Material's instant navigation fetches and re-renders the page the first time a
// link to an anchor on the same page is followed after a full load (its location
// subject starts empty, so the first URL always counts as a new page). That closed
// every <details> the reader had opened: a clinician box shut as they followed one
// of its citation numbers, and Back returned them to a closed box.
// Material's public observables (location$, document$) say when that happens.

let shownPath = location.pathname;
let pending = null;

function openBoxes() {
  const boxes = Array.from(document.querySelectorAll(".md-content details"));
  return boxes.flatMap((box, index) => (box.open ? [index] : []));
}

// Run once, from loader.js, before the page's features (so boxes are open before they run).
export function setupKeepOpen() {
  if (!window.location$ || !window.document$) return;
  // Instant navigation has already pushed the new URL when location$ emits. It emits
  // twice for one click; the boxes are already shut by the second time: keep the first.
  window.location$.subscribe((url) => {
    if (url.pathname !== shownPath) pending = null;
    else if (!pending) pending = { path: url.pathname, open: openBoxes() };
  });
  window.document$.subscribe(() => {
    const restore = pending && pending.path === location.pathname ? pending.open : [];
    pending = null;
    shownPath = location.pathname;
    if (restore.length === 0) return;
    const boxes = document.querySelectorAll(".md-content details");
    for (const index of restore) if (boxes[index]) boxes[index].open = true;
    // Opening boxes above the link's target moved it: bring it back into view.
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    target?.scrollIntoView();
  });
}
