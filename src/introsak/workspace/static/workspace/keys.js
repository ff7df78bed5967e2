// Keyboard shortcuts of the worklist, as in issue trackers: "/" search, "j"/"k" next and
// previous case, Enter opens it, "?" lists the shortcuts. After "Next" (or any other page
// link) focus goes to the first case of the new page. A progressive enhancement: a static
// file (the Content-Security-Policy forbids inline script), and every shortcut has a plain
// equivalent (Tab to the search field and the case links).
(function () {
  "use strict";

  const ROW_LINKS = '#worklist-results a[id^="case-link-"]';
  const CURRENT = "app-row--current";
  let pagePending = false;

  function typing(element) {
    if (!element) {
      return false;
    }
    const tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  function links() {
    return Array.from(document.querySelectorAll(ROW_LINKS));
  }

  function rowOf(link) {
    return link.closest("tr, li, article") || link;
  }

  function select(link) {
    document.querySelectorAll("." + CURRENT).forEach((row) => row.classList.remove(CURRENT));
    rowOf(link).classList.add(CURRENT);
    link.focus();
    rowOf(link).scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = links();
    if (all.length === 0) {
      return;
    }
    let index = all.indexOf(document.activeElement);
    if (index < 0) {
      const marked = all.findIndex((link) => rowOf(link).classList.contains(CURRENT));
      index = marked >= 0 ? marked : step > 0 ? -1 : all.length;
    }
    select(all[Math.min(all.length - 1, Math.max(0, index + step))]);
  }

  function help() {
    return document.getElementById("shortcuts-help");
  }

  function openHelp() {
    const dialog = help();
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const dialog = help();
    if (dialog && dialog.open) {
      return; // the dialog closes itself on Escape and with its button
    }
    if (typing(event.target)) {
      if (event.key === "Escape") {
        event.target.blur();
      }
      return;
    }
    if (event.key === "/") {
      const search = document.getElementById("worklist-q");
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
    } else if (event.key === "j") {
      event.preventDefault();
      move(1);
    } else if (event.key === "k") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "?") {
      event.preventDefault();
      openHelp();
    } else if (event.key === "Enter" && !event.target.closest("a, button")) {
      const marked = links().find((link) => rowOf(link).classList.contains(CURRENT));
      if (marked) {
        event.preventDefault();
        marked.click();
      }
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.getElementById("shortcuts-button");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", openHelp);
    }
  });

  // A page link in the results (htmx swaps them in place): focus the first new case.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const source = event.detail.elt;
    pagePending = Boolean(source && source.closest && source.closest(".app-pagination"));
  });
  document.addEventListener("htmx:afterSettle", () => {
    if (!pagePending) {
      return;
    }
    pagePending = false;
    const first = links()[0];
    if (first) {
      select(first);
    }
  });
})();
