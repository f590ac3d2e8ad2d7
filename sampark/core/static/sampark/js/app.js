// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // A language <select> submits its form on change; the button stays for keyboard users
  // who prefer it and for browsers without script.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.requestSubmit();
    }
    // "Select all on this page" ticks (or unticks) the row boxes named in data-check-all;
    // without script the server reads it as "every id on this page".
    if (target.matches && target.matches("input[data-check-all]") && target.form) {
      var name = target.getAttribute("data-check-all");
      target.form.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        if (box.name === name) box.checked = target.checked;
      });
    } else if (target.type === "checkbox" && !target.checked && target.form) {
      // A row unticked: the page is no longer "all selected".
      target.form.querySelectorAll("input[data-check-all]").forEach(function (all) {
        if (all.getAttribute("data-check-all") === target.name) all.checked = false;
      });
    }
  });

  // The menu button shows and hides the sidebar on narrow screens.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-toggle]");
    if (!button) return;
    var panel = document.getElementById(button.getAttribute("data-toggle"));
    var open = panel.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
