// The deal board's drag and drop (SortableJS). A card dropped on another column is moved by
// its own "Move to" form, which htmx posts with the deal's version; without script that form
// is the way to move. The server answers with the card and every column's header (out of band).
(function () {
  "use strict";

  // SortableJS, loaded after this file, tests on load whether browsers know pointer-events by
  // setting style.cssText, which a strict CSP reports as an inline style. Until the page's
  // scripts have run, cssText is applied one property at a time (CSSOM, which the CSP allows).
  var proto = CSSStyleDeclaration.prototype;
  var cssText = Object.getOwnPropertyDescriptor(proto, "cssText");
  if (cssText && cssText.configurable) {
    Object.defineProperty(proto, "cssText", {
      configurable: true,
      get: cssText.get,
      set: function (text) {
        var style = this;
        String(text).split(";").forEach(function (declaration) {
          var colon = declaration.indexOf(":");
          if (colon > 0) {
            style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
          }
        });
      },
    });
  }

  function move(card, stage) {
    var form = card.querySelector(".move-form");
    if (!form) return;
    form.elements.stage.value = stage;
    form.elements.placed.value = "1"; // the card is already in its new column
    form.requestSubmit();
  }

  function enable(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".board-cards").forEach(function (list) {
      if (list.hasAttribute("data-sortable")) return;
      list.setAttribute("data-sortable", "");
      Sortable.create(list, {
        group: "deals",
        draggable: ".deal-card[data-movable]",
        filter: "a, select, button, input",
        preventOnFilter: false,
        sort: false, // a column is ordered by expected close, not by hand
        animation: 150,
        onAdd: function (event) {
          move(event.item, event.to.getAttribute("data-stage"));
        },
      });
    });
  }

  // A refused move (someone else changed the deal: 409, or a bad stage: 422) still carries the
  // card put back where it is and a message saying why: show it rather than drop it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 422) && event.detail.elt.closest(".deal-card")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    enable(document);
    // A card moved with its form went to the top of its new column: keep the focus on it.
    var moved = document.querySelector(".deal-card[data-just-moved]");
    if (moved) {
      moved.removeAttribute("data-just-moved");
      var link = moved.querySelector(".deal-card-name");
      if (link && (document.activeElement === document.body || !document.activeElement)) {
        link.focus();
      }
    }
  });

  // Deferred scripts have all run by now, SortableJS included.
  document.addEventListener("DOMContentLoaded", function () {
    if (cssText && cssText.configurable) Object.defineProperty(proto, "cssText", cssText);
    // htmx carries the swapped card's old "style" over while settling, and SortableJS's drag
    // left one on it: written back as an attribute, the CSP would refuse it. No template of
    // ours has one.
    if (window.htmx) {
      htmx.config.attributesToSettle = htmx.config.attributesToSettle.filter(function (name) {
        return name !== "style";
      });
    }
    enable(document);
  });
})();
