// One delegated popover: hover, keyboard focus or a tap on a matching element
// shows it; Escape, a tap elsewhere, or moving away hides it (WCAG 1.4.13:
// dismissible, hoverable, persistent). Citation previews and abbreviation
// tooltips both use it. Listeners sit on the document, installed once per
// popover, so nothing is done per element when a page loads (Material's own
// tooltips mounted one observer chain per element: on our longest pages, a
// tenth of the main thread's work while the page became usable).

const HIDE_DELAY_MS = 200;

/**
 * @param {object} options
 * @param {string} options.id          id of the popover element (role=tooltip)
 * @param {string} options.className   its classes
 * @param {(node: EventTarget | null) => Element | null} options.targetOf
 *        the element a pointer or focus event is about, or null
 * @param {(popover: HTMLElement, target: Element) => boolean} options.fill
 *        fills the popover for `target`; false when there is nothing to show
 * @param {(target: Element) => void} [options.onHide]  undoes what fill changed on the target
 */
export function delegatedPopover({ id, className, targetOf, fill, onHide = () => {} }) {
  let hideTimer = 0;
  let current = null;

  function element() {
    let el = document.getElementById(id);
    if (!el) {
      el = document.createElement("div");
      el.id = id;
      el.className = className;
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      // Hovering the popover keeps it open (hoverable).
      el.addEventListener("mouseenter", () => clearTimeout(hideTimer));
      el.addEventListener("mouseleave", () => scheduleHide());
      document.body.appendChild(el);
    }
    return el;
  }

  function show(target) {
    clearTimeout(hideTimer);
    const el = element();
    if (!fill(el, target)) return;
    if (current && current !== target) release(current);
    current = target;
    target.setAttribute("aria-describedby", id);
    el.hidden = false;
    place(el, target);
  }

  function release(target) {
    target.removeAttribute("aria-describedby");
    onHide(target);
  }

  function hide() {
    clearTimeout(hideTimer);
    const el = document.getElementById(id);
    if (el) el.hidden = true;
    if (current) release(current);
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY_MS);
  }

  let lastPointer = "mouse";
  // Whether the tapped element's popover was already open before this tap (focus opens it too).
  let openBeforeTap = false;
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const target = targetOf(event.target);
    openBeforeTap = Boolean(target) && current === target;
  }, true);
  document.addEventListener("mouseover", (event) => {
    const target = targetOf(event.target);
    if (target && lastPointer === "mouse") show(target);
  });
  document.addEventListener("mouseout", (event) => {
    if (targetOf(event.target)) scheduleHide();
  });
  document.addEventListener("focusin", (event) => {
    const target = targetOf(event.target);
    if (target) show(target);
    else if (current && !element().contains(event.target)) hide();
  });
  document.addEventListener("focusout", (event) => {
    if (targetOf(event.target)) scheduleHide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });
  // Touch: the first tap shows the popover, a second tap on the same element hides
  // it and does what a tap does (a link is followed). Capture phase on window, so
  // the first tap is stopped before Material's instant navigation sees the click.
  window.addEventListener("click", (event) => {
    const target = targetOf(event.target);
    if (!target) {
      if (current && !element().contains(event.target)) hide();
      return;
    }
    if (lastPointer !== "mouse" && !openBeforeTap) {
      event.preventDefault();
      event.stopImmediatePropagation();
      show(target);
    } else if (lastPointer !== "mouse") {
      hide();
    }
  }, true);
  window.addEventListener("resize", () => current && place(element(), current));

  return { hide };
}

// Below the element when there is room, else above; never covering the element itself.
function place(el, target) {
  const margin = 8;
  const rect = target.getBoundingClientRect();
  el.style.maxWidth = `${Math.min(480, window.innerWidth - 2 * margin)}px`;
  const box = el.getBoundingClientRect();
  const below = rect.bottom + margin + box.height <= window.innerHeight || rect.top < box.height + margin;
  const top = below ? rect.bottom + margin : rect.top - margin - box.height;
  const left = Math.max(margin, Math.min(rect.left, window.innerWidth - box.width - margin));
  el.style.top = `${top + window.scrollY}px`;
  el.style.left = `${left + window.scrollX}px`;
  el.dataset.placement = below ? "below" : "above";
}
