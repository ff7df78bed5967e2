// Audit work is never lost: "Previous case" and "Next case" submit the control form (the
// server saves, then moves). Any other way off a form with unsaved changes (a link, the
// browser's back button, closing the tab) asks first. Progressive enhancement: without
// JavaScript the buttons still save.
(function () {
  const form = document.querySelector("form[data-unsaved-warning]");
  if (!form) {
    return;
  }
  let unsaved = false;
  form.addEventListener("input", () => {
    unsaved = true;
  });
  form.addEventListener("change", () => {
    unsaved = true;
  });
  form.addEventListener("submit", () => {
    unsaved = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
