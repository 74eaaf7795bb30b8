// Copy buttons: <button data-gk-copy="ID"> copies the text of #ID and reports the
// result in the nearest .gk-copy-status live region. Buttons stay hidden without
// JavaScript, where the text itself is plain and selectable.

function statusFor(button) {
  const scope = button.closest("details, section, article") || document;
  return scope.querySelector(".gk-copy-status");
}

async function copy(button) {
  const target = document.getElementById(button.dataset.gkCopy);
  const status = statusFor(button);
  if (!target) return;
  const label = button.textContent.replace(/^Copy\s+/i, "").trim();
  try {
    await navigator.clipboard.writeText(target.textContent.trim());
    if (status) status.textContent = `Copied the ${label} to the clipboard.`;
  } catch (error) {
    // No clipboard (permission, old browser): select the text so Ctrl+C works.
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (status) status.textContent = `Could not copy. The ${label} is selected: press Ctrl+C (or Cmd+C) to copy it.`;
  }
}

// Run by loader.js on every page (first load and each instant swap).
export function setupCopyButtons() {
  for (const button of document.querySelectorAll("button[data-gk-copy]")) {
    if (button.dataset.gkReady) continue;  // safe to run again after instant navigation
    button.dataset.gkReady = "true";
    button.hidden = false;
    button.addEventListener("click", () => copy(button));
  }
}
