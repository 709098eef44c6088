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
