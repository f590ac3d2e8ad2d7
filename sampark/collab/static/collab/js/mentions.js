// The mention helper under a comment box: choosing a suggested person puts "@username " into
// the comment where the cursor is. Suggestions come from /collab/people/ through htmx into a
// <datalist>; without this file people type "@username" themselves, which works the same.
(function () {
  "use strict";

  // The comments fragment includes this file each time htmx swaps it in: listen only once.
  if (window.samparkMentions) return;
  window.samparkMentions = true;

  function suggested(input) {
    var list = input.list;
    if (!list || !input.value) return false;
    return Array.prototype.some.call(list.options, function (option) {
      return option.value === input.value;
    });
  }

  function insert(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start), after = textarea.value.slice(end);
    var spaced = (before && !/\s$/.test(before) ? " " : "") + text + " ";
    textarea.value = before + spaced + after;
    var caret = before.length + spaced.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-mention-into]") || !suggested(input)) return;
    var textarea = document.getElementById(input.getAttribute("data-mention-into"));
    if (!textarea) return;
    insert(textarea, "@" + input.value);
    input.value = "";
  });

  // Enter in the helper picks a name; it must not post the half-written comment.
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input.matches && input.matches("input[data-mention-into]")) {
      event.preventDefault();
    }
  });
})();
