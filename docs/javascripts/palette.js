// Light and dark switch in the header (overrides/partials/palette.html). The
// inline script in overrides/partials/javascripts/palette.html has already
// drawn the page in the stored or OS-preferred colours; this handles a change.
// Material's own switch restyled the whole page twice on every load; this one
// restyles only when the reader switches. The choice is stored where Material
// stored it (key "__palette", the same shape), so the inline script and the
// About page's "Delete everything" button find it. Storage may throw: the
// switch still works for the page in view.

const FORM = "[data-gk-palette]";

function inputsOf(form) {
  return Array.from(form.querySelectorAll(':scope > input[name="__palette"]'));
}

function colorsOf(input) {
  const color = { media: input.getAttribute("data-md-color-media") };
  for (const key of ["scheme", "primary", "accent"]) color[key] = input.getAttribute(`data-md-color-${key}`);
  return color;
}

// Each radio is followed by the label that switches to the next palette:
// only the label after the chosen radio shows.
function showToggle(inputs, index) {
  inputs.forEach((input, i) => {
    const label = input.nextElementSibling;
    if (label instanceof HTMLLabelElement) label.hidden = i !== index;
  });
}

function apply(input) {
  const form = input.closest(FORM);
  if (!form) return;
  const inputs = inputsOf(form);
  const index = inputs.indexOf(input);
  const color = colorsOf(input);
  // Material's CSS turns transitions off while this attribute is set, so the
  // page changes colour at once instead of fading element by element.
  document.body.setAttribute("data-md-color-switching", "");
  for (const key of ["scheme", "primary", "accent"]) document.body.setAttribute(`data-md-color-${key}`, color[key]);
  showToggle(inputs, index);
  const meta = document.querySelector('meta[name="color-scheme"]');
  if (meta) meta.content = color.scheme === "slate" ? "dark" : "light";
  try {
    window.__md_set("__palette", { index, color });
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  window.setTimeout(() => document.body.removeAttribute("data-md-color-switching"), 0);
}

let installed = false;

function installListeners() {
  if (installed) return;
  installed = true;
  // Delegated, so the switch keeps working when instant navigation swaps the header.
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.name === "__palette" && input.closest(FORM)) apply(input);
  });
  // Enter on the focused radio switches too, as in Material (arrow keys already do).
  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (event.key !== "Enter" || !(input instanceof HTMLInputElement) || input.name !== "__palette") return;
    const form = input.closest(FORM);
    if (!form) return;
    event.preventDefault();
    const inputs = inputsOf(form);
    const next = inputs[(inputs.indexOf(input) + 1) % inputs.length];
    next.click();
    next.focus();
  });
}

// Run by loader.js on every page. Material's instant navigation keeps the header
// (it swaps the content, not the switch), and the inline script set the toggle on
// the full load, so all that is left is the listeners, installed once.
export function setupPalette() {
  installListeners();
}
