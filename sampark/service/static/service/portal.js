// The customer portal and the public ticket form: while the client types a subject or a
// description, htmx asks the help centre for articles (forms_portal.py puts hx-get on both
// fields). This sends what both fields hold as one query, with the form's language, instead of
// the one field's own value. Without script the forms work the same, without suggestions.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (!source || !source.hasAttribute || !source.hasAttribute("data-suggest") || !source.form) {
      return;
    }
    var form = source.form;
    var typed = [];
    form.querySelectorAll("[data-suggest]").forEach(function (field) {
      if (field.value) typed.push(field.value);
    });
    var language = form.elements.language ? form.elements.language.value : "";
    var parameters = event.detail.parameters;
    Object.keys(parameters).forEach(function (name) {
      delete parameters[name];
    });
    parameters.q = typed.join(" ");
    if (language) parameters.language = language;
  });
})();
