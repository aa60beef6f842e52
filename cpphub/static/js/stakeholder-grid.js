// The power/interest grid: after a move, the keyboard stays on the button that
// was pressed (or its neighbour when it became disabled at the end of the
// scale), although HTMX replaced the whole grid. Without this file, or without
// JavaScript at all, the −/+ buttons still work: a form post and a redirect.
(function () {
  "use strict";
  var GRID = "stakeholder-grid";
  var pressed = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.closest || !form.closest("#" + GRID)) { return; }
    var active = document.activeElement;
    pressed = active && active.id && form.contains(active) ? active.id : null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!pressed || !target || target.id !== GRID) { return; }
    var button = document.getElementById(pressed);
    if (button && button.disabled) {
      var group = button.closest(".pi-move-group");
      button = group ? group.querySelector("button:not([disabled])") : null;
    }
    if (button) {
      button.focus();
    } else {
      var chip = document.getElementById(pressed.replace(/^move-(\d+)-.*$/, "stakeholder-$1"));
      var link = chip ? chip.querySelector("a") : null;
      if (link) { link.focus(); }
    }
    pressed = null;
  });
})();
