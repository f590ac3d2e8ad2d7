// Sampark web forms on another website: fetch a fresh stamp for each form when the page loads,
// so the first send is taken, and note the page and its campaign (UTM) tags. Without this
// script the form still works: the visitor confirms once on Sampark's own page.
//
// The stamp request also reports the page view, under a random id kept in this browser for this
// website, so the visits of someone who later sends the form count in their lead's score. No id
// is made when the browser asks not to be tracked.
(function () {
  "use strict";

  var params = new URLSearchParams(window.location.search);
  var VISITOR_KEY = "sampark_visitor";

  function notTracked() {
    return navigator.doNotTrack === "1" || window.doNotTrack === "1" ||
      navigator.globalPrivacyControl === true;
  }

  function visitorId() {
    if (notTracked()) return "";
    try {
      var id = window.localStorage.getItem(VISITOR_KEY);
      if (!id) {
        var bytes = new Uint8Array(24);
        window.crypto.getRandomValues(bytes);
        id = btoa(String.fromCharCode.apply(null, bytes))
          .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        window.localStorage.setItem(VISITOR_KEY, id);
      }
      return id;
    } catch (error) {
      return ""; // storage blocked: no visits are counted
    }
  }

  var visitor = visitorId();

  function fill(form, name, value) {
    var input = form.elements[name];
    if (input && !input.value && value) input.value = value;
  }

  document.querySelectorAll("form[data-sampark-stamp]").forEach(function (form) {
    ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
      fill(form, name, params.get(name));
    });
    fill(form, "page_url", window.location.href);
    fill(form, VISITOR_KEY, visitor);
    var stamp = new URL(form.getAttribute("data-sampark-stamp"), window.location.href);
    if (visitor) {
      stamp.searchParams.set("visitor", visitor);
      stamp.searchParams.set("page", window.location.href);
    }
    fetch(stamp.toString(), { credentials: "omit" })
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
