// CPP Hub: small progressive enhancements. Every page works without them.
(function () {
  "use strict";
  // Keys that change a closed list's choice one step at a time (Windows, Linux).
  var STEP_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"];

  // A choice picked with the mouse, a finger or from the open list sends the form at once.
  // A choice reached with the keys on the closed list does not: it would change the page
  // under the keyboard at the first step (WCAG 3.2.2). Enter sends it, and so does the
  // form's button, which shows again for it; until then the button is out of the way.
  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      var button = form.querySelector("[data-autosubmit-button]");
      var stepping = false;
      if (button) { button.hidden = true; }
      select.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          form.submit();
        } else if (!event.altKey && (STEP_KEYS.indexOf(event.key) !== -1 || event.key.length === 1 && event.key !== " ")) {
          // The change such a key makes comes before the next task: only that one counts as a step.
          stepping = true;
          window.setTimeout(function () { stepping = false; }, 0);
        }
      });
      select.addEventListener("change", function () {
        if (!stepping) {
          form.submit();
        } else if (button) {
          button.hidden = false;
        }
      });
    });
  }
  function navToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var sections = document.querySelector(".nav-sections");
    if (!toggle || !sections) { return; }
    toggle.addEventListener("toggle", function () {
      sections.classList.toggle("open", toggle.open);
    });
  }
  function confirmations(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    autosubmit(document);
    navToggle();
    confirmations(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { confirmations(event.target); });
})();
