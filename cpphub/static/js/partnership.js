// Partnership registry: small improvements on top of HTMX. Every list works
// without them (plain links and a GET form).
(function () {
  "use strict";
  var REGION = "[data-list-region]";

  function regionOf(event) {
    var target = event.detail.target;
    return target && target.closest ? target.closest(REGION) : null;
  }

  // Filter forms marked data-drop-empty leave empty fields out of the address.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-drop-empty")) { return; }
    var parameters = event.detail.parameters;
    var empty = [];
    if (typeof parameters.forEach === "function") {  // FormData (htmx 2)
      parameters.forEach(function (value, name) { if (value === "") { empty.push(name); } });
    } else {
      Object.keys(parameters).forEach(function (name) { if (parameters[name] === "") { empty.push(name); } });
    }
    empty.forEach(function (name) {
      if (typeof parameters.delete === "function") { parameters.delete(name); } else { delete parameters[name]; }
    });
  });

  // After sorting or changing page (a click inside the table region), the
  // keyboard continues from the new table; typing in the filter form keeps its focus.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = regionOf(event);
    if (region) { region.dataset.refocus = region.contains(event.detail.elt) ? "yes" : ""; }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = regionOf(event);
    if (region && region.dataset.refocus === "yes") {
      region.dataset.refocus = "";
      region.focus();
    }
  });
})();
