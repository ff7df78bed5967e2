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

// Phones (WCAG 1.4.10 reflow): below 48rem a table marked data-reflow shows one card per row,
// each cell under its column's name (data-label; app.css). Tables written with their labels
// carry the mark already (the worklist, the findings); this labels the other simple tables
// in an .app-table-wrap from their one row of column headings, so they reflow as well.
// Without JavaScript such a table scrolls inside its wrapper instead.
function introsakLabelTables(root) {
  for (const table of root.querySelectorAll(".app-table-wrap > table.ds-table:not([data-reflow])")) {
    const headRows = table.querySelectorAll(":scope > thead > tr");
    if (headRows.length !== 1) {
      continue;
    }
    const heads = [...headRows[0].children];
    if (heads.some((cell) => cell.colSpan > 1)) {
      continue;
    }
    const labels = heads.map((cell) => cell.textContent.trim());
    for (const row of table.querySelectorAll(":scope > tbody > tr")) {
      [...row.children].forEach((cell, index) => {
        if (cell.tagName === "TD" && labels[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[index]);
        }
      });
    }
    table.setAttribute("data-reflow", "");
  }
}

document.addEventListener("DOMContentLoaded", () => introsakLabelTables(document));
document.addEventListener("htmx:afterSettle", (event) => {
  const replaced = event.detail.target;
  const current = replaced && replaced.id ? document.getElementById(replaced.id) : null;
  introsakLabelTables(current || document);
});
