// Sampark web forms on another website: fetch a fresh stamp for each form when the page loads,
// so the first send is taken, and note the page and its campaign (UTM) tags. Without this
// script the form still works: the visitor confirms once on Sampark's own page.
(function () {
  "use strict";

  var params = new URLSearchParams(window.location.search);

  function fill(form, name, value) {
    var input = form.elements[name];
    if (input && !input.value && value) input.value = value;
  }

  document.querySelectorAll("form[data-sampark-stamp]").forEach(function (form) {
    ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
      fill(form, name, params.get(name));
    });
    fill(form, "page_url", window.location.href);
    fetch(form.getAttribute("data-sampark-stamp"), { credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && data.stamp && form.elements.sampark_ts) {
          form.elements.sampark_ts.value = data.stamp;
        }
      })
      .catch(function () {
        // Offline or blocked: the form still works, with one confirmation more.
      });
  });
})();
