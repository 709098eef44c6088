/* Progressive enhancement only: every feature works without this file.
 * The menu button on narrow screens shows and hides the navigation (the one thing of
 * Bootstrap's JavaScript the reader's pages used: its 80 KB bundle is no longer loaded). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-bs-toggle=collapse]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-bs-target"));
    if (!target) return;
    var open = target.classList.toggle("show");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.classList.toggle("collapsed", !open);
  });
})();

/* Reply links normally reload the page with ?replyto=ID; here they move the comment form
 * under the comment instead and fill the hidden parent field. */
(function () {
  "use strict";
  var form = document.getElementById("write-comment");
  if (!form) return;
  var home = document.createComment("comment-form-home");
  form.parentNode.insertBefore(home, form);
  var parentInput = form.querySelector("input[name=parent]");
  var context = form.querySelector("[data-reply-context]");
  var nameSlot = form.querySelector("[data-reply-name]");
  var quote = form.querySelector(".reply-quote");

  function moveHome() {
    home.parentNode.insertBefore(form, home.nextSibling);
    if (parentInput) parentInput.value = "";
    if (context) context.classList.add("d-none");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && parentInput) {
      event.preventDefault();
      link.closest(".comment-actions").after(form);
      parentInput.value = link.dataset.replyTo;
      var author = link.closest(".comment").querySelector(".comment-author");
      if (nameSlot && author) nameSlot.textContent = author.firstChild.textContent;
      if (quote) quote.remove();
      if (context) context.classList.remove("d-none");
      var body = form.querySelector("textarea");
      if (body) body.focus();
      return;
    }
    if (event.target.closest("[data-cancel-reply]")) {
      event.preventDefault();
      moveHome();
    }
  });

  // A re-shown form's error summary is brought into view by the form action's #write-comment
  // fragment, not focused from here: focus moved at load leaves Lighthouse no largest paint.
})();
