/* Admin, article form: the body becomes a Markdown editor (EasyMDE, vendored from npm) with
 * a toolbar, a live preview rendered by Pulse's own renderer and sanitiser on the server and
 * styled with the site's stylesheets, an image button for the media library, a citation
 * button, autosaves to the server and the edit lock's heartbeat.
 *
 * Enhancement only: without JavaScript the body is a plain textarea and the form saves as it
 * always did.  Settings, URLs and words come from the page (#pulse-editor-config, made by
 * articles/admin_editor.py), so nothing here is hard-coded to a URL or a language. */
(function () {
  "use strict";

  // Toolbar icons: small inline SVGs (no icon font fetched from a CDN).
  function svg(paths) {
    return '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" ' +
      'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" ' +
      'stroke-linejoin="round">' + paths + "</svg>";
  }
  var ICONS = {
    ul: svg('<path d="M9 6h11M9 12h11M9 18h11"/><circle cx="4" cy="6" r="1"/><circle cx="4" cy="12" r="1"/><circle cx="4" cy="18" r="1"/>'),
    ol: svg('<path d="M10 6h10M10 12h10M10 18h10M4 4v4M3 8h2M3 14c0-1 2-1 2 0s-2 2-2 3h2"/>'),
    link: svg('<path d="M10 13a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1"/><path d="M14 11a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/>'),
    table: svg('<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M3 10h18M3 15h18M9 4v16M15 4v16"/>'),
    image: svg('<rect x="3" y="4" width="18" height="16" rx="1"/><circle cx="9" cy="10" r="2"/><path d="M21 17l-5-5-9 8"/>'),
    quote: svg('<path d="M4 18c3 0 5-2 5-6V6H4v6h4M14 18c3 0 5-2 5-6V6h-5v6h4"/>'),
    preview: svg('<path d="M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>'),
    side: svg('<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M12 4v16"/>'),
    fullscreen: svg('<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>')
  };

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] === undefined ? match : values[name];
    });
  }

  function post(url, data, token, keepalive) {
    return fetch(url, {
      method: "POST",
      body: data,
      headers: {"X-CSRFToken": token},
      credentials: "same-origin",
      keepalive: Boolean(keepalive)  // still sent when the tab is being closed
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var configNode = document.getElementById("pulse-editor-config");
    var textarea = document.getElementById("id_body");
    if (!configNode || !textarea || !textarea.form || typeof EasyMDE === "undefined") return;
    var config = JSON.parse(configNode.textContent);
    var words = config.strings;
    var form = textarea.form;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var label = document.querySelector("label[for=id_body]");
    var editor;

    /* Inserting ------------------------------------------------------------------------ */

    function insert(text) {
      var cm = editor.codemirror;
      cm.replaceSelection(text);
      cm.focus();
    }

    // The media library's chooser (another part of the admin) calls this with a ready
    // snippet such as ![alt](image:42 "caption").
    window.pulseInsertImage = function (snippet) { insert(snippet); };

    function imageSnippet(id, alt, caption) {
      var text = "![" + alt.replace(/[\[\]\r\n]+/g, " ").trim() + "](image:" + id;
      // A caption is the link's "title": its own double quotes would end it early.
      caption = caption.replace(/[\r\n]+/g, " ").replace(/"/g, "'").trim();
      return text + (caption ? ' "' + caption + '"' : "") + ")";
    }

    /* Dialogs -------------------------------------------------------------------------- */

    function dialogFor(id, onInsert, onOpen) {
      var dialog = document.getElementById(id);
      if (!dialog || typeof dialog.showModal !== "function") return null;
      var dialogForm = dialog.querySelector("form");
      dialogForm.addEventListener("submit", function (event) {
        if (event.submitter && event.submitter.value === "insert" && onInsert() === false) {
          event.preventDefault();
        }
      });
      dialog.addEventListener("close", function () { editor.codemirror.focus(); });
      return function open() {
        dialogForm.reset();
        if (onOpen) onOpen(dialog);
        dialog.showModal();
      };
    }

    var imageDialog = document.getElementById("pulse-image-dialog");
    var chooserUrl = imageDialog && imageDialog.dataset.chooserUrl;
    var searchTimer = null;

    function showChoices(items) {
      var list = document.getElementById("pulse-image-results");
      list.replaceChildren.apply(list, items.map(function (item) {
        var entry = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "editor-image-choice";
        if (item.thumbnail) {
          var picture = document.createElement("img");
          picture.src = item.thumbnail;
          picture.alt = "";
          button.appendChild(picture);
        }
        var name = document.createElement("span");
        name.textContent = item.alt || ("#" + item.id);
        button.appendChild(name);
        button.addEventListener("click", function () {
          window.pulseInsertImage(item.snippet || imageSnippet(item.id, item.alt || "", item.caption || ""));
          imageDialog.close();
        });
        entry.appendChild(button);
        return entry;
      }));
    }

    function searchLibrary(query) {
      fetch(chooserUrl + "?format=json&q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { showChoices(Array.isArray(items) ? items : (items.results || [])); })
        .catch(function () { showChoices([]); });
    }

    var openImageDialog = dialogFor("pulse-image-dialog", function () {
      var id = document.getElementById("pulse-image-id").value.trim();
      var alt = document.getElementById("pulse-image-alt").value.trim();
      var error = document.getElementById("pulse-image-error");
      if (!/^\d+$/.test(id) || !alt) {
        error.hidden = false;
        return false;
      }
      error.hidden = true;
      window.pulseInsertImage(imageSnippet(id, alt, document.getElementById("pulse-image-caption").value));
      return true;
    }, function () {
      document.getElementById("pulse-image-error").hidden = true;
      if (chooserUrl) searchLibrary("");
    });

    if (chooserUrl) {
      document.getElementById("pulse-image-search").addEventListener("input", function (event) {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(function () { searchLibrary(event.target.value.trim()); }, 250);
      });
    }

    // The references as the form has them now (saved and new, not those marked for deletion),
    // in their order: [n] is the n-th.
    function references() {
      var found = [];
      form.querySelectorAll("textarea[name^='references-'][name$='-citation']").forEach(function (field, index) {
        if (field.name.indexOf("__prefix__") !== -1 || !field.value.trim()) return;
        var prefix = field.name.slice(0, -"citation".length);
        var removed = form.elements[prefix + "DELETE"];
        if (removed && removed.checked) return;
        var position = form.elements[prefix + "position"];
        found.push({text: field.value.trim(), position: position ? Number(position.value) || 0 : 0, index: index});
      });
      return found.sort(function (a, b) { return a.position - b.position || a.index - b.index; });
    }

    var citationDialog = document.getElementById("pulse-citation-dialog");
    var openCitationDialog = dialogFor("pulse-citation-dialog", function () {
      var number = document.getElementById("pulse-citation-number").value.trim();
      if (!/^\d+$/.test(number) || Number(number) < 1) return false;
      insert("[" + Number(number) + "]");
      return true;
    }, function () {
      var list = document.getElementById("pulse-citation-list");
      var found = references();
      list.replaceChildren.apply(list, found.map(function (reference, index) {
        var entry = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "editor-citation-choice";
        button.textContent = "[" + (index + 1) + "] " + reference.text.slice(0, 140);
        button.addEventListener("click", function () {
          insert("[" + (index + 1) + "]");
          citationDialog.close();
        });
        entry.appendChild(button);
        return entry;
      }));
      document.getElementById("pulse-citation-number").value = found.length ? "" : "1";
    });

    /* Live preview --------------------------------------------------------------------- */

    // The preview is an <iframe> (sandboxed: no scripts) that links the site's own
    // stylesheets, so the body looks as it will on the article page, and the admin's styles
    // and the site's never mix.  The HTML comes from the server's renderer and sanitiser.
    var frames = [];
    var previewTimer = null;
    var lastRendered = null;
    var lastResult = null;
    var requestNumber = 0;

    function frameFor(pane) {
      var existing = pane.querySelector("iframe.editor-preview-frame");
      if (existing) return existing;
      pane.replaceChildren();
      var frame = document.createElement("iframe");
      frame.className = "editor-preview-frame";
      frame.title = words.previewTitle;
      frame.setAttribute("sandbox", "allow-same-origin");
      pane.appendChild(frame);
      var doc = frame.contentDocument;
      doc.documentElement.lang = document.documentElement.lang || "en";
      config.previewStylesheets.forEach(function (href) {
        var link = doc.createElement("link");
        link.rel = "stylesheet";
        link.href = new URL(href, window.location.href).href;
        doc.head.appendChild(link);
      });
      var main = doc.createElement("main");
      main.className = "container py-3";
      var article = doc.createElement("article");
      article.className = "article";
      var body = doc.createElement("div");
      body.className = "article-body";
      article.appendChild(body);
      main.appendChild(article);
      doc.body.appendChild(main);
      frames.push(frame);
      if (lastResult) paint(lastResult);
      return frame;
    }

    function paint(result) {
      frames.forEach(function (frame) {
        var doc = frame.contentDocument;
        var body = doc && doc.querySelector(".article-body");
        if (!body) return;
        if (result.html !== undefined) {
          // Sanitised by the server (nh3), exactly as the article page will show it.
          body.innerHTML = result.html;
          // Pictures the page will not show (not from the media library), and why.
          if (result.problems && result.problems.length) {
            var list = doc.createElement("ul");
            list.className = "markdown-preview-problems alert alert-warning";
            result.problems.forEach(function (text) {
              var item = doc.createElement("li");
              item.textContent = text;
              list.appendChild(item);
            });
            body.insertBefore(list, body.firstChild);
          }
        } else {
          body.textContent = result.error || words.previewError;
        }
      });
    }

    function renderPreview() {
      var text = editor.value();
      var count = references().length;  // [n] links only to a reference that exists
      if (text + "\u0000" + count === lastRendered) return;
      var number = ++requestNumber;
      var data = new FormData();
      data.append("body", text);
      data.append("references", String(count));
      post(config.previewUrl, data, token)
        .then(function (response) {
          // 422: the body is too long or too complex; the server says why, in words.
          if (!response.ok && response.status !== 422) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          if (number !== requestNumber) return;  // a newer request is on its way
          lastRendered = text + "\u0000" + count;
          lastResult = result;
          paint(result);
        })
        .catch(function () {
          if (number === requestNumber) paint({error: words.previewError});
        });
    }

    function previewRender(plainText, pane) {
      frameFor(pane);
      clearTimeout(previewTimer);
      previewTimer = setTimeout(renderPreview, 400);
      return null;  // EasyMDE leaves the pane alone: the frame is filled when the server answers
    }

    /* The editor ------------------------------------------------------------------------ */

    var t = words.toolbar;
    var height = Math.max(320, window.innerHeight - 260) + "px";
    editor = new EasyMDE({
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,  // EasyMDE's checker downloads dictionaries; the browser's works
      nativeSpellcheck: true,
      forceSync: true,
      autofocus: false,
      maxHeight: height,
      sideBySideFullscreen: false,
      promptURLs: false,
      status: ["lines", "words", {
        className: "editor-autosave-status",
        defaultValue: function (element) { element.setAttribute("aria-live", "polite"); }
      }],
      previewRender: previewRender,
      previewClass: ["editor-preview", "pulse-preview"],
      shortcuts: {drawImage: null, toggleCodeBlock: null, libraryImage: "Cmd-Alt-I", citation: "Cmd-Alt-R"},
      toolbar: [
        {name: "heading-2", action: EasyMDE.toggleHeading2, text: "H", title: t.heading2},
        {name: "heading-3", action: EasyMDE.toggleHeading3, text: "H", title: t.heading3},
        "|",
        {name: "bold", action: EasyMDE.toggleBold, text: "B", title: t.bold, className: "editor-button-bold"},
        {name: "italic", action: EasyMDE.toggleItalic, text: "I", title: t.italic, className: "editor-button-italic"},
        "|",
        {name: "unordered-list", action: EasyMDE.toggleUnorderedList, icon: ICONS.ul, title: t.bulleted},
        {name: "ordered-list", action: EasyMDE.toggleOrderedList, icon: ICONS.ol, title: t.numbered},
        {name: "quote", action: EasyMDE.toggleBlockquote, icon: ICONS.quote, title: t.quote},
        "|",
        {name: "link", action: EasyMDE.drawLink, icon: ICONS.link, title: t.link},
        {name: "table", action: EasyMDE.drawTable, icon: ICONS.table, title: t.table},
        {name: "libraryImage", action: function () { if (openImageDialog) openImageDialog(); }, icon: ICONS.image, title: t.image},
        {name: "citation", action: function () { if (openCitationDialog) openCitationDialog(); }, text: "[n]", title: t.citation},
        "|",
        {name: "preview", action: EasyMDE.togglePreview, icon: ICONS.preview, title: t.preview, noDisable: true},
        {name: "side-by-side", action: EasyMDE.toggleSideBySide, icon: ICONS.side, title: t.sideBySide, noDisable: true, noMobile: true},
        {name: "fullscreen", action: EasyMDE.toggleFullScreen, icon: ICONS.fullscreen, title: t.fullscreen, noDisable: true, noMobile: true}
      ]
    });

    // Whatever changes the text (typing, a toolbar button, a paste, a restore), the form's
    // other scripts (the pre-publish checklist) hear it as the textarea's own input event:
    // forceSync has already copied the text into it.
    editor.codemirror.on("change", function () {
      textarea.dispatchEvent(new Event("input", {bubbles: true}));
    });

    // The editor's own input is labelled like the textarea it replaces.
    var input = editor.codemirror.getInputField();
    if (label) input.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    var help = document.getElementById("id_body_helptext");
    if (help) input.setAttribute("aria-describedby", help.id);
    // EasyMDE's toolbar buttons are out of the tab order; a toolbar is one stop, arrows move.
    var toolbar = editor.gui.toolbar;
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", t.toolbar);
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    if (buttons.length) buttons[0].tabIndex = 0;
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index === -1 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
      var next = buttons[(index + (event.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
      buttons[index].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      event.preventDefault();
    });

    // The side-by-side preview follows the editor's scrolling (the frame scrolls, not the pane).
    editor.codemirror.on("scroll", function (cm) {
      var info = cm.getScrollInfo();
      var ratio = info.top / Math.max(1, info.height - info.clientHeight);
      frames.forEach(function (frame) {
        var scroller = frame.contentDocument && frame.contentDocument.scrollingElement;
        if (scroller) scroller.scrollTop = ratio * (scroller.scrollHeight - scroller.clientHeight);
      });
    });

    /* Autosave and the edit lock -------------------------------------------------------- */

    var status = document.querySelector(".editor-autosave-status");
    var lockLost = document.getElementById("editor-lock-lost");
    var shownLock = document.querySelector(".editor-notice-lock:not(#editor-lock-lost)");

    function snapshot() {
      var data = {};
      config.fields.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") data[name] = field.value;
      });
      return data;
    }

    var lastKept = JSON.stringify(snapshot());
    var lastContact = Date.now();
    var stopped = false;

    function showLock(lockedBy) {
      if (!lockLost) return;
      if (!lockedBy || shownLock) {
        lockLost.hidden = true;
        return;
      }
      lockLost.textContent = format(words.takenOver, {name: lockedBy.name, time: lockedBy.since});
      lockLost.hidden = false;
    }

    function keep(leaving) {
      if (stopped) return;
      var current = JSON.stringify(snapshot());
      if (current === lastKept) return;
      var data = new FormData();
      var values = JSON.parse(current);
      Object.keys(values).forEach(function (name) { data.append(name, values[name]); });
      lastContact = Date.now();
      post(config.autosaveUrl, data, token, leaving === true)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          lastKept = current;
          if (status) status.textContent = format(words.autosaved, {time: result.savedAt});
          if (config.heartbeatUrl) showLock(result.lockedBy);
        })
        .catch(function () {
          if (status) status.textContent = format(words.autosaveFailed, {time: new Date().toLocaleTimeString()});
        });
    }

    function heartbeat() {
      if (stopped || !config.heartbeatUrl) return;
      if (Date.now() - lastContact < config.heartbeatSeconds * 1000 - 500) return;
      lastContact = Date.now();
      post(config.heartbeatUrl, new FormData(), token)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) { if (result) showLock(result.lockedBy); })
        .catch(function () {});
    }

    // Leaving the page (or hiding the tab) keeps what was typed since the last autosave.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") keep(true);
    });
    var timers = [
      setInterval(keep, config.autosaveSeconds * 1000),
      setInterval(heartbeat, config.heartbeatSeconds * 1000)
    ];
    // Saving the form makes the autosave moot (the server deletes it on a successful save).
    form.addEventListener("submit", function () {
      stopped = true;
      timers.forEach(clearInterval);
    });
  });

  // The admin's autocomplete boxes (select2) are named by their current choice alone, so an
  // empty one (no medical reviewer yet) has no name: the field's label is added to it.
  // The admin starts them from jQuery's ready handler, which may run after "load": wait a turn.
  function labelAutocompletes() {
    document.querySelectorAll(".model-article .select2-selection[aria-labelledby]").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
      if (!label) return;
      label.id = label.id || select.id + "_label";
      if (box.getAttribute("aria-labelledby").indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", label.id + " " + box.getAttribute("aria-labelledby"));
      }
      var shown = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown) shown.setAttribute("aria-labelledby", label.id);
    });
  }
  window.addEventListener("load", function () { setTimeout(labelAutocompletes, 0); });
})();
