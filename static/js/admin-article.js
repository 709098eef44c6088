/* Admin, article form.  A "Preview" button under the article body renders the Markdown as readers will see
 * it (the server renders and sanitises it exactly as on save).  Enhancement only: without
 * JavaScript, "Save and continue editing" and the preview link do the same. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    var form = body && body.form;
    if (!form) return;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var url = window.location.pathname.replace(/\/(add|\d+\/change)\/$/, "/markdown-preview/");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button markdown-preview-button";
    button.textContent = body.dataset.previewLabel || "Preview the body";
    var pane = document.createElement("div");
    pane.className = "markdown-preview";
    pane.setAttribute("aria-live", "polite");
    pane.hidden = true;
    body.insertAdjacentElement("afterend", pane);
    body.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      var data = new FormData();
      data.append("body", body.value);
      fetch(url, {method: "POST", body: data, headers: {"X-CSRFToken": token ? token.value : ""},
                  credentials: "same-origin"})
        .then(function (response) {
          // 422: the body is too long or too complex; the server says why, in words.
          if (!response.ok && response.status !== 422) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          if (result.error) {
            pane.textContent = result.error;
          } else {
            // The server's sanitiser (nh3) made this HTML; it is what the page will show.
            pane.innerHTML = result.html;
            // Pictures the page will not show (not from the media library), and why.
            if (result.problems && result.problems.length) {
              var list = document.createElement("ul");
              list.className = "markdown-preview-problems";
              result.problems.forEach(function (text) {
                var item = document.createElement("li");
                item.textContent = text;
                list.appendChild(item);
              });
              pane.insertBefore(list, pane.firstChild);
            }
          }
          pane.hidden = false;
        })
        .catch(function () {
          pane.textContent = body.dataset.previewError || "The preview could not be made.";
          pane.hidden = false;
        });
    });
  });
})();

/* Admin: the tags field suggests existing tags for the word being typed (after the last
 * comma), through a <datalist> of whole values.  Enhancement only: typing works without it. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("id_tags");
    if (!input) return;
    var url = window.location.pathname.replace(/\/(add|\d+\/change)\/$/, "/tag-suggestions/");
    var list = document.createElement("datalist");
    list.id = "tag-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.insertAdjacentElement("afterend", list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(",");
        var typed = parts.pop().trim();
        var before = parts.map(function (part) { return part.trim(); }).filter(Boolean);
        if (!typed) { list.replaceChildren(); return; }
        fetch(url + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : {tags: []}; })
          .then(function (result) {
            list.replaceChildren.apply(list, result.tags.map(function (name) {
              var option = document.createElement("option");
              option.value = before.concat([name]).join(", ");
              return option;
            }));
          })
          .catch(function () { list.replaceChildren(); });
      }, 150);
    });
  });
})();
