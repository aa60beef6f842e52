// Partnership registry: keep the keyboard where the reader was after HTMX
// replaces a table (sorting by a column, changing page). Without JavaScript
// the same links load whole pages.
(function () {
  "use strict";
  var REGION = "[data-list-region]";

  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail.target && event.detail.target.closest && event.detail.target.closest(REGION);
    if (region) {
      // A click inside the table (header or page link) moves focus to the new table;
      // typing in the filter form above it must keep the focus in the form.
      region.dataset.refocus = region.contains(event.detail.elt) ? "yes" : "";
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.detail.target && event.detail.target.closest && event.detail.target.closest(REGION);
    if (region && region.dataset.refocus === "yes") {
      region.dataset.refocus = "";
      region.focus({ preventScroll: false });
    }
  });
})();
