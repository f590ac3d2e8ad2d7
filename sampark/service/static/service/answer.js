// The answer box of a ticket: a canned response chosen in the picker is inserted where the
// cursor is, filled in for this ticket by the server; Ctrl+Shift+K reaches the picker from
// anywhere on the page. Without this file, agents type (or paste) their answer themselves.
(function () {
  "use strict";

  function insert(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start), after = textarea.value.slice(end);
    textarea.value = before + text + after;
    var caret = before.length + text.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
  }

  document.addEventListener("change", function (event) {
    var picker = event.target;
    if (!picker.matches || !picker.matches("select[data-canned-into]")) return;
    var option = picker.options[picker.selectedIndex];
    var textarea = document.getElementById(picker.getAttribute("data-canned-into"));
    if (!option || !option.dataset.url || !textarea) return;
    fetch(option.dataset.url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        insert(textarea, text);
        picker.selectedIndex = 0;
      })
      .catch(function () {
        picker.setCustomValidity(picker.getAttribute("data-failed") || "");
        picker.reportValidity();
      });
  });

  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey && event.shiftKey && (event.key === "K" || event.key === "k"))) return;
    var picker = document.querySelector("select[data-canned-into]");
    if (!picker) return;
    event.preventDefault();
    picker.focus();
  });
})();
