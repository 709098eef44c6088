/* Admin, article form: the pre-publish checklist follows the form as it is edited.  When a
 * field changes, the form (without its files) is posted to the checklist endpoint, which
 * answers with the panel as the server renders it on save.  Enhancement only: without
 * JavaScript the panel is computed on every save. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector(".pre-publish-checklist[data-checklist-url]");
    var form = panel && panel.closest("form");
    if (!form) return;
    var timer = null;
    var refresh = function () {
      var data = new FormData(form);
      Array.from(data.keys()).forEach(function (key) {
        if (data.get(key) instanceof File) data.delete(key);
      });
      data.set("article", panel.dataset.article || "");
      fetch(panel.dataset.checklistUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: {"X-CSRFToken": data.get("csrfmiddlewaretoken") || ""}
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          // Our own template's output: every value in it is escaped by Django.
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector(".pre-publish-checklist");
          if (fresh) panel.replaceChildren.apply(panel, Array.from(fresh.childNodes));
        })
        .catch(function () { /* the panel keeps what the last save showed */ });
    };
    form.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    form.addEventListener("submit", function () { clearTimeout(timer); });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 1500);
    });
  });
})();
