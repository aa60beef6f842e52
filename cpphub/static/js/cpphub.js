// CPP Hub: small progressive enhancements. Every page works without them.
(function () {
  "use strict";
  function autosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      var button = form.querySelector("[data-autosubmit-button]");
      if (button) { button.classList.add("visually-hidden"); }
      select.addEventListener("change", function () { form.submit(); });
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
