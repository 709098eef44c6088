/* Admin: a "Preview" button under the article body renders the Markdown as readers will see
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
    button.textContent = "Preview the body";
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
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          // The server's sanitiser (nh3) made this HTML; it is what the page will show.
          pane.innerHTML = result.html;
          pane.hidden = false;
        })
        .catch(function () {
          pane.textContent = "The preview could not be made. Your text is unchanged.";
          pane.hidden = false;
        });
    });
  });
})();
