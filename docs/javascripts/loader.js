// The site's one JavaScript entry point (model: pymdown-extensions' extra-loader.js).
// Material's document$ fires on the first load and after every instant page
// swap; each feature runs in its own try/catch, so one failure spares the rest.
// Every setup function is safe to run again on each swap.
import { setupA11y } from "./a11y.js";
import { setupChecklists } from "./checklists.js";
import { setupCitations } from "./citations.js";
import { setupCopyButtons } from "./copy.js";
import { setupGlossary } from "./glossary.js";
import { setupKeepOpen } from "./keep-open.js";
import { setupOffline } from "./offline.js";
import { setupPalette } from "./palette.js";

// Keyboard and screen-reader fixes run last, over what the other features built.
const FEATURES = [
  ["colour switch", setupPalette],
  ["checklists", () => setupChecklists()],
  ["citation previews", setupCitations],
  ["abbreviation tooltips", setupGlossary],
  ["copy buttons", setupCopyButtons],
  ["offline copy", () => setupOffline()],
  ["keyboard and screen readers", setupA11y],
];

// Each feature in its own task: together they are one long task on a slow
// phone (Lighthouse: total blocking time), apart each is short and the page
// stays responsive. A newer page swap ends an older run: its features run
// again, in order, for the new page.
let run = 0;
const nextTask = () => new Promise((resolve) => window.setTimeout(resolve, 0));

async function main() {
  const mine = ++run;
  for (const [index, [name, setup]] of FEATURES.entries()) {
    if (index) await nextTask();
    if (mine !== run) return;
    try {
      setup();
    } catch (error) {
      console.error(`${name}: could not start`, error);
    }
  }
}

// Module scripts run after parsing, once Material's bundle has defined document$.
if (window.document$) {
  setupKeepOpen();  // first: it reopens boxes before the features run over the page
  window.document$.subscribe(main);
} else {
  main();
}
