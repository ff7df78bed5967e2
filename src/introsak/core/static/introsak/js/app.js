// Introsak's small progressive enhancements. Behaviour hangs on data- attributes; no inline
// JavaScript anywhere, so the Content-Security-Policy can forbid it.
document.documentElement.classList.add("js");

// Move focus to an error summary or an alert that asks for it (data-focus-on-load), on page
// load and after htmx has swapped in new content, so keyboard and screen-reader users land on
// what went wrong.
function introsakFocusFirst(root) {
  const target = (root || document).querySelector("[data-focus-on-load]");
  if (target) {
    target.focus();
  }
}

document.addEventListener("DOMContentLoaded", () => introsakFocusFirst(document));
// After an outerHTML swap the event's target is the element that was replaced; look in the
// element that took its place (same id).
document.addEventListener("htmx:afterSettle", (event) => {
  const replaced = event.detail.target;
  const current = replaced && replaced.id ? document.getElementById(replaced.id) : null;
  if (current) {
    introsakFocusFirst(current);
  }
});
