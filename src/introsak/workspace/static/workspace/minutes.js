// The meeting form's "minutes are written" box ticks itself while minutes are typed
// (progressive enhancement: without JavaScript the server still saves a meeting with
// minutes as documented, as the box's description says). Emptying every minutes field
// unticks it again, unless the user ticked it themselves.
(function () {
  const box = document.querySelector("input[data-minutes-written]");
  if (!box) {
    return;
  }
  const fields = Array.from(document.querySelectorAll("[data-minutes]"));
  let tickedByHand = box.checked;
  box.addEventListener("change", () => {
    tickedByHand = box.checked;
  });
  const update = () => {
    const written = fields.some((field) => field.value.trim() !== "");
    box.checked = written || tickedByHand;
  };
  fields.forEach((field) => field.addEventListener("input", update));
})();
