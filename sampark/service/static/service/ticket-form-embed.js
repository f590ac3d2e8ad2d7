// Sampark's ticket form on another website: fetch a fresh stamp when the page loads, so the
// first send is taken. Without this script the form still works: the client confirms once on
// Sampark's own page. Nothing is stored in the visitor's browser.
(function () {
  "use strict";

  document.querySelectorAll("form[data-sampark-ticket-stamp]").forEach(function (form) {
    fetch(form.getAttribute("data-sampark-ticket-stamp"), { credentials: "omit" })
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
