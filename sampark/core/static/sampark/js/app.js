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
