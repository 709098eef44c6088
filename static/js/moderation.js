/* The moderator's desk, with JavaScript: the row buttons act in place (fetch) instead of
 * reloading the queue, the result shows in the row with an Undo, focus moves on to the
 * next comment, and keys work the queue (j / k / a / s / d / r / x / u / ?).
 *
 * Enhancement only: every button is a plain POST form that works without this script
 * (comments/admin/row_actions.py answers JSON when asked for it, a redirect otherwise).
 * Shortcuts never fire while a field has the keyboard, nor with Ctrl, Alt or Cmd held. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  var TEXT_INPUTS = /^(text|search|email|url|tel|password|number|date|datetime-local|month|time|week)$/;

  function isTyping(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && TEXT_INPUTS.test(element.type || "text");
  }

  ready(function () {
    var table = document.querySelector("table.queue");
    if (!table) return;
    table.classList.add("has-keys");
    var status = document.getElementById("queue-status");
    var dialog = document.getElementById("queue-shortcuts");
    var pageDone = document.querySelector(".queue-page-done");
    var lastUndo = null; // {url, row}

    var helpButton = document.querySelector("[data-open-shortcuts]");
    if (helpButton && dialog && dialog.showModal) {
      helpButton.hidden = false;
      helpButton.addEventListener("click", function () { dialog.showModal(); });
    }

    function rows() {
      return Array.prototype.slice.call(table.querySelectorAll("tbody tr.queue-row"));
    }
    function openRows() {
      return rows().filter(function (row) { return !row.classList.contains("is-done"); });
    }
    function currentRow() {
      var active = document.activeElement;
      return active && active.closest ? active.closest("tr.queue-row") : null;
    }
    function say(message) {
      if (!status) return;
      // Emptied first, so that the same sentence twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 30);
    }
    function focusRow(row) {
      if (!row) return;
      row.focus({preventScroll: true});
      row.scrollIntoView({block: "nearest"});
    }
    function move(step) {
      var list = openRows();
      if (!list.length) return;
      var here = currentRow();
      var index = here ? list.indexOf(here) : -1;
      if (index === -1) {
        // From a finished row (or nowhere), go to the next open row below it.
        var all = rows();
        var from = here ? all.indexOf(here) : (step > 0 ? -1 : all.length);
        var candidates = step > 0 ? all.slice(from + 1) : all.slice(0, Math.max(0, from)).reverse();
        var target = candidates.filter(function (row) { return list.indexOf(row) !== -1; })[0];
        focusRow(target || list[step > 0 ? list.length - 1 : 0]);
        return;
      }
      focusRow(list[Math.min(list.length - 1, Math.max(0, index + step))]);
    }
    function nextAfter(row) {
      var all = rows();
      var index = all.indexOf(row);
      var later = all.slice(index + 1).concat(all.slice(0, index));
      return later.filter(function (r) { return !r.classList.contains("is-done"); })[0] || null;
    }
    function afterDone(row) {
      var next = nextAfter(row);
      if (next) {
        focusRow(next);
      } else if (pageDone) {
        pageDone.hidden = false;
        pageDone.querySelector("a").focus();
      }
    }

    function resultLine(row) {
      var line = row.querySelector(".queue-result");
      if (!line) {
        line = document.createElement("p");
        line.className = "queue-result";
        row.querySelector("td.queue-comment").prepend(line);
      }
      line.replaceChildren();
      return line;
    }
    function markDone(row, message, undoUrl) {
      row.classList.add("is-done");
      var box = row.querySelector("input.action-select");
      if (box) {
        if (box.checked) box.click(); // through the admin's own script, so its counter follows
        box.disabled = true;
      }
      var line = resultLine(row);
      var text = document.createElement("span");
      text.textContent = message;
      line.appendChild(text);
      document.querySelectorAll(".queue-undo-button").forEach(function (button) { button.remove(); });
      var banner = document.getElementById("queue-undo");
      if (banner) banner.remove(); // the no-JavaScript undo is for an older decision
      lastUndo = null;
      if (undoUrl) {
        var undo = document.createElement("button");
        undo.type = "button";
        undo.className = "button queue-undo-button";
        undo.textContent = table.dataset.undoLabel || "Undo";
        undo.addEventListener("click", function () { runUndo(); });
        line.appendChild(undo);
        lastUndo = {url: undoUrl, row: row};
      }
    }
    function reopen(row) {
      row.classList.remove("is-done");
      var line = row.querySelector(".queue-result");
      if (line) line.remove();
      var box = row.querySelector("input.action-select");
      if (box) box.disabled = false;
      if (pageDone) pageDone.hidden = true;
    }

    function post(url, data) {
      return fetch(url, {
        method: "POST",
        body: data,
        headers: {"Accept": "application/json"},
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(
          function (json) { return {ok: response.ok, json: json}; },
          function () { throw new Error(String(response.status)); }
        );
      });
    }
    function failed(row) {
      var message = table.dataset.errorMessage || "That did not work. Reload the page and try again.";
      say(message);
      if (row) {
        row.classList.remove("is-busy");
        focusRow(row);
      }
    }

    function decide(form, submitter) {
      var row = document.getElementById(form.dataset.row);
      var data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
      row.classList.add("is-busy");
      post(form.action, data).then(function (result) {
        row.classList.remove("is-busy");
        say(result.json.message);
        if (result.ok && result.json.changed !== false) {
          markDone(row, result.json.message, result.json.undo_url);
          afterDone(row);
        } else if (result.ok) {
          markDone(row, result.json.message, null);
          afterDone(row);
        } else {
          focusRow(row);
        }
      }).catch(function () { failed(row); });
    }

    function reply(form) {
      var row = document.getElementById(form.dataset.row);
      var error = row.querySelector(".queue-reply-error");
      var data = new FormData(form);
      row.classList.add("is-busy");
      post(form.action, data).then(function (result) {
        row.classList.remove("is-busy");
        if (result.ok) {
          say(result.json.message);
          markDone(row, result.json.message, null);
          afterDone(row);
        } else {
          error.textContent = result.json.message;
          error.hidden = false;
          row.querySelector("textarea").focus();
        }
      }).catch(function () { failed(row); });
    }

    function runUndo() {
      if (!lastUndo) {
        // A decision made before this page loaded (without the script) is undone by the
        // server's own form, as without JavaScript.
        var banner = document.querySelector("#queue-undo button");
        if (banner) banner.click();
        else say(table.dataset.nothingToUndo || "There is nothing to undo.");
        return;
      }
      var target = lastUndo;
      var form = document.getElementById("queue-undo-form");
      var data = new FormData(form);
      post(target.url, data).then(function (result) {
        say(result.json.message);
        lastUndo = null;
        document.querySelectorAll(".queue-undo-button").forEach(function (button) { button.remove(); });
        if (result.ok) {
          reopen(target.row);
          focusRow(target.row);
        }
      }).catch(function () { failed(null); });
    }

    // The rows' forms live outside the bulk-action form; their buttons name them.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.classList.contains("queue-decide-form")) {
        event.preventDefault();
        decide(form, event.submitter);
      } else if (form.classList.contains("queue-reply-form")) {
        event.preventDefault();
        reply(form);
      } else if (form.id === "queue-undo-form" && lastUndo) {
        event.preventDefault();
        runUndo();
      }
    });

    // A reply being typed is not an unsaved change to the bulk-action form (the admin's
    // own script would otherwise warn before every bulk action).
    table.addEventListener("change", function (event) {
      if (event.target.tagName === "TEXTAREA") event.stopPropagation();
    }, true);

    function press(row, value) {
      var button = row.querySelector('button[name="decision"][value="' + value + '"]');
      if (!button) {
        say(table.dataset.notOffered || "That action does not apply to this comment.");
        return;
      }
      button.click(); // submits the row's form, with this button as the submitter
    }
    function openReply(row) {
      var details = row.querySelector("details.queue-reply");
      if (!details) {
        say(table.dataset.notOffered || "That action does not apply to this comment.");
        return;
      }
      details.open = true;
      details.querySelector("textarea").focus();
    }

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
        var field = event.target;
        // Ctrl+Enter (Cmd+Enter) sends a reply.
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.form
            && field.form.classList.contains("queue-reply-form")) {
          event.preventDefault();
          var send = document.querySelector('button[form="' + field.form.id + '"]');
          if (send) send.click();
        }
        return;
      }
      var target = event.target;
      if (isTyping(target)) {
        var open = target.closest && target.closest("details.queue-reply");
        if (event.key === "Escape" && open) {
          open.open = false;
          focusRow(open.closest("tr.queue-row"));
        }
        return;
      }
      if (dialog && dialog.open) return; // the dialog closes itself on Escape
      var key = event.key;
      if (key === "?") {
        if (dialog && dialog.showModal) dialog.showModal();
      } else if (key === "j") {
        move(1);
      } else if (key === "k") {
        move(-1);
      } else if (key === "u") {
        runUndo();
      } else if ("asdrx".indexOf(key) !== -1 && key.length === 1) {
        var row = currentRow();
        if (!row || row.classList.contains("is-done")) {
          // Nothing highlighted yet: highlight a comment first, act on the next key press.
          move(1);
          event.preventDefault();
          return;
        }
        if (key === "a") press(row, "approve");
        else if (key === "s") press(row, "spam");
        else if (key === "d") press(row, "reject");
        else if (key === "r") openReply(row);
        else if (key === "x") {
          var box = row.querySelector("input.action-select");
          if (box && !box.disabled) box.click();
        }
      } else {
        return;
      }
      event.preventDefault();
    });

    // Back from a decision without JavaScript (…#queue-row-N), or a fresh page: the keys
    // start from that row.
    var start = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (start && start.classList.contains("queue-row")) focusRow(start);
  });
})();
